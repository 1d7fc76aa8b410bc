"""``--metadata META.csv``: one row per document, joined onto the ``documents`` table.

The key column is the first column named ``path``, ``file``, ``filename``, ``document`` or
``name`` (else the first column). A row matches a document by its path as given, its
resolved path, its file name, or its file name without the extension (so ``cda_2023`` in
the CSV matches both ``cda_2023.pdf`` and ``cda_2023.txt``); case is ignored. Every other
column becomes a column of ``documents`` (``Party`` → ``party``). Whole numbers without a
leading zero become integers, so ``year`` sorts as a number.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import IngestError
from .store import metadata_column

KEY_NAMES = ("path", "file", "filename", "document", "name")
_INT = re.compile(r"^-?(?:0|[1-9][0-9]{0,17})$")


@dataclass
class Metadata:
    columns: list[str]
    rows: dict[str, dict[str, Any]]  # normalized key → {column: value}
    source: str
    unmatched: list[str] = field(default_factory=list)

    def join(self, documents: list[str]) -> dict[str, dict[str, Any]]:
        """``{document: {column: value}}`` for the documents a row matches."""
        out: dict[str, dict[str, Any]] = {}
        used: set[str] = set()
        for doc in documents:
            for key in _keys(doc):
                if key in self.rows:
                    out[doc] = self.rows[key]
                    used.add(key)
                    break
        self.unmatched = sorted(k for k in self.rows if k not in used)
        return out


def _keys(document: str) -> list[str]:
    p = Path(document)
    keys = [document, str(p.resolve()), p.name, p.stem]
    return [k.casefold() for k in keys]


def _value(text: str) -> Any:
    text = text.strip()
    if text == "":
        return None
    if _INT.match(text):
        return int(text)
    return text


def read_metadata(path: str | Path) -> Metadata:
    """Read ``path`` (UTF-8 CSV; comma, semicolon or tab separated)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise IngestError("metadata file not found", p) from None
    except UnicodeDecodeError:
        raise IngestError("metadata is not UTF-8 text (expected a CSV file)", p) from None
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror or exc}", p) from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise IngestError("metadata file is empty", p) from None
    names = [h.strip() for h in header]
    if len(names) < 2 or not all(names):
        raise IngestError("metadata needs a header row with a key column and fields", p, 1)
    key_at = next((i for i, n in enumerate(names) if n.lower() in KEY_NAMES), 0)
    columns = [metadata_column(n) for i, n in enumerate(names) if i != key_at]
    if len(set(columns)) != len(columns):
        raise IngestError("metadata has two columns with the same name", p, 1)
    rows: dict[str, dict[str, Any]] = {}
    for line_no, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            raise IngestError(f"row has {len(row)} fields, the header {len(names)}", p, line_no)
        key = row[key_at].strip().casefold()
        if key in rows:
            raise IngestError(f"document {row[key_at].strip()!r} is listed twice", p, line_no)
        values = [v for i, v in enumerate(row) if i != key_at]
        rows[key] = {c: _value(v) for c, v in zip(columns, values, strict=True)}
    return Metadata(columns, rows, str(p))
