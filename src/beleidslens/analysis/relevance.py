"""Relevance of each unit to a theme, from the backend's scores (``docs/scoring.md``).

A sentence's relevance to a theme mixes the theme query's score with its best aspect score;
for selection it is multiplied by the section affinity and by the commitment weight. The
verdicts and the theme gate keep the raw aspect scores: evidence is evidence wherever it
stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .options import AnalysisOptions
from .passages import Unit, commitment_weight

if TYPE_CHECKING:
    import numpy as np

    from ..framework import Theme


@dataclass
class ThemeRelevance:
    relevance: np.ndarray  # per unit: mixed theme/aspect relevance (× section affinity)
    weighted: np.ndarray  # …× the unit's commitment weight: what passage runs compare
    aspect_rows: dict[str, np.ndarray]  # per aspect, per unit: for selection (× affinity)
    verdict_rows: dict[str, np.ndarray]  # per aspect, per unit: the raw evidence

    def best_evidence(self) -> dict[str, float]:
        """Absolute evidence, as the verdicts see it: the best sentence per aspect."""
        return {
            aid: float(row.max()) if row.size else 0.0 for aid, row in self.verdict_rows.items()
        }


def theme_relevance(
    theme: Theme,
    units: list[Unit],
    scores: np.ndarray,
    row: dict[str, int],
    opts: AnalysisOptions,
) -> ThemeRelevance:
    import numpy as np

    n = len(units)
    theme_scores = scores[row[f"theme:{theme.id}"]] if n else np.zeros(0)
    aspect_rows = {a.id: scores[row[f"aspect:{theme.id}:{a.id}"]] for a in theme.aspects}
    verdict_rows = aspect_rows  # verdicts weigh the evidence itself, wherever it stands
    if aspect_rows:
        best_aspect = np.max(np.vstack(list(aspect_rows.values())), axis=0)
        relevance = (1 - opts.aspect_mix) * theme_scores + opts.aspect_mix * best_aspect
    else:
        relevance = theme_scores.copy()
    if n and opts.section_affinity:  # selection: discount off-topic sections, favour on-topic
        affinity = section_affinity(units, relevance, opts)
        relevance = relevance * affinity
        aspect_rows = {aid: arow * affinity for aid, arow in aspect_rows.items()}
    factor = np.array([commitment_weight(u.commitment, opts) for u in units])
    weighted = relevance * factor if n else relevance
    return ThemeRelevance(relevance, weighted, aspect_rows, verdict_rows)


def section_affinity(units: list[Unit], relevance: np.ndarray, opts: AnalysisOptions) -> np.ndarray:
    """Per unit, a factor around 1 from how much the rest of its section is about the theme.

    A word can carry another sense in another section (``re-integratie`` of prisoners under
    a safety chapter, ``schuld`` as state debt in the budget annex): a match that the
    sentences around it do not share is weaker evidence than one in a section that keeps
    returning to it. So: the mean relevance of the *other* sentences of the unit's section,
    relative to the theme's densest section, maps linearly onto
    ``[1 - section_affinity, 1 + section_affinity]``.
    """
    import numpy as np

    sections: dict[str, list[int]] = {}
    for u in units:
        sections.setdefault(u.block.section, []).append(u.index)
    loo = np.zeros(len(units))
    dens: list[float] = []
    for idx in sections.values():
        vals = relevance[idx]
        total = float(vals.sum())
        k = len(idx)
        if k >= opts.section_min_units:
            dens.append(total / k)
        loo[idx] = (total - vals) / (k - 1) if k > 1 else 0.0
    top = max(dens) if dens else 0.0
    if top <= 0:
        return np.ones(len(units))
    g = np.minimum(1.0, loo / top)
    d = opts.section_affinity
    return 1.0 - d + 2.0 * d * g
