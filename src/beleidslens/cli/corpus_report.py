"""``beleidslens corpus-report OUT --format html|xlsx|markdown``: the documents × themes
overview of a batch."""

from __future__ import annotations

from pathlib import Path

import click

from .options import emit, lang_option, output_option, prepare_output


@click.command("corpus-report")
@click.argument("database", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["html", "xlsx", "markdown"]), default="html",
    show_default=True, help="Report format.",
)  # fmt: skip
@click.option(
    "--group-by", default=None, metavar="COLUMN",
    help="Group the documents by this metadata column (e.g. party, year).",
)  # fmt: skip
@output_option
@lang_option
def corpus_report(
    database: Path, fmt: str, group_by: str | None, output: Path | None, lang: str
) -> None:
    """Overview of the batch DATABASE (the -o of 'beleidslens batch'): per document and
    theme the selected passages and aspects addressed, each cell linking to its passages."""
    import sys

    from ..corpus.report import build_overview
    from ..corpus.tables import database_for
    from ..errors import RenderError

    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        raise RenderError("an XLSX report is binary: write it to a file with -o FILE.xlsx")
    prepare_output(output, database)
    if database.suffix.lower() not in (".db", ".sqlite"):
        database = database_for(database)  # corpus.xlsx → corpus.xlsx.db
    overview = build_overview(database, group_by=group_by)
    if fmt == "html":
        from ..corpus.report_html import render_html

        emit(render_html(overview, lang), output)
    elif fmt == "xlsx":
        from ..corpus.report_office import render_xlsx

        emit(render_xlsx(overview, lang), output)
    else:
        from ..corpus.report_office import render_markdown

        emit(render_markdown(overview, lang), output)
