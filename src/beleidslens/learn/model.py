"""Train and apply a supervised coder (the ``[learn]`` extra).

1. **Features** (:mod:`.features`) over every row; headings are context only.
2. **Classifier** — a linear SVM (scikit-learn's :class:`LinearSVC`, one-vs-rest, the classes
   fitted on ``jobs`` processes) on the labelled rows.
3. **Smoothing** — a row's class scores get ``smooth`` × the scores of its previous and next
   row of the group added: codes run in stretches, so a neighbour's evidence is evidence.
4. **Calibration** — probabilities are ``softmax(scores / T)`` with the temperature ``T``
   fitted (minimum log-loss) on out-of-fold scores; ``smooth`` is chosen on the same scores.
5. **Cross-validation** — ``folds`` folds by group (a document never sits on both sides)
   when there are enough groups, else by row; the out-of-fold predictions give the reported
   accuracy, macro-F1 and per-class figures. The final model is fitted on every row.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import BeleidslensError
from .deps import require_sklearn
from .features import RowFeatures
from .params import LearnParams
from .rows import Row, neighbour_index

Progress = Callable[[str], None]


class TrainingError(BeleidslensError):
    exit_code = 5
    http_status = 422


@dataclass
class ClassFigures:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class CVReport:
    folds: int
    by: str  # "group" or "row"
    rows: int
    classes: int
    accuracy: float
    macro_f1: float
    smooth: float
    temperature: float
    seconds: float = 0.0
    per_class: list[ClassFigures] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "folds": self.folds,
            "by": self.by,
            "rows": self.rows,
            "classes": self.classes,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "smooth": self.smooth,
            "temperature": round(self.temperature, 4),
            "seconds": round(self.seconds, 1),
        }


def smooth_scores(scores: np.ndarray, rows: Sequence[Row], weight: float) -> np.ndarray:
    """Step 3: add ``weight`` × the previous and next row's scores (same group)."""
    if not weight:
        return scores
    prev, nxt = neighbour_index(rows)
    p = np.asarray(prev)
    n = np.asarray(nxt)
    out = scores.copy()
    has_p = p >= 0
    has_n = n >= 0
    out[has_p] += weight * scores[p[has_p]]
    out[has_n] += weight * scores[n[has_n]]
    return out


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = scores / max(temperature, 1e-6)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray = e / e.sum(axis=1, keepdims=True)
    return out


def fit_temperature(scores: np.ndarray, truth: np.ndarray) -> float:
    """Step 4: the temperature with the least log-loss of the true classes."""
    from scipy.optimize import minimize_scalar

    idx = np.arange(len(truth))

    def nll(log_t: float) -> float:
        p = softmax(scores, float(np.exp(log_t)))
        return float(-np.mean(np.log(np.clip(p[idx, truth], 1e-12, None))))

    res = minimize_scalar(nll, bounds=(-6.0, 3.0), method="bounded")
    return float(np.exp(res.x))


class Coder:
    """A trained coder: features, classifier, smoothing and temperature."""

    def __init__(
        self,
        params: LearnParams,
        features: RowFeatures,
        classifier: Any,
        classes: list[str],
        smooth: float,
        temperature: float,
    ) -> None:
        self.params = params
        self.features = features
        self.classifier = classifier
        self.classes = classes
        self.smooth = smooth
        self.temperature = temperature

    def scores(self, rows: Sequence[Row]) -> np.ndarray:
        x = self.features.transform(rows)
        raw = np.asarray(self.classifier.decision_function(x), dtype=np.float64)
        if raw.ndim == 1:  # two classes: one column for the second
            raw = np.column_stack([-raw, raw])
        return smooth_scores(raw, rows, self.smooth)

    def predict_proba(self, rows: Sequence[Row]) -> np.ndarray:
        """Calibrated probabilities ``[len(rows), len(classes)]`` (heading rows included)."""
        if not rows:
            return np.zeros((0, len(self.classes)))
        return softmax(self.scores(rows), self.temperature)


def _classifier(params: LearnParams, n_rows: int) -> Any:
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.svm import LinearSVC

    svm = LinearSVC(C=params.C, tol=params.tol, class_weight=params.class_weight)
    return (
        OneVsRestClassifier(svm, n_jobs=params.jobs)
        if params.jobs > 1 and n_rows >= params.parallel_min_rows
        else svm
    )


def _fold_scores(clf: Any, x: Any, n_classes: int, fold_classes: np.ndarray) -> np.ndarray:
    raw = np.asarray(clf.decision_function(x), dtype=np.float64)
    if raw.ndim == 1:
        raw = np.column_stack([-raw, raw])
    out = np.full((x.shape[0], n_classes), raw.min() - 1.0)
    out[:, fold_classes] = raw
    return out


def _folds(rows: Sequence[Row], labelled: np.ndarray, k: int) -> tuple[list[np.ndarray], str]:
    groups = sorted({rows[i].group for i in labelled})
    if len(groups) >= k:
        # groups dealt round-robin by size, largest first: folds of similar size
        sizes = {g: 0 for g in groups}
        for i in labelled:
            sizes[rows[i].group] += 1
        order = sorted(groups, key=lambda g: (-sizes[g], g))
        fold_of = {g: n % k for n, g in enumerate(order)}
        fold = np.array([fold_of[rows[i].group] for i in labelled])
        return [labelled[fold == f] for f in range(k)], "group"
    rng = np.random.default_rng(0)
    perm = rng.permutation(len(labelled))
    return [np.sort(labelled[perm[f::k]]) for f in range(k)], "row"


def train(
    rows: Sequence[Row], params: LearnParams | None = None, *, progress: Progress | None = None
) -> tuple[Coder, CVReport]:
    """Steps 1–5 of the module docstring."""
    require_sklearn("training a model")
    from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

    p = params or LearnParams()
    say = progress or (lambda _msg: None)
    t0 = time.perf_counter()
    labelled = np.array([i for i, r in enumerate(rows) if r.label and not r.is_heading])
    if len(labelled) < 2:
        raise TrainingError("fewer than two labelled rows")
    labels = [str(rows[i].label) for i in labelled]
    classes = sorted(set(labels))
    if len(classes) < 2:
        raise TrainingError(f"one class only ({classes[0]!r}): nothing to learn")
    cidx = {c: n for n, c in enumerate(classes)}
    y_all = np.full(len(rows), -1)
    y_all[labelled] = [cidx[c] for c in labels]
    say(f"features of {len(rows)} rows")
    features = RowFeatures(p).fit(rows)
    x = features.transform(rows)
    k = max(0, int(p.folds))
    oof = np.zeros((len(rows), len(classes)))
    by = "none"
    if k >= 2 and len(labelled) >= 2 * k:
        folds, by = _folds(rows, labelled, k)
        for f, test in enumerate(folds):
            train_idx = np.setdiff1d(labelled, test)
            say(f"fold {f + 1}/{k}: {len(train_idx)} rows")
            clf = _classifier(p, len(train_idx)).fit(x[train_idx], y_all[train_idx])
            oof[test] = _fold_scores(clf, x[test], len(classes), clf.classes_)
        # neighbours' scores: every row needs scores for smoothing; unlabelled rows get 0
        truth = y_all[labelled]
        best = max(
            p.smooth_grid,
            key=lambda a: (
                float(np.mean(smooth_scores(oof, rows, a)[labelled].argmax(1) == truth)),
                -a,
            ),
        )
        sm = smooth_scores(oof, rows, best)[labelled]
        temperature = fit_temperature(sm, truth)
        pred = sm.argmax(1)
        acc = float(accuracy_score(truth, pred))
        f1 = float(f1_score(truth, pred, average="macro", labels=np.arange(len(classes))))
        pr, rc, fs, sup = precision_recall_fscore_support(
            truth, pred, labels=np.arange(len(classes)), zero_division=0
        )
        per = [
            ClassFigures(c, float(pr[n]), float(rc[n]), float(fs[n]), int(sup[n]))
            for n, c in enumerate(classes)
        ]
        smooth, k_used = float(best), k
    else:  # too few rows to cross-validate: the parameters' defaults, nothing reported
        smooth, temperature, acc, f1, per, k_used = p.smooth, 1.0, float("nan"), float("nan"), [], 0
    say(f"final model on {len(labelled)} rows")
    clf = _classifier(p, len(labelled)).fit(x[labelled], y_all[labelled])
    coder = Coder(p, features, clf, classes, smooth, temperature)
    report = CVReport(
        k_used,
        by,
        len(labelled),
        len(classes),
        acc,
        f1,
        smooth,
        temperature,
        time.perf_counter() - t0,
        per,
    )
    return coder, report
