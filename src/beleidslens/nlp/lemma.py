"""Dutch lemmas via simplemma (dictionary-based), cached per word."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Lemma of a lowercased Dutch word: ``woningen`` → ``woning``; unknown words unchanged."""
    if len(word) < 4 or not word.isalpha():
        return word
    import simplemma

    result = simplemma.lemmatize(word, lang="nl")
    return result.lower() if result else word
