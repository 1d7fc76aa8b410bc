"""Audit of a human analysis: planted errors of every kind are found; the dev gold is located."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from _cli import run_main
from beleidslens.audit import audit_files
from beleidslens.audit.locate import SourceIndex, split_segments, word_diff
from beleidslens.audit.render import render_audit
from beleidslens.cli import cli

REPO = Path(__file__).resolve().parents[2]
PLANTED = REPO / "tests" / "data" / "audit" / "planted-voorbeeldakkoord.md"
SAMPLE = REPO / "examples" / "voorbeeldakkoord.txt"


@pytest.fixture(scope="module")
def planted() -> object:
    return audit_files(str(PLANTED), str(SAMPLE), "kwetsbaarheden")


def _bullet(report: object, line: int) -> object:
    return next(b for _, b in report.bullets() if b.line == line)  # type: ignore[attr-defined]


def test_planted_errors_all_found(planted: object) -> None:
    r = planted
    # exact quotes are located with section and page
    ok = _bullet(r, 6)
    assert ok.status == "exact" and ok.where.page == 4
    assert "Een sterke lokale economie" in ok.where.section
    # altered quote: word diff against the original
    altered = _bullet(r, 7)
    assert altered.status == "altered"
    diffs = [seg.diff for seg in altered.segments if seg.diff]
    assert diffs and ("-", "0,8") in diffs[0] and ("+", "1,8") in diffs[0]
    # invented quote
    assert _bullet(r, 13).status == "not_found"
    # composite of two non-adjacent sentences is exact, not altered
    comp = _bullet(r, 12)
    assert comp.status == "composite" and comp.passages == 2
    # duplicate within a theme
    assert _bullet(r, 17).duplicate_of == [19] and _bullet(r, 19).duplicate_of == [17]
    assert r.summary.duplicates == 1
    # wrong theme: a health passage filed under the economy
    wrong = _bullet(r, 8)
    assert wrong.better_theme is not None and wrong.better_theme.theme_id == "gezondheid"
    assert r.summary.wrong_theme == 1  # and no false alarms on the correctly filed bullets
    # contradicted NIET, quoted with location
    niet = next(n for th in r.themes for n in th.niet)
    assert niet.aspect_id == "cybercrime" and niet.contradicted
    assert niet.evidence and niet.evidence[0].where.page == 8
    assert "cybercriminaliteit" in niet.evidence[0].text


def test_left_out_passages_not_covered(planted: object) -> None:
    spans = [
        (s.where.start, s.where.end)
        for _, b in planted.bullets()
        for s in b.segments
        if s.where is not None
    ]
    for th in planted.themes:
        for p in th.left_out:
            assert not any(p.where.start < e and s < p.where.end for s, e in spans)
    assert planted.summary.left_out == sum(len(th.left_out) for th in planted.themes)


def test_outputs(planted: object) -> None:
    md = render_audit(planted, "markdown")
    assert "niet gevonden" in md and "[-0,8-] {+1,8+}" in md and "tegengesproken" in md
    assert "letterlijk (samengesteld uit 2 passages)" in md
    en = render_audit(planted, "markdown", "en")
    assert "exact (composite of 2 passages)" in en and "contradicted" in en
    data = json.loads(render_audit(planted, "json"))
    assert data["schema"] == "beleidslens.audit/1"
    assert data["summary"]["not_found"] == 1
    html = render_audit(planted, "html")
    assert "<del>0,8</del>" in html and "<ins>1,8</ins>" in html
    assert "https://" not in html and "http://" not in html


def test_html_escapes_bullet_text(tmp_path: Path) -> None:
    human = tmp_path / "h.md"
    human.write_text(
        "Titel\n\nEconomische kwetsbaarheid\n\n • <script>alert(1)</script> & meer\n",
        encoding="utf-8",
    )
    report = audit_files(str(human), str(SAMPLE), "kwetsbaarheden")
    html = render_audit(report, "html")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; meer" in html


def test_locate_normalizes_whitespace_quotes_and_hyphenation() -> None:
    idx = SourceIndex("Wij zeggen ‘ja’ tegen\n  kwets-\nbaarheden. En nog   iets.")
    m = idx.locate("Wij zeggen 'ja' tegen kwetsbaarheden.")
    assert m.kind == "exact" and m.start == 0
    assert split_segments("Eerste zin. Tweede zin.Derde, o.a. mln. vier.") == [
        "Eerste zin.",
        "Tweede zin.",
        "Derde, o.a. mln. vier.",
    ]
    assert word_diff("a b c", "a x c") == "a [-b-] {+x+} c"


def test_cli(tmp_path: Path) -> None:
    out = tmp_path / "audit.json"
    args = ["audit", str(PLANTED), "-d", str(SAMPLE), "-f", "kwetsbaarheden"]
    code, _stdout, stderr = run_main([*args, "--format", "json", "--output", str(out)])
    # planted errors: the report is written, then exit 8 with one line naming what was found
    assert code == 8, stderr
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["altered"] == 1
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "quotes altered" in lines[0] and "--report-only" in lines[0]
    code, stdout, stderr = run_main([*args, "--report-only"])
    assert code == 0, stderr
    assert "## " in stdout


def test_cli_exits_0_on_an_analysis_without_findings(tmp_path: Path) -> None:
    own = tmp_path / "eigen.txt"
    r = CliRunner().invoke(
        cli, ["analyze", str(SAMPLE), "-f", "kwetsbaarheden", "--format", "expert", "-o", str(own)]
    )
    assert r.exit_code == 0, r.output
    out = tmp_path / "audit.json"
    result = CliRunner().invoke(
        cli,
        [
            "audit",
            str(own),
            "-d",
            str(SAMPLE),
            "-f",
            "kwetsbaarheden",
            "--format",
            "json",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert run_main(["audit", str(own), "-d", str(SAMPLE), "-f", "kwetsbaarheden"])[0] == 0
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    assert summary["not_found"] == summary["altered"] == summary["niet_contradicted"] == 0


def test_doubtful_niet_claims_are_counted_as_shown() -> None:
    report = audit_files(str(PLANTED), str(SAMPLE), "kwetsbaarheden")
    shown = sum(n.doubtful for ta in report.themes for n in ta.niet)
    assert report.summary.niet_doubtful == shown
    md = render_audit(report, "markdown")
    assert md.count("**twijfelachtig**") == shown
    assert f"{report.summary.niet_doubtful} / {report.summary.niet_claims}" in md


def test_cli_bad_input_is_one_line(tmp_path: Path) -> None:
    from beleidslens.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["audit", str(tmp_path / "nope.md"), "-d", str(SAMPLE), "-f", "kwetsbaarheden"])
    assert exc.value.code != 0


@pytest.mark.corpus
def test_dev_gold_located(agreement_path: Path, gold_dev_path: Path) -> None:
    report = audit_files(str(gold_dev_path), str(agreement_path), "kwetsbaarheden")
    assert report.summary.bullets > 0
    for _, b in report.bullets():
        assert b.status in ("exact", "composite"), (b.line, b.status)
        assert b.where is not None and b.where.page is not None
    assert report.summary.unmatched_headings == 0
    md = render_audit(report, "markdown")
    assert md.startswith("# Controle van een analyse")


def test_niet_claims_show_their_best_evidence(agreement_path: Path, gold_dev_path: Path) -> None:
    """Every NIET claim the engine can place carries evidence the analyst can judge: the
    best passages when the engine finds the remedy (partly) addressed, and the single closest
    passage, labelled as below the threshold, when it finds it not addressed."""
    report = audit_files(str(gold_dev_path), str(agreement_path), "kwetsbaarheden")
    claims = [n for ta in report.themes for n in ta.niet if n.engine_status]
    assert claims
    for n in claims:
        assert n.evidence, n.text
        if n.engine_status == "not_addressed":
            assert len(n.evidence) == 1
    md = render_audit(report, "markdown")
    html = render_audit(report, "html")
    if any(n.engine_status == "not_addressed" for n in claims):
        assert "dichtstbijzijnde passage, onder de drempel" in md
        assert "dichtstbijzijnde passage, onder de drempel" in html
