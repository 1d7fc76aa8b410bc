"""PDF ingestion over the real PDFs in ../shared/corpus: structure properties only (no corpus
text is copied here). Each PDF is read once per test process."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from beleidslens.document import Document, NodeKind
from beleidslens.ingest import load_document
from beleidslens.ingest.pdf.outline import outline_agreement
from conftest import SHARED, shared_path

pytestmark = pytest.mark.corpus

M2025 = ("corpus", "nl-manifestos-2025-pdf-zweefhulp")
M2023 = ("corpus", "nl-manifestos-2023-vanatteveldt")
AGREEMENT = ("corpus", "coalitieakkoord-2021-favstats", "coalitieakkoord-2021-2025.pdf")
SPACED = re.compile(r"(?<!\S)(?:[^\W\d_] ){3,}[^\W\d_](?!\S)")
LEADERS = re.compile(r"(?:\.{3,}|…{2,})\s*\d{1,3}$")
PAGE_END = re.compile(r"\s(\d{1,3})$")


def _names() -> list[tuple[str, ...]]:
    found = [
        (*folder, p.name)
        for folder in (M2025, M2023)
        for p in sorted(SHARED.joinpath(*folder).glob("*.pdf"))
    ]
    return [*found, AGREEMENT] if found else [(*M2025, "missing.pdf")]


@cache
def _doc(*parts: str) -> Document:
    return load_document(shared_path(*parts))


def _headings(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks() if b.kind is NodeKind.HEADING]


@pytest.mark.parametrize("parts", _names(), ids=lambda p: Path(p[-1]).stem[:30])
def test_every_corpus_pdf(parts: tuple[str, ...]) -> None:
    doc = _doc(*parts)
    doc.check()
    # where the PDF has an outline, the chapters found agree with it
    agreement = outline_agreement(shared_path(*parts).read_bytes(), doc)
    if agreement.chapters >= 3:
        assert agreement.chapters_found >= 0.8 * agreement.chapters, agreement.missing
    # no chapter holds most of the document
    chapters = doc.chapters()
    if len(chapters) >= 2:
        largest = max(len(c.text) for c in chapters)
        assert largest < 0.5 * len(doc.text), [c.title for c in chapters]
    headings = _headings(doc)
    # no table-of-contents line, running header/footer or footnote is a heading: no dot
    # leaders, and no heading near the front ending in the number of a later page
    assert not [h for h in headings if LEADERS.search(h)]
    front = Counter(
        b.page
        for b in doc.blocks()
        if b.kind is NodeKind.HEADING
        and (b.page or 0) <= 6
        and (m := PAGE_END.search(b.text))
        and int(m.group(1)) > (b.page or 0) + 2
    )
    assert not [page for page, n in front.items() if n >= 2]  # a table of contents has many
    pages = doc.source.page_count or 1
    recurring = [h for h, n in Counter(headings).items() if n > max(3, 0.2 * pages)]
    assert not recurring
    assert not [h for h in headings if re.match(r"^\d{1,3}\s+(?:[a-z]|https?:|www\.)", h)]
    # no letter-spaced word survives
    assert not SPACED.findall(doc.text)


def test_gl_pvda_2025_toc_lines_are_no_chapters() -> None:
    doc = _doc(*M2025, "Conceptverkiezingsprogramma-GroenLinks-PvdA-2025.pdf")
    titles = [c.title or "" for c in doc.chapters()]
    assert len(titles) >= 8
    assert not [t for t in titles if re.search(r"\s\d{1,3}$", t)]
    assert max(len(c.text) for c in doc.chapters()) < 0.4 * len(doc.text)


def test_cda_2025_intros_and_sections() -> None:
    doc = _doc(*M2025, "CDA-Verkiezingsprogramma-TK2025-Digitaal-DEFINHOUD.pdf")
    numbered = [c for c in doc.chapters() if re.match(r"\d{1,2}\. ", c.title or "")]
    assert [int((c.title or "").split(".")[0]) for c in numbered] == list(range(1, 13))
    for chapter in numbered:
        # the chapter's introduction is in the chapter: text right after its heading
        blocks = [n for n in chapter.children if n.kind.is_block]
        assert blocks[0].kind is NodeKind.HEADING
        assert blocks[1].kind in (NodeKind.PARAGRAPH, NodeKind.BULLET), chapter.title
    sections = [s.title or "" for s in doc.iter(NodeKind.SECTION)]
    for number in ("1.1", "1.5", "11.5"):
        assert any(s.startswith(number + " ") for s in sections), number
    glued = re.compile(r"\d \d{1,2}\.\d{1,2} [A-Z]")
    assert not [b.text for b in doc.blocks() if glued.search(b.text)]


def test_ja21_2025_bullet_glyphs_and_letter_spacing() -> None:
    doc = _doc(*M2025, "Verkiezingsprogramma_TK_25_A4_v15.pdf")
    assert not [c.title for c in doc.chapters() if re.match(r"\d\s", c.title or "")]
    assert not SPACED.findall(doc.text)
    bullets = [b for b in doc.blocks() if b.kind is NodeKind.BULLET]
    assert len(bullets) >= 100
    assert not [b.text for b in doc.blocks() if re.match(r"4 [A-Z]", b.text)]


def test_d66_titles_without_running_header_and_all_sections() -> None:
    doc = _doc(*M2025, "D66-Concept-verkiezingsprogramma-2025-2030.pdf")
    nodes = [n for n in doc.walk() if n.kind in (NodeKind.CHAPTER, NodeKind.SECTION)]
    titles = [n.title or "" for n in nodes]
    running = re.compile(r"verkiezingsprogramma\s+20\d\d", re.I)
    assert not [n.title for n in nodes if (n.page or 0) > 1 and running.search(n.title or "")]
    numbered = {m.group(1) for t in titles if (m := re.match(r"(\d\.\d)\.? ", t))}
    for number in ("1.4", "3.3"):
        assert number in numbered
    chapters = [c.title or "" for c in doc.chapters() if (c.title or "").startswith("Hoofdstuk")]
    assert len(chapters) == 8 and all(": " in t for t in chapters), chapters


def test_pvv_2025_hyphenation_and_one_line_commitments() -> None:
    doc = _doc(*M2025, "PVV_Programma_Digi_2025.pdf")
    words = Counter(re.findall(r"\b[^\W\d_]+\b", doc.text.casefold()))
    broken = [
        m.group(0)
        for m in re.finditer(r"\b([a-z]{2,})-([a-z]{2,})\b", doc.text)
        if words[m.group(1) + m.group(2)] >= 1
    ]
    assert len(broken) <= 2, broken  # a word broken over two lines is joined again
    # the one-line commitments after a lead-in are list items, each its own block
    bullets = [b for b in doc.blocks() if b.kind is NodeKind.BULLET]
    assert len(bullets) >= 150
    assert sum(1 for b in bullets if len(b.text.split()) <= 12) >= 80


def test_printed_page_numbers_beside_physical_pages() -> None:
    denk = _doc(*M2025, "Verkiezingsprogramma-DENK-2025.pdf")  # /PageLabels: i, ii, 1, …
    assert denk.page_label(1) == "i" and denk.page_label(3) == "1"
    ja21 = _doc(*M2025, "Verkiezingsprogramma_TK_25_A4_v15.pdf")  # "JA21 … 2025 10" footers
    assert ja21.page_label(10) == "10" and len(ja21.page_labels) >= 50
    agreement = _doc(*AGREEMENT)  # numbers printed in the footer, from the fourth sheet
    assert agreement.page_label(48) == "45"
    chapter = next(c for c in agreement.chapters() if (c.title or "").startswith("2. "))
    assert chapter.page == 9 and agreement.page_label(chapter.page) == "6"
    block = next(b for b in agreement.blocks() if b.page == 48)
    location = agreement.location(block.start, block.end, block)
    assert (location.page, location.page_label) == (48, "45")  # as analysis JSON carries it
    data = agreement.to_dict()
    assert data["page_labels"]["48"] == "45"
    assert Document.from_dict(data).page_labels == agreement.page_labels


def test_agreement_annex_tables_from_pdf_geometry() -> None:
    """The financial overview from the PDF: its unit from the header ("in mln."), and every
    row that the pasted text also has (one row of that label there) holds the same amounts,
    blank cells in the same columns."""
    from beleidslens.extract.document import find_document_tables

    def key(label: str) -> str:
        return re.sub(r"\W+", "", label.casefold())

    pasted = find_document_tables(_doc("corpus", "coalitieakkoord-2021-2025.txt"))
    counts = Counter(key(r.label) for t in pasted for r in t.rows)
    reference = {key(r.label): r for t in pasted for r in t.rows if counts[key(r.label)] == 1}
    tables = find_document_tables(_doc(*AGREEMENT))
    overview = next(t for t in tables if len(t.rows) >= 20)
    assert overview.unit is not None and overview.unit.startswith("mln")
    assert overview.columns[:4] == ["2022", "2023", "2024", "2025"]
    matched = [(r, reference[key(r.label)]) for r in overview.rows if key(r.label) in reference]
    assert len(matched) >= 20
    assert [r.label for r, ref in matched if r.values != ref.values] == []
    assert any(None in r.values for r, _ in matched)  # rows with blank cells are among them


def test_commitments_set_as_headings_are_candidate_passages() -> None:
    from beleidslens.analysis.options import AnalysisOptions
    from beleidslens.analysis.passages import sentence_units

    doc = _doc(*M2025, "20250925_Programma_BIJ1_Losse-Pagina-2.pdf")
    statements = [b for b in doc.blocks() if b.kind is NodeKind.HEADING and b.children]
    assert len(statements) >= 20
    assert all(b.children[0].kind is NodeKind.SENTENCE for b in statements)
    units = sentence_units(doc, AnalysisOptions())
    from_headings = {u.block.id for u in units if u.block.kind is NodeKind.HEADING}
    assert len(from_headings) >= 20
    # a heading that is no sentence stays out of the candidates
    assert all(
        b.id not in from_headings
        for b in doc.blocks()
        if b.kind is NodeKind.HEADING and not b.children
    )
