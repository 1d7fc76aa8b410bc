"""Every report format renders the 2021 agreement's analysis and reopens in its reader."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import openpyxl
import pytest

from beleidslens.render import render


@pytest.mark.corpus
def test_all_formats_on_2021_agreement(agreement_path: Path) -> None:
    from beleidslens.analysis.pipeline import analyze
    from beleidslens.framework import load_framework
    from beleidslens.ingest import load_document

    analysis = analyze(load_document(agreement_path), load_framework("kwetsbaarheden"))
    selected = sum(len(t.selected) for t in analysis.themes)
    html = render(analysis, "html")
    assert isinstance(html, str) and html.count('class="passage"') >= selected
    d = docx.Document(io.BytesIO(render(analysis, "docx")))  # type: ignore[arg-type]
    assert sum(p.style.name == "List Bullet" for p in d.paragraphs) == selected
    wb = openpyxl.load_workbook(io.BytesIO(render(analysis, "xlsx")))  # type: ignore[arg-type]
    assert wb["Passages"].max_row > selected
    data = render(analysis, "csv")
    assert isinstance(data, bytes)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert sum(r[0] == "aspect" for r in rows) == sum(len(t.aspects) for t in analysis.themes)
