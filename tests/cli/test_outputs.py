"""Outputs never damage a user's file: ``-o`` equal to an input is refused (same file after
resolving links), only regular files are written (a symlink's target, never a device or a
FIFO), every output is checked before the work starts, and a write error on standard output
(full disk, closed pipe) is one line with a non-zero exit."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
from pathlib import Path

import pytest

from beleidslens.errors import RenderError
from beleidslens.fsutil import atomic_write, check_output
from conftest import EXAMPLES
from fixtures_analysis import make_analysis
from test_cli_errors import GOLD_MD, SCRIPT, Outcome, assert_one_line_error, run_main

SAMPLE = EXAMPLES / "voorbeeldakkoord.txt"
FRAMEWORK_YAML = """id: eigen
name: Eigen kader
version: "1"
themes:
  - id: wonen
    label: Wonen
    aspects:
      - id: bouwen
        label: Bouwen
        description: Huizen bouwen.
        keywords: [huizen, bouwen]
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "doc.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "kader.yaml").write_text(FRAMEWORK_YAML, encoding="utf-8")
    (tmp_path / "analyse.json").write_text(make_analysis().to_json(), encoding="utf-8")
    (tmp_path / "expert.md").write_text(GOLD_MD, encoding="utf-8")
    return tmp_path


# (command line with {out} where the output goes, the input that {out} names)
SAME_AS_INPUT: list[tuple[str, list[str], str]] = [
    ("analyze-doc", ["analyze", "doc.txt", "-f", "kwetsbaarheden", "-o", "doc.txt"], "doc.txt"),
    ("analyze-yaml", ["analyze", "doc.txt", "-f", "kader.yaml", "-o", "kader.yaml"], "kader.yaml"),
    (
        "render-json",
        ["render", "analyse.json", "--format", "markdown", "-o", "analyse.json"],
        "analyse.json",
    ),
    (
        "render-document",
        ["render", "analyse.json", "--format", "html", "--document", "doc.txt", "-o", "doc.txt"],
        "doc.txt",
    ),
    ("evaluate-gold", ["evaluate", "analyse.json", "expert.md", "-o", "expert.md"], "expert.md"),
    (
        "evaluate-analysis",
        ["evaluate", "analyse.json", "expert.md", "-o", "analyse.json"],
        "analyse.json",
    ),
    (
        "audit-human",
        ["audit", "expert.md", "-d", "doc.txt", "-f", "kwetsbaarheden", "-o", "expert.md"],
        "expert.md",
    ),
    (
        "audit-document",
        ["audit", "expert.md", "-d", "doc.txt", "-f", "kwetsbaarheden", "-o", "doc.txt"],
        "doc.txt",
    ),
    (
        "compare",
        ["compare", "doc.txt", "doc.txt", "-f", "kwetsbaarheden", "-o", "doc.txt"],
        "doc.txt",
    ),
    ("money", ["money", "doc.txt", "-o", "doc.txt"], "doc.txt"),
    (
        "simulate-gold",
        ["simulate", "doc.txt", "-f", "kwetsbaarheden", "--gold", "expert.md", "-o", "expert.md"],
        "expert.md",
    ),
    (
        "simulate-plot",
        ["simulate", "doc.txt", "-f", "kwetsbaarheden", "--gold", "expert.md", "--plot", "doc.txt"],
        "doc.txt",
    ),
    ("ingest", ["ingest", "doc.txt", "--format", "json", "-o", "doc.txt"], "doc.txt"),
]


@pytest.mark.parametrize(
    ("argv", "victim"), [c[1:] for c in SAME_AS_INPUT], ids=[c[0] for c in SAME_AS_INPUT]
)
def test_output_equal_to_an_input_is_refused(work: Path, argv: list[str], victim: str) -> None:
    before = {p.name: _digest(p) for p in work.iterdir()}
    outcome = run_main(*argv, cwd=work)
    assert_one_line_error(outcome, victim, "is also an input")
    assert outcome.code == 6 and outcome.stdout == ""
    assert {p.name: _digest(p) for p in work.iterdir()} == before


@pytest.mark.parametrize("link", ["symlink", "hardlink", "dotted"])
def test_output_that_is_an_input_by_another_name(work: Path, link: str) -> None:
    alias = work / "alias.txt"
    if link == "symlink":
        alias.symlink_to("doc.txt")
    elif link == "hardlink":
        os.link(work / "doc.txt", alias)
    else:
        alias = work / "." / "sub" / ".." / "doc.txt"
        (work / "sub").mkdir()
    before = _digest(work / "doc.txt")
    outcome = run_main("money", "doc.txt", "-o", str(alias), cwd=work)
    assert_one_line_error(outcome, "is also an input")
    assert _digest(work / "doc.txt") == before
    if link == "symlink":
        assert alias.is_symlink()


def test_symlink_target_is_written_and_the_link_kept(work: Path) -> None:
    (work / "reports").mkdir()
    (work / "reports" / "money.txt").write_text("oud\n", encoding="utf-8")
    (work / "latest.txt").symlink_to("reports/money.txt")
    outcome = run_main("money", "doc.txt", "-o", "latest.txt", cwd=work)
    assert outcome.code == 0, outcome
    assert (work / "latest.txt").is_symlink()
    written = (work / "reports" / "money.txt").read_text(encoding="utf-8")
    assert written != "oud\n" and written.strip()
    # a dangling link: its target is created, the link stays
    (work / "new.txt").symlink_to("reports/new-money.txt")
    assert run_main("money", "doc.txt", "-o", "new.txt", cwd=work).code == 0
    assert (work / "new.txt").is_symlink() and (work / "reports" / "new-money.txt").is_file()


def test_special_files_are_refused_not_replaced(work: Path) -> None:
    fifo = work / "pijp"
    os.mkfifo(fifo)
    outcome = run_main("money", "doc.txt", "-o", "pijp", cwd=work)
    assert_one_line_error(outcome, "pijp", "FIFO", "not a regular file")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    (work / "naar-null").symlink_to(os.devnull)  # a link to a character device
    outcome = run_main("money", "doc.txt", "-o", "naar-null", cwd=work)
    assert_one_line_error(outcome, "naar-null", "character device")
    assert (work / "naar-null").is_symlink()
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    with pytest.raises(RenderError, match="FIFO"):
        atomic_write(fifo, "x")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize(
    ("output", "needles"),
    [
        ("nergens/uit.json", ["nergens", "output directory does not exist"]),
        ("doc.txt/uit.json", ["doc.txt/uit.json", "Not a directory"]),
        ("/proc/self/uit.json", ["/proc/self/uit.json", "cannot write"]),
    ],
)
def test_output_checked_before_the_work(work: Path, output: str, needles: list[str]) -> None:
    # the document does not exist: had the work started first, that would be the error
    for argv in (
        ["analyze", "weg.txt", "-f", "kwetsbaarheden"],
        ["ingest", "weg.txt"],
        ["money", "weg.txt"],
        ["render", "weg.json", "--format", "markdown"],
        ["evaluate", "weg.json", "weg.md"],
        ["audit", "weg.md", "-d", "weg.txt", "-f", "kwetsbaarheden"],
        ["compare", "weg.txt", "weg2.txt", "-f", "kwetsbaarheden"],
    ):
        outcome = run_main(*argv, "-o", output, cwd=work)
        assert_one_line_error(outcome, *needles)


def test_check_output_api(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text("x", encoding="utf-8")
    assert check_output(tmp_path / "out.txt", [tmp_path / "in.txt", "https://x/y", None]) == (
        tmp_path / "out.txt"
    )
    with pytest.raises(RenderError, match="is also an input"):
        check_output(tmp_path / "in.txt", ["kwetsbaarheden", tmp_path / "in.txt"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt"]  # probe removed


def _run_to(fd: int, *argv: str, cwd: Path) -> Outcome:
    done = subprocess.run(
        [str(SCRIPT), *argv], stdout=fd, stderr=subprocess.PIPE, text=True, cwd=cwd, timeout=120
    )
    return Outcome(done.returncode, "", done.stderr)


@pytest.mark.parametrize(
    "argv",
    [
        ["money", "doc.txt"],
        ["render", "analyse.json", "--format", "markdown"],
        ["ingest", "doc.txt", "--format", "json"],
        ["frameworks", "list"],
    ],
    ids=["money", "render", "ingest", "frameworks-list"],
)
def test_full_stdout_is_one_line_error(work: Path, argv: list[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "wb") as full:
        outcome = _run_to(full.fileno(), *argv, cwd=work)
    assert_one_line_error(outcome, "standard output", "No space left on device")
    assert outcome.code == 6


def test_closed_pipe_is_one_line_error(work: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will read: every write fails with EPIPE
    try:
        outcome = _run_to(write_end, "render", "analyse.json", "--format", "markdown", cwd=work)
    finally:
        os.close(write_end)
    assert_one_line_error(outcome, "standard output", "Broken pipe")
    assert outcome.code == 6
