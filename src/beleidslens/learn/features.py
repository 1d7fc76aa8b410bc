"""Features of a row: its words, its characters, its neighbours and its heading.

Four tf-idf blocks side by side (scikit-learn's :class:`TfidfVectorizer`, sublinear tf):

* the row's word n-grams (``word_ngrams``) and character n-grams within words
  (``char_ngrams``: compounds such as *woningbouwcorporaties* share parts with *woningbouw*);
* the words of the ``window`` rows before and after it in its group, scaled by
  ``context_weight`` — a quasi-sentence such as "Dat moet anders." is coded by its context;
* the words of its current heading, scaled by ``heading_weight``.

Vocabulary and idf come from every row given to :meth:`RowFeatures.fit` (labels play no part).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .params import LearnParams
from .rows import Row, contexts


class RowFeatures:
    def __init__(self, params: LearnParams) -> None:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        p = params
        self.params = p
        common: dict[str, Any] = {"sublinear_tf": True, "dtype": np.float32}
        self.word = TfidfVectorizer(ngram_range=tuple(p.word_ngrams), min_df=p.min_df, **common)
        self.char = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=tuple(p.char_ngrams),
            min_df=max(p.min_df, 3),
            max_features=p.char_max_features,
            **common,
        )
        self.context = TfidfVectorizer(min_df=p.min_df, **common)
        self.heading = TfidfVectorizer(min_df=1, **common)
        self._heading_on = False

    def _parts(self, rows: Sequence[Row]) -> tuple[list[str], list[str], list[str]]:
        ctx = contexts(rows, self.params.window)
        texts = [r.text for r in rows]
        around = [f"{c.before} {c.after}".strip() for c in ctx]
        headings = [c.heading for c in ctx]
        return texts, around, headings

    def fit(self, rows: Sequence[Row]) -> RowFeatures:
        texts, around, headings = self._parts(rows)
        self.word.fit(texts)
        self.char.fit(texts)
        self.context.fit([a or texts[i] for i, a in enumerate(around)])
        self._heading_on = any(headings)
        if self._heading_on:
            self.heading.fit(headings)
        return self

    def transform(self, rows: Sequence[Row]) -> Any:
        """A sparse CSR matrix, one row per row (headings included; callers drop them)."""
        from scipy import sparse

        texts, around, headings = self._parts(rows)
        p = self.params
        blocks = [
            self.word.transform(texts),
            self.char.transform(texts),
            p.context_weight * self.context.transform(around),
        ]
        if self._heading_on and p.heading_weight:
            blocks.append(p.heading_weight * self.heading.transform(headings))
        return sparse.hstack(blocks, format="csr")

    def sklearn_objects(self) -> dict[str, Any]:
        return {
            "word": self.word,
            "char": self.char,
            "context": self.context,
            "heading": self.heading if self._heading_on else None,
        }

    @classmethod
    def from_objects(cls, params: LearnParams, objects: dict[str, Any]) -> RowFeatures:
        self = cls.__new__(cls)
        self.params = params
        self.word = objects["word"]
        self.char = objects["char"]
        self.context = objects["context"]
        self.heading = objects["heading"]
        self._heading_on = objects["heading"] is not None
        return self
