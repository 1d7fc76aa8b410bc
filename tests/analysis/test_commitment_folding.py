"""The folded shapes answer exactly what their case-insensitive patterns answer."""

from __future__ import annotations

import random
import re

import pytest

from beleidslens.analysis import commitments as c
from beleidslens.analysis.options import AnalysisOptions

SENTENCES = [
    "ER KOMT een nieuw fonds.",
    "Daarom Wordt de regeling UITGEBREID.",
    "De huren worden Bevroren; de subsidie WORDT ingevoerd",
    "Voor DEZE COALITIE is bestaanszekerheid Essentieel.",
    "Onze Aanpak richt zich op preventie.",
    "Gemeenten MOETEN meer doen en blijven verantwoordelijk.",
    "Inwoners KRIJGEN begeleiding.",
    "Het kabinet HEEFT besloten.",
    "Er wordt geïnvesteerd in de zorg.",  # not ASCII: the case-insensitive pattern
    "\u212arijgen",  # Kelvin sign
]


def _shapes() -> list[c._Folded]:
    s = c._options_shapes(AnalysisOptions())
    folded = [s.passive, s.priority, s.aim]
    return [*folded, c._EXISTENTIAL, c._FUTURE, c._CONTINUE, c._RECEIVE, c._COPULA]


def test_folded_shapes_equal_the_case_insensitive_patterns() -> None:
    rng = random.Random(5)
    words = [
        "er",
        "komt",
        "wordt",
        "worden",
        "ingevoerd",
        "verhoogd",
        "voor",
        "ons",
        "belangrijk",
        "moet",
        "is",
        "KRIJGEN",
        ",",
        ";",
    ]
    texts = SENTENCES + [
        " ".join(
            rng.choice(words).upper() if rng.random() < 0.3 else rng.choice(words) for _ in range(8)
        )
        for _ in range(400)
    ]
    for shape in _shapes():
        for text in texts:
            expected = shape.any_case.search(text) is not None
            assert shape.search(text, c._lowered(text)) == expected, (shape.any_case.pattern, text)


def test_a_folded_shape_must_be_lowercase() -> None:
    with pytest.raises(ValueError):
        c._Folded(r"\bEr\s+komt")
    assert c._Folded(r"\S+\W").lowercase.pattern == r"\S+\W"  # escapes are not letters
    assert re.search(c._FUTURE.any_case, "MOET")
