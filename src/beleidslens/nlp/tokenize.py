"""Tokenization of Dutch text into words with character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

# a word: letters/digits, with inner hyphens, apostrophes or periods between letters
# (CO2-reductie, zzp'ers, e-mail); a leading or trailing hyphen is not part of it.
_WORD = re.compile(r"\w+(?:['’\-]\w+)*", re.UNICODE)
# sub- and superscript digits are digits ("CO₂" is "CO2", "m²" is "m2"), one character for
# one, so offsets stay; and the typographic apostrophe is the straight one
_NORM = str.maketrans("₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹’", "01234567890123456789'")


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as written
    norm: str  # lowercased, typographic apostrophe unified
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` with offsets; numbers are kept, punctuation dropped."""
    out: list[Token] = []
    norm = text if text.isascii() else text.translate(_NORM)  # one character for one
    for m in _WORD.finditer(norm):
        start, end = m.span()
        out.append(Token(text[start:end], m.group(0).lower(), start, end))
    return out


def words(text: str) -> list[str]:
    """Lowercased words of ``text``."""
    if not text.isascii():
        text = text.translate(_NORM)
    return [w.lower() for w in _WORD.findall(text)]
