"""Audit a human analysis against its source document (``beleidslens audit``)."""

from collections.abc import Mapping

from ..scoring.base import DEFAULT_BACKEND
from .report import SCHEMA_VERSION, AuditReport, audit

__all__ = ["SCHEMA_VERSION", "AuditReport", "audit", "audit_files"]


def audit_files(
    human: str,
    document: str,
    framework: str,
    *,
    backend: str = DEFAULT_BACKEND,
    scorer_options: Mapping[str, str] | None = None,
) -> AuditReport:
    """Load the three inputs by path/name and run :func:`audit`."""
    from pathlib import Path

    from ..errors import AnalysisError
    from ..evaluate.gold import read_expert_markdown
    from ..framework import load_framework
    from ..ingest import load_document

    path = Path(human)
    expert = read_expert_markdown(path)
    if not expert.themes:
        raise AnalysisError("no themes found: not an analysis in the expert Markdown format", path)
    return audit(
        expert,
        load_document(document),
        load_framework(framework),
        backend=backend,
        scorer_options=scorer_options,
    )
