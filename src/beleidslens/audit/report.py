"""Audit a human analysis (expert Markdown format) against its source document.

Checks, per bullet and per ``NIET:`` line:

* **location** — where each bullet is in the source: exact (whitespace/quote-normalized),
  exact as a composite of several passages, altered (with a word diff against the closest
  original) or not found; with section and page;
* **duplicates** — bullets pasted twice, within or across themes;
* **wrong theme** — bullets filed under a theme where the scorer clearly prefers another;
* **contradicted NIET** — ``NIET:`` claims for an aspect the engine finds addressed, with the
  evidence quoted and located;
* **left out** — per theme the strongest passages the engine selects that no bullet covers.

The result is a :class:`AuditReport` (JSON schema ``beleidslens.audit/1``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..scoring.base import DEFAULT_BACKEND
from .checks import (
    check_niet,
    check_themes,
    default_analysis,
    find_duplicates,
    find_left_out,
    locate_bullets,
    summarize,
)
from .model import (
    SCHEMA_VERSION,
    AuditReport,
    BulletFinding,
    Duplicate,
    EvidenceFinding,
    LeftOutPassage,
    NietFinding,
    SegmentFinding,
    Summary,
    ThemeAudit,
    ThemeScore,
    Where,
)
from .options import AuditOptions

if TYPE_CHECKING:
    from ..analysis.result import Analysis
    from ..document import Document
    from ..evaluate.gold import ExpertAnalysis
    from ..framework import Framework

__all__ = [
    "SCHEMA_VERSION",
    "AuditOptions",
    "AuditReport",
    "BulletFinding",
    "Duplicate",
    "EvidenceFinding",
    "LeftOutPassage",
    "NietFinding",
    "SegmentFinding",
    "Summary",
    "ThemeAudit",
    "ThemeScore",
    "Where",
    "audit",
]


def audit(
    expert: ExpertAnalysis,
    document: Document,
    framework: Framework,
    *,
    analysis: Analysis | None = None,
    backend: str = DEFAULT_BACKEND,
    scorer_options: Mapping[str, str] | None = None,
    run_engine: bool = True,
    options: AuditOptions | None = None,
) -> AuditReport:
    """Check ``expert`` against ``document``. ``analysis`` (the engine's view of the same
    document) is computed with ``backend`` when not given and ``run_engine`` is true."""
    from ..evaluate.gold import require_matching_themes

    require_matching_themes(expert, framework)  # before the costly analysis
    report = AuditReport(
        human=expert.source,
        document=document.source.name,
        framework=framework.id,
    )
    if analysis is None and run_engine:
        analysis = default_analysis(document, framework, backend, scorer_options)
    if analysis is not None:
        report.backend = analysis.backend
    opts = options or AuditOptions()
    locate_bullets(report, expert, document, framework, opts)
    find_duplicates(report, opts)
    check_themes(report, document, framework, backend, scorer_options, opts)
    if analysis is None:  # NIET claims and left-out passages need the engine's analysis
        report.checks_skipped += ["niet", "left_out"]
    check_niet(report, expert, framework, analysis, opts)
    find_left_out(report, analysis, opts)
    summarize(report)
    return report
