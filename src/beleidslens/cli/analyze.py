"""``beleidslens analyze DOC --framework NAME_OR_PATH``."""

from __future__ import annotations

from pathlib import Path

import click

from .options import (
    RegistryChoice,
    emit,
    framework_option,
    lang_option,
    output_option,
    prepare_output,
    report_format,
    scoring_options,
)
from .progress import quiet_option


@click.command()
@click.argument("document")
@framework_option
@scoring_options
@click.option(
    "--format",
    "fmt",
    type=RegistryChoice("render.base:RENDERERS"),
    default=None,
    help="Report format: any registered renderer (see 'beleidslens backends'). Default: from "
    "the -o file's extension, else markdown on a terminal and json when piped.",
)
@output_option
@lang_option
@quiet_option
def analyze(
    document: str,
    framework: str,
    backend: str,
    backend_options: dict[str, str],
    fmt: str | None,
    output: Path | None,
    lang: str,
    quiet: bool,
) -> None:
    """Analyse DOCUMENT (file or URL) against a framework."""
    from ..analysis.options import AnalysisOptions
    from ..analysis.pipeline import analyze as run
    from ..framework import load_framework
    from ..i18n import document_notes
    from ..ingest import load_document
    from ..progress import stages
    from ..render.base import RENDERERS, RenderOptions
    from ..scoring import SCORERS

    prepare_output(output, document, framework)
    fmt = report_format(fmt, output)  # fail early on an unknown or unprintable format
    SCORERS.resolve(backend)  # …and backend
    fw = load_framework(framework)
    with stages("analyze", quiet=quiet) as report:  # a bar on a terminal only
        report("ingest", 0.0)
        doc = load_document(document)
        for note in document_notes(doc.source.notes, "en"):
            click.echo(f"beleidslens: warning: {document}: {note}", err=True)
        options = AnalysisOptions(scorer=backend_options)
        result = run(
            doc, fw, backend=backend, options=options,
            progress=lambda stage, done: report("render" if done >= 1 else stage, 0.1 + 0.8 * done),
        )  # fmt: skip
        report("render", 0.9)
        payload = RENDERERS.create(fmt).render(result, RenderOptions(lang=lang), doc)
        report("done", 1.0)
    emit(payload, output)
