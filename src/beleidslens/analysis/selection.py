"""Selection: which candidate passages go into the report (``docs/scoring.md``, Pick).

A passage must pass an absolute threshold and a fraction of the theme's best; then one
passage per clearly addressed aspect, then the strongest remaining, skipping near-duplicates,
up to ``max_selected``. A theme without evidence gets nothing.
"""

from __future__ import annotations

from functools import lru_cache

from .options import AnalysisOptions
from .passages import Candidate


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
) -> list[Candidate]:
    """Pick the report's passages from ``candidates`` (best first); ``evidence`` is the best
    sentence score per aspect (the theme gate)."""
    if not candidates:
        return []
    tokens = {id(c): _tokens(" ".join(u.node.text for u in c.units)) for c in candidates}
    top = candidates[0].score
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
        best = max(pool, key=lambda c: (c.aspect_scores.get(aid, 0.0), c.score, -c.start))
        if best.aspect_scores.get(aid, 0.0) >= opts.uncertain_score and not duplicate(best):
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
