"""find_amounts on small Dutch sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beleidslens.extract import find_amounts


def one(text: str):
    found = find_amounts(text)
    assert len(found) == 1, [a.text for a in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "amount", "value", "unit"),
    [
        ("Het fonds krijgt € 1,5 mld. extra.", "€ 1,5 mld.", 1.5e9, "mld."),
        ("Er gaat €1.000 miljoen naar de regio.", "€1.000 miljoen", 1e9, "miljoen"),
        ("We trekken € 500 mln per jaar uit.", "€ 500 mln", 5e8, "mln"),
        ("Gemeenten krijgen 30 miljoen euro.", "30 miljoen euro", 3e7, "miljoen"),
        ("De bijdrage is EUR 5 mln per jaar.", "EUR 5 mln", 5e6, "mln"),
        ("Daarvoor is € 0,5 miljard structureel nodig.", "€ 0,5 miljard", 5e8, "miljard"),
        ("Er komt € 250 duizend bij.", "€ 250 duizend", 2.5e5, "duizend"),
        ("Een subsidie van € 50k per project.", "€ 50k", 5e4, "k"),
        ("De boete bedraagt € 1.000,- per overtreding.", "€ 1.000,-", 1000.0, None),
        ("Het tarief is 650 euro lager.", "650 euro", 650.0, None),
        ("We reserveren anderhalf miljard euro.", "anderhalf miljard euro", 1.5e9, "miljard"),
        ("De regio krijgt € 12 mrd voor wegen.", "€ 12 mrd", 1.2e10, "mrd"),
        ("Een bedrag van € 2.500.000 is gereserveerd.", "€ 2.500.000", 2.5e6, None),
        ("Het fonds (40 mld. t/m 2031) start volgend jaar.", "40 mld.", 4e10, "mld."),
        ("Wij besteden € 3,75 miljoen aan musea.", "€ 3,75 miljoen", 3.75e6, "miljoen"),
    ],
)
def test_values_and_units(text: str, amount: str, value: float, unit: str | None) -> None:
    a = one(text)
    assert a.text == amount
    assert a.value_eur == pytest.approx(value)
    assert a.unit == unit
    assert a.location is not None
    assert text[a.location.start : a.location.end] == amount
    assert a.sentence == text


@pytest.mark.parametrize(
    ("text", "period", "normalized"),
    [
        ("We trekken € 500 mln per jaar uit.", "per jaar", "per_year"),
        ("Daarvoor is € 0,5 miljard structureel nodig.", "structureel", "structural"),
        ("Er is € 200 mln incidenteel beschikbaar.", "incidenteel", "incidental"),
        ("Er komt cumulatief € 4 miljard bij.", "cumulatief", "cumulative"),
        ("Scholen krijgen eenmalig € 80 miljoen.", "eenmalig", "one_off"),
        ("Er is € 3 mld voor de komende 10 jaar.", "voor de komende 10 jaar", "next_years:10"),
        ("Het fonds bevat € 9 miljard t/m 2030.", "t/m 2030", "until:2030"),
        ("In 2025 geven we € 40 mln uit.", "In 2025", "in:2025"),
        ("Vanaf 2024 is € 15 mln beschikbaar.", "Vanaf 2024", "from:2024"),
        ("Huishoudens krijgen € 25 per maand terug.", "per maand", "per_month"),
        ("Er gaat € 700 mln naar de periode 2026-2029.", "2026-2029", "period:2026-2029"),
        (
            "We investeren deze kabinetsperiode € 2 miljard.",
            "deze kabinetsperiode",
            "cabinet_period",
        ),
    ],
)
def test_periods(text: str, period: str, normalized: str) -> None:
    a = one(text)
    assert a.period == period
    assert a.period_normalized == normalized


def test_two_periods_are_both_kept() -> None:
    a = one("We investeren structureel € 1 miljard per jaar in scholen.")
    assert a.period == "structureel, per jaar"
    assert a.period_normalized == "structural+per_year"


def test_period_of_the_next_clause_is_not_taken() -> None:
    text = "Er is € 13 miljard ruimte en voor de komende 10 jaar meer incidentele ruimte."
    assert one(text).period is None


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Dat kost € 2 à 3 miljard.", 2e9, 3e9, "miljard"),
        ("Dat kost € 1 tot 2 mld.", 1e9, 2e9, "mld."),
        ("Dat kost € 1-2 mld per jaar.", 1e9, 2e9, "mld"),
        ("Dat kost € 500 mln tot € 1 mld.", 5e8, 1e9, "mld."),
        ("Dat kost 10 à 20 miljoen euro.", 1e7, 2e7, "miljoen"),
    ],
)
def test_ranges(text: str, low: float, high: float, unit: str) -> None:
    a = one(text)
    assert (a.low_eur, a.high_eur, a.value_eur) == (low, high, low)
    assert a.unit == unit


def test_amount_followed_by_until_year_is_no_range() -> None:
    a = one("Er komt € 30 miljoen tot 2030 bij.")
    assert a.text == "€ 30 miljoen"
    assert a.high_eur is None
    assert a.period_normalized == "until:2030"


@pytest.mark.parametrize(
    ("text", "value"),
    [("Het saldo is € -200 mln.", -2e8), ("De korting is -€ 200 mln.", -2e8)],
)
def test_negative_amounts(text: str, value: float) -> None:
    assert one(text).value_eur == value


@pytest.mark.parametrize(
    "text",
    [
        "In 2030 is de uitstoot 55% lager dan in 1990.",
        "Zie Kamerstuk 35387, nr. 3 en artikel 23 van de Grondwet.",
        "Op 15 maart 2022 om 14.30 uur, bel 070-1234567.",
        "Ruim 2 mln inwoners wonen in de regio.",
        "We bouwen 2 miljoen woningen.",
        "Het kabinet telt 20 ministers en 9 staatssecretarissen.",
        "Tabel: 2022 2023 2024 2025 Struc",
        "Financieel overzicht, in mln. + is saldoverslechterend",
        "Artikel 1.2 van de wet, versie 3.4.",
    ],
)
def test_no_false_positives(text: str) -> None:
    assert find_amounts(text) == []


def test_several_amounts_and_base_offset() -> None:
    text = "We geven € 1 mld aan zorg. Daarnaast gaat € 300 mln per jaar naar onderwijs."
    found = find_amounts(text, base_offset=1000)
    assert [a.text for a in found] == ["€ 1 mld", "€ 300 mln"]
    second = found[1]
    assert second.sentence == "Daarnaast gaat € 300 mln per jaar naar onderwijs."
    assert second.sentence_start is not None and second.sentence_end is not None
    assert text[second.sentence_start - 1000 : second.sentence_end - 1000] == second.sentence
    assert second.location is not None
    assert text[second.location.start - 1000 : second.location.end - 1000] == "€ 300 mln"
    assert found[0].period is None
    assert second.period_normalized == "per_year"


def test_amount_before_abbreviation_full_stop_ends_sentence() -> None:
    text = "Er komen fondsen van € 60 mld. Deze fondsen vragen om regels."
    a = one(text)
    assert a.text == "€ 60 mld."
    assert a.sentence == "Er komen fondsen van € 60 mld."


_PIECES = st.sampled_from(
    [
        "€",
        "€ ",
        "EUR ",
        "1",
        "1,5",
        "1.000",
        "2.500.000",
        " mln",
        " mld.",
        " miljoen",
        " euro",
        " à ",
        " tot ",
        "-",
        " per jaar",
        " structureel",
        " t/m 2030",
        "%",
        " ",
        ". ",
        "\n",
        "k",
        "0",
        "2024",
        ",-",
        "a",
        "b",
        "−",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(_PIECES, max_size=25).map("".join)))
def test_never_crashes_and_offsets_slice(text: str) -> None:
    for a in find_amounts(text, base_offset=7):
        assert a.location is not None
        assert text[a.location.start - 7 : a.location.end - 7] == a.text
        assert a.sentence_start is not None and a.sentence_end is not None
        assert text[a.sentence_start - 7 : a.sentence_end - 7] == a.sentence
        assert a.sentence_start - 7 <= a.location.start - 7
