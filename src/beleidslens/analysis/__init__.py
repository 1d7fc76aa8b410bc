"""Selection and gap analysis: from scored passages to a per-theme report and aspect verdicts."""

from .result import (
    SCHEMA_VERSION,
    Amount,
    Analysis,
    AspectStatus,
    AspectVerdict,
    Evidence,
    Location,
    Passage,
    Target,
    ThemeResult,
)

__all__ = [
    "SCHEMA_VERSION",
    "Amount",
    "Analysis",
    "AspectStatus",
    "AspectVerdict",
    "Evidence",
    "Location",
    "Passage",
    "Target",
    "ThemeResult",
]
