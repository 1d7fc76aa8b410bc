"""Ingestion benchmark: prints measured figures, asserts nothing.

1. ``beleidslens ingest <2021 agreement> --format json`` as a subprocess, process start to
   output, median of N runs (goal ≤ 0.5 s) and the peak RSS of those processes (goal ≤ 150 MB).
2. The same for a PDF of 120 pages that this script generates with reportlab (goal ≤ 5 s).
3. ``--corpus``: every PDF in ``../shared/corpus`` (the 2023 and 2025 manifestos and the 2021
   agreement), in process, one row each: its pages; the outline's (bookmarks') chapters and
   sections; the chapters and sections found; how many of the outline's chapters and
   sections are found (same title, on its page or next to it); whether it gets printed page
   numbers (and on how many pages); ingest wall and CPU time (CPU time is the figure to read
   on a shared machine); the largest chapter's share of the text. Then the two speed goals
   from the same run: the agreement's PDF ≤ 1 s, the longest manifesto (169 pages) ≤ 5 s.

Usage: python benchmarks/bench_ingest.py [--runs 5] [--agreement PATH] [--corpus]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "corpus"
DEFAULT_AGREEMENT = SHARED / "coalitieakkoord-2021-2025.txt"
PDF_DIRS = ("nl-manifestos-2025-pdf-zweefhulp", "nl-manifestos-2023-vanatteveldt")
AGREEMENT_PDF = SHARED / "coalitieakkoord-2021-favstats" / "coalitieakkoord-2021-2025.pdf"


def corpus_pdfs() -> list[Path]:
    """Every PDF of the corpus that is a policy document (not a codebook)."""
    found = [p for d in PDF_DIRS for p in sorted((SHARED / d).glob("*.pdf"))]
    return [*found, AGREEMENT_PDF] if AGREEMENT_PDF.exists() else found


def _command() -> list[str]:
    exe = shutil.which("beleidslens", path=str(Path(sys.executable).parent))
    if exe:
        return [exe]
    return [sys.executable, "-c", "from beleidslens.cli import main; main()"]


def run_cli(path: Path, runs: int) -> tuple[float, float, float]:
    """Median and minimum wall time of ``runs`` runs, and the peak RSS (MB) of any run."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with open("/dev/null", "wb") as sink:
            subprocess.run(
                [*_command(), "ingest", str(path), "--format", "json"],
                stdout=sink,
                check=True,
            )
        times.append(time.perf_counter() - start)
    # ru_maxrss of children: the largest resident set of any waited-for child, in kB on Linux
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(times), min(times), peak_mb


def make_pdf(path: Path, pages: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    sentence = (
        "Wij investeren o.a. € 2,5 mln. per jaar in betaalbare woningen, isolatie en "
        "schuldhulpverlening voor inwoners met een laag inkomen"
    )
    words = (sentence + ". ") * 40
    c = canvas.Canvas(str(path), pagesize=A4)
    chapter = 0
    for page in range(pages):
        y = 800
        if page % 10 == 0:
            chapter += 1
            c.drawString(60, y, f"{chapter}. Hoofdstuk over beleid nummer {chapter}")
            y -= 24
        c.drawString(60, y, f"Paragraaf {page + 1}")
        y -= 20
        line = ""
        for word in words.split():
            if len(line) + len(word) > 95:
                c.drawString(60, y, line)
                y -= 15
                line = ""
                if y < 60:
                    break
            line = f"{line} {word}".strip()
        c.drawString(300, 30, str(page + 1))
        c.showPage()
    c.save()


def corpus_figures() -> None:
    """Per PDF: time, chapters/sections found beside the outline's (see the docstring)."""
    from beleidslens.document import NodeKind
    from beleidslens.ingest import load_document
    from beleidslens.ingest.pdf.outline import outline_agreement

    print(
        f"{'document':44} {'pages':>5}  {'outline ch/sec':>14}  {'found ch/sec':>12}  "
        f"{'matched ch, sec':>16}  {'printed pages':>13}  {'wall':>6} {'cpu':>6}  largest ch"
    )
    timed: dict[str, tuple[int, float, float]] = {}
    for path in corpus_pdfs():
        start, cpu = time.perf_counter(), time.process_time()
        doc = load_document(path)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu
        pages = doc.source.page_count or 0
        timed[path.name] = (pages, took, cpu)
        chapters = doc.chapters()
        sections = list(doc.iter(NodeKind.SECTION))
        largest = max((len(c.text) for c in chapters), default=0) / max(1, len(doc.text))
        agreement = outline_agreement(path.read_bytes(), doc)
        if agreement.chapters or agreement.sections:
            outline = f"{agreement.chapters}/{agreement.sections}"
            hit = f"{agreement.chapters_found}/{agreement.chapters}"
            if agreement.sections:
                hit += f", {agreement.sections_found}/{agreement.sections}"
        else:
            outline, hit = "none", "-"
        labelled = len(doc.page_labels)
        printed = f"{'yes' if labelled else 'no'} {labelled}/{pages}"
        print(
            f"{path.name[:44]:44} {pages:5}  {outline:>14}  "
            f"{len(chapters):>5}/{len(sections):<6}  {hit:>16}  {printed:>13}  "
            f"{took:5.2f}s {cpu:5.2f}s  {largest:.2f}"
        )
    if AGREEMENT_PDF.name in timed:
        _, took, cpu = timed[AGREEMENT_PDF.name]
        print(f"agreement PDF: {took:.2f} s wall, {cpu:.2f} s CPU (goal ≤ 1 s)")
    longest = max(timed.items(), key=lambda kv: kv[1][0], default=None)
    if longest is not None:
        name, (pages, took, cpu) = longest
        print(
            f"longest manifesto ({name}, {pages} pages): {took:.2f} s wall, {cpu:.2f} s CPU (goal ≤ 5 s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--agreement", type=Path, default=DEFAULT_AGREEMENT)
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--corpus", action="store_true", help="only the corpus PDFs' figures")
    args = parser.parse_args()

    if args.corpus:
        corpus_figures()
        return
    if args.agreement.exists():
        median, best, peak = run_cli(args.agreement, args.runs)
        print(
            f"agreement txt ({args.agreement.stat().st_size / 1000:.0f} kB): "
            f"median {median:.3f} s, min {best:.3f} s over {args.runs} runs "
            f"(goal ≤ 0.5 s); peak RSS {peak:.0f} MB (goal ≤ 150 MB)"
        )
    else:
        print(f"agreement not found at {args.agreement}; skipped")
    if AGREEMENT_PDF.exists():
        median, best, peak = run_cli(AGREEMENT_PDF, args.runs)
        print(
            f"agreement pdf: median {median:.3f} s, min {best:.3f} s over {args.runs} runs "
            f"(process start to output; goal for the ingestion ≤ 1 s)"
        )

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "lang.pdf"
        t0 = time.perf_counter()
        make_pdf(pdf, args.pages)
        made = time.perf_counter() - t0
        median, best, peak = run_cli(pdf, args.runs)
        print(
            f"generated PDF ({args.pages} pages, {pdf.stat().st_size / 1e6:.1f} MB, "
            f"made in {made:.1f} s): median {median:.3f} s, min {best:.3f} s over "
            f"{args.runs} runs (goal ≤ 5 s); peak RSS so far {peak:.0f} MB"
        )
    if SHARED.exists():
        corpus_figures()


if __name__ == "__main__":
    main()
