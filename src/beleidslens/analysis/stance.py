"""Stance of evidence: does a sentence argue *against* an aspect's remedy?

A sentence can name a remedy to reject it ("Wij zijn tegen een CO2-heffing", "De
vliegbelasting wordt afgeschaft", "Geen verhoging van de AOW-leeftijd"). Such a sentence is
evidence that the document *speaks of* the aspect, not that it addresses it; the verdict
then says ``uncertain`` instead of ``addressed`` (``docs/analysis-schema.md``).

The rule looks only at the words around an occurrence of one of the aspect's terms (the
content tokens of its label and keywords, :func:`beleidslens.nlp.content_tokens`):

* a **negation or rejection before** it, at most ``before`` words
  (``AnalysisOptions.stance_before``, 4): ``geen``, ``niet``,
  ``nooit``, ``afschaffen``/``afschaffing`` (van), ``stoppen``/``stop`` (met), ``schrappen``,
  ``terugdraaien``, ``nee`` (tegen); and ``tegen`` only as a position (``zijn tegen``,
  ``stemmen tegen``, ``tegenstander van``) — "strijd tegen armoede" fights the problem, it does
  not reject the remedy;
* within the same clause (commas, semicolons, colons, dashes and brackets end one);
* a **rejection after** it, at most ``after`` words (``AnalysisOptions.stance_after``, 4): ``afgeschaft``, ``afschaffen``,
  ``geschrapt``, ``schrappen``, ``teruggedraaid``, ``terugdraaien``, ``gestopt``,
  ``verdwijnt``/``verdwijnen``.

A sentence with a term that no cue surrounds is not against (the remedy may be rejected in
one clause and adopted in the next). What the rule measured is in ``docs/scoring.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .options import AnalysisOptions

_DEFAULTS = AnalysisOptions()

_WORD = re.compile(r"\w+(?:-\w+)*")
_CLAUSE = re.compile(r"[,;:()\u2013\u2014]|\s-\s")  # a cue does not reach across these
_BEFORE_CUES = frozenset(
    {
        "geen",
        "niet",
        "nooit",
        "afschaffen",
        "afschaffing",
        "stoppen",
        "stop",
        "schrappen",
        "terugdraaien",
        "nee",
    }
)
_AFTER_CUES = frozenset(
    {
        "afgeschaft",
        "afschaffen",
        "geschrapt",
        "schrappen",
        "teruggedraaid",
        "terugdraaien",
        "gestopt",
        "verdwijnt",
        "verdwijnen",
        "ingetrokken",
        "intrekken",
        "opgezegd",
        "opzeggen",
        "ontmanteld",
        "beëindigd",
        "stopgezet",
        "vervalt",
        "vervallen",
    }
)
# a rejecting verb governs its whole object ("we stoppen met alle vormen van X"): these
# reach ``verb_before`` words back (``AnalysisOptions.stance_verb_before``)
_VERB_CUES = frozenset(
    {
        "afschaffen",
        "afschaffing",
        "stoppen",
        "stop",
        "schrappen",
        "terugdraaien",
        "intrekken",
        "opzeggen",
        "beëindigen",
        "ontmantelen",
        "stopzetten",
        "vervalt",
    }
)
# "niet alleen …, maar ook" and "niet enkel" widen the claim; they do not reject
_NOT_ONLY = frozenset({"alleen", "enkel", "slechts", "uitsluitend"})
# "tegen" rejects only as a position taken
_POSITION = frozenset({"zijn", "is", "staan", "staat", "stemmen", "stemt", "blijven"})


@lru_cache(maxsize=20_000)
def _terms(word: str) -> frozenset[str]:
    from ..nlp import content_tokens

    return frozenset(content_tokens(word))


def aspect_terms(texts: Iterable[str]) -> frozenset[str]:
    """The content tokens of an aspect's label and keywords."""
    from ..nlp import content_tokens

    out: set[str] = set()
    for text in texts:
        out.update(content_tokens(text))
    return frozenset(out)


def _tegen_position(words: list[str], i: int) -> bool:
    """``words[i]`` is ``tegen`` used as a position (``wij zijn tegen``, ``tegenstander``)."""
    return i > 0 and (words[i - 1] in _POSITION or words[i - 1] in ("nee", "fel", "mordicus"))


def against(
    sentence: str,
    terms: frozenset[str],
    *,
    before: int | None = None,
    after: int | None = None,
    verb_before: int | None = None,
) -> bool:
    """True when every occurrence of the aspect's terms in ``sentence`` is rejected (a cue at
    most ``before`` words before it — a rejecting verb at most ``verb_before`` — or ``after``
    words after it; by default the analysis options' ``stance_before``, ``stance_verb_before``
    and ``stance_after``, see the module docstring); False when no term occurs."""
    if not terms:
        return False
    before = _DEFAULTS.stance_before if before is None else before
    after = _DEFAULTS.stance_after if after is None else after
    verb_before = _DEFAULTS.stance_verb_before if verb_before is None else verb_before
    seen = False
    for clause in _CLAUSE.split(sentence):
        verdict = _clause_against(clause, terms, before, after, verb_before)
        if verdict is False:
            return False
        seen = seen or verdict is True
    return seen


def _is_cue(words: list[str], k: int) -> bool:
    """``words[k]`` negates or rejects what follows (``niet alleen`` does not)."""
    w = words[k]
    if w not in _BEFORE_CUES:
        return False
    return not (w == "niet" and k + 1 < len(words) and words[k + 1] in _NOT_ONLY)


def _clause_against(
    clause: str, terms: frozenset[str], before: int, after: int, verb_before: int
) -> bool | None:
    """None: no term in the clause; else whether every term occurrence is rejected."""
    words = [w.lower() for w in _WORD.findall(clause)]
    seen: bool | None = None
    for i, word in enumerate(words):
        if not (_terms(word) & terms):
            continue
        seen = True
        start = max(0, i - before)
        behind = words[i + 1 : i + 1 + after]
        rejected = any(_is_cue(words, k) for k in range(start, i)) or any(
            w in _AFTER_CUES for w in behind
        )
        if not rejected:
            rejected = any(w in _VERB_CUES for w in words[max(0, i - verb_before) : i])
        if not rejected:
            ahead = words[start:i]
            rejected = any(
                w == "tegen" and _tegen_position(words, start + k) for k, w in enumerate(ahead)
            ) or any(w.startswith("tegenstander") for w in ahead)
        if not rejected:
            return False
    return seen
