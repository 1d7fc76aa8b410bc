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


def parse_backend_options(values: tuple[str, ...]) -> dict[str, str]:
    """``("blend=0.5", "model=/m")`` → ``{"blend": "0.5", "model": "/m"}``. Values stay
    strings: each backend converts them to its options' types (``model=007`` stays a name)."""
    out: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="'--backend-option'")
        out[key] = value
    return out


def framework_option(func: F) -> F:
    """``-f/--framework NAME_OR_PATH`` (required)."""
    return click.option(
        "-f", "--framework", "framework", required=True, help="Built-in framework id or YAML file."
    )(func)


def scoring_options(func: F) -> F:
    """``--backend NAME`` and ``--backend-option KEY=VALUE`` (repeatable), the latter handed to
    the command as a dict (see :func:`parse_backend_options`)."""
    func = click.option(
        "--backend-option",
        "backend_options",
        multiple=True,
        metavar="KEY=VALUE",
        callback=lambda _ctx, _param, values: parse_backend_options(values),
        help="Option for the scoring backend, repeatable (e.g. model=PATH, blend=0.5, "
        "base_url=URL; see docs/scoring.md).",
    )(func)
    return click.option(
        "--backend",
        default="lexical",
        show_default=True,
        help="Scoring backend (see 'beleidslens backends').",
    )(func)
