"""Dutch text analysis for the lexical backend: tokens, lemmas, compound parts, stop words.

Everything here is deterministic and cached per word; heavy resources (simplemma's Dutch
dictionary, wordfreq's Dutch frequencies) load lazily on first use.
"""

from .analyzer import analyze, analyze_word, content_tokens, save_cache
from .compounds import split_compound
from .lemma import lemma
from .stopwords import STOPWORDS, is_stopword
from .tokenize import Token, tokenize, words

__all__ = [
    "STOPWORDS",
    "Token",
    "analyze",
    "analyze_word",
    "content_tokens",
    "is_stopword",
    "lemma",
    "save_cache",
    "split_compound",
    "tokenize",
    "words",
]
