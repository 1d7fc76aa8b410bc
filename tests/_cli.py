"""Running the ``beleidslens`` command in-process for tests (shared by several test files)."""

from __future__ import annotations

from click.testing import CliRunner


def run_main(args: list[str]) -> tuple[int, str, str]:
    """Run through :func:`beleidslens.cli.main` (its error handling included):
    exit code, stdout, stderr."""
    from beleidslens.cli import main

    with CliRunner().isolation() as (out, err, _both):
        try:
            main(args)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue().decode(), err.getvalue().decode()
