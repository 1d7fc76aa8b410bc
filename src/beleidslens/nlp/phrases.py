"""Multi-word terms (phrases): found in query fields, counted in text.

A framework's labels and keywords are often multi-word terms — ``sociale zekerheid``,
``gelijk speelveld``, ``vitale infrastructuur`` — whose meaning is not the sum of their
words: ``sociale veiligheid`` (safety at school) shares an adjective with
``sociale zekerheid`` and nothing else. So a phrase is a term of its own:

* **In a query** (:func:`field_phrases`): a field that reads as terms — a label or a keyword
  list, not prose ending in a full stop — is cut into items at punctuation; inside an item,
  every run of 2–3 consecutive content words (stop words end a run; the bounds are
  :class:`~beleidslens.nlp.params.PhraseParams`) is a phrase, its
  elements the words' lemmas (``Eerlijke concurrentie en een gelijk speelveld`` →
  ``eerlijk concurrentie``, ``gelijk speelveld``). Longer runs are lists in disguise, not
  phrases.
* **In a text** (:func:`count_phrases`): a phrase occurs where its elements appear in order
  in consecutive words, each element among the word's index terms (so a compound carries its
  parts: ``lokale productieketens`` holds ``lokaal productie``), with at most ``gap`` other
  words between two elements (``gelijk Europees speelveld``); or inside one word whose parts
  hold the elements in order (``socialezekerheidsstelsel``,
  ``kunstmatige-intelligentietoepassing``).

Phrases are written as their elements joined by a space (``"sociaal zekerheid"``); index
terms never contain a space, so the two never collide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from .analyzer import analyze_word, analyze_words, word_frequency
from .params import PhraseParams
from .tokenize import words

PARAMS = PhraseParams()  # min_words, max_words: a longer run of content words is a list
_ITEM_SPLIT = re.compile(r"[,;:()\[\]/|\n]+|\s[-–—]\s|\.(?:\s|$)")
_PROSE_END = re.compile(r"[.!?]\s*$")

Phrase = tuple[str, ...]

# Degree, quantity and evaluative words do not make a term of the noun they modify
# (``minder uitstoot``, ``betere beloning``, ``voldoende capaciteit`` are about
# ``uitstoot``, ``beloning``, ``capaciteit``): they end a phrase like a stop word. Lemmas.
DEGREE_WORDS = frozenset(
    {"weinig", "veel", "meer", "minder", "minst", "meest", "voldoende", "onvoldoende"}
    | {"goed", "beter", "best", "slecht", "groot", "klein", "sterk", "extra", "genoeg"}
    | {"volgend", "echt", "heel", "zeer", "hard", "snel", "vooral", "steeds", "ander"}
)


def _comparative(word: str, lem: str) -> bool:
    """``kleinere``, ``betere``, ``duurzamere``: an inflected comparative (not
    ``bijzondere``, whose lemma itself ends in -er)."""
    return word.endswith("ere") and lem != word and not lem.endswith("er")


def phrase_key(phrase: Phrase) -> str:
    """The index term of a phrase: its elements joined by a space."""
    return " ".join(phrase)


def is_term_field(text: str) -> bool:
    """A label or keyword list (phrases are read from it) rather than prose (a description:
    it ends in a full stop or holds a sentence break)."""
    stripped = text.strip()
    return bool(stripped) and not _PROSE_END.search(stripped) and ". " not in stripped


def field_phrases(
    text: str, frame: frozenset[str] = frozenset()
) -> list[tuple[Phrase, tuple[int, ...]]]:
    """The phrases of a term field, each with the indices of its words in
    ``words(text)``, in order.

    ``"sociale zekerheid, bijstand"`` → ``[(("sociaal", "zekerheid"), (0, 1))]``. Prose
    gives nothing (see :func:`is_term_field`). Degree words (:data:`DEGREE_WORDS`),
    comparatives, and ``frame`` words (lemmas that every theme of a framework uses, such as
    ``kwetsbaarheid``) end a phrase as stop words do."""
    if not is_term_field(text):
        return []
    out: list[tuple[Phrase, tuple[int, ...]]] = []
    offset = 0
    for item in _ITEM_SPLIT.split(text):
        item_words = words(item)
        run: list[int] = []
        for k, w in enumerate([*item_words, ""]):  # "" flushes the last run
            terms = analyze_word(w) if w else ()
            if (
                terms
                and not w.isdigit()
                and terms[0] not in DEGREE_WORDS
                and terms[0] not in frame
                and not _comparative(w, terms[0])
            ):
                run.append(offset + k)
                continue
            if PARAMS.min_words <= len(run) <= PARAMS.max_words:
                phrase = tuple(analyze_word(item_words[i - offset])[0] for i in run)
                if len(set(phrase)) == len(phrase):
                    out.append((phrase, tuple(run)))
            run = []
        offset += len(item_words)
    return out


def word_terms(text: str) -> list[tuple[str, ...]]:
    """Index terms per word of ``text`` (stop words give an empty tuple but keep their place)."""
    return analyze_words(words(text))


def _inside(terms: tuple[str, ...], phrase: Phrase) -> bool:
    """The parts of one word (its terms after the first) hold the elements in order."""
    pos = 1
    for element in phrase:
        try:
            pos = terms.index(element, pos) + 1
        except ValueError:
            return False
    return True


def by_first_term(phrases: Iterable[Phrase]) -> dict[str, list[Phrase]]:
    """The phrases grouped by their first element (in order): what :func:`count_phrases`
    looks them up by; build it once when counting in many texts."""
    by_first: dict[str, list[Phrase]] = {}
    for p in phrases:
        by_first.setdefault(p[0], []).append(p)
    return by_first


def count_phrases(
    seq: Sequence[tuple[str, ...]],
    phrases: Iterable[Phrase] | Mapping[str, list[Phrase]],
    *,
    gap: int = 1,
) -> dict[Phrase, int]:
    """Occurrences of each phrase in a text given as :func:`word_terms` (absent ones left
    out); ``phrases`` may be given as :func:`by_first_term` made them."""
    by_first = phrases if isinstance(phrases, Mapping) else by_first_term(phrases)
    counts: dict[Phrase, int] = {}
    if by_first.keys().isdisjoint([t for terms in seq for t in terms]):
        return counts  # no phrase starts in this text (most texts)
    n = len(seq)
    for i in range(n):
        terms = seq[i]
        for first in terms:
            for p in by_first.get(first, ()):
                if _inside(terms, p) or _follows(seq, i, p, gap, n):
                    counts[p] = counts.get(p, 0) + 1
    return counts


def _follows(seq: Sequence[tuple[str, ...]], i: int, p: Phrase, gap: int, n: int) -> bool:
    pos = i
    for element in p[1:]:
        for j in range(pos + 1, min(n, pos + 2 + gap)):
            if element in seq[j]:
                pos = j
                break
        else:
            return False
    return True


def commonness(word: str) -> float:
    """How common a word is in Dutch: the Zipf frequency of the word as written or of its
    lemma, whichever is higher (0 when unknown)."""
    terms = analyze_word(word)
    return max(word_frequency(word), word_frequency(terms[0]) if terms else 0.0)
