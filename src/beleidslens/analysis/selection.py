"""Selection: which candidate passages go into the report (``docs/scoring.md``, Pick).

A passage must pass an absolute threshold and a fraction of the theme's best; then one
passage per clearly addressed aspect, then the strongest remaining, skipping near-duplicates
and more than ``max_per_block`` passages of one block, up to ``max_selected``. A theme
without evidence gets nothing. A theme naming codebook codes selects only from
:func:`coded_pool`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .options import AnalysisOptions
from .passages import Candidate

if TYPE_CHECKING:
    import numpy as np


@lru_cache(maxsize=50_000)
def _tokens(text: str) -> frozenset[str]:
    from ..nlp import content_tokens

    return frozenset(content_tokens(text))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def select(
    candidates: list[Candidate],
    evidence: dict[str, float],
    opts: AnalysisOptions,
    top: float | None = None,
) -> list[Candidate]:
    """Pick the report's passages from ``candidates`` (best first); ``evidence`` is the best
    sentence score per aspect (the theme gate); ``top`` the theme's best candidate score
    when ``candidates`` is a subset of its ranking (:func:`coded_pool`)."""
    if not candidates:
        return []
    tokens = {id(c): _tokens(" ".join(u.node.text for u in c.units)) for c in candidates}
    top = candidates[0].score if top is None else top
    # absolute evidence: a theme none of whose remedies has real evidence gets nothing
    if evidence and max(evidence.values()) < opts.gate_score:
        return []
    if not evidence and top < opts.addressed_score:
        return []
    addressed = sorted(
        (a for a, sc in evidence.items() if sc >= opts.addressed_score),
        key=lambda a: (-evidence[a], a),
    )
    selected: list[Candidate] = []

    def duplicate(c: Candidate) -> bool:
        """Near the same words as a selected passage, or one block too many."""
        if sum(s.block is c.block for s in selected) >= opts.max_per_block:
            return True
        return any(
            _overlap(tokens[id(c)], tokens[id(s)]) >= opts.duplicate_overlap for s in selected
        )

    # 1. one passage per clearly addressed aspect, strongest aspects first
    for aid in addressed:
        if len(selected) >= opts.max_selected:
            break
        if any(aid in served(s, opts) for s in selected):
            continue
        pool = [
            c
            for c in candidates
            if c not in selected and c.commitment and c.score >= opts.aspect_min_score
        ]
        if not pool:
            break
        # a passage the selection would refuse (another run of a chosen block, near the same
        # words) leaves the aspect to the next best, not to nothing
        pool = [c for c in pool if not duplicate(c)]
        if not pool:
            continue
        best = max(pool, key=lambda c: (c.aspect_scores.get(aid, 0.0), c.score, -c.start))
        if best.aspect_scores.get(aid, 0.0) >= opts.uncertain_score:
            selected.append(best)
    # 2. then the strongest remaining passages, while they stay close to the best
    floor = max(opts.min_score, opts.relative_score * top)
    for c in candidates:
        if len(selected) >= opts.max_selected or c.score < floor:
            break
        if c in selected or not c.commitment or duplicate(c):
            continue
        aspects = set(served(c, opts))
        repeats = sum(1 for s in selected if aspects and aspects <= set(served(s, opts)))
        if repeats >= opts.max_per_aspect:
            continue
        selected.append(c)
    return selected


def served(c: Candidate, opts: AnalysisOptions) -> list[str]:
    if not c.aspect_scores:
        return []
    best = max(c.aspect_scores.values())
    return sorted(
        a
        for a, s in c.aspect_scores.items()
        if s >= opts.uncertain_score and s >= opts.served_ratio * best
    )


def rival_scores(coded: list[int], scores: np.ndarray, opts: AnalysisOptions) -> np.ndarray | None:
    """Per unit, the best score among the coded themes' queries (rows ``coded`` of
    ``scores``): a codebook's categories are exclusive, a coded sentence has one code.
    ``None`` when ``rival_ratio`` is off or fewer than two themes name codes."""
    if not opts.rival_ratio or len(coded) < 2 or not scores.shape[1]:
        return None
    return scores[coded].max(axis=0)


def coded_pool(
    ranked: list[Candidate], own: np.ndarray, rival: np.ndarray, opts: AnalysisOptions
) -> list[Candidate]:
    """The candidates a coded theme may select: one of the passage's sentences scores for
    the theme (``own``, its query's scores) at least ``rival_ratio`` × the best coded theme
    there, and the passage scores at least ``coded_min_score`` — none at all when the
    theme's scores over the sentences it leads sum to less than ``coded_min_mass``."""
    if float(own[own >= rival].sum()) < opts.coded_min_mass:
        return []
    return [
        c
        for c in ranked
        if c.score >= opts.coded_min_score
        and any(own[u.index] >= opts.rival_ratio * rival[u.index] for u in c.basis)
    ]
