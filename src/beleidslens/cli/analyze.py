"""``beleidslens analyze DOC --framework NAME_OR_PATH``."""

from __future__ import annotations

from pathlib import Path

import click

from .options import backend_option, emit, lang_option, output_option, parse_backend_options


@click.command()
@click.argument("document")
@click.option(
    "-f", "--framework", "framework", required=True, help="Built-in framework id or YAML file."
)
@click.option("--backend", default="lexical", show_default=True, help="Scoring backend.")
@backend_option
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
    backend_options: tuple[str, ...],
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

    scorer_options = parse_backend_options(backend_options)
    RENDERERS.resolve(fmt)  # fail early on an unknown format
    SCORERS.resolve(backend)  # …and backend
    fw = load_framework(framework)
    doc = load_document(document)
    result = run(doc, fw, backend=backend, options=AnalysisOptions(scorer=scorer_options))
    renderer = RENDERERS.create(fmt)
    emit(renderer.render(result, RenderOptions(lang=lang), doc), output)
