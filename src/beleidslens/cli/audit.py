"""``beleidslens audit``: check a human analysis against the source document."""

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
@click.argument("human", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--document", "-d", "document", required=True, help="The source document (file or URL)."
)
@framework_option
@scoring_options
@click.option(
    "--format",
    "fmt",
    type=RegistryChoice("render.base:AUDIT_RENDERERS"),
    default="markdown",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--report-only",
    is_flag=True,
    help="Exit 0 even when quotes are missing or altered or NIET claims are contradicted "
    "(otherwise exit 8 after writing the report).",
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
    report_only: bool,
    lang: str,
    output: Path | None,
    quiet: bool,
) -> None:
    """Check HUMAN (an analysis in the expert Markdown format) against the document: where
    each bullet is in the source, duplicates, bullets under the wrong theme, NIET claims the
    text contradicts, and strong passages left out."""
    from ..audit import audit_files
    from ..audit.render import render_audit
    from ..errors import AuditFindings
    from ..progress import busy
    from ..scoring import SCORERS

    prepare_output(output, human, document, framework)
    SCORERS.resolve(backend)  # fail early on an unknown backend
    with busy("audit", quiet=quiet):
        report = audit_files(
            str(human),
            document,
            framework,
            backend=backend,
            scorer_options=backend_options,
        )
    emit(render_audit(report, fmt, lang), output)
    s = report.summary
    problems = [
        f"{n} {what}"
        for n, what in (
            (s.not_found, "quotes not found"),
            (s.altered, "quotes altered"),
            (s.niet_contradicted, "NIET claims contradicted"),
        )
        if n
    ]
    if problems and not report_only:
        raise AuditFindings(
            f"{', '.join(problems)} (the report says where; --report-only exits 0)", human
        )
