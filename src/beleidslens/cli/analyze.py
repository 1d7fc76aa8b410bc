"""``beleidslens analyze DOC --framework NAME_OR_PATH``."""

from __future__ import annotations

from pathlib import Path

import click

from .options import emit, lang_option, output_option


@click.command()
@click.argument("document")
@click.option(
    "-f", "--framework", "framework", required=True, help="Built-in framework id or YAML file."
)
@click.option("--backend", default="lexical", show_default=True, help="Scoring backend.")
@click.option(
    "--format",
    "fmt",
    default="json",
    show_default=True,
    help="Report format: any registered renderer (see 'beleidslens backends').",
)
@output_option
@lang_option
def analyze(
    document: str, framework: str, backend: str, fmt: str, output: Path | None, lang: str
) -> None:
    """Analyse DOCUMENT (file or URL) against a framework."""
    from ..analysis.pipeline import analyze as run
    from ..framework import load_framework
    from ..ingest import load_document
    from ..render.base import RENDERERS, RenderOptions

    RENDERERS.resolve(fmt)  # fail early on an unknown format
    fw = load_framework(framework)
    doc = load_document(document)
    result = run(doc, fw, backend=backend)
    renderer = RENDERERS.create(fmt)
    emit(renderer.render(result, RenderOptions(lang=lang), doc), output)
