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
