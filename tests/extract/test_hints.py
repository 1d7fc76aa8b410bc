"""The pre-filters answer exactly what their case-insensitive regular expression answers."""

from __future__ import annotations

import random
import re

from beleidslens.extract.hints import Hint

WORDS = ("€", "eur", "procent", "GW", "TWh", "hectare", "ski")
PATTERN = r"\d\.\d\d\d"
REFERENCE = re.compile("|".join([*map(re.escape, WORDS), PATTERN]), re.IGNORECASE)


def test_hint_equals_the_case_insensitive_regex() -> None:
    hint = Hint(WORDS, PATTERN)
    texts = [
        "",
        "Vijf PROCENT meer",
        "3 Gw wind op zee",
        "2 twH",
        "1.250 woningen",
        "1,25 woningen",
        "€ 5 mln",
        "vijf euro",
        "Eén HECTARE natuur",  # non-ASCII text takes the regular expression
        "\u212aski",  # Kelvin sign: no ASCII 'k', same answer as the regex
        "S\u212aI",
        "\u0130ndex",
        "١.٢٣٤",  # Arabic-Indic digits: \d matches them
    ]
    rng = random.Random(3)
    alphabet = "eurEURpcntGWThaski0123456789. €%"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    for text in texts:
        assert hint.search(text) == (REFERENCE.search(text) is not None), text
