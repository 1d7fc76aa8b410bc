"""Option bundles shared by several commands, and output handling."""

from __future__ import annotations

import errno
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import RenderError
from ..fsutil import atomic_write, check_output
from ..scoring.base import DEFAULT_BACKEND

F = TypeVar("F", bound=Callable[..., Any])


class RegistryChoice(click.Choice):  # type: ignore[type-arg]
    """A ``--format``/``--backend`` choice built from a registry, read when first needed
    (so plugins' entries are offered too): its bare names are listed, a full versioned name
    (``markdown.v1``) is accepted as well."""

    def __init__(self, registry: str) -> None:
        self._ref = registry  # "module:attribute" below beleidslens
        self.case_sensitive = True

    def _registry(self) -> Any:
        module, attr = self._ref.split(":")
        return getattr(importlib.import_module(f"beleidslens.{module}"), attr)

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        return tuple(self._registry().base_names())

    @choices.setter
    def choices(self, _value: object) -> None:
        pass

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value in self._registry():
            return value
        return super().convert(value, param, ctx)


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


def prepare_output(output: Path | None, *inputs: str | Path | None) -> Path | None:
    """Check ``-o/--output`` before any work: not one of ``inputs`` (same file after
    resolving links), a regular file or none yet, in a directory that exists and can be
    written. Raises a one-line :class:`RenderError`."""
    if output is not None:
        check_output(output, inputs)
    return output


def report_format(fmt: str | None, output: Path | None) -> str:
    """The renderer for ``--format`` (checked before any work). Without ``--format``: the
    one whose extension ``-o`` has, else the readable Markdown report on a terminal and JSON
    when piped. A binary format (DOCX, XLSX) is refused on a terminal: one-line
    :class:`RenderError`."""
    from ..render.base import RENDERERS

    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output is not None else ""
        by_extension = {RENDERERS.create(n).extension: n for n in reversed(RENDERERS.names())}
        if suffix in by_extension:
            fmt = by_extension[suffix]
        else:
            fmt = "markdown" if output is None and _stdout_is_terminal() else "json"
    name = RENDERERS.resolve(fmt)
    renderer = RENDERERS.create(name)
    if renderer.binary and output is None and _stdout_is_terminal():
        raise RenderError(
            f"--format {renderer.format} is a binary file and is not printed on a terminal: "
            f"give -o FILE.{renderer.extension} (or redirect standard output)"
        )
    return name


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


# errno values that mean "standard output cannot take the report"
STDOUT_ERRNOS = frozenset(
    {errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EBADF}
)


def silence_stdout() -> None:
    """After a failed write, point fd 1 at /dev/null so the interpreter's final flush of
    the unwritten rest cannot add a second message (or a traceback) to the one line."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def stdout_error(exc: OSError) -> RenderError:
    silence_stdout()
    return RenderError(f"cannot write the report to standard output: {exc.strerror or exc}")


def emit(payload: str | bytes, output: Path | None) -> None:
    """Write ``payload`` to ``output`` atomically, or to stdout (a failed or short write,
    such as a full disk or a closed pipe, is a one-line :class:`RenderError`)."""
    if output is not None:
        atomic_write(output, payload)
        return
    try:
        if isinstance(payload, bytes):
            click.echo(payload, nl=False)  # bytes go to the binary stdout, unchanged
        else:
            click.echo(payload, nl=not payload.endswith("\n"))
        sys.stdout.flush()
    except OSError as exc:
        raise stdout_error(exc) from None


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
        default=DEFAULT_BACKEND,
        show_default=True,
        help="Scoring backend (see 'beleidslens backends').",
    )(func)
