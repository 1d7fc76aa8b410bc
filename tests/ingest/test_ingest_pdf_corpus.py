"""PDF ingestion over the real PDFs in ../shared/corpus: structure properties only (no corpus
text is copied here). Each PDF is read once per test process."""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

import pytest

from beleidslens.document import Document, NodeKind
from beleidslens.extract.model import TableRow
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
        assert agreement.chapters_found == agreement.chapters, agreement.missing
        assert agreement.sections_found == agreement.sections
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


_TOC_ENTRY = re.compile(r"^(?P<t>.*?[^\W\d_].*?)(?:\s*(?:\.{3,}|…+))?\s+(?P<n>\d{1,3})$")
_NUMBERING = re.compile(r"^(?:hoofdstuk\s+)?\d{1,2}[.:]?\s*[:.]?\s*", re.IGNORECASE)


def _contents(doc: Document) -> list[tuple[str, int]]:
    """The entries of the printed table of contents (a front page with four or more lines
    ending in non-decreasing page numbers): (title, printed page)."""
    by_page: dict[int, list[tuple[str, int]]] = {}
    for block in doc.blocks():
        if (block.page or 99) > 8:
            break
        if m := _TOC_ENTRY.match(block.text.strip()):
            by_page.setdefault(block.page or 0, []).append((m.group("t"), int(m.group("n"))))
    out: list[tuple[str, int]] = []
    for entries in by_page.values():
        numbers = [n for _, n in entries]
        if len(entries) >= 4 and numbers == sorted(numbers):
            out += [(t, n) for t, n in entries if len(t) > 3]
    return out


def _key(title: str) -> str:
    from beleidslens.ingest.pdf.outline import norm

    return norm(_NUMBERING.sub("", title.strip()))


@pytest.mark.parametrize("parts", _names(), ids=lambda p: Path(p[-1]).stem[:30])
def test_contents_page_entries_are_headings(parts: tuple[str, ...]) -> None:
    """Where a PDF has no outline but prints a table of contents, its entries are chapters or
    sections on the printed page they name (numbering aside, the page number ±1)."""
    doc = _doc(*parts)
    if outline_agreement(shared_path(*parts).read_bytes(), doc).chapters >= 3:
        return  # the outline is the reference (test_every_corpus_pdf)
    entries = _contents(doc)
    if not entries:
        return
    heads = [
        (_key(n.title or ""), doc.page_label(n.page) or str(n.page))
        for n in doc.walk()
        if n.kind in (NodeKind.CHAPTER, NodeKind.SECTION) and n.page
    ]

    def found(title: str, number: int) -> bool:
        a = _key(title)
        return any(
            a == b or (min(len(a), len(b)) >= 6 and (a.startswith(b) or b.startswith(a)))
            for b, label in heads
            if any(abs(int(x) - number) <= 1 for x in re.findall(r"\d+", label))
        )

    missing = [t for t, n in entries if not found(t, n)]
    assert len(missing) <= 0.1 * len(entries), missing


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


def _mton(row: TableRow) -> tuple[float | None, float | None]:
    return row.mton_low, row.mton_high


def _run_together(pasted: TableRow, pdf: TableRow) -> bool:
    """The pasted text ran two of the row's cells into one number: fewer cells there, the
    same digits in the same columns' order otherwise (a paste defect, not a placement)."""

    def digits(row: TableRow) -> str:
        return "".join(
            sorted(re.sub(r"\D", "", " ".join(f"{v:g}" for v in row.values if v is not None)))
        )

    filled = [sum(v is not None for v in r.values) for r in (pasted, pdf)]
    return filled[0] < filled[1] and digits(pasted) == digits(pdf)


def test_printed_page_numbers_of_spreads_and_line_numbered_pages() -> None:
    # spreads (two printed pages on one sheet, a single cover first): "2–3", "4–5", …
    cu = _doc(*M2025, "CU_Verkiezingsprogramma_2025.pdf")  # "5." bottom right of sheet 3
    assert (cu.page_label(1), cu.page_label(2), cu.page_label(27)) == ("1", "2–3", "52–53")
    cda = _doc(*M2023, "CDA_ontwerpverkiezingsprogramma 23-27.pdf")  # "16 17" on sheet 9
    assert (cda.page_label(3), cda.page_label(9)) == ("4–5", "16–17")
    assert len(cda.page_labels) == cda.source.page_count
    # a concept programme's margin line numbers (1…60 on every page) are no page numbers
    # and no text; its page numbers are the bare numbers in its footer
    sp = _doc(*M2025, "SP_Concept_Verkiezingsprogramma.pdf")
    assert sp.page_label(4) == "4" and len(sp.page_labels) == sp.source.page_count
    numbered = [c.title or "" for c in sp.chapters() if re.match(r"\d{1,2} ", c.title or "")]
    assert [int(t.split()[0]) for t in numbered] == list(range(1, 17))
    assert not [b.text for b in sp.blocks() if re.fullmatch(r"\d{1,2}", b.text)]
    # line numbers counted down the margin, read by pdfium as the start of the text line
    bij1 = _doc(*M2023, "BIJ1-Concept-Partijprogramma-Tweede-Kamer-2023.pdf")
    assert not [h for h in _headings(bij1) if re.match(r"\d{2,4} ", h)]
    assert sum(1 for b in bij1.blocks() if re.match(r"\d{1,4} [A-Za-z]", b.text)) <= 3
    # BVNL prints "Pagina N van M" on a few pages only, two labels over each other that
    # disagree by one: no printed numbers are guessed from them
    bvnl = _doc(*M2023, "Verkiezingsprogramma BVNL 2023.pdf")
    assert bvnl.page_labels == {}


def test_agreement_annex_tables_from_pdf_geometry() -> None:
    """Every row of every annex table (the financial overview and the climate tables) from
    the PDF holds the amounts the pasted text's row holds, in the same columns (blank cells
    alike) with the same Mton range, in the same order. Rows the PDF has beyond the pasted
    text are only group totals over a single item (the pasted text sets those groups as a
    title); a row whose cells the pasted text ran together, and a row that has a range in
    the pasted text where the PDF prints none, are counted: at most one each."""
    from beleidslens.extract.document import find_document_tables

    pasted_tables = find_document_tables(_doc("corpus", "coalitieakkoord-2021-2025.txt"))
    tables = find_document_tables(_doc(*AGREEMENT))
    overview = next(t for t in tables if len(t.rows) >= 20)
    assert overview.unit is not None and overview.unit.startswith("mln")
    assert overview.columns[:4] == ["2022", "2023", "2024", "2025"]
    climate = [t for t in tables if t.has_mton]
    assert climate and climate[0].columns[-1] == "Cum (2030)"
    pasted = [r for t in pasted_tables for r in t.rows]
    rows = [r for t in tables for r in t.rows]
    assert len(pasted) >= 70
    extra, run_together, differ, unprinted, marked = [], [], [], [], []
    marker = re.compile(r"^(\d{1,3}[a-z]?)\.?\s")
    matcher = SequenceMatcher(
        None, [tuple(r.values) for r in pasted], [tuple(r.values) for r in rows], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for ref, row in zip(pasted[i1:i2], rows[j1:j2], strict=True):
                if m := marker.match(ref.label):  # a numbered row keeps its number first
                    got = marker.match(row.label)
                    marked.append(ref.label if got is None or got[1] != m[1] else "")
                if _mton(ref) != _mton(row):  # the PDF prints no range the pasted text has
                    (unprinted if _mton(row) == (None, None) else differ).append(ref.label)
        if tag == "insert":  # only in the PDF: a group total beside its single item
            for j in range(j1, j2):
                twins = [rows[n].values for n in (j - 1, j + 1) if 0 <= n < len(rows)]
                (extra if rows[j].values in twins else differ).append(rows[j].label)
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for ref, row in zip(pasted[i1:i2], rows[j1:j2], strict=True):
                same = _run_together(ref, row) and _mton(ref) == _mton(row)
                (run_together if same else differ).append(ref.label)
        elif tag != "equal":
            differ += [r.label for r in pasted[i1:i2]] + [r.label for r in rows[j1:j2]]
    assert differ == []
    assert len(extra) <= 3 and len(run_together) <= 1, (extra, run_together)
    assert len(unprinted) <= 1, unprinted
    assert len(marked) >= 30 and [m for m in marked if m] == []
    assert any(None in r.values for r in rows)  # rows with blank cells are among them
    assert sum(r.mton_low is not None for r in rows) >= 30


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
