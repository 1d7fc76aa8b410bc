"""Option bundles shared by several commands, and output handling."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..fsutil import atomic_write

F = TypeVar("F", bound=Callable[..., Any])


def output_option(func: F) -> F:
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write to this file (atomically) instead of standard output.",
    )(func)


def lang_option(func: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["nl", "en"]),
        default="nl",
        show_default=True,
        help="Language of report labels.",
    )(func)


def emit(payload: str | bytes, output: Path | None) -> None:
    """Write ``payload`` to ``output`` atomically, or to stdout."""
    if output is not None:
        atomic_write(output, payload)
        return
    if isinstance(payload, bytes):
        click.echo(payload, nl=False)  # bytes go to the binary stdout, unchanged
    else:
        click.echo(payload, nl=not payload.endswith("\n"))
