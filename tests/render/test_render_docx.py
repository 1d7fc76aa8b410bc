"""Word export: same content as the Markdown report plus a table of amounts."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from beleidslens.render import RenderOptions, render
from fixtures_analysis import make_analysis


def _docx(lang: str = "nl") -> bytes:
    data = render(make_analysis(), "docx", RenderOptions(lang=lang))
    assert isinstance(data, bytes) and data[:2] == b"PK"
    return data


def test_reopens_with_expected_content() -> None:
    d = docx.Document(io.BytesIO(_docx()))
    texts = [p.text for p in d.paragraphs]
    assert texts[0] == "Bijdrage van het document"
    assert texts[1].startswith("Hier laten we zien wat de bijdrage van Voorbeeldakkoord 2030 & co")
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == [
        "Economische kwetsbaarheid",
        "Ecologische kwetsbaarheid",
        "Digitale kwetsbaarheid",
    ]
    bullets = [p.text for p in d.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == sum(len(t.selected) for t in make_analysis().themes)
    assert bullets[0].endswith("(1. Een sterke economie, pagina 1)")
    assert any("<script>alert(1)</script>" in b for b in bullets)
    assert "NIET: aanpassing aan het veranderende klimaat." in texts
    assert "Financiële ideeën worden besproken met het bedrijfsleven." not in " ".join(texts)
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Thema", "Bedrag", "Periode", "Zin", "Pagina"]
    assert len(table.rows) == 3
    assert table.rows[2].cells[1].text == "€ 35,0 mld (€ 35 miljard)"
    assert table.rows[2].cells[4].text == "2"


def test_english() -> None:
    d = docx.Document(io.BytesIO(_docx("en")))
    texts = [p.text for p in d.paragraphs]
    assert texts[0] == "Contribution of the document"
    assert "NOT: aanpassing aan het veranderende klimaat." in texts


def test_opens_in_libreoffice(tmp_path: Path) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice not installed")
    src = tmp_path / "rapport.docx"
    src.write_bytes(_docx())
    subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (tmp_path / "rapport.pdf").stat().st_size > 1000


def test_uncertain_aspects_are_listed() -> None:
    analysis = make_analysis()
    unsure = [
        (th.label, a.label)
        for th in analysis.themes
        for a in th.aspects
        if str(a.status) == "uncertain"
    ]
    assert unsure, "the fixture has an uncertain aspect"
    texts = [p.text for p in docx.Document(io.BytesIO(_docx())).paragraphs]
    for _theme, label in unsure:
        assert f"ONZEKER: {label.rstrip('.')}." in texts
    english = [p.text for p in docx.Document(io.BytesIO(_docx("en"))).paragraphs]
    assert any(text.startswith("UNCERTAIN: ") for text in english)
