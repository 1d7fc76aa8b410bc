"""``beleidslens money``: amounts, targets and financial tables of a document."""

from __future__ import annotations

from pathlib import Path

import click

from .ingest import first_page_option
from .options import RegistryChoice, emit, lang_option, output_option, prepare_output
from .progress import quiet_option


@click.command("money")
@click.argument("document")
@click.option(
    "--format",
    "fmt",
    type=RegistryChoice("render.base:MONEY_RENDERERS"),
    default="text",
    show_default=True,
    help="text: readable list; json: versioned (beleidslens.money/1); csv: one row per "
    "amount, target and table cell.",
)
@first_page_option
@output_option
@lang_option
@quiet_option
def money(
    document: str, fmt: str, first_page: int | None, output: Path | None, lang: str, quiet: bool
) -> None:
    """List every money amount, quantified target and financial table in DOCUMENT
    (a file or URL), each with its sentence, page and section."""
    from ..extract import extract_money
    from ..ingest import load_document
    from ..progress import busy
    from ..render.base import MONEY_RENDERERS, render_report

    prepare_output(output, document)
    with busy("money", quiet=quiet):
        report = extract_money(load_document(document, first_page=first_page))
    emit(render_report(MONEY_RENDERERS, report, fmt, lang), output)
