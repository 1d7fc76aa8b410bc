"""Bad-input sweep over the CLI: prints how many bad inputs were tried and how many gave a
traceback, a hang, more than one line on stderr, or a damaged input file. Asserts nothing.

Inputs: the corpus of ``tests/data/bad/``, byte mutations (seeded) of valid inputs of every
kind (text, Markdown, DOCX, PDF, HTML, framework YAML, analysis JSON, expert Markdown), bad
option values, and every writing command with ``-o`` naming one of its inputs. Each case
runs :func:`beleidslens.cli.main` in this process (fast) under a ``SIGALRM`` deadline; a
case still running at the deadline counts as a hang. Every input's SHA-256 is compared
before and after.

Usage: python benchmarks/bad_input_sweep.py [--mutations 40] [--deadline 20] [--seed 1]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import random
import signal
import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from beleidslens.cli import main  # noqa: E402
from fixtures_analysis import make_analysis  # noqa: E402

BAD = REPO / "tests" / "data" / "bad"
SAMPLE_TXT = REPO / "examples" / "voorbeeldakkoord.txt"
SAMPLE_MD = REPO / "examples" / "voorbeeldakkoord.md"
GOLD = (
    "# Analyse\n\n## Economische kwetsbaarheid\n\n- We investeren in innovatie.\n\nNIET: buffers\n"
)


class Hang(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise Hang


def run_case(argv: list[str], cwd: Path, deadline: int) -> tuple[str, int, str]:
    """(outcome, exit code, stderr) with outcome one of ok, error, traceback, hang, lines."""
    runner = CliRunner()
    old = Path.cwd()
    os.chdir(cwd)
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(deadline)
    try:
        with runner.isolation() as (_out, err, _both):
            try:
                main(list(argv))
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            except Hang:
                return "hang", -1, ""
            except BaseException:
                return "traceback", -1, traceback.format_exc(limit=3)
            stderr = err.getvalue().decode("utf-8", "replace")
    finally:
        signal.alarm(0)
        os.chdir(old)
    if "Traceback" in stderr:
        return "traceback", code, stderr
    if code == 0:
        return "ok", code, stderr
    if len(stderr.strip().splitlines()) != 1:
        return "lines", code, stderr
    return "error", code, stderr


def _sample_docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Wonen", 1)
    d.add_paragraph("We bouwen meer huizen in elke gemeente.")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 1).text = "€ 5 mln"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _sample_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for page in range(3):
        c.drawString(72, 800, f"{page + 1}. Hoofdstuk")
        c.drawString(72, 780, "We bouwen meer huizen in elke gemeente.")
        c.showPage()
    c.save()
    return buf.getvalue()


def mutate(data: bytes, rnd: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        at = rnd.randrange(len(out) + 1)
        kind = rnd.random()
        if kind < 0.4:
            out[at : at + rnd.randint(1, 16)] = b""
        elif kind < 0.8:
            out[at:at] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 8)))
        else:
            out[at : at + 1] = bytes([rnd.randrange(256)])
    return bytes(out)


def build_cases(tmp: Path, mutations: int, rnd: random.Random) -> list[list[str]]:
    from beleidslens.framework import builtin_frameworks

    (tmp / "doc.txt").write_bytes(SAMPLE_TXT.read_bytes())
    (tmp / "analyse.json").write_text(make_analysis().to_json(), encoding="utf-8")
    (tmp / "expert.md").write_text(GOLD, encoding="utf-8")
    (tmp / "kader.yaml").write_text(builtin_frameworks()["kwetsbaarheden"], encoding="utf-8")
    valid = {
        ".txt": SAMPLE_TXT.read_bytes(),
        ".md": SAMPLE_MD.read_bytes(),
        ".docx": _sample_docx(),
        ".pdf": _sample_pdf(),
        ".html": b"<html><head><title>T</title></head><body><main><h1>Wonen</h1><p>"
        + b"We bouwen meer huizen in elke gemeente. " * 20
        + b"</p></main></body></html>",
    }
    cases: list[list[str]] = []
    for path in sorted(BAD.iterdir()):
        name = str(path)
        if path.suffix == ".yaml":
            cases += [["frameworks", "validate", name], ["analyze", "doc.txt", "-f", name]]
        elif path.suffix == ".json":
            cases += [["render", name, "--format", "markdown"], ["evaluate", name, "expert.md"]]
        elif path.suffix == ".md" and path.name != "README.md":
            cases += [["evaluate", "analyse.json", name]]
            cases += [["audit", name, "-d", "doc.txt", "-f", "kwetsbaarheden"]]
    for i in range(mutations):
        for ext, data in valid.items():
            path = tmp / f"m{i}{ext}"
            path.write_bytes(mutate(data, rnd))
            cases.append(["ingest", path.name, "--format", "json"])
            if i % 4 == 0:
                cases.append(["money", path.name])
            if i % 8 == 0:
                cases.append(["analyze", path.name, "-f", "kwetsbaarheden"])
        fw = tmp / f"m{i}.yaml"
        fw.write_bytes(mutate(builtin_frameworks()["kwetsbaarheden"].encode(), rnd))
        cases.append(["frameworks", "validate", fw.name])
        js = tmp / f"m{i}.json"
        js.write_bytes(mutate((tmp / "analyse.json").read_bytes(), rnd))
        cases.append(["render", js.name, "--format", rnd.choice(["markdown", "html", "csv"])])
        gold = tmp / f"g{i}.md"
        gold.write_bytes(mutate(GOLD.encode() * rnd.randint(1, 5), rnd))
        cases.append(["evaluate", "analyse.json", gold.name])
    for value in ("nanMB", "infMB", "-1", "0", "1e400", "5GB", "abc", "", "1e-9"):
        cases.append(["ingest", "doc.txt", "--max-size", value])
    for value in ("nan", "inf", "-1", "0", "1e999"):
        cases.append(["ingest", "doc.txt", "--timeout", value])
    for value in ("k1=abc", "k1=nan", "k1=inf", "b=-1", "prf_docs=1e30", "x=1", "=", "k1"):
        cases.append(["analyze", "doc.txt", "-f", "kwetsbaarheden", "--backend-option", value])
    same = [
        ["analyze", "doc.txt", "-f", "kader.yaml", "-o", "doc.txt"],
        ["analyze", "doc.txt", "-f", "kader.yaml", "-o", "kader.yaml"],
        ["render", "analyse.json", "--format", "markdown", "-o", "analyse.json"],
        ["evaluate", "analyse.json", "expert.md", "-o", "expert.md"],
        ["audit", "expert.md", "-d", "doc.txt", "-f", "kwetsbaarheden", "-o", "doc.txt"],
        ["money", "doc.txt", "-o", "./doc.txt"],
        ["ingest", "doc.txt", "-o", "doc.txt"],
        ["compare", "doc.txt", "doc.txt", "-f", "kwetsbaarheden", "-o", "doc.txt"],
    ]
    (tmp / "link.txt").symlink_to("doc.txt")
    same.append(["money", "doc.txt", "-o", "link.txt"])
    os.mkfifo(tmp / "pijp")
    same.append(["money", "doc.txt", "-o", "pijp"])
    same.append(["money", "doc.txt", "-o", "geen/map/uit.txt"])
    return cases + same


def digests(tmp: Path) -> dict[str, str]:
    out = {}
    for path in tmp.iterdir():
        if path.is_file() and not path.is_symlink():
            out[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mutations", type=int, default=40, help="mutations per input kind")
    parser.add_argument("--deadline", type=int, default=20, help="seconds per case")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        cases = build_cases(tmp, args.mutations, rnd)
        before = digests(tmp)
        outcomes: Counter[str] = Counter()
        worst: dict[str, list[str]] = {}
        for argv in cases:
            with contextlib.redirect_stdout(io.StringIO()):
                outcome, _code, stderr = run_case(argv, tmp, args.deadline)
            outcomes[outcome] += 1
            if outcome in ("traceback", "hang", "lines"):
                worst.setdefault(outcome, []).append(" ".join(argv) + "\n    " + stderr[-300:])
        after = digests(tmp)
        damaged = [n for n, h in before.items() if after.get(n) != h]
        fifo_ok = (tmp / "pijp").is_fifo() and (tmp / "link.txt").is_symlink()
    print(f"bad inputs tried: {len(cases)}")
    print(
        f"refused with one line: {outcomes['error']}; accepted (exit 0): {outcomes['ok']}; "
        f"tracebacks: {outcomes['traceback']}; hangs (> {args.deadline} s): {outcomes['hang']}; "
        f"more than one line: {outcomes['lines']}"
    )
    print(f"files damaged: {len(damaged)} {damaged or ''}; FIFO and symlink intact: {fifo_ok}")
    for kind, items in worst.items():
        print(f"\n{kind}:")
        for item in items[:10]:
            print("  " + item)


if __name__ == "__main__":
    main_()
