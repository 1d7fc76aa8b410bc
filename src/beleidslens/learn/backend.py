"""``supervised.v1``: a trained coder's probabilities for the themes and aspects that name
codes, blended with ``lexical.v1``.

A framework theme or aspect may name the codes of a coding scheme (``codes: ["504"]``; a
theme without codes of its own stands for its aspects' codes). For a query that names codes
the model knows, a unit's score is

    (1 − blend) × lexical + blend × P(any of the codes | unit, its neighbours, its heading)

with the model's calibrated probabilities (:mod:`beleidslens.learn.model`; a code ``504.1``
the model lacks falls back to its main code ``504``). Units are read in document order;
their group (the section) bounds the neighbours and their heading path is the heading.
A query naming no known code keeps the lexical score: ``supervised.v1`` equals
``lexical.v1`` on a framework without codes.

``--backend-option model=PATH`` (required), ``blend=…``, ``lexical.NAME=…``.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from ..errors import AnalysisError
from ..nlp.concepts import code_columns
from ..scoring.base import Query, Scorer, ScoringUnit
from ..scoring.params import BackendParams, LexicalParams, _f

_CACHE: dict[tuple[str, int, int], Any] = {}
_LOCK = threading.Lock()


class SupervisedParams(BackendParams):
    """``supervised.v1``: a coder's probabilities blended with lexical (docs/learning.md)."""

    backend: ClassVar[str] = "supervised"

    model: str = _f("", "model file written by 'beleidslens train'")
    # bench_supervised.py --backend (coder of 2006+2010, 2012 rows, 50 marpor aspects, mean
    # average precision of the rows coded so): blend 0 (lexical) 0.131, 0.25 0.361,
    # 0.5 0.408, 0.75 0.434, 1.0 0.435; 0.75 keeps some lexical evidence at no measured cost
    blend: float = _f(0.75, "share of the model's probability in the score", ge=0.0, le=1.0)
    lexical: LexicalParams = _f(LexicalParams(), "options of the lexical.v1 scores blended in")


def load_coder(path: str) -> Any:
    """The coder in ``path``, loaded once per file version (path, size, mtime)."""
    from . import modelfile

    p = Path(path).expanduser()
    try:
        st = p.stat()
    except OSError:
        raise AnalysisError("supervised backend: model file not found", p) from None
    key = (str(p.resolve()), st.st_size, st.st_mtime_ns)
    with _LOCK:
        coder = _CACHE.get(key)
        if coder is None:
            coder, _header = modelfile.load(p)
            _CACHE.clear()
            _CACHE[key] = coder
    return coder


class SupervisedScorer(Scorer):
    name: ClassVar[str] = "supervised.v1"

    def __init__(self, **params: Any) -> None:
        self.settings = SupervisedParams.from_options(params)
        if not self.settings.model:
            raise AnalysisError(
                "supervised backend needs a model: --backend-option model=MODEL "
                "(train one with 'beleidslens train')"
            )
        super().__init__(**self.settings.recorded())

    def probabilities(self, units: Sequence[ScoringUnit]) -> tuple[list[str], np.ndarray]:
        from .rows import Row

        coder = load_coder(self.settings.model)
        rows = [Row(u.text, None, u.group, u.context) for u in units]
        return list(coder.classes), coder.predict_proba(rows)

    def score(self, units: Sequence[ScoringUnit], queries: Sequence[Query]) -> np.ndarray:
        from ..scoring.lexical import LexicalScorer

        lexical = LexicalScorer(**self.settings.lexical.model_dump()).score(units, queries)
        if not len(units) or not len(queries):
            return lexical
        classes, proba = self.probabilities(units)
        return blend_scores(lexical, proba, classes, queries, self.settings.blend)


def blend_scores(
    lexical: np.ndarray,
    proba: np.ndarray,
    classes: Sequence[str],
    queries: Sequence[Query],
    blend: float,
) -> np.ndarray:
    """The module docstring's formula, for every query that names a code the model knows."""
    out = lexical.copy()
    for qi, q in enumerate(queries):
        cols = code_columns([str(c) for c in q.meta.get("codes", ())], classes)
        if cols:
            p = np.clip(proba[:, cols].sum(axis=1), 0.0, 1.0)
            out[qi] = (1.0 - blend) * lexical[qi] + blend * p
    return out
