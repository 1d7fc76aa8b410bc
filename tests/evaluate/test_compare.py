"""Compare documents side by side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from beleidslens.cli import cli
from beleidslens.compare import compare, compare_files, render_comparison
from beleidslens.errors import AnalysisError
from fixtures_analysis import make_analysis

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "voorbeeldakkoord.txt"


def test_compare_hand_built() -> None:
    a, b = make_analysis(), make_analysis()
    b.theme("ecologisch").passages[0].selected = False
    c = compare([a, b])
    eco = next(t for t in c.themes if t.id == "ecologisch")
    assert [x.selected for x in eco.cells] == [2, 1]
    assert eco.cells[0].amounts == 1 and eco.cells[0].total_eur == 35_000_000_000
    assert eco.aspects[0].status == ["addressed", "addressed"]
    md = render_comparison(c, "markdown")
    assert "| geselecteerde passages | 2 | 1 |" in md
    assert "€ 35,0 mld" in md
    html = render_comparison(c, "html")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert json.loads(render_comparison(c, "json"))["schema"] == "beleidslens.compare/1"
    assert "sum of amounts" in render_comparison(c, "markdown", "en")


def test_needs_two() -> None:
    with pytest.raises(AnalysisError):
        compare([make_analysis()])


def test_cli_on_sample(tmp_path: Path) -> None:
    out = tmp_path / "cmp.html"
    md = REPO / "examples" / "voorbeeldakkoord.md"
    result = CliRunner().invoke(
        cli,
        [
            "compare",
            str(SAMPLE),
            str(md),
            "-f",
            "kwetsbaarheden",
            "--format",
            "html",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Vergelijking van documenten" in html and "voorbeeldakkoord.txt" in html


@pytest.mark.corpus
def test_two_manifestos() -> None:
    from conftest import shared_path

    folder = shared_path("corpus", "nl-manifestos-2025-pdf-zweefhulp")
    docs = sorted(folder.glob("*.txt"))[:2]
    c = compare_files([str(p) for p in docs], "kwetsbaarheden")
    assert len(c.documents) == 2
    assert sum(cell.selected for th in c.themes for cell in th.cells) > 0
    md = render_comparison(c, "markdown")
    assert docs[0].name in md and docs[1].name in md


def test_columns_are_named_by_label_title_or_file_name_never_a_path(tmp_path: Path) -> None:
    a, b = make_analysis(), make_analysis()
    a.document = a.document.model_copy(
        update={"name": "/home/analist/stukken/cda.pdf", "title": None}
    )
    b.document = b.document.model_copy(
        update={"name": "/home/analist/stukken/d66.pdf", "title": None}
    )
    c = compare([a, b])
    assert [(d.name, d.title) for d in c.documents] == [
        ("cda.pdf", "cda.pdf"),
        ("d66.pdf", "d66.pdf"),
    ]
    for fmt in ("markdown", "html", "json"):
        assert "/home/analist" not in render_comparison(c, fmt)
    labelled = compare([a, b], ["CDA", None])
    assert [d.title for d in labelled.documents] == ["CDA", "d66.pdf"]


def test_cli_label_option(tmp_path: Path) -> None:
    other = tmp_path / "ander.txt"
    other.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    runner = CliRunner()
    args = ["compare", str(SAMPLE), str(other), "-f", "kwetsbaarheden", "--quiet"]
    r = runner.invoke(
        cli, [*args, "--label", f"Lindenwaard={SAMPLE}", "--label", "Kopie=" + str(other)]
    )
    assert r.exit_code == 0, r.output
    assert "1. Lindenwaard" in r.stdout and "2. Kopie" in r.stdout
    assert str(tmp_path) not in r.stdout
    bad = runner.invoke(cli, [*args, "--label", "X=elders.txt"])
    assert bad.exit_code == 2 and "not one of the documents" in bad.output
    bad = runner.invoke(cli, [*args, "--label", "zonder-is"])
    assert bad.exit_code == 2 and "LABEL=DOCUMENT" in bad.output
