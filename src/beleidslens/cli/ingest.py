"""``beleidslens ingest``: read a document and show its outline, text or JSON model."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..limits import MAX_INPUT_BYTES
from .options import RegistryChoice, emit, lang_option, output_option, prepare_output
from .progress import quiet_option

F = TypeVar("F", bound=Callable[..., Any])


def first_page_option(func: F) -> F:
    """``--first-page N``: the page number of the source's first page."""
    return click.option(
        "--first-page",
        type=click.IntRange(min=0, max=MAX_FIRST_PAGE),
        default=None,
        metavar="N",
        help="Page number of the document's first page (e.g. for text pasted from page N of "
        "a PDF, or a PDF excerpt). Plain text then always has page numbers; Markdown, DOCX "
        "and HTML have none.",
    )(func)


_UNITS = {
    "": 1,
    "B": 1,
    "K": 1000,
    "KB": 1000,
    "M": 1_000_000,
    "MB": 1_000_000,
    "G": 10**9,
    "GB": 10**9,
}


MAX_SIZE_LIMIT = 10**9  # 1 GB: the documented bound on memory per input
MAX_TIMEOUT = 3600.0
MAX_FIRST_PAGE = 1_000_000


def parse_size(value: str) -> int:
    """``"50MB"``, ``"500k"``, ``"1000"`` → bytes."""
    text = value.strip().upper().replace(" ", "")
    number = text.rstrip("KMGB")
    unit = text[len(number) :]
    if unit not in _UNITS:
        raise click.BadParameter(f"not a size: {value!r} (use e.g. 50MB, 500KB)")
    try:
        amount = float(number)
    except ValueError:
        raise click.BadParameter(f"not a size: {value!r} (use e.g. 50MB, 500KB)") from None
    if not math.isfinite(amount):
        raise click.BadParameter(f"not a size: {value!r} (use e.g. 50MB, 500KB)")
    if amount <= 0:
        raise click.BadParameter("the size limit must be positive")
    size = int(amount * _UNITS[unit])
    if size > MAX_SIZE_LIMIT:
        raise click.BadParameter(
            f"{value!r} is over the largest size limit, {MAX_SIZE_LIMIT // 10**9} GB"
        )
    if size < 1:
        raise click.BadParameter("the size limit must be at least 1 byte")
    return size


def finite_seconds(_ctx: object, _param: object, value: float) -> float:
    """``--timeout``: a positive, finite number of seconds (NaN and infinity refused)."""
    if not math.isfinite(value) or value > MAX_TIMEOUT:
        raise click.BadParameter(f"{value} is not a number of seconds up to {MAX_TIMEOUT:g}")
    return value


@click.command("ingest")
@click.argument("source")
@click.option(
    "--format",
    "fmt",
    type=RegistryChoice("render.base:DOCUMENT_RENDERERS"),
    default="outline",
    show_default=True,
    help="outline: chapters and sections with block counts; text: the normalized text; "
    "json: the versioned document model.",
)
@click.option(
    "--max-size",
    default=f"{MAX_INPUT_BYTES // 1_000_000}MB",  # the one limit, shared with the workbench
    show_default=True,
    callback=lambda _ctx, _param, value: parse_size(value),
    help="Refuse documents larger than this (bytes, or with KB/MB).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=20.0,
    show_default=True,
    callback=finite_seconds,
    help="Seconds to wait for a URL.",
)
@first_page_option
@output_option
@lang_option
@quiet_option
def ingest(
    source: str,
    fmt: str,
    max_size: int,
    timeout: float,
    first_page: int | None,
    output: Path | None,
    lang: str,
    quiet: bool,
) -> None:
    """Read SOURCE (a .txt, .md, .pdf, .docx or .html file, or an http(s) URL) into the
    document model and show it."""
    from ..ingest import load_document
    from ..progress import busy
    from ..render.base import DOCUMENT_RENDERERS, render_report

    prepare_output(output, source)
    with busy("ingest", quiet=quiet):
        doc = load_document(source, max_bytes=max_size, timeout=timeout, first_page=first_page)
    emit(render_report(DOCUMENT_RENDERERS, doc, fmt, lang), output)
