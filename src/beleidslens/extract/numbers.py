"""Dutch number formats: ``1.000``, ``1,5``, ``1.234,56``, ``€ 1.000,-`` and a few number words."""

from __future__ import annotations

import re

# A number as written in Dutch policy text: thousands with '.', decimals with ','. A lone
# '.' followed by one or two digits ("1.5") is read as a decimal point (English style).
NUMBER = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)(?![\d])"
NUMBER_RE = re.compile(NUMBER)

WORD_NUMBERS: dict[str, float] = {
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "twintig": 20,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "honderd": 100,
    "anderhalf": 1.5,
    "een half": 0.5,
    "half": 0.5,
}
WORD_NUMBER = r"(?:een\s+half|anderhalf|half|één|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig|dertig|veertig|vijftig|honderd)"

_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
YEAR_RE = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,]\d)")

# unit as written (lower-cased, without trailing dot) → multiplier
UNIT_MULTIPLIERS: dict[str, float] = {
    "k": 1e3,
    "duizend": 1e3,
    "dzd": 1e3,
    "mln": 1e6,
    "mio": 1e6,
    "miljoen": 1e6,
    "miljoenen": 1e6,
    "mld": 1e9,
    "mrd": 1e9,
    "miljard": 1e9,
    "miljarden": 1e9,
}


def parse_number(text: str) -> float:
    """Parse a Dutch-formatted number or number word: ``'1.234,5'`` → ``1234.5``.

    Raises ``ValueError`` for text that is not a number.
    """
    s = text.strip()
    word = re.sub(r"\s+", " ", s.lower())
    if word in WORD_NUMBERS:
        return float(WORD_NUMBERS[word])
    s = s.rstrip("-").rstrip(",")  # "1.000,-"
    negative = s.startswith(("-", "−", "–"))
    if negative:
        s = s[1:].strip()
    if "," in s:
        s = s.replace(".", "").replace(",", ".")
    elif _THOUSANDS.fullmatch(s):
        s = s.replace(".", "")
    value = float(s)
    return -value if negative else value


def unit_multiplier(unit: str | None) -> float:
    if not unit:
        return 1.0
    return UNIT_MULTIPLIERS.get(unit.lower().rstrip("."), 1.0)


def is_year(value: float, text: str) -> bool:
    return "." not in text and "," not in text and 1900 <= value <= 2099 and value == int(value)
