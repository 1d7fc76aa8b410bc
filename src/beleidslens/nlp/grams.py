"""Character n-grams of a text's words: what a concept model reads of a word its coded rows
never used.

A classifier over whole terms knows ``zorgverzekering`` only if a coded row said it; its
character n-grams (`` zo``, ``zorg``, ``verz``, ``ring ``…) are shared with ``zorgpremie``
and ``verzekeraar``, and a text's own word forms (``werknemers``, ``gepensioneerden``, ``%``)
say what its lemmas lose. A concept model trained with ``gram_weight`` reads, beside its
index terms, the n-grams of a text's words (:func:`text_words`; training and analysis call
the same functions, so a model is always read as it was trained). The n-grams of one word
are those of scikit-learn's ``char_wb`` analyser for it: the word padded with a space on
either side, every substring of ``lo`` to ``hi`` characters, and a word shorter than that
once, whole.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property, lru_cache

import numpy as np

from .segments import segment_sums


def text_words(text: str) -> dict[str, float]:
    """A text's words as the n-grams read them: lower-cased, split at white space, each
    counted (scikit-learn's ``char_wb`` analyser reads a text as these words)."""
    out: dict[str, float] = {}
    for word in text.lower().split():
        out[word] = out.get(word, 0.0) + 1.0
    return out


@lru_cache(maxsize=1 << 17)
def term_grams(term: str, lo: int, hi: int) -> tuple[str, ...]:
    """The character n-grams of ``" term "`` (a word), ``lo`` to ``hi`` characters long."""
    padded = f" {term} "
    out: list[str] = []
    for n in range(lo, hi + 1):
        if len(padded) <= n:
            out.append(padded)
            break
        out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return tuple(out)


def gram_bag(bag: Mapping[str, float], lo: int, hi: int) -> dict[str, float]:
    """The n-grams of a bag's words (:func:`term_grams`), each × its word's count."""
    out: dict[str, float] = {}
    for term, count in bag.items():
        for gram in term_grams(term, lo, hi):
            out[gram] = out.get(gram, 0.0) + count
    return out


def unit_tfidf(
    rows: np.ndarray, counts: np.ndarray, idf: np.ndarray, n: int, weight: float = 1.0
) -> np.ndarray:
    """``weight`` × the values of ``n`` sparse TF-IDF rows at unit length: each entry's
    sublinear count (``1 + ln(count)`` from one on, a fraction as it is) × its ``idf``
    (already gathered per entry), divided by its row's norm; ``rows`` ascending."""
    v = np.where(counts >= 1.0, 1.0 + np.log(np.maximum(counts, 1.0)), counts) * idf
    norms = np.sqrt(np.bincount(rows, weights=v * v, minlength=n))
    return weight * v / np.maximum(norms[rows], 1e-12)


def add_gathered(
    out: np.ndarray, rows: np.ndarray, cols: np.ndarray, v: np.ndarray, coef: np.ndarray
) -> None:
    """``out[row] += Σ v · coef[col]`` over sparse entries (``rows`` ascending), gathering
    the weights' rows: memory grows with entries × classes."""
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    # = np.add.reduceat(…, starts), bit for bit, faster (nlp/segments.py)
    out[rows[starts]] += segment_sums(coef[cols].astype(np.float64) * v[:, None], starts)


# up to this many entries, add_logits gathers the weights' rows (memory: entries × classes);
# above it, it reads one class at a time from the transposed copy (made once, 4 bytes a weight)
_GATHER = 20_000


class GramBlock:
    """A concept model's n-gram weights: vocabulary (sorted; a numpy array, searched, a
    fifth of a dict's memory), idf and ``[grams, classes]`` coefficients, read from bags of
    words (:func:`text_words`) as their :func:`gram_bag` TF-IDF rows at unit length ×
    ``weight``."""

    def __init__(
        self,
        vocab: Sequence[str],
        idf: np.ndarray,
        coef: np.ndarray,
        lo: int,
        hi: int,
        weight: float,
    ) -> None:
        self.vocab = np.array(list(vocab) or [""], dtype=str)[: len(vocab)]
        if len(self.vocab) > 1 and not bool(np.all(self.vocab[1:] > self.vocab[:-1])):
            raise ValueError("concept model: the n-gram vocabulary is not sorted")
        self.idf = idf
        self.coef = coef
        self.lo, self.hi, self.weight = lo, hi, weight
        self._ids: dict[str, np.ndarray] = {}

    @cached_property
    def coef_t(self) -> np.ndarray:
        """``[classes, grams]`` float32: one class's weights together, made when first read
        (an analysis that never reads n-grams never pays for it)."""
        return np.ascontiguousarray(self.coef.T, dtype=np.float32)

    def term_ids(self, term: str) -> np.ndarray:
        """The known n-grams of a word, as columns (repeats kept: each one counts)."""
        ids = self._ids.get(term)
        if ids is None:
            grams = np.array(term_grams(term, self.lo, self.hi), dtype=str)
            at = np.searchsorted(self.vocab, grams)
            if len(self.vocab):
                at = np.minimum(at, len(self.vocab) - 1)
                ids = at[self.vocab[at] == grams].astype(np.int64)
            else:
                ids = np.zeros(0, dtype=np.int64)
            self._ids[term] = ids
        return ids

    def entries(
        self, bags: Sequence[Mapping[str, float]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(row, column, count)`` of every known n-gram of ``bags`` (:func:`gram_bag`, a
        term's count summed over the terms sharing the n-gram), rows ascending, columns
        ascending within a row: what :func:`gram_bag` and the index give, computed once
        per distinct term rather than per n-gram."""
        local: dict[str, int] = {}
        pair_row: list[int] = []
        pair_term: list[int] = []
        pair_count: list[float] = []
        for i, b in enumerate(bags):
            for term, count in b.items():
                if count > 0:
                    pair_row.append(i)
                    pair_term.append(local.setdefault(term, len(local)))
                    pair_count.append(count)
        empty = np.zeros(0, dtype=np.int64)
        if not local:
            return empty, empty, np.zeros(0)
        tables = [self.term_ids(t) for t in local]
        lengths = np.array([len(t) for t in tables], dtype=np.int64)
        flat = np.concatenate(tables)
        offsets = np.r_[0, np.cumsum(lengths)[:-1]]
        terms = np.asarray(pair_term, dtype=np.int64)
        size = lengths[terms]
        total = int(size.sum())
        if not total:
            return empty, empty, np.zeros(0)
        # position of each entry within its pair, then in the flat table
        first = np.r_[0, np.cumsum(size)[:-1]]
        within = np.arange(total) - np.repeat(first, size)
        cols = flat[np.repeat(offsets[terms], size) + within]
        rows = np.repeat(np.asarray(pair_row, dtype=np.int64), size)
        counts = np.repeat(np.asarray(pair_count, dtype=np.float64), size)
        width = len(self.vocab)
        key = rows * width + cols
        uniq, inverse = np.unique(key, return_inverse=True)
        summed = np.bincount(inverse, weights=counts, minlength=len(uniq))
        return uniq // width, uniq % width, summed

    def add_logits(
        self, out: np.ndarray, bags: Sequence[Mapping[str, float]], batch: int = 256
    ) -> None:
        """Add ``weight`` × each bag's unit-length n-gram TF-IDF row @ ``coef`` to ``out``,
        ``batch`` bags and one class at a time (memory stays at a few arrays of a batch's
        entries, whatever the document's length)."""
        for at in range(0, len(bags), batch):
            self._add(out[at : at + batch], bags[at : at + batch])

    def _add(self, out: np.ndarray, bags: Sequence[Mapping[str, float]]) -> None:
        rows, cols, counts = self.entries(bags)
        if not len(rows):
            return
        v = unit_tfidf(rows, counts, self.idf[cols], len(bags), self.weight)
        if len(rows) <= _GATHER:  # a few texts (a framework's queries): their weights' rows
            add_gathered(out, rows, cols, v, self.coef)
            return
        for k, column in enumerate(self.coef_t):
            out[:, k] += np.bincount(rows, weights=v * column[cols], minlength=len(bags))
