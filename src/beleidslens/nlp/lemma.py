"""Dutch lemmas via simplemma (dictionary-based), cached per word.

simplemma ships its Dutch dictionary lzma-compressed; decoding it takes about half a second
per process. The first use therefore stores the decoded dictionary once in the user cache
directory (``$BELEIDSLENS_HOME/cache`` or the platform cache dir; the file name carries
simplemma's version) as a ``marshal`` file that later processes load in a fraction of that
time. If the cache cannot be written, everything still works, just slower.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    home = os.environ.get("BELEIDSLENS_HOME")
    if home:
        return Path(home) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("beleidslens"))


def _cache_file() -> Path:
    from importlib.metadata import version

    return cache_dir() / f"lemmas-nl-simplemma-{version('simplemma')}.marshal"


@lru_cache(maxsize=1)
def _dictionary() -> Mapping[str, str]:
    path = _cache_file()
    try:
        data = marshal.loads(path.read_bytes())
        if isinstance(data, dict) and data:
            return data
    except (OSError, ValueError, EOFError, TypeError):
        pass
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    decoded = dict(DefaultDictionaryFactory().get_dictionary("nl").items())
    try:
        from ..fsutil import atomic_write

        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, marshal.dumps(decoded))
    except Exception:  # a cache that cannot be written is not an error
        pass
    return decoded


class _Factory:
    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang != "nl":
            raise ValueError(f"only Dutch is prepared, not {lang!r}")
        return _dictionary()


@lru_cache(maxsize=1)
def _lemmatizer() -> Any:
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_Factory()))


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Lemma of a lowercased Dutch word: ``woningen`` → ``woning``; unknown words unchanged."""
    if len(word) < 4 or not word.isalpha():
        return word
    result = _lemmatizer().lemmatize(word, lang="nl")
    return result.lower() if result else word
