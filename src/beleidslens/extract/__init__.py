"""Money, targets and financial tables as structured data.

* :func:`find_amounts` — money amounts in a text (value in euros, unit, period, sentence);
* :func:`find_targets` — percentage and absolute targets with year and subject;
* :func:`find_tables` — financial/climate tables in raw text lines;
* :func:`extract_money` — all three over a :class:`~beleidslens.document.Document`.

See ``docs/extraction.md``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .amounts import find_amounts
    from .document import extract_money
    from .model import SCHEMA_VERSION, MoneyReport, Table, TableRow
    from .tables import Segment, find_tables, parse_tables
    from .targets import find_targets

# imported on first use: the analysis needs amounts and targets, not the table parser
_HOME = {
    "find_amounts": "amounts",
    "extract_money": "document",
    "SCHEMA_VERSION": "model",
    "MoneyReport": "model",
    "Table": "model",
    "TableRow": "model",
    "Segment": "tables",
    "find_tables": "tables",
    "parse_tables": "tables",
    "find_targets": "targets",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


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
