"""Scoring backends: one registry, one batch interface.

A backend scores every passage against every query in one call and returns relevance in
``[0, 1]`` (an array ``[n_queries, n_units]``), so selection thresholds mean the same for
every backend. Backends are registered under versioned names (``lexical.v1``); a bare name
resolves to the newest version.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..registry import Registry

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True, slots=True)
class ScoringUnit:
    """A passage to score: its text and, as context, the heading path it sits under."""

    id: str
    text: str
    context: str = ""  # section heading path, e.g. "2. Duurzaam land › Klimaat"
    group: str = ""  # units with the same group (section) share context evidence


@dataclass(frozen=True, slots=True)
class Query:
    """What to look for: weighted texts (label, keywords, description)."""

    id: str
    fields: tuple[tuple[str, float], ...]  # (text, weight); weights need not sum to 1
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


def section_means(units: Sequence[ScoringUnit], rows: np.ndarray) -> np.ndarray:
    """For each unit, the mean of ``rows`` over the units of its group (section)."""
    import numpy as np

    groups = sorted({u.group for u in units})
    where = {g: i for i, g in enumerate(groups)}
    gi = np.array([where[u.group] for u in units])
    sums = np.zeros((len(groups), rows.shape[1]))
    np.add.at(sums, gi, rows)
    sizes = np.bincount(gi, minlength=len(groups))[:, None]
    return (sums / np.maximum(sizes, 1))[gi]


class Scorer(ABC):
    """Base class of scoring backends: exactly one abstract batch method."""

    name: ClassVar[str]  # full versioned name, e.g. "lexical.v1"

    def __init__(self, **params: Any) -> None:
        self.params = dict(params)

    @abstractmethod
    def score(self, units: Sequence[ScoringUnit], queries: Sequence[Query]) -> np.ndarray:
        """Relevance of each unit to each query, shape ``[len(queries), len(units)]``,
        values in ``[0, 1]``, deterministic."""

    def score_one(self, unit: ScoringUnit, query: Query) -> float:
        return float(self.score([unit], [query])[0, 0])

    def parameters(self) -> dict[str, Any]:
        """Parameters recorded in the analysis (JSON-serializable)."""
        return dict(sorted(self.params.items()))


SCORERS: Registry[Scorer] = Registry("scoring backend")

# the backend used when none is named (CLI, Python API, workbench, batch runs)
DEFAULT_BACKEND = "lexical"
