"""``beleidslens analyze DOC --framework NAME_OR_PATH``."""

from __future__ import annotations

from pathlib import Path

import click

from .options import (
    emit,
    framework_option,
    lang_option,
    output_option,
    prepare_output,
    scoring_options,
)


@click.command()
@click.argument("document")
@framework_option
@scoring_options
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
    document: str,
    framework: str,
    backend: str,
    backend_options: dict[str, str],
    fmt: str,
    output: Path | None,
    lang: str,
) -> None:
    """Analyse DOCUMENT (file or URL) against a framework."""
    from ..analysis.options import AnalysisOptions
    from ..analysis.pipeline import analyze as run
    from ..framework import load_framework
    from ..ingest import load_document
    from ..render.base import RENDERERS, RenderOptions
    from ..scoring import SCORERS

    prepare_output(output, document, framework)
    RENDERERS.resolve(fmt)  # fail early on an unknown format
    SCORERS.resolve(backend)  # …and backend
    fw = load_framework(framework)
    doc = load_document(document)
    result = run(doc, fw, backend=backend, options=AnalysisOptions(scorer=backend_options))
    renderer = RENDERERS.create(fmt)
    emit(renderer.render(result, RenderOptions(lang=lang), doc), output)
