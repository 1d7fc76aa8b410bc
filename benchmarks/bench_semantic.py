"""Load time of the shipped semantic model, beside numpy's own import, in fresh processes.

    python benchmarks/bench_semantic.py [--runs 5]

Goal: the model loads in ≤ 0.3 s (median; loading = ``SemanticModel.load`` of
``beleidslens/nlp/data/semantic-nl.npz`` after numpy is imported). Printed beside the time
to import numpy in the same processes, the peer every analysis pays anyway.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CODE = (
    "import json, time\n"
    "t0 = time.perf_counter(); import numpy; t1 = time.perf_counter()\n"
    "from beleidslens.nlp.semantic import DEFAULT_MODEL_PATH, SemanticModel\n"
    "t2 = time.perf_counter(); m = SemanticModel.load(DEFAULT_MODEL_PATH); t3 = time.perf_counter()\n"
    "print(json.dumps({'numpy': t1 - t0, 'load': t3 - t2, 'terms': len(m.vocab),"
    " 'bytes': DEFAULT_MODEL_PATH.stat().st_size}))\n"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rows = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", CODE], check=True, capture_output=True, text=True
        )
        rows.append(json.loads(out.stdout))
    load = statistics.median(r["load"] for r in rows)
    numpy = statistics.median(r["numpy"] for r in rows)
    size = rows[0]["bytes"] / 1e6
    print(
        f"model: {rows[0]['terms']} terms, {size:.1f} MB (goal ≤ 25 MB "
        f"[{'ok' if size <= 25 * 1.048576 else 'MISSED'}])"
    )
    print(
        f"median of {args.runs}: load {load:.3f} s (goal ≤ 0.3 s "
        f"[{'ok' if load <= 0.3 else 'MISSED'}]), import numpy {numpy:.3f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
