"""The concept model's training context, measured on coded rows: each setting of
``ConceptTrainParams.context`` (the adjacent rows' terms added to a row's bag) is trained
cross-fitted by party over the MARPOR dev folds, and each held-out document's rows are ranked
per ``marpor`` theme by ``P(theme's codes | row)``: P@5 and P@10 as in ``docs/evaluation.md``
(a document counts for a theme with at least ``min_theme_rows`` rows of it), the default
printed beside every other setting from the same run. Set-aside parties are never read.

    python benchmarks/sweep_concepts.py                  # context 0, 0.3, 0.5, 1.0
    python benchmarks/sweep_concepts.py --grid 0.2 0.4   # other weights
    python benchmarks/sweep_concepts.py --param c --grid 1 16   # another training parameter
    python benchmarks/sweep_concepts.py --param wide_window --grid 5 --set wide_weight=0.3

Needs ``pip install 'beleidslens[train]'``; several minutes per setting on two cores.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def rank_quality(
    context: float, rows: list, codes: dict[str, list[str]], **train: Any
) -> tuple[float, float]:
    import numpy as np

    from beleidslens.evaluate.quality import fold_of
    from beleidslens.evaluate.rules import RULES
    from beleidslens.nlp.concepts import ConceptModel
    from beleidslens.nlp.concepts_train import (
        ConceptTrainParams,
        coded_bags,
        coded_words,
        train_concepts,
    )

    params = ConceptTrainParams(context=context, **train)
    folds = sorted({fold_of(r.doc.split("_")[0]) for r in rows})
    hits: dict[tuple[str, int], list[float]] = defaultdict(list)
    for fold in folds:
        train = [r for r in rows if fold_of(r.doc.split("_")[0]) != fold]
        test = [r for r in rows if fold_of(r.doc.split("_")[0]) == fold]
        model = ConceptModel(
            train_concepts(
                coded_bags(train, params),
                params,
                groups=[r.doc for r in train],
                words=coded_words(train),
            )
        )
        # read as analysis reads units: neighbours, and surroundings for a model with them
        proba = model.read(
            [b for b, _ in coded_bags(test, params)], [r.doc for r in test], coded_words(test)
        )
        by_doc: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(test):
            by_doc[r.doc].append(i)
        labels = np.array([r.code for r in test])
        for theme, theme_codes in codes.items():
            cols = model.columns(theme_codes)
            if not cols:
                continue
            score = proba[:, cols].sum(axis=1)
            for idx in by_doc.values():
                ix = np.array(idx)
                if np.isin(labels[ix], theme_codes).sum() < RULES.min_theme_rows:
                    continue
                order = ix[np.argsort(-score[ix], kind="stable")]
                rel = np.isin(labels[order], theme_codes)
                for k in RULES.ks:
                    hits[(theme, k)].append(float(rel[:k].mean()))
    per_k = {
        k: float(np.mean([np.mean(v) for (_, kk), v in hits.items() if kk == k])) for k in RULES.ks
    }
    return per_k[5], per_k[10]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--grid", type=float, nargs="*", default=[0.0, 0.5, 1.0])
    parser.add_argument(
        "--param",
        default="context",
        help="the ConceptTrainParams field the grid sweeps (context, c, min_df, balanced)",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="another training parameter held at VALUE for every setting "
        "(e.g. --param wide_window --grid 5 --set wide_weight=0.3)",
    )
    args = parser.parse_args(argv)

    from beleidslens.evaluate.corpora import split_of
    from beleidslens.evaluate.quality import theme_codes
    from beleidslens.framework import load_framework
    from beleidslens.nlp.concepts_train import ConceptTrainParams
    from beleidslens.nlp.semantic_corpus import marpor_rows

    rows = [r for r in marpor_rows(args.corpus) if split_of(r.doc.split("_")[0]) == "dev"]
    codes = theme_codes(load_framework("marpor"))
    defaults = ConceptTrainParams()
    field = ConceptTrainParams.model_fields.get(args.param)
    if field is None:
        parser.error(f"--param: no training parameter {args.param!r}")
    fixed: dict[str, Any] = {}
    for pair in args.set:
        key, _, value = pair.partition("=")
        if key not in ConceptTrainParams.model_fields or key in ("context", args.param):
            parser.error(f"--set: not a further training parameter: {key!r}")
        fixed[key] = type(getattr(defaults, key))(value)
    default = getattr(defaults, args.param)
    kind = type(default)
    print(f"{len(rows)} dev rows, {len(Counter(r.doc for r in rows))} programmes")
    print(f"{args.param:>8}  {'P@5':>6}  {'P@10':>6}  seconds")
    for value in [default, *(kind(g) for g in args.grid if kind(g) != default)]:
        t0 = time.perf_counter()
        train = fixed | ({} if args.param == "context" else {args.param: value})
        context = float(value) if args.param == "context" else defaults.context
        p5, p10 = rank_quality(context, rows, codes, **train)
        mark = "  (default)" if value == default else ""
        print(f"{value!s:>8}  {p5:6.3f}  {p10:6.3f}  {time.perf_counter() - t0:7.0f}{mark}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
