"""The DOCX and XLSX reports open in an office suite: LibreOffice (headless) converts them to
PDF and CSV, and the content survives — passage text with é/ë/€, theme labels, the amounts
table. Skips when ``soffice`` is missing outside CI; fails in CI (``.ci/run`` installs it).

Each conversion uses its own LibreOffice profile (``-env:UserInstallation``) in tmp_path, so
parallel test workers never share one.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from beleidslens.render.base import RENDERERS, RenderOptions
from fixtures_analysis import make_analysis

# CSV filter: comma, double quote, UTF-8 (76), from line 1; the last token (-1) writes
# every sheet to its own file (<name>-<sheet>.csv).
CSV_ALL_SHEETS_UTF8 = (
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
)


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is not installed, and CI is set")
        pytest.skip("LibreOffice not installed (apt-get install libreoffice-writer-nogui)")
    return path


def convert(source: Path, target: str, tmp_path: Path) -> Path:
    """Convert ``source`` with LibreOffice into tmp_path/out; returns that folder."""
    out = tmp_path / "out"
    profile = tmp_path / "lo-profile"
    done = subprocess.run(
        [
            soffice(),
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    return out


def pdf_text(path: Path) -> tuple[int, str]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
        return len(pages), "\n".join(pages)
    finally:
        pdf.close()


def flat(text: str) -> str:
    """PDF text with its line breaks folded into single spaces."""
    return " ".join(text.replace("\r", " ").split())


def render(fmt: str, tmp_path: Path, lang: str = "nl") -> Path:
    path = tmp_path / f"rapport.{fmt}"
    payload = RENDERERS.create(fmt).render(make_analysis(), RenderOptions(lang=lang))
    assert isinstance(payload, bytes)
    path.write_bytes(payload)
    return path


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_docx_report_converts_to_pdf_with_its_content(tmp_path: Path, lang: str) -> None:
    source = render("docx", tmp_path, lang)
    out = convert(source, "pdf", tmp_path)
    pages, text = pdf_text(out / "rapport.pdf")
    assert pages >= 1
    words = flat(text)
    analysis = make_analysis()
    for theme in analysis.themes:
        assert theme.label in words, theme.label
    # passage text with its euro sign, and the amounts table header
    assert "We investeren € 2 miljard per jaar extra in onderzoek en innovatie." in words
    assert ("Bedragen per thema" if lang == "nl" else "Amounts per theme") in words
    assert ("NIET:" if lang == "nl" else "NOT:") in words
    # document text is text, even when it looks like markup
    assert "<script>alert(1)</script>" in words
    # the page is A4 (595 x 842 pt), not US Letter
    import pypdfium2

    pdf = pypdfium2.PdfDocument(out / "rapport.pdf")
    try:
        width, height = pdf[0].get_size()
    finally:
        pdf.close()
    assert (round(width), round(height)) == (595, 842)


def test_docx_report_page_renders_to_an_image(tmp_path: Path) -> None:
    """The first page of the PDF renders; a page with content is not blank."""
    import pypdfium2

    out = convert(render("docx", tmp_path), "pdf", tmp_path)
    pdf = pypdfium2.PdfDocument(out / "rapport.pdf")
    try:
        image = pdf[0].render(scale=1).to_pil().convert("L")
    finally:
        pdf.close()
    image.save(tmp_path / "pagina-1.png")
    dark = sum(image.histogram()[:128])  # pixels darker than mid-grey
    assert dark > 0.005 * image.width * image.height


def test_xlsx_report_converts_to_csv_with_its_content(tmp_path: Path) -> None:
    source = render("xlsx", tmp_path)
    out = convert(source, CSV_ALL_SHEETS_UTF8, tmp_path)
    files = sorted(out.glob("rapport*.csv"))
    assert len(files) == 2, [f.name for f in files]  # passages and aspects
    rows: list[dict[str, str]] = []
    for path in files:
        with path.open(encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh))
    texts = {row["tekst"] for row in rows}
    assert "We investeren € 2 miljard per jaar extra in onderzoek en innovatie." in " ".join(texts)
    assert "Financiële ideeën worden besproken met het bedrijfsleven." in texts
    # a text that looks like a formula stays text: never evaluated by the spreadsheet
    formula_like = [t for t in texts if t.startswith("=")]
    assert formula_like and all("SOM" in t for t in formula_like)
    kinds = {row["soort"] for row in rows}
    assert kinds == {"passage", "aspect"}
    analysis = make_analysis()
    assert {row["thema"] for row in rows} == {theme.label for theme in analysis.themes}
