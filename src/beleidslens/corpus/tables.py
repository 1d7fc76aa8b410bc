"""The batch tables in memory, as DataFrames, and written as CSV, Parquet or XLSX.

``-o corpus.db`` is the database itself. Any other extension writes the tables from the
database next to it (kept as ``corpus.xlsx.db`` so the run stays resumable):

* ``.xlsx`` — one workbook, one sheet per table;
* ``.csv`` / ``.parquet`` — one file per table: ``corpus.documents.csv``,
  ``corpus.passages.csv``, … (Parquet needs the optional ``pyarrow``). In CSV and XLSX, text
  a spreadsheet would evaluate (``=…``, ``+…``) is defused as in the single CSV report.

Every file is written atomically; rows come in a fixed order, so two runs that computed the
same results write the same bytes (XLSX aside: it carries a timestamp).
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import MissingDependencyError, RenderError
from ..fsutil import atomic_write
from ..render.csv import defuse, is_formula_like
from .store import COLUMNS, TABLES, open_existing

if TYPE_CHECKING:
    from ..analysis.result import Analysis

EXPORT_FORMATS = ("db", "sqlite", "xlsx", "csv", "parquet")


@dataclass
class Tables:
    """``{table: (columns, rows)}`` for documents, passages, aspects, amounts (and themes)."""

    data: dict[str, tuple[list[str], list[tuple[Any, ...]]]]

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Tables:
        store = open_existing(Path(path))
        try:
            return cls({name: store.table(name) for name in (*TABLES, "themes", "runs")})
        finally:
            store.close()

    def columns(self, table: str) -> list[str]:
        return self.data[table][0]

    def rows(self, table: str) -> list[tuple[Any, ...]]:
        return self.data[table][1]

    def records(self, table: str) -> list[dict[str, Any]]:
        cols, rows = self.data[table]
        return [dict(zip(cols, r, strict=True)) for r in rows]

    def to_pandas(self, table: str = "passages") -> Any:
        """One table as a :class:`pandas.DataFrame` (the optional extra ``pandas``)."""
        pd = _pandas()
        if table not in self.data:
            raise KeyError(f"no table {table!r}; tables: {', '.join(self.data)}")
        cols, rows = self.data[table]
        return pd.DataFrame.from_records(rows, columns=cols)

    to_frame = to_pandas

    def to_frames(self) -> dict[str, Any]:
        return {name: self.to_pandas(name) for name in TABLES}


def analysis_tables(analysis: Analysis) -> Tables:
    """One analysis as the passages, aspects and amounts tables (document = its name)."""
    from .worker import analysis_rows

    rows = analysis_rows(analysis.document.name, analysis)
    return Tables(
        {
            "passages": (list(COLUMNS["passages"]), rows.passages),
            "aspects": (list(COLUMNS["aspects"]), rows.aspects),
            "amounts": (list(COLUMNS["amounts"]), rows.amounts),
        }
    )


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError.for_extra("tables as DataFrames", "pandas", "pandas") from None
    return pd


def output_kind(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in EXPORT_FORMATS:
        raise RenderError(
            f"unknown output type {'.' + suffix if suffix else '(no extension)'}; "
            "use .db (SQLite), .xlsx, .csv or .parquet",
            Path(path),
        )
    return "db" if suffix == "sqlite" else suffix


def database_for(output: str | os.PathLike[str]) -> Path:
    """The SQLite database behind ``output`` (itself for ``.db``)."""
    p = Path(output)
    return p if output_kind(p) == "db" else p.with_name(p.name + ".db")


def table_paths(output: str | os.PathLike[str]) -> dict[str, Path]:
    """Files an export to ``output`` writes, per table (one file for ``.xlsx``)."""
    p = Path(output)
    kind = output_kind(p)
    if kind in ("db", "xlsx"):
        return {name: p for name in TABLES}
    return {name: p.with_name(f"{p.stem}.{name}.{kind}") for name in TABLES}


def export(database: str | os.PathLike[str], output: str | os.PathLike[str]) -> list[Path]:
    """Write the tables of ``database`` to ``output`` by its extension; the files written."""
    kind = output_kind(output)
    if kind == "db":
        return [Path(output)]
    tables = Tables.load(database)
    if kind == "xlsx":
        return [atomic_write(Path(output), _xlsx(tables))]
    written = []
    for name, path in table_paths(output).items():
        payload = _csv(tables, name) if kind == "csv" else _parquet(tables, name)
        written.append(atomic_write(path, payload))
    return written


def _csv(tables: Tables, name: str) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(tables.columns(name))
    writer.writerows([defuse(v) for v in row] for row in tables.rows(name))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8 correctly


def _parquet(tables: Tables, name: str) -> bytes:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingDependencyError.for_extra("Parquet output", "parquet", "pyarrow") from None
    cols, rows = tables.data[name]
    table = pa.Table.from_pylist([dict(zip(cols, r, strict=True)) for r in rows])
    if not rows:
        table = pa.table({c: pa.array([], pa.string()) for c in cols})
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


_CELL_MAX = 32_767  # Excel's limit of characters in a cell


def _xlsx(tables: Tables) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    for name in TABLES:
        ws = wb.create_sheet(name)
        bold = Font(bold=True)
        header = []
        for col in tables.columns(name):
            cell = WriteOnlyCell(ws, value=col)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        ws.freeze_panes = "A2"
        for row in tables.rows(name):
            ws.append([v if type(v) is not str else _text_cell(ws, v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _text_cell(ws: Any, value: str) -> Any:
    if len(value) > _CELL_MAX:
        value = value[: _CELL_MAX - 1] + "…"
    if not is_formula_like(value):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)  # never a formula from document text
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell
