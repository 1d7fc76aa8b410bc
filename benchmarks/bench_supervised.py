"""Supervised coding on the Manifesto Project's coded Dutch programmes, beside a peer.

Train on the 2006 and 2010 programmes, test on 2012 (the 2017 programmes are never read:
they are a held-out set), 56 main categories (``cmp_code_main``). Printed side by side, from
the same run:

* **peer** — TF-IDF over the row's words + scikit-learn's LogisticRegression (defaults);
* **beleidslens** — :func:`beleidslens.learn.model.train` (word + character n-grams,
  neighbouring rows, heading, linear SVM, smoothing, temperature calibration).

Figures: accuracy, macro-F1, log-loss and expected calibration error (15 bins) of the
predicted class's probability. ``--backend`` also measures ``supervised.v1`` on the 2012
rows with the built-in ``marpor`` framework: per aspect naming codes, the average precision
of its ranking of the rows coded so, for ``blend`` 0 (= lexical.v1), 0.25, 0.5, 0.75, 1. ``--speed`` also times training on all 48k rows (with the
cross-validation ``train`` runs) and classifying 20k rows, wall and CPU seconds.

    python benchmarks/bench_supervised.py [--corpus ../shared/corpus/marpor-nl-lindabos] [--speed]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "corpus" / "marpor-nl-lindabos"
COMBINED = "marpor_nl_2006-2012_combined.csv"


def load(corpus: Path) -> list[dict[str, str]]:
    with (corpus / COMBINED).open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["year"] in ("2006", "2010", "2012")]
    return [r for r in rows if r["cmp_code_main"] not in ("", "NA")]


def to_rows(records: list[dict[str, str]]) -> list:
    from beleidslens.learn.rows import Row

    return [
        Row(r["text"], r["cmp_code_main"], r["doc"], "", r["is_heading"] == "1") for r in records
    ]


def ece(p_best: np.ndarray, correct: np.ndarray, bins: int = 15) -> float:
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in itertools.pairwise(edges):
        m = (p_best > lo) & (p_best <= hi)
        if m.any():
            total += m.mean() * abs(p_best[m].mean() - correct[m].mean())
    return float(total)


def figures(
    name: str, classes: list[str], proba: np.ndarray, truth: list[str], seconds: float
) -> str:
    from sklearn.metrics import accuracy_score, f1_score

    idx = {c: i for i, c in enumerate(classes)}
    pred = [classes[i] for i in proba.argmax(1)]
    t = np.array([idx.get(c, -1) for c in truth])
    p_true = np.where(t >= 0, proba[np.arange(len(t)), np.maximum(t, 0)], 0.0)
    logloss = float(-np.mean(np.log(np.clip(p_true, 1e-12, None))))
    correct = np.array([a == b for a, b in zip(pred, truth, strict=True)], dtype=float)
    return (
        f"{name:<12} accuracy {accuracy_score(truth, pred):.4f}  macro-F1 "
        f"{f1_score(truth, pred, average='macro'):.4f}  log-loss {logloss:.3f}  "
        f"ECE {ece(proba.max(1), correct):.3f}  ({seconds:.0f} s)"
    )


def backend_figures(te: list[dict[str, str]], proba: np.ndarray, classes: list[str]) -> None:
    from sklearn.metrics import average_precision_score

    from beleidslens.analysis.pipeline import build_queries
    from beleidslens.framework import load_framework
    from beleidslens.learn.backend import blend_scores
    from beleidslens.scoring import ScoringUnit
    from beleidslens.scoring.lexical import LexicalScorer

    queries = [q for q in build_queries(load_framework("marpor")) if q.id.startswith("aspect:")]
    units = [ScoringUnit(str(i), r["text"], "", r["doc"]) for i, r in enumerate(te)]
    t = time.perf_counter()
    lexical = LexicalScorer().score(units, queries)
    print(
        f"lexical.v1 on {len(units)} rows x {len(queries)} aspects: "
        f"{time.perf_counter() - t:.0f} s",
        flush=True,
    )
    codes = [r["cmp_code_main"] for r in te]
    for blend in (0.0, 0.25, 0.5, 0.75, 1.0):
        scores = blend_scores(lexical, proba, classes, queries, blend)
        aps = []
        for qi, q in enumerate(queries):
            want = {str(c).split(".")[0] for c in q.meta.get("codes", ())}
            y = np.array([c in want for c in codes])
            if y.any():
                aps.append(average_precision_score(y, scores[qi]))
        print(
            f"supervised.v1 blend {blend:<4}: mean average precision over {len(aps)} "
            f"aspects {np.mean(aps):.4f}" + ("  (= lexical.v1)" if blend == 0 else ""),
            flush=True,
        )


def _cpu() -> float:
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def speed(all_rows: list) -> None:
    """Wall and CPU seconds (this process and its finished workers) of ``train`` on every
    row and of classifying 20,000 rows; the load average says how shared the machine was."""
    from beleidslens.learn.model import train
    from beleidslens.learn.params import LearnParams

    for jobs in (1, 2):
        w, c = time.perf_counter(), _cpu()
        coder, cv = train(all_rows, LearnParams(jobs=jobs))
        print(
            f"[load {os.getloadavg()[0]:.1f}] train {len(all_rows)} rows, jobs={jobs}, "
            f"{cv.folds}-fold CV by {cv.by} (accuracy {cv.accuracy:.4f}, macro-F1 "
            f"{cv.macro_f1:.4f}): wall {time.perf_counter() - w:.1f} s, CPU {_cpu() - c:.1f} s",
            flush=True,
        )
    sample = all_rows[:20000]
    w, c = time.perf_counter(), _cpu()
    coder.predict_proba(sample)
    print(
        f"[load {os.getloadavg()[0]:.1f}] classify {len(sample)} rows: wall "
        f"{time.perf_counter() - w:.1f} s, CPU {_cpu() - c:.1f} s",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--speed", action="store_true", help="also time 48k-row training")
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--speed-only", action="store_true", help="only the timings")
    ap.add_argument("--backend", action="store_true", help="also measure supervised.v1")
    args = ap.parse_args(argv)
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from beleidslens.learn.model import train
    from beleidslens.learn.params import LearnParams

    records = load(args.corpus)
    tr = [r for r in records if r["year"] in ("2006", "2010")]
    te = [r for r in records if r["year"] == "2012"]
    truth = [r["cmp_code_main"] for r in te]
    print(f"train {len(tr)} rows (2006, 2010), test {len(te)} rows (2012)", flush=True)
    if args.speed_only:
        speed(to_rows(records))
        return 0
    if not args.no_peer:
        t = time.perf_counter()
        vec = TfidfVectorizer()
        peer = LogisticRegression(max_iter=1000).fit(
            vec.fit_transform([r["text"] for r in tr]), [r["cmp_code_main"] for r in tr]
        )
        proba = peer.predict_proba(vec.transform([r["text"] for r in te]))
        print(
            figures("peer", list(peer.classes_), proba, truth, time.perf_counter() - t), flush=True
        )
    t = time.perf_counter()
    coder, cv = train(to_rows(tr), LearnParams())
    proba = coder.predict_proba(to_rows(te))
    print(
        figures("beleidslens", coder.classes, proba, truth, time.perf_counter() - t)
        + f"  [CV on train: acc {cv.accuracy:.4f}, macro-F1 {cv.macro_f1:.4f}, smooth "
        f"{cv.smooth}, T {cv.temperature:.3f}; load {os.getloadavg()[0]:.1f}]",
        flush=True,
    )
    if args.backend:
        backend_figures(te, proba, coder.classes)
    if args.speed:
        speed(to_rows(records))
    return 0


if __name__ == "__main__":
    sys.exit(main())
