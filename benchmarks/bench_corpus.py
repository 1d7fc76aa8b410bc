"""A whole corpus in one batch: documents per second, peak memory per worker, time per MB of
text as the corpus doubles, 1 vs 2 workers, and the peers from the same run.

The corpus is the 150+ Dutch election manifestos in ``../shared/corpus`` (the text
conversions 2002–2023 and the 2023 and 2025 PDFs). Runs, each into a fresh database:

1. the whole corpus, local executor, ``--jobs`` workers, with a fresh term cache (cold);
2. the corpus as it doubles (1/8, 1/4, 1/2, all; every k-th document so each slice has the
   same mix of years and formats), warm: seconds per MB of text should stay flat;
3. one quarter with 1 and with 2 workers (the scaling figure of docs/scaling.md), and with
   the Dask executor when the extra is installed;
4. peers on the same quarter: a plain loop of ``bl.analyze`` in one process, and (on a few
   documents) the shell loop of ``beleidslens analyze`` a user would write.

    python benchmarks/bench_corpus.py [--framework sdg] [--jobs 2] [--fractions 8,4,2,1]
                                      [--no-whole]

Goal (issue 11): the whole corpus in <= 120 s on this 2-core machine with the local executor,
cost linear in the corpus. The machine may be shared: the load average is printed before and
after, and the CPU seconds beside the wall seconds.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = REPO.parent / "shared" / "corpus"
SOURCES = [
    ("nl-manifestos-txt-wouterbakker", "*.txt"),
    ("nl-manifestos-2023-vanatteveldt", "*.pdf"),
    ("nl-manifestos-2025-pdf-zweefhulp", "*.pdf"),
]


def corpus_files() -> list[Path]:
    files: list[Path] = []
    for folder, pattern in SOURCES:
        files += sorted((CORPUS / folder).glob(pattern))
    return files


def every(files: list[Path], k: int) -> list[Path]:
    return files[::k]


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def cpu_seconds() -> float:
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def batch(files: list[Path], framework: str, jobs: int, executor: str = "local") -> dict:
    from beleidslens.corpus import run_batch

    with tempfile.TemporaryDirectory() as tmp:
        c0, t0 = cpu_seconds(), time.perf_counter()
        s = run_batch(files, [framework], Path(tmp) / "b.db", jobs=jobs, executor=executor)
        wall, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    chars = sum(o.text_chars for o in s.outcomes)
    peak: dict[str, float] = defaultdict(float)
    for o in s.outcomes:
        peak[o.worker] = max(peak[o.worker], o.peak_rss_mb)
    return {
        "docs": len(files),
        "failed": len(s.failed),
        "wall": wall,
        "cpu": cpu,
        "mb": chars / 1e6,
        "peak": max(peak.values(), default=0.0),
        "workers": len(peak),
        "errors": s.failed[:3],
    }


def line(name: str, r: dict) -> str:
    mb = max(r["mb"], 1e-9)
    return (
        f"{name:<32} {r['docs']:>4} docs {r['mb']:5.1f} MB {r['wall']:7.1f} s wall "
        f"{r['cpu']:7.1f} s cpu {r['docs'] / r['wall']:5.2f} docs/s "
        f"{r['wall'] / mb:5.2f} s/MB wall {r['cpu'] / mb:5.2f} s/MB cpu "
        f"peak {r['peak']:4.0f} MB/worker ({r['workers']} workers) failed {r['failed']}"
    )


def plain_loop(files: list[Path], framework: str) -> dict:
    """The peer: one process, one document after the other, no database."""
    import resource

    import beleidslens as bl

    fw = bl.load_framework(framework)
    c0, t0 = cpu_seconds(), time.perf_counter()
    chars = failed = 0
    for f in files:
        try:
            a = bl.analyze(f, framework=fw, include_text=False)
            chars += a.document.characters
        except Exception:
            failed += 1
    wall, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"docs": len(files), "failed": failed, "wall": wall, "cpu": cpu, "mb": chars / 1e6,
            "peak": peak, "workers": 1}  # fmt: skip


def shell_loop(files: list[Path], framework: str) -> dict:
    """The peer a user writes today: one ``beleidslens analyze`` process per document."""
    exe = str(Path(sys.executable).with_name("beleidslens"))
    c0, t0 = cpu_seconds(), time.perf_counter()
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, f in enumerate(files):
            out = Path(tmp) / f"{i}.json"
            rc = subprocess.run([exe, "analyze", str(f), "-f", framework, "-o", str(out), "-q"],
                                capture_output=True).returncode  # fmt: skip
            failed += rc != 0
    wall, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    return {"docs": len(files), "failed": failed, "wall": wall, "cpu": cpu, "mb": 0.0,
            "peak": 0.0, "workers": 1}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--framework", default="sdg")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--fractions", default="8,4,2,1",
        help="the doubling series: every k-th document for each k (default 8,4,2,1)",
    )  # fmt: skip
    parser.add_argument(
        "--no-whole", action="store_true", help="skip the first, cold run of the whole corpus"
    )
    args = parser.parse_args()
    files = corpus_files()
    if len(files) < 10:
        print(f"corpus not found under {CORPUS}", file=sys.stderr)
        return 2
    print(f"corpus: {len(files)} documents ({sum(f.suffix == '.pdf' for f in files)} PDF), "
          f"framework {args.framework}")  # fmt: skip
    print("before:", load())
    home = tempfile.mkdtemp(prefix="bench-corpus-home-")
    os.environ["BELEIDSLENS_HOME"] = home  # a fresh term cache: the first run is cold
    results = []
    if not args.no_whole:
        results.append(("whole corpus, cold cache", batch(files, args.framework, args.jobs)))
        print(line(*results[-1]), flush=True)
    for k in (int(x) for x in args.fractions.split(",") if x.strip()):
        results.append((f"every {k}th document", batch(every(files, k), args.framework,
                                                       args.jobs)))  # fmt: skip
        print(line(*results[-1]), flush=True)
    quarter = every(files, 4)
    for jobs in (1, 2):
        results.append((f"quarter, {jobs} worker(s)", batch(quarter, args.framework, jobs)))
        print(line(*results[-1]), flush=True)
    try:
        import distributed  # noqa: F401

        results.append(("quarter, dask 2 workers", batch(quarter, args.framework, 2, "dask")))
        print(line(*results[-1]), flush=True)
    except ImportError:
        print("quarter, dask: skipped (pip install 'beleidslens[distributed]')")
    results.append(("peer: plain loop of bl.analyze", plain_loop(quarter, args.framework)))
    print(line(*results[-1]), flush=True)
    few = quarter[:8]
    shell = shell_loop(few, args.framework)
    per_doc = shell["wall"] / len(few)
    batch_few = batch(few, args.framework, args.jobs)
    print(f"peer: shell loop of 'beleidslens analyze' on {len(few)} documents: "
          f"{shell['wall']:.1f} s ({per_doc:.2f} s/doc); batch --jobs {args.jobs} on the same: "
          f"{batch_few['wall']:.1f} s")  # fmt: skip
    print("after:", load())
    if not args.no_whole:
        whole = results[0][1]
        verdict = "met" if whole["wall"] <= 120 else "NOT met"
        print(f"goal <= 120 s for the whole corpus: {whole['wall']:.1f} s wall "
              f"({whole['cpu'] / args.jobs:.1f} s of CPU per core), {verdict}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
