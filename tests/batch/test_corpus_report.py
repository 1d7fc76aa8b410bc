"""``beleidslens corpus-report``: the documents × themes overview in HTML, XLSX, Markdown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from beleidslens.cli import main
from beleidslens.corpus import run_batch
from beleidslens.corpus.report import build_overview
from beleidslens.corpus.report_html import render_html
from beleidslens.corpus.report_office import render_markdown, render_xlsx
from beleidslens.errors import RenderError
from conftest import EXAMPLES

FRAMEWORK = "kwetsbaarheden"
EVIL = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("corpus")
    text = (EXAMPLES / "voorbeeldakkoord.txt").read_text(encoding="utf-8")
    (tmp / "akkoord.txt").write_text(text, encoding="utf-8")
    (tmp / "half.txt").write_text(text[: len(text) // 2], encoding="utf-8")
    (tmp / "kapot.pdf").write_bytes(b"not a pdf")
    meta = tmp / "meta.csv"
    meta.write_text(f"file,party,year\nakkoord,{EVIL},2026\nhalf,Tweede,2024\n", encoding="utf-8")
    db = tmp / "corpus.db"
    run_batch([tmp / "akkoord.txt", tmp / "half.txt", tmp / "kapot.pdf"], [FRAMEWORK], db,
              jobs=1, metadata=meta)  # fmt: skip
    return db


def test_overview_counts_and_groups(database: Path) -> None:
    ov = build_overview(database, group_by="year")
    (grid,) = ov.grids
    assert grid.framework == FRAMEWORK and len(grid.themes) > 3
    assert [r.group for r in grid.rows] == [2024, 2026]  # years sort as numbers
    assert [r.label for r in grid.rows] == ["half.txt", "akkoord.txt"]  # names, never paths
    full = grid.rows[1]
    assert full.total_selected >= grid.rows[0].total_selected > 0
    from beleidslens.framework import load_framework

    fw = load_framework(FRAMEWORK)
    assert [c.aspects for c in full.cells] == [len(th.aspects) for th in fw.themes]
    assert all(c.selected == len(c.passages) for c in full.cells)
    assert ov.failed and ov.failed[0][0] == "kapot.pdf"
    with pytest.raises(RenderError, match="no metadata column 'colour'"):
        build_overview(database, group_by="colour")


def test_html_is_self_contained_escaped_and_linked(database: Path) -> None:
    html = render_html(build_overview(database, group_by="party"))
    assert html.startswith("<!DOCTYPE html>") and 'lang="nl"' in html
    assert "Overzicht van het corpus" in html and "Niet geanalyseerd" in html
    assert EVIL not in html and "&lt;script&gt;" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "<link" not in html and "@import" not in html
    targets = set(re.findall(r'href="#(c-[^"]+)"', html))
    anchors = set(re.findall(r'id="(c-[^"]+)"', html))
    assert targets and targets <= anchors  # every cell links to its passages
    assert "<blockquote>" in html and "aria-sort" in html  # passages; sortable columns
    english = render_html(build_overview(database), lang="en")
    assert "Corpus overview" in english and 'lang="en"' in english


def test_xlsx_and_markdown(database: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    ov = build_overview(database, group_by="party")
    path = tmp_path / "o.xlsx"
    path.write_bytes(render_xlsx(ov))
    wb = load_workbook(path)
    assert wb.sheetnames[:2] == [FRAMEWORK, f"{FRAMEWORK} aspecten"]
    ws = wb[FRAMEWORK]
    assert ws.cell(1, 1).value == "Document" and ws.cell(1, 2).value == "party"
    linked = [c for row in ws.iter_rows(min_row=2) for c in row if c.hyperlink]
    assert linked and linked[0].hyperlink.location.startswith("'passages'!A")
    assert wb["passages"].max_row > 1

    md = render_markdown(ov)
    assert md.startswith("# Overzicht van het corpus")
    table = [line for line in md.splitlines() if line.startswith("| ")]
    assert len(table) == 3  # header and two documents
    assert "&lt;script&gt;" in md and EVIL not in md
    for anchor in re.findall(r"\]\(#(c-[^)]+)\)", md):
        assert f'<a id="{anchor}"></a>' in md


def test_cli_writes_each_format(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt, name in (("html", "o.html"), ("xlsx", "o.xlsx"), ("markdown", "o.md")):
        main(["corpus-report", str(database), "--format", fmt, "-o", str(tmp_path / name),
              "--lang", "en"])  # fmt: skip
        assert (tmp_path / name).stat().st_size > 1000
    with pytest.raises(SystemExit) as exc:
        main(["corpus-report", str(tmp_path / "none.db")])
    assert exc.value.code == 6
    assert "no such batch database" in capsys.readouterr().err
