"""Bad input: one line naming the file, a non-zero exit code, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from beleidslens.errors import IngestError
from beleidslens.ingest import load_document, parse_text


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-c", "from beleidslens.cli import main; main()", "ingest", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_empty_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "leeg.txt", b"")
    with pytest.raises(IngestError, match="empty") as info:
        load_document(path)
    assert info.value.source == str(path)


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "spaties.txt", b"   \n\n \t \n")
    with pytest.raises(IngestError, match="no text"):
        load_document(path)


def test_binary_garbage(tmp_path: Path) -> None:
    path = _write(tmp_path / "rommel.txt", bytes(range(256)) * 40)
    with pytest.raises(IngestError, match="binary"):
        load_document(path)


def test_size_limit(tmp_path: Path) -> None:
    path = _write(tmp_path / "groot.txt", b"Een zin over wonen. " * 1000)
    with pytest.raises(IngestError, match="size limit"):
        load_document(path, max_bytes=1000)
    assert load_document(path, max_bytes=100_000).text


def test_unknown_extension(tmp_path: Path) -> None:
    path = _write(tmp_path / "akkoord.xyz", b"tekst")
    with pytest.raises(IngestError, match=r"unknown file type '\.xyz'.*\.pdf"):
        load_document(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="not found"):
        load_document(tmp_path / "bestaat-niet.txt")


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "map.txt").mkdir()
    with pytest.raises(IngestError, match="directory"):
        load_document(tmp_path / "map.txt")


def test_parse_text_rejects_other_formats() -> None:
    with pytest.raises(IngestError):
        parse_text("tekst", fmt="pdf")


@pytest.mark.parametrize(
    ("name", "data", "extra", "message"),
    [
        ("leeg.txt", b"", [], "empty"),
        ("rommel.txt", b"\x00\x01\x02\xff" * 500, [], "binary"),
        ("groot.txt", b"Wonen en werk. " * 200, ["--max-size", "1KB"], "size limit"),
        ("akkoord.xyz", b"tekst", [], "unknown file type"),
        ("kapot.docx", b"PK\x03\x04rommel" * 50, [], "DOCX"),
        ("kapot.pdf", b"%PDF-1.4 rommel" * 50, [], "PDF"),
        ("ontbreekt.txt", None, [], "not found"),
    ],
)
def test_cli_bad_input(
    tmp_path: Path, name: str, data: bytes | None, extra: list[str], message: str
) -> None:
    if data is not None:
        _write(tmp_path / name, data)
    result = _cli(name, *extra, cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"beleidslens: error: {name}: ")
    assert message in lines[0]
    assert result.stdout == ""


def test_cli_bad_url_scheme(tmp_path: Path) -> None:
    result = _cli("ftp://127.0.0.1/akkoord.txt", cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "beleidslens: error: ftp://127.0.0.1/akkoord.txt: "
        "unsupported URL scheme 'ftp'; use http or https"
    )


def test_cli_formats(tmp_path: Path) -> None:
    import json

    path = tmp_path / "akkoord.md"
    path.write_text("# Akkoord\n\n## Wonen\n\nWe bouwen woningen. Ook o.a. voor starters.\n")
    outline = _cli(str(path), cwd=tmp_path)
    assert outline.returncode == 0, outline.stderr
    assert "c2      Wonen" in outline.stdout
    assert "1 kop, 1 alinea" in outline.stdout
    english = _cli(str(path), "--lang", "en", cwd=tmp_path)
    assert "1 heading, 1 paragraph" in english.stdout
    text = _cli(str(path), "--format", "text", cwd=tmp_path)
    assert text.stdout == "Akkoord\n\nWonen\n\nWe bouwen woningen. Ook o.a. voor starters.\n"
    out = tmp_path / "model.json"
    result = _cli(str(path), "--format", "json", "--output", str(out), cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "beleidslens.document/1"
    from beleidslens.document import Document

    doc = Document.from_dict(data)
    doc.check()
    assert [s.text for s in doc.sentences()] == ["We bouwen woningen.", "Ook o.a. voor starters."]


def test_cli_bad_max_size(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Tekst.")
    result = _cli(str(path), "--max-size", "veel", cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "not a size" in result.stderr


def test_cli_start_up_is_light(tmp_path: Path) -> None:
    """Reading a .txt must not import the PDF, DOCX, HTML or HTTP libraries."""
    path = tmp_path / "a.txt"
    path.write_text("Inleiding\n\nEen korte tekst over wonen.\n")
    code = (
        "import sys\nfrom beleidslens.cli import main\n"
        f"sys.argv = ['beleidslens', 'ingest', {str(path)!r}]\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pypdfium2', 'docx', 'trafilatura', 'httpx', 'lxml') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr
