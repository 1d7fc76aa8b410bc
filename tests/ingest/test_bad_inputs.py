"""The bad-input corpus (``tests/data/bad/``, own generated files) over the CLI: each case
gives exactly one line on stderr naming the file and the problem, its exit code, no
traceback, within a few seconds. Cases too large to ship are generated at test time."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import EXAMPLES
from fixtures_analysis import make_analysis
from test_cli_errors import assert_one_line_error, run_main

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
SAMPLE = str(EXAMPLES / "voorbeeldakkoord.txt")
FW = ["-f", "kwetsbaarheden"]


def _analysis(tmp: Path) -> str:
    path = tmp / "analyse.json"
    path.write_text(make_analysis().to_json(), encoding="utf-8")
    return str(path)


def _long_bullet(tmp: Path) -> str:
    """An expert file with one bullet of 12 MB (it kept evaluate busy for minutes)."""
    path = tmp / "lange-bullet.md"
    words = b"we bouwen huizen en investeren in zorg onderwijs klimaat en veiligheid "
    with path.open("wb") as fh:
        fh.write(b"# Analyse\n\n## Economische kwetsbaarheid\n\n- ")
        fh.write(words * (12_000_000 // len(words)))
        fh.write(b"\n")
    return str(path)


def _continued_bullet(tmp: Path) -> str:
    """One bullet continued over 200,000 indented lines (quadratic joining before)."""
    path = tmp / "doorlopend.md"
    line = b"  we bouwen huizen en investeren in zorg\n"
    path.write_bytes(b"# Analyse\n\n## Economische kwetsbaarheid\n\n- begin\n" + line * 200_000)
    return str(path)


def _huge_html(tmp: Path) -> str:
    """100,000 paragraphs (29 MB): cleaning it took 55 s of CPU and 620 MB."""
    path = tmp / "groot.html"
    para = b"<p>We bouwen meer huizen en investeren in zorg en onderwijs in elke gemeente.</p>"
    path.write_bytes(b"<html><body><main>" + para * 130_000 + b"</main></body></html>")
    return str(path)


def _analysis_as_gold(tmp: Path) -> str:
    path = tmp / "analyse-als-gold.md"
    path.write_text(make_analysis().to_json(), encoding="utf-8")
    return str(path)


def _docx_bomb(tmp: Path) -> str:
    """A DOCX whose document.xml inflates 1000:1 to 60 MB (a few hundred kB on disk)."""
    path = tmp / "bom.docx"
    para = b"<w:p><w:r><w:t>" + b"a" * 1000 + b"</w:t></w:r></w:p>"
    body = (
        b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
        b'openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + para * 58_000
        + b"</w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        zf.writestr("word/document.xml", body)
    path.write_bytes(buf.getvalue())
    return str(path)


Maker = Callable[[Path], str]
# (id, argv with {name} placeholders for generated files, needles, exit code)
CASES: list[tuple[str, list[str | Maker], list[str], int]] = [
    # framework YAML
    ("yaml-alias-bomb", ["frameworks", "show", str(BAD / "alias-bomb.yaml")], ["aliases"], 4),
    ("yaml-alias-analyze", ["analyze", SAMPLE, "-f", str(BAD / "alias-bomb.yaml")], ["alias"], 4),
    ("yaml-merge-key", ["frameworks", "show", str(BAD / "merge-key.yaml")], [":5:", "alias"], 4),
    ("yaml-deep-flow", ["frameworks", "show", str(BAD / "deep.yaml")], ["deep.yaml:3", "50"], 4),
    ("yaml-deep-block", ["frameworks", "show", str(BAD / "deep-block.yaml")], ["50 levels"], 4),
    ("yaml-dup-keys", ["frameworks", "show", str(BAD / "dup-keys.yaml")], [":4:", "'name'"], 4),
    ("yaml-bigint", ["frameworks", "show", str(BAD / "bigint.yaml")], ["integer"], 4),
    # analysis JSON
    ("json-deep", ["render", str(BAD / "deep.json"), "--format", "markdown"], ["nested"], 5),
    (
        "json-bigint",
        ["render", str(BAD / "bigint.json"), "--format", "markdown"],
        ["5001 digits"],
        5,
    ),
    ("json-nan", ["render", str(BAD / "nan.json"), "--format", "markdown"], ["NaN"], 5),
    (
        "json-deep-evaluate",
        ["evaluate", str(BAD / "deep.json"), str(BAD / "gold-no-theme.md")],
        ["deep.json", "nested"],
        5,
    ),
    # expert Markdown (evaluate and audit)
    (
        "gold-no-theme",
        ["evaluate", _analysis, str(BAD / "gold-no-theme.md")],
        ["gold-no-theme.md:3", "names a theme"],
        5,
    ),
    (
        "gold-unassessed",
        ["evaluate", _analysis, str(BAD / "gold-unassessed.md")],
        ["nothing to compare"],
        5,
    ),
    ("gold-is-analysis-json", ["evaluate", _analysis, _analysis_as_gold], ["nothing"], 5),
    (
        "audit-gold-no-theme",
        ["audit", str(BAD / "gold-no-theme.md"), "-d", SAMPLE, *FW],
        ["names a theme"],
        5,
    ),
    ("gold-12mb-bullet", ["evaluate", _analysis, _long_bullet], [":5:", "20000"], 5),
    ("audit-12mb-bullet", ["audit", _long_bullet, "-d", SAMPLE, *FW], [":5:", "bullet"], 5),
    ("gold-continued-bullet", ["evaluate", _analysis, _continued_bullet], [":5:", "bullet"], 5),
    # options
    ("max-size-nan", ["ingest", SAMPLE, "--max-size", "nanMB"], ["--max-size", "nanMB"], 2),
    ("max-size-inf", ["ingest", SAMPLE, "--max-size", "infMB"], ["--max-size"], 2),
    ("max-size-1e400", ["ingest", SAMPLE, "--max-size", "1e400"], ["--max-size"], 2),
    ("max-size-huge", ["ingest", SAMPLE, "--max-size", "5GB"], ["--max-size", "1 GB"], 2),
    ("max-size-tiny", ["ingest", SAMPLE, "--max-size", "0.001"], ["--max-size"], 2),
    ("timeout-nan", ["ingest", "http://127.0.0.1:9/a.txt", "--timeout", "nan"], ["--timeout"], 2),
    ("timeout-inf", ["ingest", SAMPLE, "--timeout", "inf"], ["--timeout"], 2),
    ("first-page-huge", ["ingest", SAMPLE, "--first-page", "9" * 30], ["--first-page"], 2),
    (
        "backend-option-text",
        ["analyze", SAMPLE, *FW, "--backend-option", "k1=abc"],
        ["k1='abc'", "float"],
        5,
    ),
    ("backend-option-nan", ["analyze", SAMPLE, *FW, "--backend-option", "k1=nan"], ["k1"], 5),
    # documents
    ("docx-bomb", ["ingest", _docx_bomb], ["bom.docx", "DOCX"], 3),
    ("html-huge", ["ingest", _huge_html], ["groot.html", "10 MB"], 3),
]


@pytest.mark.parametrize(
    ("argv", "needles", "code"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_one_line(
    tmp_path: Path, argv: list[str | Maker], needles: list[str], code: int
) -> None:
    args = [a(tmp_path) if callable(a) else a for a in argv]
    started = time.monotonic()
    outcome = run_main(*args, cwd=tmp_path)
    elapsed = time.monotonic() - started
    assert_one_line_error(outcome, *needles)
    assert outcome.code == code, outcome
    assert elapsed < 15, f"{elapsed:.1f} s"


def test_corpus_files_are_all_used() -> None:
    named = {Path(str(a)).name for c in CASES for a in c[1] if isinstance(a, str)}
    assert {p.name for p in BAD.iterdir()} - {"README.md"} <= named
