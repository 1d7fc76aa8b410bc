"""Hyphens at line ends: a word broken by the typesetter, or a real Dutch hyphen?

``mi-`` + ``nuten`` is ``minuten``, but ``EU-`` + ``niveau`` is ``EU-niveau`` and
``armoede-`` + ``en schuldenaanpak`` keeps its space. The decision rests on evidence:

1. **The document as a whole.** Soft hyphenation is a property of how a document was typeset:
   the 2021 coalition agreement has none (every line-end hyphen in it is real), a manifesto
   set in justified columns has hundreds. A line-end hyphen between two lower-case words is
   *clear evidence* of a word break when the joined word is a known Dutch word (wordfreq) and
   either a part is no word at all (``bestaans`` + ``zekerheid``, ``mi`` + ``nuten``) or the
   joined word is at least as common as each part (``mo`` + ``gelijk``). A document is
   soft-hyphenated when at least ``min_evidence`` (3) line-end hyphens, and at least
   ``min_share`` (25 %) of those between lower-case words, are such clear breaks (or at least
   ``enough_evidence``, 10, are). In any other document every line-end hyphen is kept; so it
   is when fewer than ``min_density`` (0.5 %) of the lines end in a hyphen between lower-case
   words (the 2021 agreement: 9 of ~1,900 lines), without consulting wordfreq at all.
2. **Each hyphen in a soft-hyphenated document** is a word break (joined without the hyphen)
   unless it has the marks of a real hyphen: a capital or digit on either side (``EU-``,
   ``CO2-``, ``Zuid-Amerika``), a part that already holds a hyphen (``staakt-het-vuren``), or
   the same hyphenated form written elsewhere in the document within a line. The joined word
   being common (Zipf ≥ ``common_word``, 2: ``pro-`` + ``blemen``) settles it as a break;
   otherwise a prefix that takes a hyphen (``niet-``, ``ex-``, ``oud-``, ``anti-``, …) or two
   vowels meeting (``defensie-uitgaven``, ``zee-egel``: Dutch spelling hyphenates them) keep
   the hyphen.

A hyphen before ``en``, ``of``, ``tot`` … (``armoede- en schuldenaanpak``) is never a break.
The tuned numbers are the fields of :data:`PARAMS`
(:class:`~beleidslens.ingest.params.HyphenParams`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from .params import HyphenParams

PARAMS = HyphenParams()  # every tuned number of this module (beleidslens.ingest.params)

KEEP_SPACE_AFTER_HYPHEN = re.compile(r"^(?:en|of|tot|als|noch|dan|t/m|en/of)\b")
HYPHEN_PREFIXES = frozenset(
    {"niet", "ex", "oud", "anti", "vice", "non", "pro", "co", "semi", "pseudo", "quasi"}
)
_VOWELS = frozenset("aeiouyáéíóúàèëïöü")
_LINE_END = re.compile(r"(\S*[^\W\d_])-$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")
_INLINE_HYPHEN = re.compile(r"([^\W\d_]+)-([^\W\d_]+)")


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "nl")


def _parts(left_token: str, right_line: str) -> tuple[str, str, str] | None:
    """``(left part, right part, whole left token)`` for a line ending in a hyphen."""
    match = _LINE_END.search(left_token)
    if not match:
        return None
    token = match.group(1)
    left = token.rsplit("-", 1)[-1].lstrip("(“‘\"'[")
    right = _FIRST_WORD.match(right_line)
    if not left or not right:
        return None
    return left, right.group(0), token


def _clear_break(left: str, right: str) -> bool:
    if not (left.isalpha() and right.isalpha() and left.islower() and right.islower()):
        return False
    if KEEP_SPACE_AFTER_HYPHEN.match(right):
        return False
    joined = _zipf(left + right)
    if joined <= 0:
        return False
    a, b = _zipf(left), _zipf(right)
    return min(a, b) == 0 or joined >= max(a, b)


@dataclass(slots=True)
class HyphenPolicy:
    """How to join a line ending in a hyphen to the next line, for one document."""

    soft: bool = False
    written: set[str] = field(default_factory=set)  # "left-right" forms written in a line

    def drop(self, block_text: str, line: str) -> bool:
        """Whether the hyphen ending ``block_text`` is a word break before ``line``."""
        if not self.soft:
            return False
        tail = block_text.rsplit(" ", 1)[-1]
        found = _parts(tail, line)
        if found is None:
            return False
        left, right, token = found
        if not (left.isalpha() and left.islower() and right.islower()):
            return False  # a capital or a digit on either side: EU-niveau, CO2-uitstoot
        if "-" in token or f"{left}-{right}".casefold() in self.written:
            return False
        if _zipf(left + right) >= PARAMS.common_word:
            return True  # pro-blemen, nati-onale, ex-tra: a common word, broken
        if left in HYPHEN_PREFIXES:
            return False
        return not (left[-1] in _VOWELS and right[0] in _VOWELS)  # defensie-uitgaven


def hyphen_policy(lines: Iterable[str]) -> HyphenPolicy:
    """Look at all line ends of a document and decide whether it is soft-hyphenated."""
    texts = list(lines)
    pairs = []
    for a, b in pairwise(texts):
        found = _parts(a.rsplit(" ", 1)[-1], b) if a.endswith("-") else None
        if found is not None and found[0][:1].islower() and found[1][:1].islower():
            pairs.append(found)
    lower = len(pairs)
    p = PARAMS
    if lower < p.min_density * len(texts):
        return HyphenPolicy()  # too few to be typeset that way (and wordfreq stays unloaded)
    clear = sum(_clear_break(left, right) for left, right, _ in pairs)
    soft = clear >= p.enough_evidence or (clear >= p.min_evidence and clear >= p.min_share * lower)
    written: set[str] = set()
    if soft:
        for text in texts:
            written.update(
                f"{m.group(1)}-{m.group(2)}".casefold() for m in _INLINE_HYPHEN.finditer(text)
            )
    return HyphenPolicy(soft=soft, written=written)
