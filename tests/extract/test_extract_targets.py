"""find_targets on small Dutch sentences written for these tests."""

from __future__ import annotations

import pytest

from beleidslens.extract import find_targets


@pytest.mark.parametrize(
    ("text", "value", "subject", "year", "written"),
    [
        (
            "We willen 55% CO2-reductie in 2030.",
            55,
            "CO2-reductie",
            2030,
            "55% CO2-reductie in 2030",
        ),
        (
            "Het land realiseert 60 procent minder uitstoot in 2030.",
            60,
            "minder uitstoot",
            2030,
            "60 procent minder uitstoot in 2030",
        ),
        (
            "In 2030 moet 70% van de stroom duurzaam zijn.",
            70,
            "stroom",
            2030,
            "70% van de stroom",
        ),
        ("Het kabinet mikt op 49% in 2030.", 49, None, 2030, "49% in 2030"),
        (
            "Voor 2035 scherpen we het doel aan tot ten minste 65% emissiereductie.",
            65,
            "emissiereductie",
            2035,
            "65% emissiereductie",
        ),
        ("We verhogen het aandeel tot 40% in 2028.", 40, "aandeel", 2028, "40% in 2028"),
    ],
)
def test_percentage_targets(
    text: str, value: float, subject: str | None, year: int, written: str
) -> None:
    found = find_targets(text)
    assert len(found) == 1, [t.text for t in found]
    t = found[0]
    assert (t.value, t.unit, t.subject, t.year, t.text) == (value, "%", subject, year, written)
    assert t.location is not None
    assert text[t.location.start : t.location.end] == t.text
    assert t.sentence == text


def test_coordinated_targets_share_the_subject() -> None:
    found = find_targets("We zetten in op een reductie van 70% in 2035 en 80% in 2040.")
    assert [(t.value, t.subject, t.year) for t in found] == [
        (70, "reductie", 2035),
        (80, "reductie", 2040),
    ]


def test_absolute_targets() -> None:
    text = "We versnellen de woningbouw tot rond de 100.000 woningen per jaar."
    (t,) = find_targets(text)
    assert (t.value, t.unit, t.subject, t.period) == (100000, "woningen", "woningen", "per jaar")
    assert t.text == "100.000 woningen per jaar"


def test_mton_target() -> None:
    (t,) = find_targets("De industrie moet in 2030 14,3 Mton CO2-reductie halen.")
    assert (t.value, t.unit, t.subject, t.year) == (14.3, "Mton", "CO2-reductie", 2030)


@pytest.mark.parametrize(
    "text",
    [
        "Uit onderzoek blijkt dat 28% van de leerlingen achterblijft.",
        "Zie Kamerstuk 35387, nr. 3.",
        "Op 1 januari 2024 telde de gemeente 12.500 inwoners.",
        "Het kabinet trekt € 500 mln uit.",
        "Artikel 23 van de Grondwet blijft ongewijzigd.",
    ],
)
def test_not_targets(text: str) -> None:
    assert find_targets(text) == []


def test_exclude_spans() -> None:
    text = "We willen 55% CO2-reductie in 2030."
    assert find_targets(text, exclude=[(10, 13)]) == []
