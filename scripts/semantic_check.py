"""Intrinsic check of a semantic model on MARPOR-coded quasi-sentences.

    python scripts/semantic_check.py MODEL.npz [--corpus ../shared/corpus] [--eval-year 2012]

The model must have been trained with ``--exclude-year`` of the evaluation year (so its
category space never saw those codes). Category prototypes are the mean vectors of the
other years' coded rows; each evaluation row goes to its nearest prototype (cosine).
Printed per space and for combinations, beside a TF-IDF bag-of-words peer from the same run:
accuracy, macro-F1, and P@10 of ranking each document's rows for each of its categories
with ≥ 10 rows.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from beleidslens.nlp.semantic import SemanticModel  # noqa: E402
from beleidslens.nlp.semantic_corpus import marpor_rows  # noqa: E402


def _norm(m: np.ndarray) -> np.ndarray:
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)


def tfidf(rows_terms: list[list[str]], vocab: dict[str, int], idf: np.ndarray) -> np.ndarray:
    out = np.zeros((len(rows_terms), len(vocab)), dtype=np.float32)
    for r, terms in enumerate(rows_terms):
        for t in terms:
            i = vocab.get(t)
            if i is not None:
                out[r, i] += idf[i]
    return _norm(out)


def evaluate(
    train_x: np.ndarray,
    train_y: np.ndarray,
    test_x: np.ndarray,
    test_y: np.ndarray,
    test_doc: list[str],
) -> tuple[float, float, float]:
    codes = np.unique(train_y)
    protos = _norm(np.stack([train_x[train_y == c].mean(axis=0) for c in codes]))
    sims = _norm(test_x) @ protos.T
    pred = codes[sims.argmax(axis=1)]
    acc = float((pred == test_y).mean())
    f1s = []
    for c in np.unique(test_y):
        tp = float(((pred == c) & (test_y == c)).sum())
        prec = tp / max(1.0, float((pred == c).sum()))
        rec = tp / max(1.0, float((test_y == c).sum()))
        f1s.append(0.0 if tp == 0 else 2 * prec * rec / (prec + rec))
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(test_doc):
        by_doc[d].append(i)
    p10 = []
    col = {c: j for j, c in enumerate(codes)}
    for idx in by_doc.values():
        ys = test_y[idx]
        for c in np.unique(ys):
            if (ys == c).sum() < 10 or c not in col:
                continue
            s = sims[idx, col[c]]
            top = np.argsort(-s, kind="stable")[:10]
            p10.append(float((ys[top] == c).mean()))
    return acc, float(np.mean(f1s)), float(np.mean(p10))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("model", type=Path)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--eval-year", type=int, default=2012)
    args = parser.parse_args()
    model = SemanticModel.load(args.model)
    rows = marpor_rows(args.corpus)
    train = [r for r in rows if r.year != args.eval_year]
    test = [r for r in rows if r.year == args.eval_year]
    ty = np.array([r.code for r in train])
    ey = np.array([r.code for r in test])
    edoc = [r.doc for r in test]
    print(
        f"train rows {len(train)}, eval rows {len(test)} ({args.eval_year}), "
        f"{len(np.unique(ty))} categories"
    )
    # TF-IDF peer over the model's vocabulary
    df = np.zeros(len(model.vocab))
    for r in train:
        df[model.ids(set(r.terms))] += 1
    idf = np.log((1 + len(train)) / (1 + df)) + 1
    results: dict[str, tuple[float, float, float]] = {}
    results["tfidf"] = evaluate(
        tfidf([r.terms for r in train], model.index, idf),
        ty,
        tfidf([r.terms for r in test], model.index, idf),
        ey,
        edoc,
    )
    vecs = {}
    for space in model.spaces:
        tr = model.text_vectors([r.terms for r in train], space)
        te = model.text_vectors([r.terms for r in test], space)
        vecs[space] = (tr, te)
        results[space] = evaluate(tr, ty, te, ey, edoc)
    combos = [("window", "heading"), ("window", "heading", "category"), ("window", "category")]
    for combo in combos:
        if all(c in vecs for c in combo):
            tr = np.hstack([vecs[c][0] for c in combo])
            te = np.hstack([vecs[c][1] for c in combo])
            results["+".join(combo)] = evaluate(tr, ty, te, ey, edoc)
    tf_tr = tfidf([r.terms for r in train], model.index, idf)
    tf_te = tfidf([r.terms for r in test], model.index, idf)
    for combo in (("window",), ("heading",), ("category",), ("window", "heading")):
        if all(c in vecs for c in combo):
            for share in (0.3, 0.5):
                w = np.sqrt(share / len(combo))
                tr = np.hstack([np.sqrt(1 - share) * tf_tr] + [w * vecs[c][0] for c in combo])
                te = np.hstack([np.sqrt(1 - share) * tf_te] + [w * vecs[c][1] for c in combo])
                results[f"tfidf+{'+'.join(combo)} ({share})"] = evaluate(tr, ty, te, ey, edoc)
    print(f"{'space':<34} {'accuracy':>8} {'macro-F1':>8} {'P@10':>6}")
    for name, (acc, f1, p10) in results.items():
        print(f"{name:<34} {acc:>8.3f} {f1:>8.3f} {p10:>6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
