""" "Meer zoals deze": re-rank a theme's remaining candidates after review decisions.

The model of a theme is fitted to the analyst's decisions on it (relevance feedback in the
manner of Rocchio): every candidate is a tf-idf vector over its index terms (Dutch lemmas
and compound parts, :func:`beleidslens.nlp.analyze`; idf over the theme's candidates), the
accepted passages give a centroid of what the analyst wants and the rejected ones of what
they do not. A remaining candidate's score is

    engine_weight × engine score (÷ the theme's best)
    + accept_weight × cosine(candidate, accepted centroid)
    − reject_weight × cosine(candidate, rejected centroid)

so with no decisions the order is the engine's, and each decision moves candidates that
share its words. The explanation of a move names the terms that carried it: the largest
products of the candidate's and the centroid's weights. No extra is needed (NumPy only).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from ..nlp import analyze
from ..params import Params
from ..params import field as _f


class RerankParams(Params):
    """The re-ranker's weights (docs/learning.md names the replay that chose them)."""

    label: ClassVar[str] = "re-ranking parameter"

    # measured on the dev replay (beleidslens simulate, docs/learning.md; passages read to
    # 90 % of the expert's, 4 themes): engine/accept/reject 1/0.5/0.25, 1/1/0.5 and 1/1/1
    # tie at 7/9/3/4; a stronger pull (accept 2-4, or engine 0.5) reads more (up to
    # 12/11/4/8). The lightest of the ties is kept: the engine's order stays the backbone.
    engine_weight: float = _f(
        1.0, "weight of the engine's score (÷ the theme's best)", ge=0.0, le=100.0
    )
    accept_weight: float = _f(
        0.5, "weight of the cosine with the accepted passages' centroid", ge=0.0, le=100.0
    )
    reject_weight: float = _f(
        0.25, "weight of the cosine with the rejected passages' centroid", ge=0.0, le=100.0
    )
    explain_terms: int = _f(3, "terms named in a moved card's explanation", ge=0, le=100)
    max_examples: int = _f(
        400,
        "most recent decisions of a framework's other analyses used per theme (with consent)",
        ge=0,
        le=100_000,
    )


#: the parameters the workbench and ``simulate`` use
PARAMS = RerankParams()


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str
    text: str
    score: float  # the engine's score


@dataclass
class Ranked:
    id: str
    score: float
    engine_rank: int  # 0-based position in the engine's order
    rank: int  # 0-based position now
    like: list[str] = field(default_factory=list)  # terms shared with accepted passages
    unlike: list[str] = field(default_factory=list)  # terms shared with rejected passages

    @property
    def moved(self) -> int:
        """Places gained (positive) or lost (negative) against the engine's order."""
        return self.engine_rank - self.rank


class Reranker:
    """Re-ranks one theme's candidates; build once, call :meth:`rank` after each decision.

    Vectors are sparse (term → weight); the candidates' pairwise cosines are computed once
    through an inverted index, so a decision costs ``O(candidates × decisions)``."""

    def __init__(self, candidates: Sequence[Candidate], params: RerankParams | None = None):
        self.params = params or PARAMS
        self.candidates = list(candidates)
        n = len(self.candidates)
        order = sorted(range(n), key=lambda i: (-self.candidates[i].score, i))
        self.engine_rank = {self.candidates[i].id: r for r, i in enumerate(order)}
        self.index = {c.id: i for i, c in enumerate(self.candidates)}
        bags = [Counter(analyze(c.text)) for c in self.candidates]
        df: Counter[str] = Counter()
        for b in bags:
            df.update(b.keys())
        self.vectors: list[dict[str, float]] = []
        postings: dict[str, list[tuple[int, float]]] = {}
        for i, b in enumerate(bags):
            vec = {
                t: (1.0 + math.log(tf)) * (math.log((1 + n) / (1 + df[t])) + 1.0)
                for t, tf in sorted(b.items())
            }
            norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
            vec = {t: w / norm for t, w in vec.items()}
            self.vectors.append(vec)
            for t, w in vec.items():
                postings.setdefault(t, []).append((i, w))
        gram = np.zeros((n, n), dtype=np.float64)
        for plist in postings.values():
            idx = np.array([i for i, _ in plist])
            weights = np.array([x for _, x in plist])
            gram[np.ix_(idx, idx)] += np.outer(weights, weights)
        self.gram = gram
        best = max((c.score for c in self.candidates), default=0.0)
        self.engine = np.array([c.score / best if best > 0 else 0.0 for c in self.candidates])

    def _rows(self, decisions: Mapping[str, bool], accepted: bool) -> list[int]:
        return sorted(
            self.index[i] for i, ok in decisions.items() if ok == accepted and i in self.index
        )

    def _similarity(self, rows: list[int]) -> np.ndarray | None:
        """Cosine of every candidate with the centroid of ``rows``."""
        if not rows:
            return None
        norm = math.sqrt(float(self.gram[np.ix_(rows, rows)].sum()))
        if norm <= 0:
            return None
        out: np.ndarray = self.gram[:, rows].sum(axis=1) / norm
        return out

    def _terms(self, i: int, rows: list[int]) -> list[str]:
        if not rows:
            return []
        centroid: dict[str, float] = {}
        for r in rows:
            for t, w in self.vectors[r].items():
                centroid[t] = centroid.get(t, 0.0) + w
        contrib = sorted(
            (
                (w * centroid.get(t, 0.0), t)
                for t, w in self.vectors[i].items()
                if centroid.get(t, 0.0) > 0
            ),
            key=lambda x: (-x[0], x[1]),
        )
        return [t for _, t in contrib[: self.params.explain_terms]]

    def scores(self, decisions: Mapping[str, bool]) -> np.ndarray:
        p = self.params
        s = p.engine_weight * self.engine
        acc = self._similarity(self._rows(decisions, True))
        rej = self._similarity(self._rows(decisions, False))
        if acc is not None:
            s = s + p.accept_weight * acc
        if rej is not None:
            s = s - p.reject_weight * rej
        out: np.ndarray = s
        return out

    def order(self, decisions: Mapping[str, bool]) -> list[int]:
        """Indices of the undecided candidates, best first (ties: the engine's order)."""
        s = self.scores(decisions)
        remaining = [i for i, c in enumerate(self.candidates) if c.id not in decisions]
        remaining.sort(
            key=lambda i: (-round(float(s[i]), 9), self.engine_rank[self.candidates[i].id])
        )
        return remaining

    def rank(self, decisions: Mapping[str, bool], *, explain: int | None = None) -> list[Ranked]:
        """The undecided candidates, best first, each with why it moved (the terms it shares
        with the accepted and the rejected passages; for the first ``explain`` only)."""
        s = self.scores(decisions)
        remaining = self.order(decisions)
        acc_rows = self._rows(decisions, True)
        rej_rows = self._rows(decisions, False)
        # engine positions among the remaining candidates, so "moved" compares like with like
        by_engine = sorted(remaining, key=lambda i: self.engine_rank[self.candidates[i].id])
        engine_pos = {i: r for r, i in enumerate(by_engine)}
        out = []
        for r, i in enumerate(remaining):
            why = explain is None or r < explain
            out.append(
                Ranked(
                    self.candidates[i].id,
                    round(float(s[i]), 6),
                    engine_pos[i],
                    r,
                    self._terms(i, acc_rows) if why else [],
                    self._terms(i, rej_rows) if why else [],
                )
            )
        return out
