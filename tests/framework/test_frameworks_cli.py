from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from beleidslens.cli import cli
from beleidslens.framework import load_framework


def test_list_shows_both_builtins() -> None:
    result = CliRunner().invoke(cli, ["frameworks", "list"])
    assert result.exit_code == 0
    assert "kwetsbaarheden" in result.output and "sdg" in result.output


def test_sdg_framework_is_complete() -> None:
    fw = load_framework("sdg")
    assert len(fw.themes) == 17
    for theme in fw.themes:
        assert 3 <= len(theme.aspects) <= 6, theme.id


def test_show() -> None:
    result = CliRunner().invoke(cli, ["frameworks", "show", "kwetsbaarheden"])
    assert result.exit_code == 0
    assert "digitaal: Digitale kwetsbaarheid" in result.output


def test_validate_ok_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("schema: 1\nid: x\nname: X\nthemes:\n  - id: a\n    label: A\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 1\nid: x\nname: X\nthemes:\n  - id: a\n    label: A\n    bogus: 1\n")
    result = CliRunner().invoke(cli, ["frameworks", "validate", str(good), str(bad)])
    assert result.exit_code != 0
    lines = result.output.splitlines()
    assert lines[0] == f"{good}: ok"
    assert lines[1] == f"{bad}:7: themes[a].bogus: unknown key"


def test_validate_lists_every_problem_on_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "drie.yaml"
    bad.write_text(
        "schema: 1\nid: x\nname: X\nthemes:\n"
        "  - id: a\n    label: A\n    bogus: 1\n"
        "  - id: b\n    label: B\n    aspects:\n      - id: b1\n        labl: fout\n"
        "  - id: c\n    lable: C\n"
    )
    good = tmp_path / "goed.yaml"
    good.write_text("schema: 1\nid: x\nname: X\nthemes:\n  - id: a\n    label: A\n")
    result = CliRunner().invoke(cli, ["frameworks", "validate", str(good), str(bad)])
    assert result.exit_code == 4
    assert result.stdout.splitlines() == [f"{good}: ok"]
    problems = result.stderr.splitlines()
    assert len(problems) >= 3, problems
    assert f"{bad}:7: themes[a].bogus: unknown key" in problems
    assert all(p.startswith(f"{bad}:") for p in problems)
    assert not any("more problem" in p for p in problems)
    assert any(":12:" in p and "labl" in p for p in problems)
    assert any(":14:" in p and "lable" in p for p in problems)
