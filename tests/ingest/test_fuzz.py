"""Fuzz suite (Hypothesis, bounded): every ingester, the framework loader, the analysis JSON
reader and the expert-Markdown reader, fed generated and mutated input.

Each asserts: no exception other than the project's own (:class:`BeleidslensError`); for a
document that is read, every offset slices to its text and no sentence starts or ends with
whitespace (:meth:`Document.check`). Example counts are small so the whole file runs in well
under a minute on two workers; ``BELEIDSLENS_FUZZ_EXAMPLES`` raises them for a long run.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from functools import cache
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beleidslens.analysis import Analysis
from beleidslens.document import Document
from beleidslens.errors import BeleidslensError
from beleidslens.evaluate.gold import parse_expert_markdown
from beleidslens.evaluate.metrics import evaluate
from beleidslens.framework import builtin_frameworks, load_framework, parse_framework
from beleidslens.ingest.base import for_extension
from fixtures_analysis import make_analysis

SCALE = float(os.environ.get("BELEIDSLENS_FUZZ_EXAMPLES", "1"))


def fuzz(n: int) -> Any:
    return settings(
        max_examples=max(1, int(n * SCALE)),
        deadline=None,
        derandomize=SCALE == 1,  # the same examples every run in CI; a long run explores
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )


def read(ext: str, data: bytes) -> Document | None:
    ingester = for_extension(ext)
    assert ingester is not None
    try:
        doc = ingester.read_document(data, f"fuzz{ext}", max_bytes=1_000_000)
    except BeleidslensError as exc:
        assert "\n" not in str(exc)
        return None
    doc.check()
    return doc


def mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Apply (position, delete count, insertion) edits; positions wrap around the data."""
    out = bytearray(data)
    for pos, delete, insert in edits:
        at = pos % (len(out) + 1)
        out[at : at + delete] = insert
    return bytes(out)


EDITS = st.lists(
    st.tuples(st.integers(0, 10**6), st.integers(0, 8), st.binary(max_size=6)),
    min_size=1,
    max_size=6,
)
WORDS = st.sampled_from(
    [
        "Wonen",
        "1. Klimaat",
        "• We bouwen",
        "o.a. bijv.",
        "€ 1,5 mld.",
        "  ",
        "\t",
        "\n",
        "\n\n",
        "\f",
        "\u00a0",
        "\u200b",
        "\u2028",
        "\r",
        "| a | 1 |",
        "# Kop",
        "- punt",
        "NIET: iets",
        "\x00",
        "e\u0301",
        "ﬁ",
    ]
)
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=30)), max_size=40).map("".join)


# -- ingesters --------------------------------------------------------------------------
@fuzz(120)
@given(TEXT, st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252"]))
def test_text_and_markdown(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="replace")
    for ext in (".txt", ".md"):
        read(ext, data)


@fuzz(60)
@given(st.binary(max_size=3000))
def test_text_from_arbitrary_bytes(data: bytes) -> None:
    for ext in (".txt", ".md"):
        read(ext, data)


TAGS = st.sampled_from(["p", "h1", "h2", "li", "td", "div", "script", "nav", "table", "br"])
HTML = st.lists(st.tuples(TAGS, TEXT), max_size=25).map(
    lambda parts: (
        "<html><head><title>T</title></head><body><main>"
        + "".join(f"<{t}>{x}</{t}>" for t, x in parts)
        + "</main></body></html>"
    )
)


@fuzz(50)
@given(st.one_of(HTML, TEXT.map(lambda t: "<" + t)))
def test_html(page: str) -> None:
    read(".html", page.encode("utf-8", errors="replace"))


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
STYLE_IDS = st.sampled_from(["Heading1", "Heading3", "Title", "ListBullet", "Onbekend", ""])


def _xml_text(text: str) -> str:
    keep = "".join(c for c in text if c in "\t\n\r" or (c >= " " and c not in "\ufffe\uffff"))
    return keep.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _para(style: str, runs: list[str], numbered: bool) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    ppr += "<w:numPr/>" if numbered else ""
    body = "".join(
        f'<w:r><w:t xml:space="preserve">{_xml_text(r)}</w:t><w:tab/><w:br/></w:r>' for r in runs
    )
    return f"<w:p><w:pPr>{ppr}</w:pPr>{body}</w:p>"


PARAS = st.builds(_para, STYLE_IDS, st.lists(TEXT, max_size=3), st.booleans())
CELL = st.builds(
    lambda text, span, merge: (
        "<w:tc><w:tcPr>"
        + (f'<w:gridSpan w:val="{span}"/>' if span else "")
        + ("<w:vMerge/>" if merge == 1 else '<w:vMerge w:val="restart"/>' if merge == 2 else "")
        + f"</w:tcPr>{_para('', [text], False)}</w:tc>"
    ),
    TEXT,
    st.integers(0, 3),
    st.integers(0, 2),
)
TABLE = st.lists(st.lists(CELL, max_size=4).map("".join), max_size=4).map(
    lambda rows: "<w:tbl>" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>"
)
STYLES = (
    f'<?xml version="1.0"?><w:styles {_W}>'
    + "".join(
        f'<w:style w:type="paragraph" w:styleId="{i}"><w:name w:val="{n}"/></w:style>'
        for i, n in [("Heading1", "heading 1"), ("Heading3", "heading 3"), ("Title", "Title")]
    )
    + '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/></w:style>'
    + "</w:styles>"
)


def _docx(body: str, styles: bool) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document {_W}><w:body>{body}</w:body></w:document>',
        )
        if styles:
            zf.writestr("word/styles.xml", STYLES)
    return buf.getvalue()


@fuzz(80)
@given(st.lists(st.one_of(PARAS, TABLE), max_size=12).map("".join), st.booleans())
def test_docx_generated(body: str, styles: bool) -> None:
    read(".docx", _docx(body, styles))


@fuzz(50)
@given(st.lists(st.one_of(PARAS, TABLE), max_size=6).map("".join), EDITS)
def test_docx_mutated(body: str, edits: list[tuple[int, int, bytes]]) -> None:
    data = _docx(body, True)
    read(".docx", mutate(data, edits))
    # the same edits inside the XML, zipped again: well-formed or not, never a traceback
    read(".docx", _docx(mutate(body.encode(), edits).decode("utf-8", "replace"), True))


@cache
def _pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for page in range(3):
        c.drawString(72, 800, f"{page + 1}. Hoofdstuk over wonen")
        c.drawString(72, 780, "We bouwen meer huizen in elke gemeente.")
        c.showPage()
    c.save()
    return buf.getvalue()


@fuzz(60)
@given(EDITS)
def test_pdf_mutated(edits: list[tuple[int, int, bytes]]) -> None:
    read(".pdf", mutate(_pdf(), edits))


# -- framework loader --------------------------------------------------------------------
YAML_PIECES = st.sampled_from(
    ["id: x\n", "themes:\n", "  - id: t\n", "    label: L\n", "&a ", "*a", "<<: ", "[", "]",
     "{", "}", "? ", ": ", "- ", "!!python/object:os.system ", "!!binary ", "'", '"', "#",
     "\t", "\n", "    ", "1e999", "9" * 30, ".nan", "~"]
)  # fmt: skip
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def _framework(text: str) -> None:
    try:
        fw = parse_framework(text, "fuzz.yaml")
    except BeleidslensError as exc:
        assert "\n" not in str(exc)
        return
    assert fw.themes


@fuzz(150)
@given(st.lists(st.one_of(YAML_PIECES, st.text(max_size=10)), max_size=40).map("".join))
def test_framework_yaml_text(text: str) -> None:
    _framework(text)


@fuzz(60)
@given(JSONISH)
def test_framework_structures(data: Any) -> None:
    _framework(yaml.safe_dump(data))


@fuzz(60)
@given(st.sampled_from(sorted(builtin_frameworks())), EDITS)
def test_framework_mutated(name: str, edits: list[tuple[int, int, bytes]]) -> None:
    text = builtin_frameworks()[name].encode()
    _framework(mutate(text, edits).decode("utf-8", "replace"))


# -- analysis JSON reader ----------------------------------------------------------------
@cache
def _analysis_json() -> str:
    return make_analysis().to_json()


def _load_analysis(text: str) -> None:
    try:
        Analysis.from_json(text, "fuzz.json")
    except BeleidslensError as exc:
        assert "\n" not in str(exc)


@fuzz(100)
@given(EDITS)
def test_analysis_json_mutated(edits: list[tuple[int, int, bytes]]) -> None:
    _load_analysis(mutate(_analysis_json().encode(), edits).decode("utf-8", "replace"))


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


@fuzz(100)
@given(st.data(), JSONISH)
def test_analysis_json_field_replaced(data: st.DataObject, value: Any) -> None:
    doc = json.loads(_analysis_json())
    path = data.draw(st.sampled_from(_paths(doc)[1:]))
    node = doc
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    _load_analysis(json.dumps(doc))


# -- expert Markdown reader --------------------------------------------------------------
GOLD_LINES = st.sampled_from(
    ["# Analyse", "## Economische kwetsbaarheid", "Digitale kwetsbaarheid", "", "  ", "-",
     "- We investeren € 2 miljard per jaar extra in onderzoek en innovatie.",
     "• klimaatfonds van € 35 miljard", "  vervolg van de bullet (p. 3)", "NIET: buffers",
     "NIET:", "ONZEKER: adaptatie", "**Ecologische kwetsbaarheid**", "* ster", "\\* escaped",
     "Een inleidende zin met genoeg woorden om proza te zijn."]
)  # fmt: skip


@fuzz(120)
@given(st.lists(st.one_of(GOLD_LINES, st.text(max_size=30)), max_size=30))
def test_expert_markdown(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        gold = parse_expert_markdown(text, "fuzz.md")
        evaluate(make_analysis(), gold, _kwetsbaarheden())
    except BeleidslensError as exc:
        assert "\n" not in str(exc)


@cache
def _kwetsbaarheden() -> Any:
    return load_framework("kwetsbaarheden")


def test_fuzz_helpers_mutate() -> None:
    assert mutate(b"abc", [(1, 1, b"X")]) == b"aXc"
    assert mutate(b"", [(5, 3, b"Y")]) == b"Y"


@pytest.mark.parametrize("ext", [".txt", ".md", ".html", ".docx", ".pdf"])
def test_every_ingester_is_fuzzed(ext: str) -> None:
    assert for_extension(ext) is not None


def _patch_central(data: bytes, member: str, offset: int, value: bytes) -> bytes:
    """``data`` with ``value`` written at ``offset`` of ``member``'s central directory entry
    (4: version made by, 6: version needed, 8: flags, 10: compression method)."""
    out = bytearray(data)
    pos = out.find(b"PK\x01\x02")
    while pos != -1:
        name_len = int.from_bytes(out[pos + 28 : pos + 30], "little")
        if out[pos + 46 : pos + 46 + name_len] == member.encode():
            out[pos + offset : pos + offset + len(value)] = value
            return bytes(out)
        pos = out.find(b"PK\x01\x02", pos + 4)
    raise AssertionError(f"{member} not in the archive")


@pytest.mark.parametrize(
    ("member", "offset", "value", "message"),
    [
        ("word/styles.xml", 8, (0x1).to_bytes(2, "little"), "encrypted"),  # password required
        ("word/styles.xml", 10, (97).to_bytes(2, "little"), "compression"),  # WavPack
        ("word/document.xml", 6, (250).to_bytes(2, "little"), "zip file version"),
    ],
)
def test_docx_that_zipfile_cannot_open_is_one_line(
    member: str, offset: int, value: bytes, message: str
) -> None:
    """Archives zipfile refuses with RuntimeError or NotImplementedError (found by the fuzz
    suite with a newer Hypothesis) are a one-line IngestError naming the file."""
    from beleidslens.errors import IngestError

    data = _patch_central(
        _docx("<w:p><w:r><w:t>Tekst</w:t></w:r></w:p>", True), member, offset, value
    )
    ingester = for_extension(".docx")
    assert ingester is not None
    with pytest.raises(IngestError, match=message) as err:
        ingester.read_document(data, "kapot.docx", max_bytes=1_000_000)
    assert "kapot.docx" in str(err.value) and "\n" not in str(err.value)
