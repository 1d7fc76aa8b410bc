"""``beleidslens corpus-report OUT --format html|xlsx|markdown`` (or a plugin's format): the
documents × themes overview of a batch."""

from __future__ import annotations

from pathlib import Path

import click

from .options import RegistryChoice, emit, lang_option, output_option, prepare_output
from .progress import quiet_option


@click.command("corpus-report")
@click.argument("database", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=RegistryChoice("render.base:CORPUS_RENDERERS"), default="html",
    show_default=True, help="Report format.",
)  # fmt: skip
@click.option(
    "--group-by", default=None, metavar="COLUMN",
    help="Group the documents by this metadata column (e.g. party, year).",
)  # fmt: skip
@output_option
@lang_option
@quiet_option
def corpus_report(
    database: Path, fmt: str, group_by: str | None, output: Path | None, lang: str, quiet: bool
) -> None:
    """Overview of the batch DATABASE (the -o of 'beleidslens batch'): per document and
    theme the selected passages and aspects addressed, each cell linking to its passages."""
    import sys

    from ..corpus.report import build_overview
    from ..corpus.tables import database_for
    from ..errors import RenderError
    from ..progress import busy
    from ..registry import base_name
    from ..render.base import CORPUS_RENDERERS, render_report

    if base_name(fmt) == "xlsx" and output is None and sys.stdout.isatty():
        raise RenderError("an XLSX report is binary: write it to a file with -o FILE.xlsx")
    prepare_output(output, database)
    if database.suffix.lower() not in (".db", ".sqlite"):
        database = database_for(database)  # corpus.xlsx → corpus.xlsx.db
    with busy("corpus-report", quiet=quiet):
        overview = build_overview(database, group_by=group_by)
        payload = render_report(CORPUS_RENDERERS, overview, fmt, lang)
    emit(payload, output)
