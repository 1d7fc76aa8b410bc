"""Excel export: two sheets, reopens in openpyxl, formulas never evaluated."""

from __future__ import annotations

import io

import openpyxl

from beleidslens.render import RenderOptions, render
from fixtures_analysis import make_analysis


def _book(lang: str = "nl") -> openpyxl.Workbook:
    data = render(make_analysis(), "xlsx", RenderOptions(lang=lang))
    assert isinstance(data, bytes) and data[:2] == b"PK"
    return openpyxl.load_workbook(io.BytesIO(data))


def test_two_sheets_with_rows() -> None:
    analysis = make_analysis()
    wb = _book()
    assert wb.sheetnames == ["Passages", "Aspecten"]
    passages, aspects = wb["Passages"], wb["Aspecten"]
    assert passages.max_row - 1 == sum(len(t.passages) for t in analysis.themes)
    assert aspects.max_row - 1 == sum(len(t.aspects) for t in analysis.themes)
    header = [c.value for c in passages[1]]
    assert header[2] == "thema" and header[-1] == "tekst"
    row = [c.value for c in passages[2]]
    assert row[2] == "Economische kwetsbaarheid"
    assert isinstance(row[7], float) and row[9] == 1
    assert "€ 2 miljard" in row[-1]
    assert passages.freeze_panes == "A2"


def test_formula_text_stays_text() -> None:
    ws = _book()["Passages"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row]
    formula = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=")]
    assert len(formula) == 1
    assert formula[0].data_type == "s"
    assert formula[0].quotePrefix
    assert all(c.data_type != "f" for c in cells)
    assert any(isinstance(c.value, str) and "<script>alert(1)</script>" in c.value for c in cells)


def test_english_sheet_names() -> None:
    wb = _book("en")
    assert wb.sheetnames == ["Passages", "Aspects"]
    assert wb["Aspects"]["G2"].value == "not addressed"
