"""Dev-gold quality of the compound splitter's parameters, each setting beside the default.

Analyzes the 2021 agreement (``../shared/corpus``) with the default backend and framework
``kwetsbaarheden`` once per setting of :class:`beleidslens.nlp.params.CompoundParams`
(``beleidslens.nlp.compounds.configure``: the splitter's and the analyzer's caches are
cleared, so every setting starts cold) and evaluates each analysis against the expert
analysis (``../shared/gold``): recall/precision, the same by the expert's unit, NIET
agreement, how many of the document's distinct words are split at all, how many passages
are selected and how many of them differ from the default's selection.

    python benchmarks/sweep_compounds.py                     # the built-in grid
    python benchmarks/sweep_compounds.py min_zipf=2.5 min_zipf=3.5 nested_penalty=1

The figures that chose (or kept) the defaults are in ``docs/scoring.md``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
GRID = (
    "min_word=6",
    "min_word=8",
    "min_zipf=2.5",
    "min_zipf=3.5",
    "min_zipf_short=3.5",
    "min_zipf_short=4.5",
    "min_zipf_long=2.0",
    "min_zipf_long=3.0",
    "nested_penalty=0",
    "nested_penalty=1",
)


def _setting(text: str) -> dict[str, Any]:
    key, _, value = text.partition("=")
    return {key: value} if key else {}


def _selected(result: Any) -> set[tuple[str, int, int]]:
    return {(t.id, p.location.start, p.location.end) for t in result.themes for p in t.selected}


def _measure(doc: Any, fw: Any, gold: Any, options: dict[str, Any]) -> dict[str, Any]:
    from beleidslens.analysis.pipeline import analyze
    from beleidslens.evaluate.metrics import evaluate
    from beleidslens.nlp import compounds
    from beleidslens.nlp.params import CompoundParams
    from beleidslens.nlp.tokenize import words

    compounds.configure(CompoundParams.from_options(options))
    t0 = time.perf_counter()
    result = analyze(doc, fw)
    seconds = time.perf_counter() - t0
    vocabulary = {w.lower() for w in words(doc.text)}
    split = sum(1 for w in vocabulary if compounds.split_compound(w))
    ev = evaluate(result, gold, fw).to_dict()["overall"]
    return {
        "recall": ev["recall"],
        "precision": ev["precision"],
        "unit": (ev["unit"]["recall"], ev["unit"]["precision"]),
        "niet": ev["niet_agreement"],
        "split": f"{split}/{len(vocabulary)}",
        "seconds": round(seconds, 1),
        "selected": _selected(result),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("settings", nargs="*", help="NAME=VALUE, one setting each")
    parser.add_argument("--document", default=str(SHARED / "corpus/coalitieakkoord-2021-2025.txt"))
    parser.add_argument("--gold", default=str(SHARED / "gold/kwetsbaarheden-2021-dev.md"))
    args = parser.parse_args()

    from beleidslens.evaluate.gold import read_expert_markdown
    from beleidslens.framework import load_framework
    from beleidslens.ingest import load_document
    from beleidslens.nlp import compounds
    from beleidslens.nlp.params import CompoundParams

    doc = load_document(args.document)
    fw = load_framework("kwetsbaarheden")
    gold = read_expert_markdown(Path(args.gold))
    from beleidslens.scoring import SCORERS
    from beleidslens.scoring.base import DEFAULT_BACKEND

    print(f"backend {SCORERS.resolve(DEFAULT_BACKEND)}, framework kwetsbaarheden, {args.gold}")
    print(f"{'setting':<22} {'recall':>6} {'prec':>6} {'unit R/P':>11} {'NIET':>5} "
          f"{'words split':>12} {'selected':>8} {'changed':>7} {'s':>5}")  # fmt: skip
    base: set[tuple[str, int, int]] | None = None
    try:
        for setting in ("default", *(args.settings or GRID)):
            options = {} if setting == "default" else _setting(setting)
            m = _measure(doc, fw, gold, options)
            base = m["selected"] if base is None else base
            changed = len(m["selected"] ^ base)  # passages selected in one of the two only
            unit = f"{m['unit'][0]:.2f}/{m['unit'][1]:.2f}"
            niet = "-" if m["niet"] is None else f"{m['niet']:.2f}"
            print(f"{setting:<22} {m['recall']:>6.2f} {m['precision']:>6.2f} {unit:>11} "
                  f"{niet:>5} {m['split']:>12} {len(m['selected']):>8} {changed:>7} "
                  f"{m['seconds']:>5}", flush=True)  # fmt: skip
    finally:
        compounds.configure(CompoundParams())


if __name__ == "__main__":
    main()
