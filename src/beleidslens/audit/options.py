"""The audit's tuned numbers, one documented model (``docs/audit.md``)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def _f(default: Any, description: str, **bounds: float) -> Any:
    return Field(default, description=description, **bounds)  # type: ignore[call-overload]


class AuditOptions(BaseModel):
    """The audit's tuned numbers (``docs/audit.md`` names what chose each)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    altered_min_ratio: float = _f(
        0.6, "word similarity from which a quote counts as altered, not missing", ge=0.0, le=1.0
    )
    duplicate_min_overlap: float = _f(
        0.9,
        "shared source span (of the shorter) that makes two bullets duplicates",
        ge=0.0,
        le=1.0,
    )
    wrong_theme_min_score: float = _f(
        0.25, "another theme must score at least this to flag a bullet", ge=0.0, le=1.0
    )
    wrong_theme_margin: float = _f(
        1.5, "…and at least this × the human's theme's score (+ floor)", ge=1.0, le=100.0
    )
    wrong_theme_floor: float = _f(0.05, "the floor added to that margin", ge=0.0, le=1.0)
    niet_evidence: int = _f(
        2,
        "evidence quoted for a NIET claim the engine finds addressed or uncertain",
        ge=0,
        le=20,
    )
    niet_evidence_not_addressed: int = _f(
        1,
        "…and the closest passage shown when it finds the aspect not addressed",
        ge=0,
        le=20,
    )
    left_out_per_theme: int = _f(
        3, "strongest uncovered selected passages listed per theme", ge=0, le=100
    )
