"""Progress on long commands: a bar on a terminal, nothing when piped or with --quiet."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from beleidslens import progress
from beleidslens.cli import main
from conftest import EXAMPLES

SAMPLE = str(EXAMPLES / "voorbeeldakkoord.txt")


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_enabled_follows_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BELEIDSLENS_PROGRESS", raising=False)
    assert progress.enabled(stream=_Tty())
    assert not progress.enabled(stream=io.StringIO())  # piped or redirected
    assert not progress.enabled(quiet=True, stream=_Tty())
    monkeypatch.setenv("BELEIDSLENS_PROGRESS", "0")
    assert not progress.enabled(stream=_Tty())
    monkeypatch.setenv("BELEIDSLENS_PROGRESS", "1")
    assert progress.enabled(stream=io.StringIO())


def _stderr(args: list[str], capsys: pytest.CaptureFixture[str], forced: bool) -> str:
    old = os.environ.pop("BELEIDSLENS_PROGRESS", None)
    if forced:
        os.environ["BELEIDSLENS_PROGRESS"] = "1"
    try:
        main(args)
    finally:
        os.environ.pop("BELEIDSLENS_PROGRESS", None)
        if old is not None:
            os.environ["BELEIDSLENS_PROGRESS"] = old
    return capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "bar"),
    [
        (["analyze", SAMPLE, "-f", "kwetsbaarheden"], "analyze (done)      100%|"),
        (["compare", SAMPLE, SAMPLE, "-f", "kwetsbaarheden"], "compare: 100%|"),
        (["ingest", SAMPLE], "ingest: "),
        (["money", SAMPLE], "money: "),
    ],
    ids=["analyze", "compare", "ingest", "money"],
)
def test_long_commands_show_a_bar_only_on_a_terminal(
    args: list[str], bar: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = ["-o", str(tmp_path / "out")]
    assert bar in _stderr([*args, *out], capsys, forced=True)
    assert _stderr([*args, *out], capsys, forced=False) == ""  # captured: not a terminal
    assert _stderr([*args, *out, "--quiet"], capsys, forced=True) == ""
