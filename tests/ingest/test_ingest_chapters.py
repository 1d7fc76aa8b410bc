"""Chapter openings in manifestos: ``Hoofdstuk N`` with its wrapped title on a page of its
own or at a page top, slogans on chapter pages, numbered sections under their chapter.

The sample texts are our own, written in the styles of the real files; the corpus tests at
the end assert structure only."""

from __future__ import annotations

import re

import pytest

from beleidslens.document import NodeKind
from beleidslens.ingest import load_document, parse_text
from beleidslens.ingest.pages import chapter_heading, chapter_openings
from conftest import shared_path

PARA = [
    "Wij willen dat iedereen kan meedoen in een land dat eerlijk is en waar mensen ",
    "elkaar helpen. Daarom kiezen wij voor goede scholen, betaalbare huizen en zorg ",
    "dichtbij huis.",
    "Dit is de tweede alinea, die direct na de eerste begint zonder een lege regel ",
    "ertussen. Ook deze alinea eindigt met een korte regel.",
]


def _page(number: int, *body: str) -> str:
    head = ["Samen vooruit, voor iedereen.", "Ontwerp-verkiezingsprogramma 2025-2029", str(number)]
    return "\n".join([f"===== [page {number}] =====", *head, *body]) + "\n\n"


def _chapter_page(number: int, chapter: int, title: list[str], *, before: bool) -> str:
    """A page announcing a chapter: the title wrapped over short lines, 'Hoofdstuk N' before
    or after it, and two slogan lines that only chapter pages carry."""
    slogan = ["Samen vooruit.", f"Programma 2025 {number}"]
    if before:
        return _page(number, f"Hoofdstuk {chapter}", *slogan, *title)
    return _page(number, *title, f"Hoofdstuk {chapter}", *slogan)


def _manifesto() -> str:
    pages = [
        _page(1, "Voorwoord", *PARA),
        _chapter_page(2, 1, ["Wonen ", "en werk"], before=True),
        _page(3, "Wonen en werk", *PARA, "1.1. Betaalbaar wonen", *PARA),
        _page(4, "1.2. Goed werk", *PARA),
        _chapter_page(5, 2, ["Zorg, ", "welzijn ", "en sport"], before=False),
        _page(6, "Zorg, welzijn en sport", *PARA, "2.1. Zorg dichtbij", *PARA),
        _page(7, "Sport in de buurt", *PARA, "2.2. Gezond leven", *PARA),
        _chapter_page(8, 3, ["Klimaat"], before=True),
        _page(9, "3.1. Schone energie", *PARA),
        _page(10, "3.2. Natuur", *PARA),
    ]
    return "".join(pages)


def test_chapter_page_is_one_chapter_heading_with_its_title() -> None:
    doc = parse_text(_manifesto())
    doc.check()
    chapters = [c for c in doc.root.children if c.kind is NodeKind.CHAPTER]
    titles = [c.title for c in chapters]
    assert titles == [
        "Voorwoord",
        "Hoofdstuk 1: Wonen en werk",
        "Hoofdstuk 2: Zorg, welzijn en sport",
        "Hoofdstuk 3: Klimaat",
    ]
    assert [c.page for c in chapters] == [1, 2, 5, 8]


def test_chapter_page_slogans_are_not_text() -> None:
    doc = parse_text(_manifesto())
    assert "Samen vooruit." not in doc.text.replace("Samen vooruit, voor", "")
    assert "Programma 2025" not in doc.text


def test_numbered_sections_sit_under_their_chapter() -> None:
    doc = parse_text(_manifesto())
    for chapter in (c for c in doc.root.children if c.kind is NodeKind.CHAPTER):
        number = re.match(r"Hoofdstuk (\d+)", chapter.title or "")
        for section in (s for s in chapter.children if s.kind is NodeKind.SECTION):
            sub = re.match(r"(\d+)\.\d+", section.title or "")
            if sub:
                assert number is not None and number.group(1) == sub.group(1), section.title
    sections = [s.heading_path for s in doc.walk() if s.kind is NodeKind.SECTION]
    assert ("Hoofdstuk 2: Zorg, welzijn en sport", "2.2. Gezond leven") in sections


def test_hoofdstuk_at_page_top_takes_its_wrapped_title() -> None:
    text = _page(1, "Inleiding", *PARA) + _page(
        2, " Hoofdstuk 4  ", "  SAMEN STERK IN ", " DE BUURT", *PARA
    )
    text += _page(3, *PARA) + _page(4, *PARA)
    doc = parse_text(text)
    doc.check()
    chapter = [c for c in doc.root.children if c.kind is NodeKind.CHAPTER][-1]
    assert chapter.title == "Hoofdstuk 4: SAMEN STERK IN DE BUURT"
    assert chapter.page == 2
    # the body after the title is running text, not part of the heading
    assert [b.kind for b in chapter.children][:2] == [NodeKind.HEADING, NodeKind.PARAGRAPH]
    assert chapter.children[1].text.startswith("Wij willen dat iedereen")


def test_hoofdstuk_mentioned_in_running_text_is_no_chapter() -> None:
    text = _page(1, "Inleiding", *PARA) + _page(
        2,
        "In het vorige deel, zie ook hoofdstuk 2 van ons programma, schreven wij over de ",
        "woningmarkt. Dat blijft zo.",
        *PARA,
    )
    text += _page(3, *PARA) + _page(4, *PARA)
    doc = parse_text(text)
    assert [c.title for c in doc.root.children if c.kind is NodeKind.CHAPTER] == ["Inleiding"]


def test_long_text_after_hoofdstuk_is_no_title() -> None:
    # a page of short lines only, but the 'title' is far too long to be one
    words = ["Een", "titel", "die", "veel", "te", "lang", "is", "om", "als", "titel"]
    title = [" ".join(words[:5]), " ".join(words[5:]), " ".join(words), "nog meer woorden hier"]
    pages, opened = chapter_openings(["Hoofdstuk 1\n" + "\n".join(title)])
    assert opened == set()
    assert pages == ["Hoofdstuk 1\n" + "\n".join(title)]


def test_chapter_heading_format() -> None:
    assert chapter_heading("3", "  Gezondheid \n en zorg ") == "Hoofdstuk 3: Gezondheid en zorg"
    assert chapter_heading("3", "") == "Hoofdstuk 3"


# -- the real manifestos (structure only) ---------------------------------------------------

M2025 = ("corpus", "nl-manifestos-2025-pdf-zweefhulp")
M2023 = ("corpus", "nl-manifestos-2023-vanatteveldt")


def _misplaced(doc) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(numbered N.M sections, those under a chapter not numbered N)."""
    total = bad = 0
    for chapter in (c for c in doc.root.children if c.kind is NodeKind.CHAPTER):
        number = re.match(r"^(?:hoofdstuk\s+)?(\d{1,2})\b", chapter.title or "", re.I)
        for section in (s for s in chapter.children if s.kind is NodeKind.SECTION):
            sub = re.match(r"^(\d{1,2})\.\d{1,2}", section.title or "")
            if sub:
                total += 1
                bad += not number or number.group(1) != sub.group(1)
    return total, bad


@pytest.mark.corpus
def test_d66_2025_chapters_and_their_sections() -> None:
    doc = load_document(shared_path(*M2025, "D66-Concept-verkiezingsprogramma-2025-2030.txt"))
    doc.check()
    hoofdstuk = [
        c
        for c in doc.root.children
        if c.kind is NodeKind.CHAPTER and (c.title or "").startswith("Hoofdstuk")
    ]
    assert [int(re.match(r"Hoofdstuk (\d+): \S", c.title or "").group(1)) for c in hoofdstuk] == [
        *range(1, 9)
    ]
    assert all(len((c.title or "").split()) >= 3 for c in hoofdstuk)
    total, bad = _misplaced(doc)
    assert total >= 20 and bad == 0
    five = next(c for c in hoofdstuk if (c.title or "").startswith("Hoofdstuk 5"))
    subs = [s.title for s in five.children if s.kind is NodeKind.SECTION]
    assert sum(1 for t in subs if (t or "").startswith("5.")) >= 3
    # the chapter pages' slogan lines are not text
    assert all(not b.text.startswith("Verkiezingsprogramma 2025 ") for b in doc.blocks())


@pytest.mark.corpus
def test_cu_2023_hoofdstuk_with_title_at_page_top() -> None:
    doc = load_document(
        shared_path(*M2023, "Conceptverkiezingsprogramma ChristenUnie 2023-2028.txt")
    )
    titles = [c.title or "" for c in doc.root.children if c.kind is NodeKind.CHAPTER]
    numbered = [t for t in titles if re.match(r"Hoofdstuk \d+: \S", t)]
    assert [t.split(":")[0] for t in numbered] == [f"Hoofdstuk {n}" for n in range(1, 6)]


def test_numbered_title_in_capitals_wrapped_after_a_comma_is_one_chapter() -> None:
    pages = [
        _page(1, "Voorwoord", *PARA),
        _page(2, *PARA, "1. STERKE WIJKEN,", "BETROKKEN BEWONERS"),
        _page(3, "1.1 Samen in de buurt", *PARA, "1.2 Veilig thuis", *PARA),
        _page(4, "2. GOED WERK,", "EERLIJK LOON", *PARA),
        _page(5, "2.1 Vast werk", *PARA),
    ]
    doc = parse_text("".join(pages))
    doc.check()
    chapters = [c for c in doc.root.children if c.kind is NodeKind.CHAPTER]
    assert [c.title for c in chapters][1:] == [
        "1. STERKE WIJKEN, BETROKKEN BEWONERS",
        "2. GOED WERK, EERLIJK LOON",
    ]
    assert _misplaced(doc) == (3, 0)


@pytest.mark.corpus
def test_cda_2025_numbered_capital_chapters_hold_their_sections() -> None:
    doc = load_document(
        shared_path(*M2025, "CDA-Verkiezingsprogramma-TK2025-Digitaal-DEFINHOUD.txt")
    )
    numbered = [
        c.title or ""
        for c in doc.root.children
        if c.kind is NodeKind.CHAPTER and re.match(r"\d+\. [A-Z]", c.title or "")
    ]
    assert [int(t.split(".")[0]) for t in numbered] == [*range(1, 13)]
    total, bad = _misplaced(doc)
    assert total >= 40 and bad == 0
