"""Coded text as ground truth: locate coded rows in a document and trace spans back to them.

A coded data set (the Manifesto Project's quasi-sentences, PImPo) gives one label per row of
text; the engine ranks passages of a *document*. :func:`align_rows` finds every row in the
document's normalized text, word by word, so that any span the engine (or a peer) ranks can
be traced back to the rows it is made of (:meth:`CodedDocument.trace`).

Alignment works on lowercase word tokens (``\\w+``): each row of at least three words votes
for its start position with its word trigrams (each trigram seen in the document proposes
``position - offset``); the position with the most votes wins, ties going to the one nearest
after the previous row — the rows come in document order, but a table of contents or a
repeated phrase can offer an earlier copy. Shorter rows are placed right after the previous
row when their words are there. A word belongs to the first row placed on it; words of no row
(headings, page furniture, text the coders skipped) are *unlabelled*.

:func:`rebuild_document` is the other way round: a document made from the rows alone (one
paragraph per group of sentences), for data sets without a published text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .rules import RULES, EvaluationRules

if TYPE_CHECKING:
    from ..document.model import Document

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class CodedRow:
    """One coded unit: its text, its label (a category code) and its position in the data."""

    text: str
    code: str
    index: int
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class Trace:
    """The rows a span is made of: words per row index, and the span's unlabelled words."""

    words: dict[int, int]
    unlabelled: int

    @property
    def labelled(self) -> int:
        return sum(self.words.values())

    def share(self, rows: Sequence[CodedRow], codes: Iterable[str]) -> float:
        """Share of the span's labelled words that belong to rows with one of ``codes``."""
        wanted = set(codes)
        total = self.labelled
        if not total:
            return 0.0
        return sum(n for i, n in self.words.items() if rows[i].code in wanted) / total


@dataclass
class CodedDocument:
    """A document with its coded rows located in it."""

    name: str
    document: Document
    rows: list[CodedRow]
    starts: list[int]  # word starts (character offsets) of the document
    owner: list[int]  # per word: the index of the row it belongs to, or -1
    placed: int  # rows located in the text

    @property
    def placed_share(self) -> float:
        return self.placed / len(self.rows) if self.rows else 0.0

    def trace(self, start: int, end: int) -> Trace:
        """The rows the characters ``start:end`` of the document text are made of."""
        from bisect import bisect_left

        lo = bisect_left(self.starts, start)
        hi = bisect_left(self.starts, end)
        words: Counter[int] = Counter()
        unlabelled = 0
        for w in range(lo, hi):
            r = self.owner[w]
            if r < 0:
                unlabelled += 1
            else:
                words[r] += 1
        return Trace(dict(words), unlabelled)

    def code_counts(self) -> Counter[str]:
        """How many placed rows each code has in this document."""
        placed = {r for r in self.owner if r >= 0}
        return Counter(self.rows[i].code for i in placed)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def align_rows(
    name: str, document: Document, rows: list[CodedRow], rules: EvaluationRules = RULES
) -> CodedDocument:
    """Locate ``rows`` (in their order) in ``document``'s text (see the module docstring;
    the voting's bounds are ``rules.max_trigram_hits``, ``max_voting_trigrams`` and
    ``min_vote_share``)."""
    matches = list(_WORD.finditer(document.text))
    words = [m.group().lower() for m in matches]
    starts = [m.start() for m in matches]
    index: dict[tuple[str, str, str], list[int]] = {}
    for i in range(len(words) - 2):
        index.setdefault((words[i], words[i + 1], words[i + 2]), []).append(i)
    owner = [-1] * len(words)
    cursor = 0
    placed = 0
    for row_pos, row in enumerate(rows):
        rw = _words(row.text)
        if not rw:
            continue
        start: int | None = None
        if len(rw) >= 3:
            votes: Counter[int] = Counter()
            trigrams = 0
            for k in range(len(rw) - 2):
                hits = index.get((rw[k], rw[k + 1], rw[k + 2]))
                if hits is None or len(hits) > rules.max_trigram_hits:
                    continue
                trigrams += 1
                for pos in hits:
                    votes[pos - k] += 1
                if trigrams >= rules.max_voting_trigrams:
                    break
            if votes:
                top = max(votes.values())
                if top >= max(1.0, rules.min_vote_share * trigrams):
                    best = [p for p, v in votes.items() if v == top]
                    after = [p for p in best if p >= cursor]
                    start = min(after) if after else max(best)
        elif words[cursor : cursor + len(rw)] == rw:
            start = cursor
        if start is None:
            continue
        start = max(0, start)
        end = min(len(words), start + len(rw))
        for w in range(start, end):
            if owner[w] < 0 and words[w] in rw:
                owner[w] = row_pos
        placed += 1
        cursor = end
    return CodedDocument(name, document, rows, starts, owner, placed)


def rebuild_document(name: str, rows: list[CodedRow], sentences_per_paragraph: int = 4) -> Document:
    """A document made of ``rows`` alone: rows that end a sentence close it, every
    ``sentences_per_paragraph`` sentences close a paragraph. No label is used."""
    from ..document.builder import RawBlock, build_document, source_info
    from ..document.model import NodeKind

    paragraphs: list[str] = []
    current: list[str] = []
    sentences = 0
    for row in rows:
        text = " ".join(row.text.split())
        if not text:
            continue
        current.append(text)
        if text.endswith((".", "!", "?", ":", ";")):
            sentences += 1
            if sentences >= sentences_per_paragraph:
                paragraphs.append(" ".join(current))
                current, sentences = [], 0
    if current:
        paragraphs.append(" ".join(current))
    text = "\n\n".join(paragraphs)
    blocks = [RawBlock(NodeKind.PARAGRAPH, p) for p in paragraphs]
    return build_document(blocks, source_info(name, "txt", text))
