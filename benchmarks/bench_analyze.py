"""Speed and quality of ``beleidslens analyze`` beside the plain BM25 baseline.

Runs, as subprocesses, process start to JSON written: the engine
(``beleidslens analyze DOC --framework F -o …``) and the baseline
(``benchmarks/baseline_bm25.py``), each ``--runs`` times (median reported), records the
peak resident memory of each run (``resource.getrusage`` of the children), then evaluates
both JSON files against the expert analysis and prints everything side by side.

    python benchmarks/bench_analyze.py [--document …] [--gold …] [--runs 5]

Goals: median ≤ 1.5 s, peak ≤ 200 MB, and at most 1.5× the baseline's median time in the
same run (issue 8; an absolute time depends on the machine, the ratio much less).
The first engine run also fills the per-word term cache (see ``beleidslens.nlp.analyzer``); its time is
printed separately as the cold start.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one subprocess."""
    import resource

    t0 = time.perf_counter()
    pid = os.posix_spawn(cmd[0], cmd, env)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"command failed: {' '.join(cmd)}")
    del resource
    return elapsed, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description="benchmark analyze vs the BM25 baseline")
    parser.add_argument("--document", default=str(SHARED / "corpus/coalitieakkoord-2021-2025.txt"))
    parser.add_argument("--gold", default=str(SHARED / "gold/kwetsbaarheden-2021-dev.md"))
    parser.add_argument("--framework", default="kwetsbaarheden")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    python = sys.executable
    exe = str(Path(python).with_name("beleidslens"))
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        env["BELEIDSLENS_HOME"] = str(Path(tmp) / "home")  # a fresh cache: first run is cold
        engine_json = str(Path(tmp) / "engine.json")
        base_json = str(Path(tmp) / "baseline.json")
        engine_cmd = [
            exe,
            "analyze",
            args.document,
            "--framework",
            args.framework,
            "-o",
            engine_json,
        ]
        base_cmd = [
            python,
            str(HERE / "baseline_bm25.py"),
            args.document,
            "--framework",
            args.framework,
            "-o",
            base_json,
        ]
        cold, cold_rss = run(engine_cmd, env)
        engine, base = [], []
        for _ in range(args.runs):  # interleaved so both see the same machine load
            engine.append(run(engine_cmd, env))
            base.append(run(base_cmd, env))

        def summary(rows: list[tuple[float, float]]) -> tuple[float, float]:
            return statistics.median(t for t, _ in rows), max(m for _, m in rows)

        e_t, e_m = summary(engine)
        b_t, b_m = summary(base)
        print(f"document: {args.document}\nruns: {args.runs} (median wall time, peak RSS)")
        print(f"{'':<10} {'median s':>9} {'peak MB':>8}")
        print(
            f"{'engine':<10} {e_t:>9.2f} {e_m:>8.0f}   (cold first run {cold:.2f} s, "
            f"{cold_rss:.0f} MB)"
        )
        print(f"{'baseline':<10} {b_t:>9.2f} {b_m:>8.0f}")
        ratio = e_t / b_t
        print(
            f"engine/baseline time: {ratio:.2f}x  goals: median ≤ 1.5 s "
            f"[{'ok' if e_t <= 1.5 else 'MISSED'}], peak ≤ 200 MB "
            f"[{'ok' if e_m <= 200 else 'MISSED'}], ≤ 1.5x baseline "
            f"[{'ok' if ratio <= 1.5 else 'MISSED'}]"
        )
        if Path(args.gold).exists():
            for name, path in (("engine", engine_json), ("baseline", base_json)):
                print(f"\n== quality: {name} vs {args.gold}")
                out = subprocess.run(
                    [exe, "evaluate", path, args.gold],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                print(out.stdout, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
