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
from typing import Any

from .lemma import lemma
from .params import CompoundParams
from .stopwords import STOPWORDS

# the tuned numbers (CompoundParams, documented in docs/scoring.md): how common a part must
# be on its own (Zipf scale: 3 = once per million words) is stricter for short parts and
# looser for long ones (adaptatie, achterstanden); nested parts and verb stems count
# nested_penalty rarer
PARAMS = CompoundParams()
_LINKS = ("s", "e", "en")
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
    p = PARAMS
    if len(part) < p.min_part or part in STOPWORDS or part in _NOT_PARTS or not part.isalpha():
        return 0.0
    z = zipf(part)
    need = p.min_zipf_short if len(part) <= 4 else p.min_zipf if len(part) < 8 else p.min_zipf_long
    if z < need:
        return 0.0
    return z


def _nested(part: str) -> tuple[float, tuple[str, ...]]:
    """A rare part that is a compound of two common words: (its score, its parts)."""
    if len(part) < 2 * PARAMS.min_part or not part.isalpha() or part in STOPWORDS:
        return 0.0, ()
    split = _split(part, deep=False)
    # short sub-parts (uur-loon) only when the nested compound is an attested word
    shortest = PARAMS.min_part if zipf(part) > 0 else PARAMS.min_deep_part
    if split is None or any(len(p) < shortest or p in _NOT_DEEP_PARTS for p in split[1]):
        return 0.0, ()
    return split[0] - PARAMS.nested_penalty, split[1]


def _stem(head: str) -> tuple[float, tuple[str, ...]]:
    """A verb stem as first part: ``uitzend`` of ``uitzenden`` (the infinitive is a word)."""
    if len(head) < PARAMS.min_stem or head in STOPWORDS or head in _NOT_PARTS or not head.isalpha():
        return 0.0, ()
    z = _part_ok(head + "en")
    return (z - PARAMS.nested_penalty, (head + "en",)) if z else (0.0, ())


def _part(part: str, *, first: bool, deep: bool) -> tuple[float, tuple[str, ...]]:
    if deep and (len(part) < PARAMS.min_deep_part or part in _NOT_DEEP_PARTS):
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
    if direct is not None or len(word) < PARAMS.min_deep_word:
        return direct
    return _split(word, deep=True)


def _split(word: str, *, deep: bool) -> tuple[float, tuple[str, ...]] | None:
    best: tuple[float, int, tuple[str, ...]] | None = None
    min_part = PARAMS.min_part
    for i in range(min_part, len(word) - min_part + 1):
        head, tail = word[:i], word[i:]
        tail_z, tail_parts = _part(tail, first=False, deep=deep)
        if tail_z <= 0:
            continue
        heads = [head]
        for link in _LINKS:
            if head.endswith(link) and len(head) - len(link) >= min_part:
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
    if len(word) < PARAMS.min_word or not word.isalpha():
        return ()
    split = _best_split(word)
    if split is None:
        return ()
    parts: list[str] = []
    for part in split[1]:
        sub = split_compound(part) if zipf(part) < PARAMS.min_zipf_long else ()
        if sub:
            parts.extend(sub)
        else:
            parts.append(lemma(part))
    return tuple(parts)


_CACHED: tuple[Any, ...] = (_part_ok, _best_split, split_compound)


def configure(params: CompoundParams) -> None:
    """Replace the splitter's parameters for this process (experiments that sweep a value)
    and forget every split made with the old ones. The lexical analyzer's caches of whole
    words (``beleidslens.nlp.analyzer``) are keyed by these values too."""
    from . import analyzer

    global PARAMS
    analyzer.save_cache()  # what was analyzed so far, under the old parameters' name
    PARAMS = params
    analyzer.forget_cache()
    for cached in _CACHED:
        cached.cache_clear()
