"""Dutch compound splitting with word frequencies (wordfreq).

``energienetwerken`` → ``energie`` + ``netwerk``; ``schuldenaanpak`` → ``schuld`` + ``aanpak``.
A split is accepted when both parts are common Dutch words on their own (Zipf frequency
above a threshold that is stricter for short parts), the first part is not a function word
(so verbs with a particle like ``aanpakken`` or ``ondernemen`` stay whole), and the linking
morphemes ``-s-``, ``-e-``, ``-en-`` are tried between parts. The best split maximizes the
frequency of the rarer part; a part that is not itself a word is split again. Results are
cached per word.
"""

from __future__ import annotations

from functools import lru_cache

from .lemma import lemma
from .stopwords import STOPWORDS

MIN_WORD = 7  # shorter words are not split
MIN_PART = 3
# how common a part must be on its own (Zipf scale: 3 = once per million words); short
# parts need more evidence, long ones (adaptatie, achterstanden) less
MIN_ZIPF_LONG = 2.5  # parts of 8+ letters
MIN_ZIPF = 3.0
MIN_ZIPF_SHORT = 4.0  # parts of 3–4 letters
_LINKS = ("s", "e", "en")
# suffixes and inflection endings that happen to be words (ken, ten) are never parts
_NOT_PARTS = frozenset(
    {
        "heid",
        "heden",
        "ing",
        "ingen",
        "isch",
        "lijk",
        "baar",
        "schap",
        "ken",
        "ten",
        "den",
        "gen",
        "ers",
        "ster",
        "tje",
        "tjes",
        "nen",
        "ren",
        "len",
        "sen",
        "ijk",
        "ige",
        "iger",
    }
)


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("nl", wordlist="best")


@lru_cache(maxsize=500_000)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in Dutch (0 when unknown)."""
    import math

    f = _frequencies().get(word, 0.0)
    return math.log10(f) + 9 if f > 0 else 0.0


@lru_cache(maxsize=500_000)
def _part_ok(part: str) -> float:
    if len(part) < MIN_PART or part in STOPWORDS or part in _NOT_PARTS or not part.isalpha():
        return 0.0
    z = zipf(part)
    need = MIN_ZIPF_SHORT if len(part) <= 4 else MIN_ZIPF if len(part) < 8 else MIN_ZIPF_LONG
    if z < need:
        return 0.0
    return z


def _best_split(word: str) -> tuple[str, str] | None:
    best: tuple[float, int, str, str] | None = None
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:i], word[i:]
        tail_z = _part_ok(tail)
        if not tail_z:
            continue
        heads = [head]
        for link in _LINKS:
            if head.endswith(link) and len(head) - len(link) >= MIN_PART:
                heads.append(head[: -len(link)])
        for h in heads:
            head_z = _part_ok(h)
            if not head_z:
                continue
            # the rarer part decides; ties go to the longer tail (Dutch heads are on the right)
            key = (min(head_z, tail_z), len(tail), h, tail)
            if best is None or key > best:
                best = key
    # a word more common than its rarer part is a word of its own (gemeenten, kunstmatige)
    if best is None or zipf(word) >= best[0]:
        return None
    return best[2], best[3]


@lru_cache(maxsize=200_000)
def split_compound(word: str) -> tuple[str, ...]:
    """Lemmatized parts of a compound (empty when ``word`` is not split).

    The whole word is not included: callers keep it themselves."""
    word = word.lower()
    if len(word) < MIN_WORD or not word.isalpha():
        return ()
    split = _best_split(word)
    if split is None:
        return ()
    parts: list[str] = []
    for part in split:
        sub = split_compound(part) if zipf(part) < MIN_ZIPF_LONG else ()
        if sub:
            parts.extend(sub)
        else:
            parts.append(lemma(part))
    return tuple(parts)
