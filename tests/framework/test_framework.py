from __future__ import annotations

from pathlib import Path

import pytest

from beleidslens.errors import FrameworkError
from beleidslens.framework import builtin_frameworks, load_framework, parse_framework

MINIMAL = "schema: 1\nid: x\nname: X\nthemes:\n  - id: a\n    label: A\n"


def test_builtin_kwetsbaarheden_loads() -> None:
    fw = load_framework("kwetsbaarheden")
    assert fw.id == "kwetsbaarheden"
    assert len(fw.themes) == 10
    assert "kwetsbaarheden" in builtin_frameworks()


def test_unknown_key_reported_with_file_line_and_field() -> None:
    with pytest.raises(FrameworkError) as info:
        parse_framework(MINIMAL + "    bogus: 1\n", "fw.yaml")
    assert str(info.value) == "fw.yaml:7: themes[a].bogus: unknown key"


def test_bad_identifier_points_at_its_line() -> None:
    text = MINIMAL + "    aspects:\n      - id: Bad-Id\n        label: x\n"
    with pytest.raises(FrameworkError) as info:
        parse_framework(text, "fw.yaml")
    assert str(info.value).startswith("fw.yaml:8: themes[a].aspects[Bad-Id].id: ")


def test_duplicate_theme_rejected() -> None:
    text = MINIMAL + "  - id: a\n    label: again\n"
    with pytest.raises(FrameworkError, match="duplicate theme id 'a'"):
        parse_framework(text, "fw.yaml")


def test_yaml_syntax_error_has_line() -> None:
    with pytest.raises(FrameworkError) as info:
        parse_framework("schema: 1\nthemes: [\n  - id: a\n", "broken.yaml")
    assert str(info.value).startswith("broken.yaml:")
    assert "YAML syntax" in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError, match="no such framework"):
        load_framework(tmp_path / "nope.yaml")


def test_not_a_mapping() -> None:
    with pytest.raises(FrameworkError, match="must be a YAML mapping"):
        parse_framework("- a\n- b\n", "list.yaml")
