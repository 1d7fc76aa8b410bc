"""``beleidslens audit``: check a human analysis against the source document."""

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
from .progress import quiet_option


@click.command()
@click.argument("human", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--document", "-d", "document", required=True, help="The source document (file or URL)."
)
@framework_option
@scoring_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json", "html"]),
    default="markdown",
    show_default=True,
    help="Report format.",
)
@lang_option
@output_option
@quiet_option
def audit(
    human: Path,
    document: str,
    framework: str,
    backend: str,
    backend_options: dict[str, str],
    fmt: str,
    lang: str,
    output: Path | None,
    quiet: bool,
) -> None:
    """Check HUMAN (an analysis in the expert Markdown format) against the document: where
    each bullet is in the source, duplicates, bullets under the wrong theme, NIET claims the
    text contradicts, and strong passages left out."""
    from ..audit import audit_files
    from ..audit.render import render_audit
    from ..progress import busy

    prepare_output(output, human, document, framework)
    with busy("audit", quiet=quiet):
        report = audit_files(
            str(human),
            document,
            framework,
            backend=backend,
            scorer_options=backend_options,
        )
    emit(render_audit(report, fmt, lang), output)
