"""Plain text (PDF-pasted) and Markdown ingestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from beleidslens.document import Document, NodeKind
from beleidslens.ingest import load_document, parse_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# A small PDF-pasted text of our own: blank line after every line, page breaks shown as a
# line starting with a space directly after a non-blank line.
PASTED = "\n".join(
    [
        " Inleiding ",
        "",
        "Wij presenteren een akkoord voor een gemeente die dichtbij is en die luistert naar ",
        "",
        "inwoners. Dat vraagt om een overheid die betrouwbaar is.  ",
        "",
        "Daarom werken wij samen met inwoners, ondernemers en maatschappelijke organisaties aan ",
        "",
        "de plannen.  ",
        " 1. Wonen en klimaat ",
        "",
        "Betaalbaar wonen ",
        "",
        "• We bouwen 1.200 woningen en steunen gemeenten op EU-",
        "",
        "niveau. Het advies van de commissie-",
        "",
        "Borstlap nemen we over. Voor de armoede- ",
        "",
        "en schuldenaanpak is € 1,5 mld. per jaar beschikbaar.  ",
        "",
        "• We verlagen de uitstoot met 55% in 2030, o.a. door isolatie van ",
        " woningen in de wijk. Dit volgt uit art. 23 van de wet.  ",
        "",
        "Financieel overzicht, in mln. ",
        "",
        "Onderwerpen 2022 2023 2024 2025 Struc ",
        "",
        "a. Wonen 1.803 5.014 6.071 6.138 2.011 ",
        "",
        "Totaal 1,5 2,0 3,0 4,0 5,0 ",
    ]
)


def _check_tree(doc: Document) -> None:
    doc.check()
    for block in doc.blocks():
        if block.kind is not NodeKind.HEADING:
            assert block.children, block
        for sent in block.children:
            assert sent.kind is NodeKind.SENTENCE
            assert block.start <= sent.start < sent.end <= block.end


def test_pasted_structure() -> None:
    doc = parse_text(PASTED, name="akkoord.txt")
    _check_tree(doc)
    chapters = doc.chapters()
    assert [c.title for c in chapters] == ["Inleiding", "1. Wonen en klimaat"]
    sections = list(doc.iter(NodeKind.SECTION))
    assert [s.title for s in sections] == ["Betaalbaar wonen", "Financieel overzicht, in mln."]
    assert [s.id for s in sections] == ["c2.s1", "c2.s2"]
    assert [c.id for c in chapters] == ["c1", "c2"]
    paragraphs = list(doc.iter(NodeKind.PARAGRAPH))
    assert len(paragraphs) == 2
    assert paragraphs[0].text.startswith("Wij presenteren")
    assert paragraphs[0].text.endswith("betrouwbaar is.")
    bullets = list(doc.iter(NodeKind.BULLET))
    assert len(bullets) == 2
    assert "EU-niveau" in bullets[0].text
    assert "commissie-Borstlap" in bullets[0].text
    assert "armoede- en schuldenaanpak" in bullets[0].text
    # the second bullet runs across a page break mid-sentence
    assert "isolatie van woningen in de wijk" in bullets[1].text
    rows = list(doc.iter(NodeKind.TABLE_ROW))
    assert [r.text.split()[0] for r in rows] == ["Onderwerpen", "a.", "Totaal"]


def test_pasted_pages() -> None:
    doc = parse_text(PASTED)
    assert doc.first_page == 1
    chapters = doc.chapters()
    assert chapters[0].page == 1
    assert chapters[1].page == 2
    bullets = list(doc.iter(NodeKind.BULLET))
    assert bullets[1].page == 2
    assert doc.page_at(bullets[1].end - 1) == 3
    assert doc.source.page_count == 3
    assert parse_text(PASTED, first_page=5).chapters()[1].page == 6


def test_ids_and_heading_paths() -> None:
    doc = parse_text(PASTED)
    blocks = doc.blocks()
    assert [b.id for b in blocks] == [f"b{i}" for i in range(1, len(blocks) + 1)]
    sents = doc.sentences()
    assert [s.id for s in sents] == [f"s{i}" for i in range(1, len(sents) + 1)]
    bullet = next(doc.iter(NodeKind.BULLET))
    assert bullet.heading_path == ("1. Wonen en klimaat", "Betaalbaar wonen")
    assert bullet.section == "1. Wonen en klimaat › Betaalbaar wonen"
    heading = next(b for b in blocks if b.text == "Betaalbaar wonen")
    assert heading.kind is NodeKind.HEADING and heading.level == 2
    assert heading.heading_path == ("1. Wonen en klimaat", "Betaalbaar wonen")
    assert heading.children == []
    assert doc.node("c2.s1").title == "Betaalbaar wonen"


def test_sentences_in_pasted_text() -> None:
    doc = parse_text(PASTED)
    texts = [s.text for s in doc.sentences()]
    assert "Voor de armoede- en schuldenaanpak is € 1,5 mld. per jaar beschikbaar." in texts
    assert any(t.startswith("We verlagen de uitstoot met 55% in 2030, o.a. door") for t in texts)
    assert "Dit volgt uit art. 23 van de wet." in texts


def test_normalized_text_layout() -> None:
    doc = parse_text(PASTED)
    assert "\n\n• We bouwen" in doc.text
    assert "  " not in doc.text
    assert not any(line != line.strip() for line in doc.text.split("\n"))


def test_generic_text_has_no_pages() -> None:
    text = "Titel van de nota\n\nDit is de eerste alinea.\nZe loopt door op een tweede regel.\n\nTweede alinea hier.\n"
    doc = parse_text(text)
    doc.check()
    assert doc.first_page is None
    assert all(n.page is None for n in doc.walk())
    paragraphs = list(doc.iter(NodeKind.PARAGRAPH))
    assert paragraphs[0].text == "Dit is de eerste alinea. Ze loopt door op een tweede regel."
    assert len(paragraphs) == 2


def test_form_feed_pages() -> None:
    doc = parse_text("Eerste pagina tekst.\f\nTweede pagina tekst.\f\nDerde.")
    assert doc.first_page == 1
    assert [b.page for b in doc.blocks()] == [1, 2, 3]


def test_markdown() -> None:
    md = (
        "# Akkoord\n\n## Wonen\n\nWe bouwen woningen.\nOok voor starters.\n\n"
        "### Huur\n\n- Huren worden betaalbaar.\n- Er komt een\n  huurteam.\n1. Eerste punt\n\n"
        "| Onderwerp | 2022 | 2023 |\n|---|---|---|\n| Wonen | 1,0 | 2,0 |\n\n## Zorg\n\nMeer zorg.\n"
    )
    doc = parse_text(md, name="a.md", fmt="md")
    _check_tree(doc)
    assert doc.source.title == "Akkoord"
    assert [c.title for c in doc.chapters()] == ["Akkoord", "Wonen", "Zorg"]
    assert [s.title for s in doc.iter(NodeKind.SECTION)] == ["Huur"]
    bullets = list(doc.iter(NodeKind.BULLET))
    assert [b.text for b in bullets] == [
        "Huren worden betaalbaar.",
        "Er komt een huurteam.",
        "Eerste punt",
    ]
    assert next(doc.iter(NodeKind.PARAGRAPH)).text == "We bouwen woningen. Ook voor starters."
    rows = list(doc.iter(NodeKind.TABLE_ROW))
    assert [r.text for r in rows] == ["Onderwerp | 2022 | 2023", "Wonen | 1,0 | 2,0"]
    assert doc.first_page is None


def test_markdown_levels_without_title() -> None:
    doc = parse_text("## A\n\ntekst.\n\n### B\n\nmeer.\n", fmt="md")
    assert [c.title for c in doc.chapters()] == ["A"]
    assert [s.title for s in doc.iter(NodeKind.SECTION)] == ["B"]


@pytest.mark.parametrize("name", ["voorbeeldakkoord.txt", "voorbeeldakkoord.md"])
def test_examples(name: str) -> None:
    doc = load_document(EXAMPLES / name)
    _check_tree(doc)
    titles = [c.title for c in doc.chapters()]
    assert "1. Wonen en leefomgeving" in titles
    assert "Bijlage: financiën" in titles
    assert len(list(doc.iter(NodeKind.TABLE_ROW))) >= 5
    assert "EU-niveau" in doc.text and "commissie-Verbeek" in doc.text
    assert "armoede- en schuldenaanpak" in doc.text
    assert "55% minder CO2-uitstoot in 2030" in doc.text
    if name.endswith(".txt"):
        assert doc.first_page == 1 and len(doc.page_starts) >= 5


def test_json_round_trip() -> None:
    doc = parse_text(PASTED)
    again = Document.from_dict(doc.to_dict())
    again.check()
    assert [n.id for n in again.walk()] == [n.id for n in doc.walk()]
    assert again.page_starts == doc.page_starts


@pytest.mark.corpus
def test_agreement_2021(agreement_path: Path) -> None:
    doc = load_document(agreement_path)
    _check_tree(doc)
    titles = [c.title for c in doc.chapters()]
    assert titles[0] == "Inleiding"
    numbered = [t for t in titles if t[0].isdigit()]
    assert [t.split(".")[0] for t in numbered] == [str(i) for i in range(1, 8)]
    assert titles[-1].startswith("Bijlage")
    sections = {s.title for s in doc.iter(NodeKind.SECTION)}
    for expected in (
        "Klimaat en energie",
        "Arbeidsmarkt en inkomen",
        "Energiemix",
        "Digitalisering",
        "Integratie en Inburgering",
        "Toelichting",
    ):
        assert expected in sections
    klimaat = next(s for s in doc.iter(NodeKind.SECTION) if s.title == "Klimaat en energie")
    assert klimaat.heading_path == ("2. Duurzaam land", "Klimaat en energie")
    for word in ("EU-niveau", "commissie-Borstlap", "armoede- en schuldenaanpak"):
        assert word in doc.text
    # no heading inside the running text of chapters 1-7 looks like a sentence
    for block in doc.iter(NodeKind.HEADING):
        assert not block.text.endswith((".", ","))
    assert doc.first_page == 1 and len(doc.page_starts) >= 40
    # no sentence ends in the middle of a word at a line end or page break
    for block in doc.blocks():
        if block.kind in (NodeKind.PARAGRAPH, NodeKind.BULLET):
            assert all(s.text[-1] in ".!?:;)”’\"'%" or s.text[-1].isalnum() for s in block.children)
    bullets = list(doc.iter(NodeKind.BULLET))
    assert len(bullets) > 300


def test_table_rows_keep_their_spacing() -> None:
    """Runs of spaces in a table row mark blank cells: the normalized text keeps them (a
    trailing run after the block's span), while other blocks are collapsed as before."""
    text = (
        "Het   college   begroot   als   volgt.\n"
        "\n"
        "Onderwerpen 2026 2027 2028 2029 Struc\n"
        "Schuldquote 40,1%\t41,0% 41,5% 42,0%   \n"
        "a. Fietsroutes 1 2   4 5 \n"
        "\n"
        "Daarna volgt gewone tekst.\n"
    )
    doc = parse_text(text, name="tabel.txt")
    doc.check()
    rows = list(doc.iter(NodeKind.TABLE_ROW))
    assert [r.text for r in rows] == [
        "Onderwerpen 2026 2027 2028 2029 Struc",
        "Schuldquote 40,1% 41,0% 41,5% 42,0%",
        "a. Fietsroutes 1 2   4 5",
    ]
    assert doc.text[rows[1].end : rows[2].start] == "   \n\n"  # trailing run kept
    assert doc.text[rows[2].end : rows[2].end + 2] == "\n\n"  # one trailing space is not
    assert rows[2].children[0].text == rows[2].text  # a table row is one sentence
    first = doc.blocks()[0]
    assert first.text == "Het college begroot als volgt."


def test_first_page_for_pasted_text() -> None:
    """``first_page`` numbers the pages of pasted text; without page breaks the whole text
    is on that page, with breaks the pages count on from it."""
    plain = "Wonen\n\nWe bouwen woningen voor starters.\n\nOok voor ouderen.\n"
    assert parse_text(plain).first_page is None  # no page breaks: pages unknown
    doc = parse_text(plain, first_page=12)
    doc.check()
    assert doc.first_page == 12 and doc.page_starts == []
    assert {n.page for n in doc.walk()} == {12}
    fed = parse_text("Eerste pagina met tekst.\f\nTweede pagina met tekst.\n", first_page=7)
    assert [b.page for b in fed.blocks()] == [7, 8]
    pasted = parse_text(PASTED, first_page=5)
    assert pasted.first_page == 5
    assert [c.page for c in pasted.chapters()] == [5, 6]
    assert parse_text("# Kop\n\nTekst hier.\n", fmt="md", first_page=3).first_page is None


def test_first_page_for_files(tmp_path: Path) -> None:
    from beleidslens.ingest.base import renumber_pages

    path = tmp_path / "uittreksel.txt"
    path.write_text("Wonen\n\nWe bouwen woningen voor starters.\n", encoding="utf-8")
    assert load_document(path).first_page is None
    doc = load_document(path, first_page=30)
    assert doc.first_page == 30 and doc.blocks()[1].page == 30
    renumber_pages(doc, 2)
    assert doc.first_page == 2 and {n.page for n in doc.walk()} == {2}
    md = tmp_path / "notitie.md"
    md.write_text("# Kop\n\nTekst hier.\n", encoding="utf-8")
    assert load_document(md, first_page=4).first_page is None


# A budget table as a PDF viewer pastes it: a label wrapped over lines of its own with the
# numbers on a later line, a group heading inside the table, and a row with one value set off
# by a run of spaces.
WRAPPED_TABLE = (
    "Het college maakt de volgende keuzes voor de komende jaren in de begroting.\n"
    "Meerjarenraming, in mln.\n"
    "Maatregel Bandbreedte Mton 2026 2027 2028 2029 Struc Cum (2030)\n"
    "Uitgaven\n"
    "1. Warmtenetten in de binnenstad (aanleg\n"
    "tweede fase) en de dorpen\n"
    "0,5 - 0,9\n"
    "4 8 12 0 50\n"
    "2. Isolatie van huurwoningen 0,1 - 0,2   1 2 3 4 5\n"
    "Streefwaarde schuldquote         -1,75%   \n"
    "1 Deze tabel is een eerste inschatting en wordt bij de voorjaarsnota bijgesteld.\n"
)


def test_wrapped_table_rows_are_table_rows() -> None:
    doc = parse_text(WRAPPED_TABLE, name="raming.txt")
    doc.check()
    kinds = [(b.kind, b.text) for b in doc.blocks()]
    assert (NodeKind.HEADING, "Uitgaven") in kinds  # a group heading stays a heading
    assert (
        NodeKind.TABLE_ROW,
        "1. Warmtenetten in de binnenstad (aanleg tweede fase) en de dorpen",
    ) in kinds
    assert (NodeKind.TABLE_ROW, "Streefwaarde schuldquote         -1,75%") in kinds
    assert kinds[-1][0] is NodeKind.PARAGRAPH  # the footnote is prose again
    # no part of the table is left as a paragraph (which analysis would quote as prose)
    paragraphs = [t for k, t in kinds if k is NodeKind.PARAGRAPH]
    assert len(paragraphs) == 2
    from beleidslens.extract import extract_money, find_tables

    from_doc = extract_money(doc).tables
    from_raw = find_tables(WRAPPED_TABLE)
    assert [[(r.label, r.values) for r in t.rows] for t in from_doc] == [
        [(r.label, r.values) for r in t.rows] for t in from_raw
    ]
    warmte = from_doc[0].row("Warmtenetten")
    assert warmte.values == [None, 4, 8, 12, 0, 50]
    assert from_doc[0].row("Streefwaarde").values == [None] * 4 + [-1.75, None]


def test_contents_line_after_a_table_is_not_a_row() -> None:
    """A single page number after a gap is not a table cell (tables of contents)."""
    text = (
        "Onderwerpen 2022 2023 2024 2025\n"
        "Wonen 1 2 3 4\n"
        "Recht voor allen  112\n"
        "Wij willen dat iedereen zijn recht kan halen bij een rechter in de buurt.\n"
    )
    doc = parse_text(text, name="inhoud.txt")
    assert [b.kind for b in doc.blocks()][2] is not NodeKind.TABLE_ROW


@pytest.mark.parametrize(
    "lang, one, many",
    [
        ("nl", "1 pagina, 2 blokken, 1 zin", "1 kop, 1 alinea"),
        ("en", "1 page, 2 blocks, 1 sentence", "1 heading, 1 paragraph"),
    ],
)
def test_outline_counts_agree_in_number(lang: str, one: str, many: str) -> None:
    from beleidslens.document.outline import count_of, outline

    doc = parse_text("Kop\n\nEen zin.\n", first_page=3)
    text = outline(doc, lang)
    assert one in text and many in text
    assert "pagina's" not in text and "pages" not in text
    assert count_of(9, "page", "nl") == "9 pagina's"
    assert count_of(2, "paragraph", "nl") == "2 alinea's"
    assert count_of(3, "heading", "nl") == "3 koppen"
    assert count_of(0, "table_row", "en") == "0 table rows"
