"""The tuned numbers of supervised coding, with the measurement that chose each.

Measured with ``benchmarks/bench_supervised.py`` (train: the Manifesto Project's coded Dutch
programmes of 2006 and 2010, test: 2012; 56 main categories). See ``docs/learning.md``.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import field_validator

from ..params import Params
from ..params import field as _f


def _span(name: str, value: tuple[int, int], top: int) -> tuple[int, int]:
    lo, hi = value
    if not 1 <= lo <= hi <= top:
        raise ValueError(f"{name} must be (low, high) with 1 <= low <= high <= {top}")
    return value


class LearnParams(Params):
    """Measured runs (train 2006+2010, test 2012; figures are accuracy / macro-F1): word
    (1,2) + char (3,5) + neighbours ±2 with LinearSVC C=0.3 0.5376 / 0.3904 (tol 1e-4) and
    0.5376 / 0.3905 (tol 1e-2); without the character block 0.5241 / 0.3743; C=0.1 0.5409 /
    0.3833; class_weight balanced 0.5382 / 0.3985 (C=0.3) and 0.5335 / 0.3923 (C=0.1); smooth
    0 / 0.3 / 0.5 gave 0.5376 / 0.5524 / 0.5415 accuracy; SGD (hinge) instead of LinearSVC
    0.5222 / 0.3809. Values without a figure here were not compared on the corpus.

    A model file records them (``to_dict``); ``docs/learning.md`` has a row per field."""

    label: ClassVar[str] = "learning parameter"

    # features
    word_ngrams: tuple[int, int] = _f((1, 2), "word n-gram range of a row (not compared)")
    char_ngrams: tuple[int, int] = _f(
        (3, 5), "char_wb n-gram range: +0.014 accuracy, +0.016 F1 against none"
    )
    char_max_features: int = _f(150_000, "most character n-grams kept", ge=1, le=10_000_000)
    min_df: int = _f(2, "an n-gram in fewer rows is dropped", ge=1, le=10_000)
    window: int = _f(
        2, "neighbouring rows each side in a row's context (±2 not compared)", ge=0, le=50
    )
    context_weight: float = _f(
        0.5, "scale of the neighbours' tf-idf block (not compared)", ge=0.0, le=100.0
    )
    heading_weight: float = _f(
        0.5, "scale of the heading's tf-idf block (no headings in 2006-12)", ge=0.0, le=100.0
    )
    # classifier
    C: float = _f(
        0.3, "LinearSVC regularization; C=0.1 +0.003 accuracy but -0.007 macro-F1", gt=0.0,
        le=1000.0,
    )  # fmt: skip
    tol: float = _f(
        1e-2, "LinearSVC tolerance; looser than sklearn's 1e-4, the same figures", gt=0.0, le=1.0
    )
    class_weight: Literal["balanced"] | None = _f(
        None,
        "'balanced': +0.0006 accuracy, +0.008 F1 in one run; not the default because the "
        "benchmark figures of docs/learning.md use None",
    )
    jobs: int = _f(2, "one-vs-rest classes fitted in this many processes", ge=1, le=256)
    parallel_min_rows: int = _f(
        5000, "fewer rows are fitted in one process (starting workers costs more)", ge=0,
        le=100_000_000,
    )  # fmt: skip
    # after the classifier: neighbours' scores mixed into a row's scores
    smooth: float = _f(
        0.3, "neighbours' share of a row's scores without CV (train re-chooses it by CV)",
        ge=0.0, le=1.0,
    )  # fmt: skip
    smooth_grid: tuple[float, ...] = _f(
        (0.0, 0.15, 0.3, 0.5), "the smooth values train chooses among by cross-validation"
    )
    # cross-validation (reported figures and calibration)
    folds: int = _f(3, "cross-validation folds (0: no figures, default calibration)", ge=0, le=20)

    @field_validator("word_ngrams")
    @classmethod
    def _words(cls, v: tuple[int, int]) -> tuple[int, int]:
        return _span("word_ngrams", v, 5)

    @field_validator("char_ngrams")
    @classmethod
    def _chars(cls, v: tuple[int, int]) -> tuple[int, int]:
        return _span("char_ngrams", v, 10)

    @field_validator("smooth_grid")
    @classmethod
    def _grid(cls, v: tuple[float, ...]) -> tuple[float, ...]:
        if not v or any(not 0.0 <= a <= 1.0 for a in v):
            raise ValueError("smooth_grid must hold at least one value, each in [0, 1]")
        return v

    def to_dict(self) -> dict[str, Any]:
        """As a model file records them (tuples as lists)."""
        d = self.model_dump()
        return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LearnParams:
        """From a model file: unknown keys (a newer version's) are ignored, missing ones
        take their default; a bad value is one line."""
        return cls.from_options({k: v for k, v in data.items() if k in cls.model_fields})
