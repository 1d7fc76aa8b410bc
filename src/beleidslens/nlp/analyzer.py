"""From text to the index terms of the lexical backend.

A word yields its lemma plus, for compounds, the lemmas of its parts (the whole word is
kept too, so ``cybercriminaliteit`` matches both itself and ``criminaliteit``). Hyphenated
words (``CO2-reductie``) yield the whole, the pieces and the joined form, so
``re-integratie``, ``reintegratie`` and ``reïntegratie`` meet: terms are written without
diaereses (``ï`` → ``i``), which Dutch uses only to mark a syllable break. Stop words and
single characters are dropped.
"""

from __future__ import annotations

import marshal
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from .compounds import split_compound
from .lemma import cache_dir, lemma
from .params import CompoundParams
from .stopwords import STOPWORDS
from .tokenize import words

# Bump when the analysis of a word changes (stop words, splitting rules, …): the persistent
# cache below is keyed by it and by the versions of the libraries that feed it.
ANALYZER_VERSION = "6"
MAX_CACHED_WORDS = 300_000

_cache: dict[str, tuple[str, ...]] | None = None
_dirty = False


def _cache_path() -> Path:
    from importlib.metadata import version

    key = f"{ANALYZER_VERSION}-simplemma{version('simplemma')}-wordfreq{version('wordfreq')}"
    return cache_dir() / f"terms-nl-{key}{_params_key()}.marshal"


def _params_key() -> str:
    """Compound parameters other than the defaults get a cache of their own."""
    import hashlib

    from . import compounds

    params = compounds.PARAMS.recorded()
    if params == CompoundParams().recorded():
        return ""
    digest = hashlib.sha256(repr(params).encode()).hexdigest()
    return f"-compounds{digest[:12]}"


def forget_cache() -> None:
    """Drop the word analyses in memory (after the compound parameters changed)."""
    global _cache, _dirty
    _cache = None
    _dirty = False


def _load_cache() -> dict[str, tuple[str, ...]]:
    global _cache
    if _cache is None:
        _cache = {}
        try:
            data = marshal.loads(_cache_path().read_bytes())
            if isinstance(data, dict):
                _cache = data
        except (OSError, ValueError, EOFError, TypeError):
            pass
    return _cache


def save_cache() -> None:
    """Persist the analyses of new words (so the next process needs no dictionaries)."""
    global _dirty
    if not _dirty or _cache is None:
        return
    try:
        from ..fsutil import atomic_write

        path = _cache_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, marshal.dumps(_cache))
    except Exception:  # a cache that cannot be written is not an error
        pass
    _dirty = False


_DIAERESIS = "\u0308"


def fold_diaeresis(term: str) -> str:
    """``reïntegratie`` → ``reintegratie``, ``financiële`` → ``financiele`` (other accents kept)."""
    if not any(ord(c) > 127 for c in term):
        return term
    decomposed = unicodedata.normalize("NFD", term)
    if _DIAERESIS not in decomposed:
        return term
    return unicodedata.normalize("NFC", decomposed.replace(_DIAERESIS, ""))


def analyze_word(word: str) -> tuple[str, ...]:
    """Index terms for one lowercased word (may be empty for stop words); memoized in a
    cache that persists across processes (see :func:`save_cache`)."""
    global _dirty
    cache = _load_cache()
    terms = cache.get(word)
    if terms is None:
        terms = _analyze_word(word)
        if len(cache) < MAX_CACHED_WORDS:
            cache[word] = terms
            _dirty = True
    return terms


def analyze_words(ws: Iterable[str]) -> list[tuple[str, ...]]:
    """:func:`analyze_word` of each word (one cache lookup each: the hot path of indexing)."""
    get = _load_cache().get
    out: list[tuple[str, ...]] = []
    for w in ws:
        terms = get(w)
        out.append(analyze_word(w) if terms is None else terms)
    return out


def word_frequency(word: str) -> float:
    """Zipf frequency of ``word`` in Dutch (wordfreq; 0 when unknown), kept in the same
    persistent cache as the word analyses, so a process whose words were all seen before
    never loads wordfreq's dictionary (about 0.3 s)."""
    global _dirty
    cache = _load_cache()
    key = "\x00zipf\x00" + word  # no word contains NUL: never collides with an analysis
    hit = cache.get(key)
    if hit is None:
        from .compounds import zipf

        hit = (repr(zipf(word)),)
        if len(cache) < MAX_CACHED_WORDS:
            cache[key] = hit
            _dirty = True
    return float(hit[0])


def _analyze_word(word: str) -> tuple[str, ...]:
    if word in STOPWORDS or len(word) < 2:
        return ()
    if word.isdigit():
        return (word,) if len(word) == 4 else ()  # years carry meaning, other numbers don't
    out: list[str] = []
    pieces = [p for p in word.split("-") if p]
    base = lemma(word) if len(pieces) == 1 else word
    out.append(base)
    if len(pieces) > 1:
        joined = "".join(pieces)
        if joined.isalpha():  # re-integratie ~ reintegratie (not CO2-reductie → co2reductie)
            out.append(lemma(joined))
        for piece in pieces:
            out.extend(_analyze_word(piece))
    else:
        # a noun in -heid shares its stem with the adjective (dakloosheid ~ dakloze)
        if base.endswith("heid") and len(base) > 8:
            out.append(lemma(base[:-4]))
        for part in split_compound(word):
            if part not in STOPWORDS and part != base:
                out.append(part)
    # keep order, drop duplicates
    seen: set[str] = set()
    folded = (fold_diaeresis(t) for t in out)
    return tuple(t for t in folded if not (t in seen or seen.add(t)))  # type: ignore[func-returns-value]


def analyze(text: str) -> list[str]:
    """Index terms of ``text`` in order (a term may repeat)."""
    out: list[str] = []
    for w in words(text):
        out.extend(analyze_word(w))
    return out


def content_tokens(text: str) -> list[str]:
    """Lowercased non-stop words of ``text``, unlemmatized (used for passage matching)."""
    return [w for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
