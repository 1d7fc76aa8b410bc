"""Cheap pre-filters: may a text hold an amount or a target at all?

A :class:`Hint` answers what ``re.search(words | pattern, text, re.IGNORECASE)`` answers,
but for ASCII text (most sentences) from substring tests on the lowercased text, about three
times faster: for ASCII characters, case-insensitive matching is matching the lowercase
forms (the special Unicode case pairs, such as the Kelvin sign and ``k``, need a non-ASCII
character). Other text goes to the regular expression.
"""

from __future__ import annotations

import re


class Hint:
    """``words`` (literal, case-insensitive) or the case-free regular expression ``pattern``."""

    def __init__(self, words: tuple[str, ...], pattern: str = "") -> None:
        self._words = tuple(w.lower() for w in words if w.isascii())
        self._pattern = re.compile(pattern) if pattern else None
        parts = [re.escape(w) for w in words] + ([pattern] if pattern else [])
        self._any = re.compile("|".join(parts), re.IGNORECASE)

    def search(self, text: str) -> bool:
        if not text.isascii():
            return self._any.search(text) is not None
        low = text.lower()
        if any(w in low for w in self._words):
            return True
        return self._pattern is not None and self._pattern.search(text) is not None
