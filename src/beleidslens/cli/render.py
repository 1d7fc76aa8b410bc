"""``beleidslens render ANALYSIS.json --format F``."""

from __future__ import annotations

from pathlib import Path

import click

from .options import emit, lang_option, output_option, prepare_output


@click.command()
@click.argument("analysis", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", required=True, help="Report format (see 'beleidslens backends').")
@click.option(
    "--document",
    "document",
    default=None,
    help="The source document, for formats that show passages in context.",
)
@output_option
@lang_option
def render(analysis: Path, fmt: str, document: str | None, output: Path | None, lang: str) -> None:
    """Render a saved analysis JSON in another format."""
    from ..analysis import Analysis
    from ..render.base import RENDERERS, RenderOptions

    prepare_output(output, analysis, document)
    renderer = RENDERERS.create(fmt)
    result = Analysis.load(analysis)
    doc = None
    if document:
        from ..ingest import load_document

        doc = load_document(document)
    emit(renderer.render(result, RenderOptions(lang=lang), doc), output)
