"""Money, targets and financial tables as structured data.

* :func:`find_amounts` — money amounts in a text (value in euros, unit, period, sentence);
* :func:`find_targets` — percentage and absolute targets with year and subject;
* :func:`find_tables` — financial/climate tables in raw text lines;
* :func:`extract_money` — all three over a :class:`~beleidslens.document.Document`.

See ``docs/extraction.md``.
"""

from __future__ import annotations

from .amounts import find_amounts
from .document import extract_money
from .model import SCHEMA_VERSION, MoneyReport, Table, TableRow
from .tables import Segment, find_tables, parse_tables
from .targets import find_targets

__all__ = [
    "SCHEMA_VERSION",
    "MoneyReport",
    "Segment",
    "Table",
    "TableRow",
    "extract_money",
    "find_amounts",
    "find_tables",
    "find_targets",
    "parse_tables",
]
