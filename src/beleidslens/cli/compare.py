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
@click.option(
    "--label",
    "labels",
    multiple=True,
    metavar="LABEL=DOCUMENT",
    help="Name a document's column, repeatable (e.g. --label CDA=cda.pdf); "
    "default: the document's title, else its file name.",
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
    labels: tuple[str, ...],
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
    columns = _column_labels(labels, documents)
    with counter(len(documents), "compare", quiet=quiet) as bar:
        result = compare_files(
            list(documents),
            framework,
            backend=backend,
            scorer_options=backend_options,
            on_document=lambda _path: bar.advance(),
            labels=columns,
        )
    emit(render_comparison(result, fmt, lang), output)


def _column_labels(labels: tuple[str, ...], documents: tuple[str, ...]) -> list[str | None]:
    """``("CDA=cda.pdf",)`` → a label per document (``None`` where none was given). A
    document is named as on the command line, or by the same file (after resolving links)."""
    import os

    def same(a: str, b: str) -> bool:
        if a == b:
            return True
        try:
            return os.path.samefile(a, b)
        except OSError:
            return False

    out: list[str | None] = [None] * len(documents)
    for item in labels:
        label, sep, target = item.partition("=")
        label, target = label.strip(), target.strip()
        if not sep or not label or not target:
            raise click.BadParameter(f"{item!r} is not LABEL=DOCUMENT", param_hint="'--label'")
        hits = [i for i, doc in enumerate(documents) if same(doc, target)]
        if not hits:
            raise click.BadParameter(
                f"{target!r} is not one of the documents compared", param_hint="'--label'"
            )
        for i in hits:
            out[i] = label
    return out
