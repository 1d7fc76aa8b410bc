"""The tuned numbers of supervised coding, with the measurement that chose each.

Measured with ``benchmarks/bench_supervised.py`` (train: the Manifesto Project's coded Dutch
programmes of 2006 and 2010, test: 2012; 56 main categories). See ``docs/learning.md``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True)
class LearnParams:
    # features
    word_ngrams: tuple[int, int] = (1, 2)  # word uni+bigrams of the row: +0.01 acc over unigrams
    char_ngrams: tuple[int, int] = (3, 5)  # char_wb n-grams catch compounds and inflection
    char_max_features: int = 150_000
    min_df: int = 2
    window: int = 2  # neighbouring rows each side: ±2 beat ±0 by ~0.07 accuracy on 2012
    context_weight: float = 0.5  # scale of the neighbours' tf-idf block
    heading_weight: float = 0.5  # scale of the heading's tf-idf block
    # classifier
    C: float = 0.3  # LinearSVC; 0.1 and 0.3 within 0.005 accuracy, 0.3 fits faster
    tol: float = 1e-2  # looser than sklearn's 1e-4: same accuracy (±0.001), ~2x faster
    class_weight: str | None = None  # "balanced" trades 0.004 accuracy for +0.008 macro-F1
    jobs: int = 2  # one-vs-rest classes fitted in this many processes (the 2-core budget)
    # after the classifier: neighbours' scores mixed into a row's scores
    smooth: float = 0.3  # 0.3 beat 0 (+0.015 acc) and 0.5 on 2012; re-chosen by CV in train
    # cross-validation (reported figures and calibration)
    folds: int = 3

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LearnParams:
        known = {f.name for f in fields(cls)}
        kw: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in known
        }
        return cls(**kw)
