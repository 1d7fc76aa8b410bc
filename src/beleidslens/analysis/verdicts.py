"""Aspect verdicts: per aspect, the best sentence score decides ``addressed`` /
``uncertain`` / ``not_addressed``, with its best evidence (``docs/scoring.md``, Verdicts).

Two rules tie the verdict to the same evidence as the selection:

* an aspect that a **selected passage serves** (``Passage.aspects``), or whose shown evidence
  lies in a selected passage, is never ``not_addressed`` — at least ``uncertain``: the report
  quotes it, so it cannot also say NIET;
* evidence that **rejects** the aspect's remedy (:mod:`.stance`) is marked
  ``stance: "against"``; when every sentence strong enough for ``addressed`` is such, the
  aspect is ``uncertain`` (spoken of, not addressed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document.model import Document
from .options import AnalysisOptions
from .passages import Unit, normalize_ws
from .result import AspectStatus, AspectVerdict, Evidence, Passage
from .stance import against, aspect_terms

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
    import numpy as np

    n = len(units)
    selected = [p for p in passages if p.selected]
    selected_ids = {p.id for p in selected}
    verdicts = []
    for aspect in theme.aspects:
        arow = verdict_rows[aspect.id]
        # best first, ties in document order (a stable sort of -score)
        order = np.argsort(-arow, kind="stable")[: opts.max_evidence].tolist() if n else []
        best = float(arow[order[0]]) if order else 0.0
        terms = aspect_terms([aspect.label, *aspect.keywords]) if opts.stance else frozenset()
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
                    stance="against" if terms and _against(u.node.text, terms, opts) else None,
                )
            )
        status = status_of(best, opts)
        strong = [e for e in evidence if e.score >= opts.addressed_score]
        if status is AspectStatus.ADDRESSED and strong and all(e.stance for e in strong):
            status = AspectStatus.UNCERTAIN  # spoken of, but to reject the remedy
        if status is AspectStatus.NOT_ADDRESSED and (
            any(aspect.id in p.aspects for p in selected)
            or any(e.passage_id in selected_ids for e in evidence)
        ):
            status = AspectStatus.UNCERTAIN  # the report quotes it: never NIET beside it
        verdicts.append(
            AspectVerdict(
                id=aspect.id,
                label=aspect.label,
                status=status,
                score=round(best, 4),
                evidence=evidence,
            )
        )
    return verdicts


def _against(text: str, terms: frozenset[str], opts: AnalysisOptions) -> bool:
    return against(
        text,
        terms,
        before=opts.stance_before,
        after=opts.stance_after,
        verb_before=opts.stance_verb_before,
    )
