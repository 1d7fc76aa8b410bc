"""Traceability types: where something is in a document's normalized text.

:class:`Location` (offsets, page, section, block), and the two kinds of figures found in the
text, :class:`Amount` and :class:`Target`, each carrying its location. They belong to the
document layer, below extraction and analysis, which both use them; an analysis (JSON
schema ``beleidslens.analysis/1``) stores them as they are. Build a location with
:meth:`beleidslens.document.Document.location`; decide what a passage holds with
:func:`inside`.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Location(_Model):
    """Where a passage is in the normalized document text."""

    start: int = Field(description="offset of the first character in the normalized text")
    end: int = Field(description="offset after the last character")
    page: int | None = Field(
        None,
        description="page number where known: the source's page as stored (a PDF's physical page)",
    )
    page_label: str | None = Field(
        None,
        description="the printed page number of that page, where the source has one beside "
        "the physical page (a PDF's page labels or the number in its header or footer)",
    )
    section: str = Field(
        "", description="heading path, e.g. '2. Duurzaam land › Klimaat en energie'"
    )
    block_id: str | None = Field(None, description="id of the document block the passage is in")


class Amount(_Model):
    """A money amount found in a sentence."""

    value_eur: float = Field(description="the amount in euros")
    text: str = Field(description="the amount as written, e.g. '€ 1,5 mld.'")
    unit: str | None = Field(None, description="unit as written: mln, mld, miljoen, miljard, …")
    period: str | None = Field(
        None, description="per jaar, structureel, incidenteel, cumulatief, …"
    )
    sentence: str = Field("", description="the sentence the amount is in")
    location: Location | None = None
    low_eur: float | None = Field(
        None, description="ranges ('€ 2 à 3 miljard'): the lower bound in euros"
    )
    high_eur: float | None = Field(None, description="ranges: the upper bound in euros")
    period_normalized: str | None = Field(
        None,
        description="the period normalized: per_year, structural, incidental, cumulative, "
        "one_off, per_month, next_years:10, until:2030, in:2025, from:2024, …",
    )
    sentence_start: int | None = Field(None, description="offset of the sentence's first character")
    sentence_end: int | None = Field(None, description="offset after the sentence's last character")


class Target(_Model):
    """A percentage (or other quantified) target with its year."""

    value: float
    unit: str = Field("%", description="'%' for percentages")
    text: str = Field(description="as written, e.g. '55% CO2-reductie in 2030'")
    subject: str | None = Field(None, description="what the target is about, e.g. 'CO2-reductie'")
    year: int | None = None
    sentence: str = ""
    location: Location | None = None
    period: str | None = Field(None, description="absolute targets: 'per jaar' etc. as written")
    sentence_start: int | None = Field(None, description="offset of the sentence's first character")
    sentence_end: int | None = Field(None, description="offset after the sentence's last character")


def inside(location: Location | None, spans: Iterable[tuple[int, int]]) -> bool:
    """The one rule for "this amount (target, span) lies inside a passage": its whole span
    lies within one of ``spans`` (``(start, end)`` offsets). Used by the analysis and by the
    workbench when a review changes the selection, so both always agree."""
    if location is None:
        return False
    return any(s <= location.start and location.end <= e for s, e in spans)
