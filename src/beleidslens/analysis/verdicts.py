"""Aspect verdicts: per aspect, the best sentence score decides ``addressed`` /
``uncertain`` / ``not_addressed``, with its best evidence (``docs/scoring.md``, Verdicts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document.model import Document
from .options import AnalysisOptions
from .passages import Unit, normalize_ws
from .result import AspectStatus, AspectVerdict, Evidence, Passage

if TYPE_CHECKING:
    import numpy as np

    from ..framework import Theme


def status_of(best: float, opts: AnalysisOptions) -> AspectStatus:
    if best >= opts.addressed_score:
        return AspectStatus.ADDRESSED
    if best >= opts.uncertain_score:
        return AspectStatus.UNCERTAIN
    return AspectStatus.NOT_ADDRESSED


def aspect_verdicts(
    document: Document,
    theme: Theme,
    units: list[Unit],
    verdict_rows: dict[str, np.ndarray],
    passages: list[Passage],
    opts: AnalysisOptions,
) -> list[AspectVerdict]:
    """One verdict per aspect of ``theme``; evidence names the passage it lies in."""
    n = len(units)
    verdicts = []
    for aspect in theme.aspects:
        arow = verdict_rows[aspect.id]
        order = sorted(range(n), key=lambda i: (-float(arow[i]), i))[: opts.max_evidence]
        best = float(arow[order[0]]) if order else 0.0
        evidence = []
        for i in order:
            if float(arow[i]) < opts.uncertain_score * opts.evidence_ratio:
                break
            u = units[i]
            pid = next(
                (
                    p.id
                    for p in passages
                    if p.location.start <= u.node.start and u.node.end <= p.location.end
                ),
                None,
            )
            evidence.append(
                Evidence(
                    passage_id=pid,
                    text=normalize_ws(u.node.text),
                    score=round(float(arow[i]), 4),
                    location=document.location(u.node.start, u.node.end, u.block),
                )
            )
        verdicts.append(
            AspectVerdict(
                id=aspect.id,
                label=aspect.label,
                status=status_of(best, opts),
                score=round(best, 4),
                evidence=evidence,
            )
        )
    return verdicts
