"""PDF layout ingestion on small PDFs generated here (reportlab): broken page trees, outline
cleaning, letter spacing."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from beleidslens.errors import IngestError, IngestWarning
from beleidslens.ingest import load_document
from beleidslens.ingest.pdf.outline import clean_outline
from beleidslens.ingest.pdf.reader import Bookmark
from beleidslens.ingest.pdf.structure import _unspace


def _pdf(path: Path, pages: list[list[str]]) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        y = 700
        for line in lines:
            c.drawString(60, y, line)
            y -= 16
        c.showPage()
    c.save()
    return path


def test_page_tree_that_lies_about_its_count(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "a.pdf", [["Inleiding", "Een zin over het klimaat."], ["Meer."]])
    data = path.read_bytes()
    assert data.count(b"/Count 2") == 1
    path.write_bytes(data.replace(b"/Count 2", b"/Count 6"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = load_document(path)
    doc.check()
    assert "klimaat" in doc.text
    messages = [str(w.message) for w in caught if issubclass(w.category, IngestWarning)]
    assert len(messages) == 1 and "\n" not in messages[0]
    assert str(path) in messages[0] and "page 3, 4, 5, 6" in messages[0]


def test_no_page_loads_is_one_line_error(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "b.pdf", [["Tekst."]])
    data = path.read_bytes().replace(b"/Type /Page\n", b"/Type /Nope\n")
    data = data.replace(b"/Type /Page ", b"/Type /Nope ")
    path.write_bytes(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(IngestError) as info:
            load_document(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_outline_split_titles_are_merged() -> None:
    items = [
        Bookmark("Voorwoord", 0, 1),
        Bookmark("Vrij", 0, 4),
        Bookmark("Palestina", 0, 4),
        Bookmark("Economie, Werk,", 0, 9),
        Bookmark("en Fiscaliteit", 0, 9),
        Bookmark("A1.", 0, 12),
        Bookmark("Gelijke rechten", 1, 12),
        Bookmark("Dekolo- niseren", 0, 15),
    ]
    entries = clean_outline(items)
    assert [e.title for e in entries] == [
        "Voorwoord",
        "Vrij Palestina",
        "Economie, Werk, en Fiscaliteit",
        "A1. Gelijke rechten",
        "Dekoloniseren",
    ]
    assert all(e.level == 1 for e in entries)
    assert clean_outline(items[:2]) == []  # too few entries to be a table of contents


def test_letter_spacing_is_joined() -> None:
    assert _unspace("O n z e  W e r k") == "Onze  Werk"
    assert _unspace("een a b test") == "een a b test"  # two letters are no letter spacing


def test_cli_warns_in_one_line_for_a_skipped_page(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = _pdf(tmp_path / "c.pdf", [["Inleiding", "Een zin over het klimaat."], ["Meer."]])
    path.write_bytes(path.read_bytes().replace(b"/Count 2", b"/Count 4"))
    run = subprocess.run(
        [sys.executable, "-c", "from beleidslens.cli import main; main()", "ingest", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("beleidslens: warning: "), run.stderr
    assert "page 3, 4" in lines[0] and "Traceback" not in run.stderr
