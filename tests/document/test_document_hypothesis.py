"""Property tests: parsing never crashes and every offset slices back to its node's text."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beleidslens.document import Document, NodeKind
from beleidslens.document.sentences import split_sentences
from beleidslens.errors import IngestError
from beleidslens.ingest import parse_text

# Pieces that exercise the heuristics: headings, bullets, page-break lines, hyphens, tables.
PIECES = st.sampled_from(
    [
        " Inleiding ",
        " 1. Wonen en klimaat ",
        "Betaalbaar wonen ",
        "• We bouwen woningen op EU-",
        "niveau en in de regio. ",
        "armoede- ",
        "en schuldenaanpak. ",
        "Onderwerpen 2022 2023 2024 2025 Struc ",
        "a. Wonen 1.803 5.014 6.071 6.138 2.011 ",
        "Er komt € 1,5 mld. per jaar bij, o.a. voor J.P. Balkenende.  ",
        " woningen in de wijk. Dit volgt uit art. 23.  ",
        "",
        "",
        " ",
        "\f",
        "# Kop",
        "## Subkop",
        "- lijstje",
        "1. genummerd",
        "| a | 1,0 |",
        "|---|---|",
        "```",
    ]
)
LINES = st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=40)


def _check(doc: Document) -> None:
    doc.check()  # offsets slice to text; children inside parents
    text = doc.text
    for node in doc.walk():
        assert text[node.start : node.end] == node.text
        if node.kind.is_block:
            for child in node.children:
                assert child.kind is NodeKind.SENTENCE
                assert node.start <= child.start < child.end <= node.end
        if node.kind is NodeKind.SENTENCE:
            assert node.text == node.text.strip() and node.text
    blocks = doc.blocks()
    for a, b in pairwise(blocks):
        assert a.end <= b.start
    ids = [n.id for n in doc.walk()]
    assert len(ids) == len(set(ids))
    assert Document.from_dict(doc.to_dict()).text == text


def _parse(text: str, fmt: str) -> Document | None:
    try:
        return parse_text(text, fmt=fmt)
    except IngestError as exc:
        assert "no text" in str(exc)
        assert not any(ch.isalnum() for ch in text) or fmt == "md"
        return None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_arbitrary_text_never_crashes(text: str) -> None:
    for fmt in ("txt", "md"):
        doc = _parse(text, fmt)
        if doc is not None:
            _check(doc)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_structured_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    for fmt in ("txt", "md"):
        doc = _parse(text, fmt)
        if doc is not None:
            _check(doc)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_sentence_spans(text: str) -> None:
    spans = split_sentences(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        last = e
    # nothing but whitespace is left out
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())
