"""Scale benchmark: does the cost of ingesting and analysing grow linearly with the input?
Prints measured figures beside a peer from the same run; asserts nothing.

Inputs are generated here (own words, no corpus text), at several sizes:

* plain text of 1, 3 and 10 MB (numbered chapters, paragraphs of Dutch policy words);
* HTML of 10,000, 30,000 and 100,000 paragraphs;
* optionally (``--docx``) DOCX of 5,000 and 20,000 paragraphs.

Each measurement runs in a fresh process and reports its CPU seconds (user + system, so a
busy machine does not inflate it) and peak resident memory. Peers, same input, same run:

* ``raw read``: reading the bytes and splitting paragraphs (the floor of any ingester);
* ``lxml parse``: ``lxml.html`` parsing the HTML (the floor of any HTML ingester);
* ``plain bm25``: ``bm25s`` indexing the paragraphs and querying the ten theme labels of
  ``kwetsbaarheden`` (the floor of any lexical analysis).

The targets (issue 13): any file under the size limit ingests in <= 10 s and <= 1 GB, and
the cost per MB stays flat as the size grows (linear).

Usage: python benchmarks/bench_scale.py [--sizes 1,3,10] [--paragraphs 10000,30000,100000]
       [--no-analyze] [--docx]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

WORDS = [
    "wij",
    "gaan",
    "de",
    "woningbouw",
    "versnellen",
    "en",
    "investeren",
    "fors",
    "in",
    "onderwijs",
    "zorg",
    "klimaat",
    "energie",
    "veiligheid",
    "gemeenten",
    "provincies",
    "rijk",
    "bereikbaarheid",
    "natuur",
    "landbouw",
    "stikstof",
    "defensie",
    "cybersecurity",
    "digitale",
    "weerbaarheid",
    "economie",
    "innovatie",
    "onderzoek",
    "arbeidsmarkt",
    "bestaanszekerheid",
    "armoede",
    "schulden",
    "pensioen",
    "migratie",
    "integratie",
    "cultuur",
    "sport",
]


def _sentence(rnd: random.Random) -> str:
    return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(8, 24))).capitalize() + "."


def make_text(path: Path, megabytes: float, seed: int = 1) -> None:
    rnd = random.Random(seed)
    target = int(megabytes * 1_000_000)
    size, chapter, parts = 0, 0, []
    while size < target:
        if len(parts) % 40 == 0:
            chapter += 1
            block = f"{chapter}. Hoofdstuk {chapter}\n\n"
        else:
            block = " ".join(_sentence(rnd) for _ in range(rnd.randint(1, 4))) + "\n\n"
        parts.append(block)
        size += len(block.encode())
    path.write_text("".join(parts), encoding="utf-8")


def make_html(path: Path, paragraphs: int, seed: int = 2) -> None:
    rnd = random.Random(seed)
    out = ["<!doctype html><html><head><title>Programma</title></head><body><main>"]
    for i in range(paragraphs):
        if i % 40 == 0:
            out.append(f"<h2>Hoofdstuk {i // 40 + 1}</h2>")
        out.append(f"<p>{_sentence(rnd)} {_sentence(rnd)}</p>")
    out.append("</main></body></html>")
    path.write_text("".join(out), encoding="utf-8")


def make_docx(path: Path, paragraphs: int, seed: int = 3) -> None:
    import docx

    rnd = random.Random(seed)
    d = docx.Document()
    for i in range(paragraphs):
        if i % 40 == 0:
            d.add_heading(f"Hoofdstuk {i // 40 + 1}", 1)
        d.add_paragraph(f"{_sentence(rnd)} {_sentence(rnd)}")
    d.save(str(path))


# -- what each measured process does ---------------------------------------------------
_JOBS = {
    "raw read": "data = open(P, 'rb').read(); parts = data.split(b'\\n\\n'); n = len(parts)",
    "lxml parse": "import lxml.html; root = lxml.html.fromstring(open(P, 'rb').read()); "
    "n = sum(1 for _ in root.iter('p'))",
    "ingest": "from beleidslens.ingest import load_document; "
    "n = len(list(load_document(P).walk()))",
    "plain bm25": "import bm25s; from beleidslens.ingest import load_document; "
    "from beleidslens.framework import load_framework; "
    "paras = [x for x in open(P, encoding='utf-8').read().split('\\n\\n') if x.strip()]; "
    "fw = load_framework('kwetsbaarheden'); "
    "import time; t0 = time.process_time(); "
    "r = bm25s.BM25(); r.index(bm25s.tokenize(paras, show_progress=False), show_progress=False); "
    "q = bm25s.tokenize([t.label for t in fw.themes], show_progress=False); "
    "res = r.retrieve(q, k=min(50, len(paras)), show_progress=False); n = len(paras)",
    "ingest+analyze": "from beleidslens.ingest import load_document; "
    "from beleidslens.analysis.pipeline import analyze; "
    "from beleidslens.framework import load_framework; "
    "r = analyze(load_document(P), load_framework('kwetsbaarheden')); n = len(r.themes)",
}

_RUNNER = """
import json, os, resource, sys, time
P = sys.argv[1]
t0 = time.process_time(); w0 = time.perf_counter()
{job}
cpu = time.process_time() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"cpu": cpu, "wall": time.perf_counter() - w0, "peak_mb": peak, "n": n}}))
"""


def measure(job: str, path: Path, timeout: float) -> dict[str, float] | None:
    code = _RUNNER.format(job=_JOBS[job])
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, str(path)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        print(f"  {job:<15} error: {(done.stderr.strip().splitlines() or ['?'])[-1][-160:]}")
        return None
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def report(label: str, path: Path, jobs: list[str], timeout: float) -> None:
    mb = path.stat().st_size / 1e6
    print(f"\n{label}: {mb:.1f} MB")
    for job in jobs:
        r = measure(job, path, timeout)
        if r is None:
            print(f"  {job:<15} over {timeout:.0f} s (stopped)")
            continue
        print(
            f"  {job:<15} cpu {r['cpu']:7.2f} s  ({r['cpu'] / mb:5.2f} s/MB)  "
            f"peak {r['peak_mb']:6.0f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,3,10", help="text sizes in MB")
    parser.add_argument("--paragraphs", default="10000,30000,100000", help="HTML paragraphs")
    parser.add_argument("--no-analyze", action="store_true", help="skip ingest+analyze")
    parser.add_argument("--docx", action="store_true", help="also DOCX of 5,000/20,000 paras")
    parser.add_argument("--timeout", type=float, default=600.0, help="per measurement, s")
    args = parser.parse_args()
    analyze = [] if args.no_analyze else ["ingest+analyze"]
    with tempfile.TemporaryDirectory() as tmp:
        for size in (float(s) for s in args.sizes.split(",") if s):
            path = Path(tmp) / f"tekst-{size:g}mb.txt"
            make_text(path, size)
            report(
                f"text {size:g} MB",
                path,
                ["raw read", "ingest", "plain bm25", *analyze],
                args.timeout,
            )
        for count in (int(s) for s in args.paragraphs.split(",") if s):
            path = Path(tmp) / f"pagina-{count}.html"
            make_html(path, count)
            report(f"HTML {count:,} paragraphs", path, ["lxml parse", "ingest"], args.timeout)
        if args.docx:
            for count in (5000, 20000):
                path = Path(tmp) / f"doc-{count}.docx"
                make_docx(path, count)
                report(f"DOCX {count:,} paragraphs", path, ["ingest"], args.timeout)


if __name__ == "__main__":
    main()
