"""The Dutch sentence splitter."""

from __future__ import annotations

import pytest

from beleidslens.document.sentences import sentences, split_sentences


@pytest.mark.parametrize(
    "text",
    [
        "We investeren o.a. in onderwijs en zorg.",
        "We kiezen bijv. voor isolatie van huurwoningen.",
        "Een voorbeeld is bv. de aanpak in Rotterdam.",
        "Zie Kamerstuk 32827, nr. 157 voor de details.",
        "Er komt € 1,5 mld. per jaar bij voor de zorg.",
        "Het kabinet trekt € 300 mln. structureel uit.",
        "De vrijheid van onderwijs (art. 23 van de Grondwet) blijft overeind.",
        "Het gaat om wonen, werken e.d. in de regio.",
        "De regeling geldt t/m 2030 en d.w.z. voor iedereen.",
        "Afspraken m.b.t. de zorg worden nagekomen.",
        "Het rapport van J.P. Balkenende wordt gevolgd.",
        "Het advies van prof. dr. A. Jansen wordt overgenomen.",
        "Op 15 dec. 2021 is het akkoord gepresenteerd.",
        "De looptijd is ca. 8 jaar.",
        "De bedragen zijn resp. 5 en 10 miljoen euro.",
        "Het besluit van 3 jan. jl. blijft staan.",
        "Dit geldt i.v.m. de kosten voor de burger.",
        "De aanpak (zie o.a. Hoofdstuk 3) blijft gelijk.",
    ],
)
def test_no_split(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wij bouwen. Zij wonen.", ["Wij bouwen.", "Zij wonen."]),
        ("Is dat zo? Ja! Goed.", ["Is dat zo?", "Ja!", "Goed."]),
        (
            "Er komen fondsen ter hoogte van € 60 mld. Deze fondsen vragen om regie.",
            ["Er komen fondsen ter hoogte van € 60 mld.", "Deze fondsen vragen om regie."],
        ),
        (
            "We nemen de punten over. 2030 is het doeljaar.",
            ["We nemen de punten over.", "2030 is het doeljaar."],
        ),
        (
            'Hij zei: "Het is klaar." Daarna ging hij.',
            ['Hij zei: "Het is klaar."', "Daarna ging hij."],
        ),
        ("Het werkt (echt.) Dan verder.", ["Het werkt (echt.)", "Dan verder."]),
        (
            "1. Wonen is een recht. 2. Werk moet lonen.",
            ["1. Wonen is een recht.", "2. Werk moet lonen."],
        ),
        ("De EU. Het Rijk.", ["De EU.", "Het Rijk."]),
        # an abbreviation that can close a sentence does, before a word that opens one
        (
            "We introduceren de Maatschappelijke B.V. Ook komt er een kader.",
            ["We introduceren de Maatschappelijke B.V.", "Ook komt er een kader."],
        ),
        ("Scholen, corporaties e.d. We gaan door.", ["Scholen, corporaties e.d.", "We gaan door."]),
        # …but not before a name, after a title, or as "bijvoorbeeld"
        ("Bij Holding N.V. De Groot tekent.", ["Bij Holding N.V. De Groot tekent."]),
        ("Dit zegt dhr. De Vries vandaag.", ["Dit zegt dhr. De Vries vandaag."]),
        ("Wij vragen b.v. Het Rijk om geld.", ["Wij vragen b.v. Het Rijk om geld."]),
        ("Een B.V. met winst.", ["Een B.V. met winst."]),
        ("N.B. Het bedrag is voorlopig.", ["N.B. Het bedrag is voorlopig."]),
        ("Dit zegt mevr. S.M. In 't Veld vandaag.", ["Dit zegt mevr. S.M. In 't Veld vandaag."]),
        ("Dit zegt J.P. Op de Beek vandaag.", ["Dit zegt J.P. Op de Beek vandaag."]),
        ("Einde van de zin… Nieuwe zin.", ["Einde van de zin…", "Nieuwe zin."]),
        ("Eerste zin.\n\nTweede zin.", ["Eerste zin.", "Tweede zin."]),
        ("Een opsomming volgt. • Punt een.", ["Een opsomming volgt.", "• Punt een."]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_are_absolute_and_stripped() -> None:
    text = "xx  Eerste zin. Tweede zin.  yy"
    spans = split_sentences(text, 2, len(text) - 2)
    assert [text[s:e] for s, e in spans] == ["Eerste zin.", "Tweede zin."]
    assert spans[0][0] == 4


def test_empty() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n ") == []


def test_no_final_punctuation() -> None:
    assert sentences("Een kop zonder punt") == ["Een kop zonder punt"]
