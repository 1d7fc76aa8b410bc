"""Docs that fall behind fail the tests: every command is in the README, and docs/cli.md
holds every command's current --help (regenerate with ``BELEIDSLENS_UPDATE_DOCS=1 pytest
tests/cli/test_docs.py``)."""

from __future__ import annotations

import os
import re

from click.testing import CliRunner

from beleidslens.cli import COMMANDS, cli
from conftest import REPO

CLI_DOC = REPO / "docs" / "cli.md"


def _help(args: list[str]) -> str:
    result = CliRunner().invoke(cli, [*args, "--help"], prog_name="beleidslens", terminal_width=100)
    assert result.exit_code == 0, result.output
    return result.output.rstrip() + "\n"


def _exit_codes() -> str:
    """The exit-code table, built from the error classes so it cannot fall behind."""
    from beleidslens import errors

    rows = [
        "| 0 | — | success |",
        "| 1 | `BeleidslensError` | any other error a user can cause |",
        "| 2 | click usage error | a wrong option or argument (the message names it) |",
    ]
    classes = sorted(
        (
            c
            for c in vars(errors).values()
            if isinstance(c, type)
            and issubclass(c, errors.BeleidslensError)
            and c is not errors.BeleidslensError
        ),
        key=lambda c: (c.exit_code, c.__name__),
    )
    for c in classes:
        doc = " ".join((c.__doc__ or "").split())
        rows.append(f"| {c.exit_code} | `{c.__name__}` | {doc} |")
    return (
        "\n## Exit codes\n\nEvery error is one line on stderr naming the file and the problem, "
        "never a traceback.\n\n| code | error | meaning |\n|---|---|---|\n" + "\n".join(rows) + "\n"
    )


def _cli_markdown() -> str:
    parts = [
        "# Command reference\n\n",
        "Generated from `--help`; `tests/cli/test_docs.py` fails when it is out of date.\n",
    ]
    parts.append(_exit_codes())
    for name in ["", *sorted(COMMANDS)]:
        title = f"beleidslens {name}".strip()
        parts.append(f"\n## `{title}`\n\n```\n{_help([name] if name else [])}```\n")
        command = cli.get_command(None, name) if name else None  # type: ignore[arg-type]
        for sub in sorted(getattr(command, "commands", {})):
            parts.append(f"\n### `{title} {sub}`\n\n```\n{_help([name, sub])}```\n")
    return "".join(parts)


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert re.search(rf"`beleidslens {name}\b", readme), f"README lacks `beleidslens {name}`"


def test_cli_reference_is_current() -> None:
    expected = _cli_markdown()
    if os.environ.get("BELEIDSLENS_UPDATE_DOCS"):
        CLI_DOC.write_text(expected, encoding="utf-8")
    assert CLI_DOC.exists(), (
        "docs/cli.md missing: run BELEIDSLENS_UPDATE_DOCS=1 pytest tests/cli/test_docs.py"
    )
    assert CLI_DOC.read_text(encoding="utf-8") == expected, (
        "docs/cli.md is out of date: run BELEIDSLENS_UPDATE_DOCS=1 pytest tests/cli/test_docs.py"
    )


def test_readme_opens_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, flags=re.S)
    assert "beleidslens analyze examples/" in blocks[0]
    assert "pytest" in blocks[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1].strip() in ci, ".ci/run must run exactly the README's test command"
    sample = re.search(r"analyze (\S+)", blocks[0])
    assert sample and (REPO / sample.group(1)).is_file()
