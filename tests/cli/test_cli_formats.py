"""The report format when --format is not given, and binary formats kept off the terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from beleidslens.cli import cli
from conftest import EXAMPLES

SAMPLE = str(EXAMPLES / "voorbeeldakkoord.txt")
ANALYZE = ["analyze", SAMPLE, "-f", "kwetsbaarheden"]


def _on_a_terminal(args: list[str]) -> tuple[int, str]:
    """Run the CLI with standard output on a pseudo-terminal; (exit code, what it showed)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from beleidslens.cli import main; main()", *args],
        stdout=follower,
        stderr=follower,
        stdin=subprocess.DEVNULL,
    )
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return proc.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


def test_terminal_gets_the_readable_report() -> None:
    code, shown = _on_a_terminal(ANALYZE)
    assert code == 0, shown
    assert shown.lstrip().startswith("# Bijdrage van het document")
    assert '"schema"' not in shown


def test_a_pipe_gets_json() -> None:
    r = CliRunner().invoke(cli, ANALYZE)
    assert r.exit_code == 0, r.output
    assert r.stdout.lstrip().startswith("{") and '"schema": "beleidslens.analysis/1"' in r.stdout


def test_binary_formats_are_refused_on_a_terminal_before_any_work() -> None:
    for fmt in ("docx", "xlsx"):
        code, shown = _on_a_terminal([*ANALYZE, "--format", fmt])
        assert code != 0
        lines = [line for line in shown.splitlines() if line.strip()]
        assert len(lines) == 1 and "-o FILE." in lines[0] and "Traceback" not in shown
        assert "PK" not in shown


def test_binary_format_may_be_piped(tmp_path: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from beleidslens.cli import main; main()",
            *ANALYZE,
            "--format",
            "docx",
        ],
        capture_output=True,
        timeout=120,
    )
    assert out.returncode == 0 and out.stdout[:2] == b"PK"


def test_format_follows_the_output_extension(tmp_path: Path) -> None:
    runner = CliRunner()
    expected = {
        "r.html": "<!doctype html",
        "r.md": "# Bijdrage van het document",
        "r.txt": "Bijdrage van het document\n",
        "r.json": "{",
        "r.csv": "\ufeff",
    }
    for name, start in expected.items():
        out = tmp_path / name
        r = runner.invoke(cli, [*ANALYZE, "-o", str(out)])
        assert r.exit_code == 0, r.output
        assert out.read_text(encoding="utf-8").lower().startswith(start.lower()), name
    docx = tmp_path / "r.docx"
    assert runner.invoke(cli, [*ANALYZE, "-o", str(docx)]).exit_code == 0
    assert docx.read_bytes()[:2] == b"PK"
    # an explicit --format wins over the extension; an unknown extension means JSON
    odd = tmp_path / "r.rapport"
    assert runner.invoke(cli, [*ANALYZE, "-o", str(odd)]).exit_code == 0
    assert odd.read_text(encoding="utf-8").startswith("{")
    forced = tmp_path / "forced.html"
    assert runner.invoke(cli, [*ANALYZE, "--format", "json", "-o", str(forced)]).exit_code == 0
    assert forced.read_text(encoding="utf-8").startswith("{")


def test_render_uses_the_same_rule(tmp_path: Path) -> None:
    runner = CliRunner()
    saved = tmp_path / "a.json"
    assert runner.invoke(cli, [*ANALYZE, "-o", str(saved)]).exit_code == 0
    html = tmp_path / "a.html"
    r = runner.invoke(cli, ["render", str(saved), "-o", str(html)])
    assert r.exit_code == 0, r.output
    assert html.read_text(encoding="utf-8").lower().startswith("<!doctype html")
    code, shown = _on_a_terminal(["render", str(saved)])
    assert code == 0 and shown.lstrip().startswith("# Bijdrage van het document")
    code, shown = _on_a_terminal(["render", str(saved), "--format", "xlsx"])
    assert code != 0 and "-o FILE.xlsx" in shown
