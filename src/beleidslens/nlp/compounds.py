"""Dutch compound splitting with word frequencies (wordfreq).

``energienetwerken`` → ``energie`` + ``netwerk``; ``schuldenaanpak`` → ``schuld`` + ``aanpak``.
A split is accepted when both parts are common Dutch words on their own (Zipf frequency
above a threshold that is stricter for short parts), the first part is not a function word
(so verbs with a particle like ``aanpakken`` or ``ondernemen`` stay whole), and the linking
morphemes ``-s-``, ``-e-``, ``-en-`` are tried between parts. The best split maximizes the
frequency of the rarer part; a part that is not itself a word is split again. Results are
cached per word.

Compounds of three or more words are split too: a part that is too rare on its own but
splits into common words counts, at the frequency of its rarer part less a small penalty
(``minimumuurloon`` → ``minimum`` + ``uur`` + ``loon``, ``schuldhulptrajecten`` →
``schuld`` + ``hulp`` + ``traject``). A first part may be a verb stem whose infinitive is a
common word (``uitzendwerk`` → ``uitzenden`` + ``werk``, ``rijbewijs`` → ``rijden`` +
``bewijs``); the stem stands for the infinitive.
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
NESTED_PENALTY = 0.5  # a part that is itself a compound counts this much rarer
MIN_DEEP_WORD = 10  # only words this long are split into nested parts or verb stems…
MIN_DEEP_PART = 4  # …into parts at least this long
MIN_STEM = 5  # a verb stem as first part (``uitzend-werk``) is at least this long
# endings that look like words but are suffixes or participles (bepal-end, versterk-ing)
_NOT_DEEP_PARTS = frozenset(
    {"end", "ende", "baren", "king", "ring", "ding", "ling", "lening", "schappen", "rij", "der"}
    | {"ver", "her", "geen", "blij", "mis", "lig"}
)
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


def _nested(part: str) -> tuple[float, tuple[str, ...]]:
    """A rare part that is a compound of two common words: (its score, its parts)."""
    if len(part) < 2 * MIN_PART or not part.isalpha() or part in STOPWORDS:
        return 0.0, ()
    split = _split(part, deep=False)
    # short sub-parts (uur-loon) only when the nested compound is an attested word
    shortest = MIN_PART if zipf(part) > 0 else MIN_DEEP_PART
    if split is None or any(len(p) < shortest or p in _NOT_DEEP_PARTS for p in split[1]):
        return 0.0, ()
    return split[0] - NESTED_PENALTY, split[1]


def _stem(head: str) -> tuple[float, tuple[str, ...]]:
    """A verb stem as first part: ``uitzend`` of ``uitzenden`` (the infinitive is a word)."""
    if len(head) < MIN_STEM or head in STOPWORDS or head in _NOT_PARTS or not head.isalpha():
        return 0.0, ()
    z = _part_ok(head + "en")
    return (z - NESTED_PENALTY, (head + "en",)) if z else (0.0, ())


def _part(part: str, *, first: bool, deep: bool) -> tuple[float, tuple[str, ...]]:
    if deep and (len(part) < MIN_DEEP_PART or part in _NOT_DEEP_PARTS):
        return 0.0, ()
    z = _part_ok(part)
    if z:
        return z, (part,)
    if not deep:
        return 0.0, ()
    nested = _nested(part)
    if nested[0] > 0:
        return nested
    return _stem(part) if first else (0.0, ())


@lru_cache(maxsize=200_000)
def _best_split(word: str) -> tuple[float, tuple[str, ...]] | None:
    """The best split of ``word``: (score of its rarer part, parts as written), or None.
    A split into two common words wins; nested compounds and verb stems are the fallback."""
    direct = _split(word, deep=False)
    if direct is not None or len(word) < MIN_DEEP_WORD:
        return direct
    return _split(word, deep=True)


def _split(word: str, *, deep: bool) -> tuple[float, tuple[str, ...]] | None:
    best: tuple[float, int, tuple[str, ...]] | None = None
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:i], word[i:]
        tail_z, tail_parts = _part(tail, first=False, deep=deep)
        if tail_z <= 0:
            continue
        heads = [head]
        for link in _LINKS:
            if head.endswith(link) and len(head) - len(link) >= MIN_PART:
                heads.append(head[: -len(link)])
        for h in heads:
            head_z, head_parts = _part(h, first=True, deep=deep)
            if head_z <= 0:
                continue
            # the rarer part decides; ties go to the longer tail (Dutch heads are on the right)
            key = (min(head_z, tail_z), len(tail), head_parts + tail_parts)
            if best is None or key > best:
                best = key
    # a word more common than its rarer part is a word of its own (gemeenten, kunstmatige)
    if best is None or zipf(word) >= best[0]:
        return None
    return best[0], best[2]


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
    for part in split[1]:
        sub = split_compound(part) if zipf(part) < MIN_ZIPF_LONG else ()
        if sub:
            parts.extend(sub)
        else:
            parts.append(lemma(part))
    return tuple(parts)
