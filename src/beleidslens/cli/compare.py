"""``beleidslens compare``: documents side by side per theme and aspect."""

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
    scoring_options,
)
from .progress import quiet_option


@click.command()
@click.argument("documents", nargs=-1, required=True)
@framework_option
@scoring_options
@click.option(
    "--format",
    "fmt",
    type=RegistryChoice("render.base:COMPARE_RENDERERS"),
    default="markdown",
    show_default=True,
    help="Report format.",
)
@lang_option
@output_option
@quiet_option
def compare(
    documents: tuple[str, ...],
    framework: str,
    backend: str,
    backend_options: dict[str, str],
    fmt: str,
    lang: str,
    output: Path | None,
    quiet: bool,
) -> None:
    """Compare two or more DOCUMENTS: per theme and aspect the selected passages, verdicts,
    amounts and the strongest passage of each, analysed with the same framework and backend."""
    from ..compare import compare_files, render_comparison
    from ..errors import AnalysisError
    from ..progress import counter

    prepare_output(output, *documents, framework)
    if len(documents) < 2:
        raise AnalysisError("compare needs at least two documents, got only this one", documents[0])
    with counter(len(documents), "compare", quiet=quiet) as bar:
        result = compare_files(
            list(documents),
            framework,
            backend=backend,
            scorer_options=backend_options,
            on_document=lambda _path: bar.advance(),
        )
    emit(render_comparison(result, fmt, lang), output)
