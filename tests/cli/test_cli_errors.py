"""Bad input on every command: exactly one line on stderr that starts ``beleidslens: error:``
and names the file, URL or name at fault and the problem; a non-zero exit; no traceback.

A representative subset runs the installed ``beleidslens`` script as a real process (real
stderr, real exit code); the rest call :func:`beleidslens.cli.main` inside click's
``CliRunner`` isolation, which goes through the same error handling.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from beleidslens.cli import main
from conftest import EXAMPLES
from fixtures_analysis import make_analysis

SAMPLE = str(EXAMPLES / "voorbeeldakkoord.txt")
SCRIPT = Path(sys.executable).with_name("beleidslens")
PROC = Path("/proc")

# A tiny expert analysis in the report Markdown format (our own words).
GOLD_MD = """# Kwetsbaarheden

## 1. Weerbaarheid van de economie

- We investeren in innovatie en onderzoek.
"""


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str


def run_process(*args: str, cwd: Path) -> Outcome:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


def run_main(*args: str, cwd: Path) -> Outcome:
    runner = CliRunner()
    old = Path.cwd()
    os.chdir(cwd)
    try:
        with runner.isolation() as (out, err, _both):
            try:
                main(list(args))
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        return Outcome(code, out.getvalue().decode(), err.getvalue().decode())
    finally:
        os.chdir(old)


def assert_one_line_error(outcome: Outcome, *needles: str) -> None:
    assert outcome.code != 0, outcome
    assert "Traceback" not in outcome.stderr + outcome.stdout
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1, outcome.stderr
    line = lines[0]
    assert line.startswith("beleidslens: error: "), line
    for needle in needles:
        assert needle in line, f"{needle!r} not in {line!r}"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


# -- the files the cases use -------------------------------------------------------------
def make_files(tmp: Path) -> None:
    (tmp / "leeg.txt").write_bytes(b"")
    (tmp / "rommel.txt").write_bytes(bytes(range(256)) * 20)
    (tmp / "map.txt").mkdir()
    (tmp / "akkoord.xyz").write_text("Wij gaan wonen.", encoding="utf-8")
    (tmp / "nep.pdf").write_text("Dit is gewone tekst, geen PDF.", encoding="utf-8")
    (tmp / "nep.docx").write_text("Dit is gewone tekst, geen DOCX.", encoding="utf-8")
    (tmp / "kapot.yaml").write_text("themes: [\n", encoding="utf-8")
    (tmp / "vreemd.yaml").write_text("onbekend: 1\n", encoding="utf-8")
    (tmp / "lijst.yaml").write_text("- een\n- twee\n", encoding="utf-8")
    (tmp / "leeg.yaml").write_bytes(b"")
    (tmp / "geenjson.json").write_text("dit is geen json", encoding="utf-8")
    (tmp / "ander.json").write_text('{"schema": "iets.anders/1"}', encoding="utf-8")
    (tmp / "lijst.json").write_text("[1, 2]", encoding="utf-8")
    (tmp / "rommel.json").write_bytes(b"\x80\x81\xfe" * 50)
    (tmp / "analyse.json").write_text(make_analysis().to_json(), encoding="utf-8")
    (tmp / "leeg.md").write_bytes(b"")
    (tmp / "platte.md").write_text("Gewoon een zin zonder koppen of bullets.\n", "utf-8")
    (tmp / "rommel.md").write_bytes(b"\x80\x81\xfe" * 50)
    (tmp / "expert.md").write_text(GOLD_MD, encoding="utf-8")
    (tmp / "expert.db").write_text(GOLD_MD, encoding="utf-8")  # not a batch database
    (tmp / "rijen.csv").write_text("tekst,code\nWij bouwen woningen.,504\n", encoding="utf-8")


@pytest.fixture
def files(tmp_path: Path) -> Path:
    make_files(tmp_path)
    return tmp_path


# (case id, argv, words the error line must hold)
Case = tuple[str, list[str], list[str]]
AN = ["analyze", SAMPLE, "-f", "kwetsbaarheden"]
AUD = ["-d", SAMPLE, "-f", "kwetsbaarheden"]

TRAIN_COLUMNS = ["--text-column", "tekst", "--label-column", "code"]
CASES: list[Case] = [
    # documents: ingest, money, analyze read them through the same path
    ("ingest-missing", ["ingest", "weg.txt"], ["weg.txt", "not found"]),
    ("ingest-empty", ["ingest", "leeg.txt"], ["leeg.txt", "empty"]),
    ("ingest-binary", ["ingest", "rommel.txt"], ["rommel.txt", "binary"]),
    ("ingest-directory", ["ingest", "map.txt"], ["map.txt", "directory"]),
    ("ingest-unknown-ext", ["ingest", "akkoord.xyz"], ["akkoord.xyz", "unknown file type"]),
    ("ingest-text-as-pdf", ["ingest", "nep.pdf"], ["nep.pdf", "not a PDF"]),
    ("ingest-text-as-docx", ["ingest", "nep.docx"], ["nep.docx", "DOCX"]),
    ("ingest-ftp", ["ingest", "ftp://127.0.0.1/a.txt"], ["ftp://127.0.0.1/a.txt", "scheme"]),
    ("ingest-file-url", ["ingest", "file:///etc/hostname"], ["file:///etc/hostname", "scheme"]),
    ("ingest-no-host", ["ingest", "http://"], ["http://", "no host"]),
    ("ingest-bad-ipv6", ["ingest", "http://[::1/a.txt"], ["http://[::1/a.txt", "not a valid URL"]),
    ("ingest-bad-port", ["ingest", "http://127.0.0.1:99999/a"], [":99999/a", "not a valid URL"]),
    ("ingest-format", ["ingest", SAMPLE, "--format", "pdf"], ["--format", "pdf"]),
    ("ingest-max-size", ["ingest", SAMPLE, "--max-size", "veel"], ["--max-size", "veel"]),
    ("ingest-too-big", ["ingest", SAMPLE, "--max-size", "1KB"], ["voorbeeldakkoord", "limit"]),
    ("ingest-timeout", ["ingest", SAMPLE, "--timeout", "0"], ["--timeout"]),
    ("ingest-output-dir", ["ingest", SAMPLE, "-o", "nergens/uit.txt"], ["nergens", "exist"]),
    ("ingest-output-is-dir", ["ingest", SAMPLE, "-o", "map.txt"], ["map.txt", "directory"]),
    ("money-missing", ["money", "weg.pdf"], ["weg.pdf", "not found"]),
    ("money-binary", ["money", "rommel.txt"], ["rommel.txt", "binary"]),
    ("money-format", ["money", SAMPLE, "--format", "xlsx"], ["--format", "xlsx"]),
    ("money-output-dir", ["money", SAMPLE, "-o", "nergens/x.csv"], ["nergens", "exist"]),
    # frameworks, backends, formats
    ("analyze-doc-missing", ["analyze", "weg.txt", "-f", "kwetsbaarheden"], ["weg.txt"]),
    ("analyze-fw-missing", ["analyze", SAMPLE, "-f", "geen"], ["geen", "framework"]),
    ("analyze-fw-yaml-missing", ["analyze", SAMPLE, "-f", "weg.yaml"], ["weg.yaml"]),
    ("analyze-fw-syntax", ["analyze", SAMPLE, "-f", "kapot.yaml"], ["kapot.yaml:", "YAML"]),
    ("analyze-fw-schema", ["analyze", SAMPLE, "-f", "vreemd.yaml"], ["vreemd.yaml:1"]),
    ("analyze-fw-list", ["analyze", SAMPLE, "-f", "lijst.yaml"], ["lijst.yaml", "mapping"]),
    ("analyze-fw-empty", ["analyze", SAMPLE, "-f", "leeg.yaml"], ["leeg.yaml"]),
    ("analyze-fw-dir", ["analyze", SAMPLE, "-f", "map.txt"], ["map.txt", "directory"]),
    ("analyze-backend", [*AN, "--backend", "orakel"], ["orakel", "lexical"]),
    ("analyze-format", [*AN, "--format", "pptx"], ["pptx", "markdown"]),
    ("analyze-lang", [*AN, "--lang", "fr"], ["--lang", "fr"]),
    ("analyze-output-dir", [*AN, "-o", "nergens/a.json"], ["nergens", "exist"]),
    # saved analyses
    ("render-missing", ["render", "weg.json", "--format", "html"], ["weg.json", "no such"]),
    ("render-not-json", ["render", "geenjson.json", "--format", "html"], ["geenjson.json"]),
    ("render-schema", ["render", "ander.json", "--format", "markdown"], ["ander.json", "schema"]),
    ("render-list", ["render", "lijst.json", "--format", "markdown"], ["lijst.json"]),
    ("render-binary", ["render", "rommel.json", "--format", "markdown"], ["rommel.json"]),
    ("render-dir", ["render", "map.txt", "--format", "markdown"], ["map.txt", "directory"]),
    ("render-format", ["render", "analyse.json", "--format", "pptx"], ["pptx"]),
    ("evaluate-not-json", ["evaluate", "geenjson.json", "expert.md"], ["geenjson.json"]),
    ("evaluate-schema", ["evaluate", "ander.json", "expert.md"], ["ander.json", "schema"]),
    ("evaluate-gold-missing", ["evaluate", "analyse.json", "weg.md"], ["weg.md"]),
    ("evaluate-gold-empty", ["evaluate", "analyse.json", "leeg.md"], ["leeg.md", "theme"]),
    ("evaluate-gold-plain", ["evaluate", "analyse.json", "platte.md"], ["platte.md", "theme"]),
    ("evaluate-gold-binary", ["evaluate", "analyse.json", "rommel.md"], ["rommel.md"]),
    # audit
    ("audit-human-missing", ["audit", "weg.md", *AUD], ["weg.md", "no such"]),
    ("audit-human-empty", ["audit", "leeg.md", *AUD], ["leeg.md", "no themes"]),
    ("audit-human-plain", ["audit", "platte.md", *AUD], ["platte.md", "no themes"]),
    ("audit-human-binary", ["audit", "rommel.md", *AUD], ["rommel.md", "UTF-8"]),
    ("audit-human-dir", ["audit", "map.txt", *AUD], ["map.txt", "directory"]),
    ("audit-doc-missing", ["audit", "expert.md", "-d", "weg.txt", "-f", "sdg"], ["weg.txt"]),
    ("audit-fw-invalid", ["audit", "expert.md", "-d", SAMPLE, "-f", "kapot.yaml"], ["kapot"]),
    ("audit-backend", ["audit", "expert.md", *AUD, "--backend", "orakel"], ["orakel"]),
    ("audit-format", ["audit", "expert.md", *AUD, "--format", "docx"], ["--format", "docx"]),
    # compare
    ("compare-one-doc", ["compare", SAMPLE, "-f", "kwetsbaarheden"], ["voorbeeld", "two"]),
    ("compare-doc-missing", ["compare", SAMPLE, "weg.txt", "-f", "sdg"], ["weg.txt"]),
    ("compare-fw-missing", ["compare", SAMPLE, SAMPLE, "-f", "geen"], ["geen"]),
    ("compare-format", ["compare", SAMPLE, SAMPLE, "-f", "sdg", "--format", "xlsx"], ["xlsx"]),
    # batch, corpus-report
    ("batch-missing", ["batch", "weg/", "-f", "sdg", "-o", "b.db"], ["weg/", "no such file"]),
    ("batch-output-type", ["batch", SAMPLE, "-f", "sdg", "-o", "b.json"], ["b.json", ".db"]),
    ("batch-fw-missing", ["batch", SAMPLE, "-f", "geen", "-o", "b.db"], ["geen", "framework"]),
    ("batch-output-dir", ["batch", SAMPLE, "-f", "sdg", "-o", "nergens/b.db"], ["nergens"]),
    ("batch-not-a-db", ["batch", SAMPLE, "-f", "sdg", "-o", "expert.db"], ["expert.db", "batch"]),
    (
        "batch-metadata",
        ["batch", SAMPLE, "-f", "sdg", "-o", "b.db", "--metadata", "weg.csv"],
        ["weg.csv", "not found"],
    ),
    ("corpus-report-missing", ["corpus-report", "weg.db"], ["weg.db", "no such"]),
    ("corpus-report-not-db", ["corpus-report", "expert.db"], ["expert.db", "not a"]),
    # learning: rows, model files, the expert analysis of a replay
    (
        "train-missing",
        ["train", "weg.csv", "--text-column", "t", "--label-column", "l", "-o", "m.blm"],
        ["weg.csv", "not found"],
    ),
    (
        "classify-not-a-model",
        ["classify", SAMPLE, "--model", "rommel.txt"],
        ["rommel.txt", "model"],
    ),
    (
        "train-column",
        ["train", "rijen.csv", "--text-column", "geen", "--label-column", "code", "-o", "m.skops"],
        ["rijen.csv", "no column 'geen'"],
    ),
    (
        "train-output-dir",
        ["train", "rijen.csv", *TRAIN_COLUMNS, "-o", "nergens/m.skops"],
        ["nergens", "exist"],
    ),
    (
        "train-output-is-input",
        ["train", "rijen.csv", *TRAIN_COLUMNS, "-o", "rijen.csv"],
        ["rijen.csv"],
    ),
    ("classify-model-missing", ["classify", "rijen.csv", "--model", "weg.skops"], ["weg.skops"]),
    (
        "simulate-gold-missing",
        ["simulate", SAMPLE, "-f", "kwetsbaarheden", "--gold", "weg.md"],
        ["weg.md", "no such file"],
    ),
    (
        "simulate-gold-binary",
        ["simulate", SAMPLE, "-f", "kwetsbaarheden", "--gold", "rommel.md"],
        ["rommel.md", "UTF-8"],
    ),
    (
        "simulate-fw-missing",
        ["simulate", SAMPLE, "-f", "geen", "--gold", "expert.md"],
        ["geen", "framework"],
    ),
    (
        "simulate-gold-no-themes",
        ["simulate", SAMPLE, "-f", "kwetsbaarheden", "--gold", "platte.md"],
        ["platte.md"],
    ),
    # frameworks, serve, the group itself
    ("frameworks-show", ["frameworks", "show", "geen"], ["geen", "framework"]),
    ("serve-db-dir", ["serve", "--db", "map.txt"], ["map.txt", "directory"]),
    ("serve-port-range", ["serve", "--port", "70000"], ["--port", "70000"]),
    ("unknown-command", ["analyseer", SAMPLE], ["analyseer"]),
    ("unknown-option", ["ingest", SAMPLE, "--snel"], ["--snel"]),
]


@pytest.mark.parametrize("args, needles", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_gives_one_line(files: Path, args: list[str], needles: list[str]) -> None:
    assert_one_line_error(run_main(*args, cwd=files), *needles)


# -- as real processes ---------------------------------------------------------------------
PROCESS_CASES = [
    "ingest-missing",
    "ingest-binary",
    "ingest-text-as-pdf",
    "ingest-format",
    "analyze-fw-schema",
    "analyze-format",
    "render-schema",
    "evaluate-gold-empty",
    "audit-human-plain",
    "compare-one-doc",
]


@pytest.mark.parametrize("case_id", PROCESS_CASES)
def test_bad_input_in_a_real_process(files: Path, case_id: str) -> None:
    args, needles = next(c[1:] for c in CASES if c[0] == case_id)
    assert_one_line_error(run_process(*args, cwd=files), *needles)


def test_unreachable_url(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}/akkoord.txt"
    outcome = run_process("ingest", url, "--timeout", "5", cwd=tmp_path)
    assert_one_line_error(outcome, url, "cannot connect")
    outcome = run_main("analyze", url, "-f", "kwetsbaarheden", "--timeout", "5", cwd=tmp_path)
    # analyze has no --timeout: a usage error, still one line
    assert_one_line_error(outcome, "--timeout")
    assert_one_line_error(run_main("money", url, cwd=tmp_path), url, "cannot connect")


@pytest.mark.skipif(not PROC.is_dir(), reason="needs Linux /proc")
def test_output_into_an_unwritable_place(files: Path) -> None:
    """/proc takes no new files, not even from root."""
    target = "/proc/beleidslens-rapport.md"
    for args in (["ingest", SAMPLE], [*AN, "--format", "markdown"], ["money", SAMPLE]):
        outcome = run_process(*args, "-o", target, cwd=files)
        assert_one_line_error(outcome, target, "cannot write")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_output_into_a_read_only_directory(files: Path) -> None:
    locked = files / "alleen-lezen"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        outcome = run_main("ingest", SAMPLE, "-o", str(locked / "uit.txt"), cwd=files)
        assert_one_line_error(outcome, "uit.txt", "cannot write")
        assert list(locked.iterdir()) == []  # no temporary file left behind
    finally:
        locked.chmod(0o755)


def test_failed_output_keeps_the_existing_file(files: Path) -> None:
    """A report that cannot be produced never clobbers the file that was there."""
    kept = files / "rapport.md"
    kept.write_text("mijn eerdere rapport", encoding="utf-8")
    outcome = run_main(*AN, "--backend", "orakel", "-o", str(kept), cwd=files)
    assert_one_line_error(outcome, "orakel")
    assert kept.read_text(encoding="utf-8") == "mijn eerdere rapport"


def test_serve_on_a_port_in_use(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        db = tmp_path / "wb.sqlite3"
        outcome = run_process("serve", "--db", str(db), "--port", str(port), cwd=tmp_path)
    assert_one_line_error(outcome, f"127.0.0.1:{port}", "in use")


def test_serve_on_a_file_that_is_not_a_database(files: Path) -> None:
    outcome = run_process("serve", "--db", "expert.md", "--port", "0", cwd=files)
    assert_one_line_error(outcome, "expert.md", "database")


def test_serve_on_an_unknown_host(tmp_path: Path) -> None:
    db = str(tmp_path / "wb.sqlite3")
    # a non-loopback host needs an access token first (one line, before anything listens) …
    outcome = run_main("serve", "--db", db, "--host", "geen.host.invalid", cwd=tmp_path)
    assert_one_line_error(outcome, "geen.host.invalid", "--auth")
    # … and with one, the unknown host is the one-line error
    outcome = run_main(
        "serve", "--db", db, "--host", "geen.host.invalid", "--auth", "geheim-token", cwd=tmp_path
    )
    assert_one_line_error(outcome, "geen.host.invalid", "cannot listen")


def test_a_bare_command_still_shows_its_help(tmp_path: Path) -> None:
    outcome = run_main("frameworks", cwd=tmp_path)
    assert outcome.code != 0 and "Usage:" in outcome.stdout + outcome.stderr


def test_every_command_has_a_bad_input_case() -> None:
    from beleidslens.cli import COMMANDS

    covered = {args[0] for _id, args, _needles in CASES}
    assert set(COMMANDS) - covered <= {"backends"}  # backends reads no input
