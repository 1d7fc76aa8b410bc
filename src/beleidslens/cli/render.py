"""``beleidslens render ANALYSIS.json --format F``."""

from __future__ import annotations

from pathlib import Path

import click

from .options import (
    RegistryChoice,
    emit,
    lang_option,
    output_option,
    prepare_output,
    report_format,
)


@click.command()
@click.argument("analysis", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=RegistryChoice("render.base:RENDERERS"),
    default=None,
    help="Report format (see 'beleidslens backends'). Default: from the -o file's extension, "
    "else markdown on a terminal and json when piped.",
)
@click.option(
    "--document",
    "document",
    default=None,
    help="The source document, for formats that show passages in context.",
)
@output_option
@lang_option
def render(
    analysis: Path, fmt: str | None, document: str | None, output: Path | None, lang: str
) -> None:
    """Render a saved analysis JSON in another format."""
    from ..analysis import Analysis
    from ..render.base import RENDERERS, RenderOptions

    prepare_output(output, analysis, document)
    renderer = RENDERERS.create(report_format(fmt, output))
    result = Analysis.load(analysis)
    doc = None
    if document:
        from ..ingest import load_document

        doc = load_document(document)
    emit(renderer.render(result, RenderOptions(lang=lang), doc), output)
