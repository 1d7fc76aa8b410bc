"""From text to the index terms of the lexical backend.

A word yields its lemma plus, for compounds, the lemmas of its parts (the whole word is
kept too, so ``cybercriminaliteit`` matches both itself and ``criminaliteit``). Hyphenated
words (``CO2-reductie``) yield the whole and each piece. Stop words and single characters
are dropped.
"""

from __future__ import annotations

from functools import lru_cache

from .compounds import split_compound
from .lemma import lemma
from .stopwords import STOPWORDS
from .tokenize import words


@lru_cache(maxsize=200_000)
def analyze_word(word: str) -> tuple[str, ...]:
    """Index terms for one lowercased word (may be empty for stop words)."""
    if word in STOPWORDS or len(word) < 2:
        return ()
    if word.isdigit():
        return (word,) if len(word) == 4 else ()  # years carry meaning, other numbers don't
    out: list[str] = []
    pieces = [p for p in word.split("-") if p]
    base = lemma(word) if len(pieces) == 1 else word
    out.append(base)
    if len(pieces) > 1:
        for piece in pieces:
            out.extend(analyze_word(piece))
    else:
        for part in split_compound(word):
            if part not in STOPWORDS and part != base:
                out.append(part)
    # keep order, drop duplicates
    seen: set[str] = set()
    return tuple(t for t in out if not (t in seen or seen.add(t)))  # type: ignore[func-returns-value]


def analyze(text: str) -> list[str]:
    """Index terms of ``text`` in order (a term may repeat)."""
    out: list[str] = []
    for w in words(text):
        out.extend(analyze_word(w))
    return out


def content_tokens(text: str) -> list[str]:
    """Lowercased non-stop words of ``text``, unlemmatized (used for passage matching)."""
    return [w for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
