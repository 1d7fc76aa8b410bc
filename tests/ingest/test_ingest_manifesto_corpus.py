"""Properties of the real manifesto texts in ../shared/corpus after ingestion (no corpus text
is copied here: the assertions are about structure only)."""

from __future__ import annotations

import re

import pytest

from beleidslens.document import NodeKind
from beleidslens.ingest import load_document
from conftest import shared_path

pytestmark = pytest.mark.corpus

M2025 = ("corpus", "nl-manifestos-2025-pdf-zweefhulp")
M2023 = ("corpus", "nl-manifestos-2023-vanatteveldt")
MARKER = re.compile(r"^===== \[page (\d+)\] =====$", re.M)


def _marked_pages(path) -> set[int]:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    pages = re.split(MARKER, text)
    # pages: [before, n1, body1, n2, body2, …]; pages with text
    return {int(n) for n, body in zip(pages[1::2], pages[2::2], strict=True) if body.strip()}


@pytest.mark.parametrize(
    "name",
    [
        "D66-Concept-verkiezingsprogramma-2025-2030.txt",
        "CDA-Verkiezingsprogramma-TK2025-Digitaal-DEFINHOUD.txt",
        "CU_Verkiezingsprogramma_2025.txt",
    ],
)
def test_every_marked_page_has_its_number(name: str) -> None:
    path = shared_path(*M2025, name)
    doc = load_document(path)
    doc.check()
    assert doc.first_page is not None
    assert all(b.page is not None for b in doc.blocks())
    assert "===== [page" not in doc.text
    found = {b.page for b in doc.blocks()} | {s.page for s in doc.sentences()}
    marked = _marked_pages(path)
    assert len(found & marked) >= 0.8 * len(marked)
    assert found <= marked | {min(marked)}


def test_running_headers_are_no_headings() -> None:
    doc = load_document(shared_path(*M2025, "D66-Concept-verkiezingsprogramma-2025-2030.txt"))
    headings = [b.text for b in doc.blocks() if b.kind is NodeKind.HEADING]
    assert len(headings) < 0.25 * len(doc.blocks())
    repeated = {h for h in headings if headings.count(h) > 3}
    assert not repeated, repeated


def test_table_of_contents_lines_are_no_chapters() -> None:
    doc = load_document(shared_path(*M2025, "D66-Concept-verkiezingsprogramma-2025-2030.txt"))
    titles = [n.title or "" for n in doc.walk() if n.kind is NodeKind.CHAPTER]
    toc_like = [t for t in titles if re.search(r"\s\d{1,3}$", t) and not t.startswith("Hoofdstuk")]
    assert not toc_like, titles
    numbered = [
        n for n in doc.walk() if n.kind is NodeKind.SECTION and re.match(r"\d\.\d", n.title or "")
    ]
    assert len(numbered) >= 20
    # a numbered section sits in the chapter named by its first number, or a chapter heading
    # that is not numbered
    assert not any(re.match(r"\d+ [a-z]", n.title or "") for n in doc.walk() if n.title)


def test_soft_hyphenated_manifesto_is_joined() -> None:
    doc = load_document(shared_path(*M2023, "Verkiezingsprogramma JA21_TK_23.txt"))
    broken = re.findall(r"\b[a-z]{1,4}-[a-z]{2,}\b", doc.text)
    assert len(broken) < 40  # the raw text has hundreds of broken words


def test_agreement_keeps_its_chapters_and_hyphens(agreement_path) -> None:  # type: ignore[no-untyped-def]
    doc = load_document(agreement_path)
    chapters = [n.title or "" for n in doc.walk() if n.kind is NodeKind.CHAPTER]
    assert [t for t in chapters if re.match(r"\d\. ", t)] == [
        t for t in chapters if re.match(r"[1-7]\. ", t)
    ]
    assert len([t for t in chapters if re.match(r"[1-7]\. ", t)]) == 7
    assert "EU-niveau" in doc.text or "EU-" in doc.text


@pytest.mark.parametrize("collection", [M2025, M2023, ("corpus", "nl-manifestos-txt-wouterbakker")])
def test_offsets_slice_exactly_on_every_file(collection: tuple[str, str]) -> None:
    folder = shared_path(*collection)
    for path in sorted(folder.glob("*.txt")):
        try:
            doc = load_document(path)
        except Exception as exc:
            assert "binary" in str(exc), path
            continue
        doc.check()
