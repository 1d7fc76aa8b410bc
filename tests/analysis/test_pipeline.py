from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from beleidslens.analysis import Analysis
from beleidslens.analysis.options import AnalysisOptions
from beleidslens.analysis.pipeline import analyze
from beleidslens.cli import cli
from beleidslens.evaluate.gold import parse_expert_markdown
from beleidslens.evaluate.metrics import evaluate
from beleidslens.framework import load_framework
from beleidslens.ingest import load_document

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "voorbeeldakkoord.txt"


def test_progress_callback_and_refs() -> None:
    seen: list[tuple[str, float]] = []
    doc = load_document(EXAMPLE)
    a = analyze(doc, load_framework("kwetsbaarheden"), progress=lambda s, f: seen.append((s, f)))
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert a.backend == "lexical.v2" and a.document_text == doc.text
    assert a.document.characters == len(doc.text)
    assert len(a.themes) == 10 and any(t.selected for t in a.themes)


def test_cli_analyze_json_markdown_and_render(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "a.json"
    res = runner.invoke(
        cli, ["analyze", str(EXAMPLE), "--framework", "kwetsbaarheden", "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    analysis = Analysis.load(out)
    res = runner.invoke(cli, ["render", str(out), "--format", "markdown", "--lang", "en"])
    assert res.exit_code == 0 and res.output.startswith("# Contribution of the document")
    res = runner.invoke(cli, ["render", str(out), "--format", "expert", "--lang", "en"])
    assert res.exit_code == 0 and res.output.startswith("Contribution of the document")
    res = runner.invoke(
        cli, ["analyze", str(EXAMPLE), "--framework", "kwetsbaarheden", "--format", "markdown"]
    )
    assert res.exit_code == 0
    parsed = parse_expert_markdown(res.output)
    assert len(parsed.themes) == len(analysis.themes)


def test_second_framework_end_to_end(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["analyze", str(EXAMPLE), "--framework", "sdg"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["framework"]["id"] == "sdg" and len(data["themes"]) == 17
    assert sum(1 for t in data["themes"] for p in t["passages"] if p["selected"]) >= 3


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name("beleidslens")), *args],
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["analyze", "nope.txt", "--framework", "kwetsbaarheden"], "nope.txt", 3),
        (["analyze", str(EXAMPLE), "--framework", "nope"], "nope: no such framework", 4),
        (["analyze", str(EXAMPLE), "--framework", "sdg", "--backend", "x"], "unknown scoring", 2),
        (["analyze", str(EXAMPLE), "--framework", "sdg", "--format", "x"], "'x' is not one of", 2),
        (["render", "missing.json", "--format", "markdown"], "missing.json: no such file", 5),
    ],
)
def test_cli_errors_are_one_line(args: list[str], message: str, code: int) -> None:
    res = _run(*args)
    assert res.returncode == code
    assert res.stderr.startswith("beleidslens: error: ") and message in res.stderr
    assert "Traceback" not in res.stderr and res.stderr.count("\n") == 1


def test_backends_lists_registries() -> None:
    res = CliRunner().invoke(cli, ["backends"])
    assert "lexical.v2" in res.output and "lexical.v1" in res.output
    assert "markdown.v1" in res.output and "json.v1" in res.output


@pytest.mark.corpus
def test_agreement_json_and_markdown(agreement_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    res = CliRunner().invoke(
        cli, ["analyze", str(agreement_path), "--framework", "kwetsbaarheden", "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    a = Analysis.load(out)
    for theme in a.themes:
        assert len(theme.selected) <= AnalysisOptions().max_selected
        for p in theme.passages:
            assert p.location.page is not None and p.location.section
    md = CliRunner().invoke(cli, ["render", str(out), "--format", "markdown"]).output
    assert parse_expert_markdown(md).themes


@pytest.mark.corpus
@pytest.mark.parametrize(("backend", "unit_recall"), [("lexical.v1", 0.6), ("lexical.v2", 0.5)])
def test_quality_goal_on_the_dev_gold(
    agreement_path: Path, gold_dev_path: Path, backend: str, unit_recall: float
) -> None:
    """Regression guard: reads the expert analysis at run time, hard-codes nothing from it.
    ``lexical.v2`` (the default) finds one bullet fewer under the unit rule than
    ``lexical.v1``, whose selection constants were fitted on this gold; it ranks better on
    the coded manifestos (docs/scoring.md, "Ablation")."""
    fw = load_framework("kwetsbaarheden")
    a = analyze(load_document(agreement_path), fw, backend=backend)
    gold = parse_expert_markdown(gold_dev_path.read_text(encoding="utf-8"))
    ev = evaluate(a, gold, fw)
    assert ev.recall >= 0.8, ev.to_dict()["overall"]
    assert ev.precision >= 0.5, ev.to_dict()["overall"]
    # the stricter unit rule (passages that coincide with what the expert quotes)
    assert ev.unit_recall >= unit_recall and ev.unit_precision >= 0.5, ev.to_dict()["overall"]
    # the NIET lines: none of them is an aspect the engine calls addressed
    assert ev.niet_agreement is not None and all(not t.niet_addressed for t in ev.themes)
    # a theme the expert marks '-' stays empty
    assert all(t.selected == 0 for t in ev.themes if t.empty)
