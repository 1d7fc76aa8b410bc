"""``--backend-option`` reaches the scoring backend from analyze, audit and compare alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from _cli import run_main

REPO = Path(__file__).resolve().parents[2]
SAMPLE = str(REPO / "examples" / "voorbeeldakkoord.txt")
SAMPLE_MD = str(REPO / "examples" / "voorbeeldakkoord.md")
HUMAN = str(REPO / "tests" / "data" / "audit" / "planted-voorbeeldakkoord.md")

COMMANDS = {
    "analyze": ["analyze", SAMPLE, "-f", "kwetsbaarheden"],
    "audit": ["audit", HUMAN, "-d", SAMPLE, "-f", "kwetsbaarheden", "--report-only"],
    "compare": ["compare", SAMPLE, SAMPLE_MD, "-f", "kwetsbaarheden"],
}


def _run(args: list[str]) -> tuple[int, str]:
    code, out, err = run_main(args)
    return code, out + err


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unknown_backend_option_is_one_line(command: str) -> None:
    code, out = _run([*COMMANDS[command], "--backend-option", "bogus=1"])
    assert code != 0
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1 and "bogus" in lines[0], out
    assert "Traceback" not in out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_backend_option_changes_the_result(command: str) -> None:
    code_a, default = _run(COMMANDS[command])
    code_b, tuned = _run([*COMMANDS[command], "--backend-option", "k1=0.1"])
    assert code_a == 0 and code_b == 0
    assert default != tuned  # the option was applied, not ignored


def test_malformed_backend_option() -> None:
    code, out = _run([*COMMANDS["compare"], "--backend-option", "novalue"])
    assert code != 0 and "KEY=VALUE" in out and "Traceback" not in out
