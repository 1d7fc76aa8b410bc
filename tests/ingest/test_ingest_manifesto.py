"""Election manifestos: PDF text with page markers, running headers and footers, a table of
contents, numbered sections, paragraphs without blank lines and soft hyphenation.

The sample texts are our own, written in the styles of the real files."""

from __future__ import annotations

from beleidslens.document import NodeKind
from beleidslens.ingest import parse_text
from beleidslens.ingest.pages import drop_furniture, split_marked

BODY_WIDTH_LINE = "De gemeente werkt samen met inwoners en ondernemers aan een betere wijk voor "


def _page(number: int, *body: str, header: bool = True, footer: bool = True) -> str:
    lines = [f"===== [page {number}] ====="]
    if header:
        lines += ["Samen vooruit, voor iedereen.", "Ontwerp-verkiezingsprogramma 2025-2029"]
        lines.append(str(number))
    lines += list(body)
    if footer:
        lines += [f"Partij van de Toekomst | {number}"]
    return "\n".join(lines) + "\n\n"


def _manifesto() -> str:
    para = [
        "Wij willen dat iedereen kan meedoen in een land dat eerlijk is en waar mensen ",
        "elkaar helpen. Daarom kiezen wij voor goede scholen, betaalbare huizen en zorg ",
        "dichtbij huis.",
        "Dit is de tweede alinea, die direct na de eerste begint zonder een lege regel ",
        "ertussen. Ook deze alinea eindigt met een korte regel.",
    ]
    return "".join(
        [
            _page(1, "Samen vooruit", header=False, footer=False),
            _page(2, "Voorwoord", *para),
            _page(3, *para, "Met vriendelijke groet, de lijsttrekker."),
            _page(4, "1. Wonen en werk", *para),
            _page(5, "1.1. Betaalbaar wonen", *para, "1.2. Goed werk", *para),
            _page(6, "2. Zorg", *para, "2.1. Zorg dichtbij", *para),
        ]
    )


def test_page_markers_give_page_numbers_and_are_not_text() -> None:
    doc = parse_text(_manifesto())
    doc.check()
    assert doc.first_page == 1
    assert doc.source.page_count == 6
    assert "=====" not in doc.text and "[page" not in doc.text
    pages = {b.page for b in doc.blocks()}
    assert pages == {1, 2, 3, 4, 5, 6}
    wonen = next(b for b in doc.blocks() if b.text == "1. Wonen en werk")
    assert wonen.page == 4


def test_page_marker_numbers_are_taken_as_written() -> None:
    text = "===== [page 7] =====\nEerste bladzijde met tekst.\n\n===== [page 9] =====\nNog een.\n"
    doc = parse_text(text)
    assert [b.page for b in doc.blocks()] == [7, 9]


def test_running_headers_and_footers_are_dropped() -> None:
    doc = parse_text(_manifesto())
    texts = [b.text for b in doc.blocks()]
    assert not any("Ontwerp-verkiezingsprogramma" in t for t in texts)
    assert not any("Samen vooruit, voor iedereen." in t for t in texts)
    assert not any(t.startswith("Partij van de Toekomst |") for t in texts)
    assert not any(t.isdigit() for t in texts)
    headings = [b.text for b in doc.blocks() if b.kind is NodeKind.HEADING]
    assert "Samen vooruit" in headings  # the cover's title is no running header


def test_furniture_needs_enough_pages() -> None:
    pages = ["Kop\nTekst een.", "Kop\nTekst twee."]
    assert drop_furniture(pages) == pages  # two pages: nothing recurs often enough
    words = ["appel", "peer", "kers", "pruim", "druif", "bes", "vijg", "dadel", "kiwi", "mango"]
    pages = [f"Kop {n}\n{w} is fruit.\nVoet" for n, w in enumerate(words, 1)]
    assert drop_furniture(pages) == [f"{w} is fruit." for w in words]


def test_furniture_keeps_recurring_lines_in_the_middle_of_a_page() -> None:
    words = ["appel", "peer", "kers", "pruim", "druif"]
    pages = [
        "\n".join([f"{w} {i}" for i in range(5)] + ["Herhaald"] + [f"{w}{i}" for i in range(5)])
        for w in words
    ]
    assert drop_furniture(pages) == pages


def test_split_marked() -> None:
    assert split_marked("geen markeringen") is None
    pages = split_marked("voor\n===== [page 3] =====\ndrie\n===== [page 4] =====\nvier\n")
    assert pages is not None
    assert [(p.number, p.text.strip()) for p in pages] == [(3, "voor"), (3, "drie"), (4, "vier")]


def test_paragraphs_without_blank_lines_end_at_short_sentence_lines() -> None:
    doc = parse_text(_manifesto())
    paragraphs = [b.text for b in doc.blocks() if b.kind is NodeKind.PARAGRAPH]
    assert any(
        p.startswith("Wij willen dat iedereen") and p.endswith("dichtbij huis.") for p in paragraphs
    )
    assert any(p.startswith("Dit is de tweede alinea") for p in paragraphs)


def _para(topic: str) -> list[str]:
    return [
        f"Wij willen dat iedereen kan meedoen aan {topic} in een land dat eerlijk is, waar ",
        f"mensen elkaar helpen. Daarom kiezen wij voor {topic} dichtbij huis.",
    ]


def _structured() -> str:
    return "".join(
        [
            _page(1, "Samen vooruit", header=False, footer=False),
            _page(
                2,
                "Inhoudsopgave",
                "1. Wonen en werk 3",
                "1.1. Betaalbaar wonen  3",
                "1.2. Goed werk  4",
                "2. Zorg en welzijn 5",
                "2.1. Zorg dichtbij  5",
            ),
            _page(
                3,
                "1. Wonen en werk",
                *_para("wonen"),
                "1.1. Betaalbaar wonen",
                *_para("huren"),
                "10 nieuwe wijken Huurbevriezing Starterslening ",
                "Een woning voor iedereen",
                *_para("kopen"),
            ),
            _page(4, "1.2. Goed werk", *_para("werk"), "2. Zorg en welzijn", *_para("zorg")),
            _page(5, "2.1. Zorg dichtbij in de wijk, voor jong en", "oud", *_para("welzijn")),
        ]
    )


def _headings(text: str) -> list[tuple[int | None, str]]:
    doc = parse_text(text)
    doc.check()
    return [(b.level, b.text) for b in doc.blocks() if b.kind is NodeKind.HEADING]


def test_table_of_contents_entries_are_never_chapters() -> None:
    doc = parse_text(_structured())
    toc = [b for b in doc.blocks() if b.page == 2]
    assert [b.kind for b in toc] == [NodeKind.HEADING] + [NodeKind.PARAGRAPH] * 5
    chapters = [n.title for n in doc.walk() if n.kind is NodeKind.CHAPTER]
    assert chapters == ["Inhoudsopgave", "1. Wonen en werk", "2. Zorg en welzijn"]


def test_contents_entries_without_page_numbers_are_never_chapters() -> None:
    """A contents page whose entries carry no page numbers ("Hoofdstuk 2  Zorg", the
    numbers in a column of their own after them) is a table of contents to its end: its
    "Hoofdstuk N" lines open no chapter that would swallow the body after it."""
    text = "".join(
        [
            _page(1, "Samen vooruit", header=False, footer=False),
            _page(
                2,
                "Inhoudsopgave",
                "Voorwoord",
                "Hoofdstuk 1  Wonen en werk",
                "Hoofdstuk 2  Zorg en welzijn",
                "Hoofdstuk 3  Veiligheid",
                "Woord van dank",
                "3",
                "5",
                "8",
                header=False,
                footer=False,
            ),
            _page(
                3,
                "Wonen en werk",
                *_para("wonen"),
                "Zorg en welzijn",
                *_para("zorg"),
                header=False,
                footer=False,
            ),
        ]
    )
    doc = parse_text(text)
    toc = [b for b in doc.blocks() if b.page == 2]
    assert toc[0].kind is NodeKind.HEADING and len(toc) >= 7  # the last "8" is a page number
    assert all(b.kind is NodeKind.PARAGRAPH for b in toc[1:])
    titles = [n.title for n in doc.walk() if n.kind in (NodeKind.CHAPTER, NodeKind.SECTION)]
    assert not any(t and t.startswith("Hoofdstuk") for t in titles)
    zorg = next(b for b in doc.blocks() if b.page == 3 and "zorg" in b.text.lower())
    assert "Veiligheid" not in " ".join(zorg.heading_path)


def test_table_of_contents_without_a_title() -> None:
    text = _structured().replace("Inhoudsopgave\n", "")
    chapters = [n.title for n in parse_text(text).walk() if n.kind is NodeKind.CHAPTER]
    assert chapters == ["1. Wonen en werk", "2. Zorg en welzijn"]


def test_numbered_sections_sit_under_their_chapter() -> None:
    doc = parse_text(_structured())
    sections = [(n.id, n.title) for n in doc.walk() if n.kind is NodeKind.SECTION]
    assert ("c2.s1", "1.1. Betaalbaar wonen") in sections
    assert ("c2.s2", "1.2. Goed werk") in sections
    zorg = next(n for n in doc.walk() if n.title and n.title.startswith("2.1."))
    assert zorg.heading_path[0] == "2. Zorg en welzijn"


def test_number_followed_by_lower_case_is_no_heading() -> None:
    heads = [text for _, text in _headings(_structured())]
    assert not any(h.startswith("10 nieuwe wijken") for h in heads)


def test_a_heading_wrapped_onto_two_lines_is_one_heading() -> None:
    heads = [text for _, text in _headings(_structured())]
    assert "2.1. Zorg dichtbij in de wijk, voor jong en oud" in heads


def test_wrapped_lines_of_a_narrow_column_are_no_headings() -> None:
    column = "\n".join(
        [
            "===== [page 1] =====",
            "Onze plannen",
            "Wij willen een land waarin iedereen",
            "mee kan doen. Daarom investeren we",
            "in goed onderwijs. Scholen krijgen",
            "meer geld voor kleinere klassen.",
            "Leraren verdienen een beter salaris",
            "en minder werkdruk in de klas.",
        ]
    )
    heads = [text for _, text in _headings(column)]
    assert heads == ["Onze plannen"]


def _hyphenated(*extra: str) -> str:
    lines = [
        "===== [page 1] =====",
        "Wij zorgen dat elke wijk binnen vijftien mi-",
        "nuten een huisarts heeft. Een sterke gemeen-",
        "schap begint bij goede bestaans-",
        "zekerheid voor iedereen, zo snel mo-",
        "gelijk en in de hele sa-",
        "menleving. We werken samen op EU-",
        "niveau en volgen het advies van de commissie-",
        "Borstlap. Voor niet-",
        "westerse nieuwkomers en de defensie-",
        "uitgaven maken we een plan. De armoede-",
        "en schuldenaanpak gaat door, net als het staakt-het-",
        "vuren en de anti-",
        "democratische krachten die we bestrijden.",
        *extra,
    ]
    return "\n".join(lines) + "\n"


def test_soft_hyphens_are_joined_in_a_soft_hyphenated_document() -> None:
    doc = parse_text(_hyphenated())
    doc.check()
    text = doc.text
    for word in ("minuten", "gemeenschap", "bestaanszekerheid", "mogelijk", "samenleving"):
        assert word in text
    for kept in ("EU-niveau", "commissie-Borstlap", "niet-westerse", "defensie-uitgaven"):
        assert kept in text
    assert "armoede- en schuldenaanpak" in text
    assert "staakt-het-vuren" in text


def test_a_hyphenated_form_written_elsewhere_keeps_its_hyphen() -> None:
    doc = parse_text(_hyphenated("Wij zijn tegen anti-democratische krachten."))
    assert "anti-democratische krachten die" in doc.text


def test_without_soft_hyphenation_every_line_end_hyphen_stays() -> None:
    text = "\n".join(
        [
            "===== [page 1] =====",
            "Wij werken samen op EU-",
            "niveau en volgen het advies van de commissie-",
            "Borstlap. Wij bestrijden anti-",
            "democratische krachten en steunen de gemeen-",
            "schap.",
        ]
    )
    doc = parse_text(text)
    assert "anti-democratische" in doc.text
    assert "gemeen-schap" in doc.text  # one break is no evidence of soft hyphenation
