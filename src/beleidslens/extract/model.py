"""Result models of money extraction: tables and the report ``beleidslens money`` prints.

Amounts and targets reuse :class:`~beleidslens.analysis.result.Amount` and
:class:`~beleidslens.analysis.result.Target` so analyses and money reports agree.
JSON form is versioned by :data:`SCHEMA_VERSION`.
"""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict, Field

from ..document.trace import Amount, Location, Target

SCHEMA_VERSION = "beleidslens.money/1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TableRow(_Model):
    """One row of a financial or climate table."""

    label: str = Field(
        description="row label, wrapped lines joined, e.g. 'f. Afschaffen verhuurderheffing'"
    )
    values: list[float | None] = Field(
        description="one per column as printed (in the table's unit); None for a blank cell"
    )
    values_eur: list[float | None] | None = Field(
        None, description="values times the table's unit multiplier; None when the unit is unknown"
    )
    percent: bool = Field(False, description="the values are percentages (e.g. EMU-saldo)")
    mton_low: float | None = Field(None, description="climate tables: CO2 effect range, low (Mton)")
    mton_high: float | None = Field(None, description="climate tables: CO2 effect range, high")
    blanks_inferred: bool = Field(
        False,
        description="the row had fewer numbers than columns and blank cells were placed by rule",
    )
    text: str = Field(description="the row's source text (its blocks joined by one space)")
    location: Location


class Table(_Model):
    """A table of numbers recognized in the document, tied to its headings."""

    title: str = Field(description="local headings joined, e.g. 'Industrie › Uitgaven industrie'")
    heading_path: list[str] = Field(default_factory=list, description="document headings")
    caption: str | None = Field(None, description="the caption that states the unit, if any")
    unit: str | None = Field(None, description="unit as written in the caption, e.g. 'mln.'")
    unit_multiplier: float | None = Field(None, description="1e6 for 'in mln.'; None if unknown")
    label_column: str = Field("", description="header of the label column, e.g. 'Onderwerpen'")
    columns: list[str] = Field(description="value columns, e.g. ['2022', …, 'Struc']")
    has_mton: bool = Field(False, description="has a 'Bandbreedte Mton' low–high column")
    rows: list[TableRow] = Field(default_factory=list)
    location: Location

    def row(self, label_part: str) -> TableRow:
        """The first row whose label contains ``label_part`` (case-insensitive)."""
        needle = label_part.lower()
        for r in self.rows:
            if needle in r.label.lower():
                return r
        raise KeyError(label_part)


class MoneyDocument(_Model):
    name: str
    title: str | None = None
    sha256: str = ""
    characters: int = 0


class MoneyReport(_Model):
    schema_: str = Field(SCHEMA_VERSION, alias="schema")
    document: MoneyDocument
    amounts: list[Amount] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self) -> str:
        data = self.model_dump(mode="json", by_alias=True)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
