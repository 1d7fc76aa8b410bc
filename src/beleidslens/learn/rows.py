"""Coded rows and their context.

A *row* is one passage to code (a quasi-sentence of a manifesto, a sentence of a document).
Rows of the same *group* (a document) are read in order; within a group each row sees its
neighbours (``window`` rows before and after) and the *current heading*: the last heading row
before it, as in the Manifesto Project's coding instructions, where a quasi-sentence is coded
in the light of its context and its heading.

A CSV row is a heading when its label is ``H`` (the Manifesto Project's heading code) or its
``--heading-column`` holds a true value (``1``, ``true``, ``yes``, ``h``); heading rows set the
context and are never training examples. For a document the heading is the block's heading
path and the group is the document.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import BeleidslensError

MAX_CSV_BYTES = 200 * 1024 * 1024
HEADING_LABELS = frozenset({"H", "h"})
_TRUE = frozenset({"1", "true", "yes", "y", "h", "ja"})


class DataError(BeleidslensError):
    """A rows file (CSV) is unreadable or lacks a needed column."""

    exit_code = 3
    http_status = 422


@dataclass(frozen=True, slots=True)
class Row:
    text: str
    label: str | None = None
    group: str = ""
    heading: str = ""  # the current heading within the group
    is_heading: bool = False
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What the model sees of a row besides its own words."""

    before: str  # the previous rows of the group, nearest last
    after: str  # the next rows of the group
    heading: str


def read_csv(
    path: Path,
    *,
    text_column: str,
    label_column: str | None = None,
    group_column: str | None = None,
    heading_column: str | None = None,
    require_labels: bool = False,
) -> tuple[list[dict[str, str]], list[Row]]:
    """The CSV's records (as read, for writing them back) and its rows, in file order."""
    if not path.exists():
        raise DataError("not found", path)
    if path.is_dir():
        raise DataError("is a directory, not a CSV file", path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", path) from None
    if size > MAX_CSV_BYTES:
        raise DataError(f"file is larger than {MAX_CSV_BYTES // 2**20} MB", path)
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError("not UTF-8 text (save the CSV as UTF-8)", path) from None
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", path) from None
    sample = raw[:20000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(raw, newline=""), dialect=dialect)
    columns = reader.fieldnames or []
    if not columns:
        raise DataError("empty CSV (no header row)", path)
    for name, col in (
        ("--text-column", text_column),
        ("--label-column", label_column),
        ("--group-column", group_column),
        ("--heading-column", heading_column),
    ):
        if col is not None and col not in columns:
            raise DataError(f"no column {col!r} ({name}); columns are: {', '.join(columns)}", path)
    if heading_column is None and "is_heading" in columns:
        heading_column = "is_heading"
    records: list[dict[str, str]] = []
    rows: list[Row] = []
    heading_of: dict[str, str] = {}
    try:
        for rec in reader:
            records.append({k: v or "" for k, v in rec.items() if k is not None})
            text = (rec.get(text_column) or "").strip()
            label = (rec.get(label_column) or "").strip() if label_column else None
            group = (rec.get(group_column) or "").strip() if group_column else ""
            flag = (rec.get(heading_column) or "").strip().lower() if heading_column else ""
            is_heading = flag in _TRUE or (label in HEADING_LABELS)
            if is_heading:
                heading_of[group] = text
            rows.append(Row(text, label or None, group, heading_of.get(group, ""), is_heading))
    except csv.Error as exc:
        raise DataError(f"malformed CSV near line {reader.line_num}: {exc}", path) from None
    if not rows:
        raise DataError("no rows under the header", path)
    if require_labels and not any(r.label and not r.is_heading for r in rows):
        raise DataError(f"no row has a label in column {label_column!r}", path)
    return records, rows


def document_rows(path: Path) -> list[Row]:
    """Every sentence of a document as a row (group: the document; heading: the block's
    heading path), in reading order. Headings and table rows are context, not rows."""
    from ..document.model import NodeKind
    from ..ingest import load_document

    document = load_document(path)
    rows: list[Row] = []
    for block in document.blocks():
        if block.kind in (NodeKind.HEADING, NodeKind.TABLE_ROW):
            continue
        sentences = [c for c in block.children if c.kind == NodeKind.SENTENCE] or [block]
        heading = " › ".join(block.heading_path)
        for s in sentences:
            text = " ".join(s.text.split())
            if text:
                rows.append(Row(text, None, "", heading, False, document.page_at(s.start)))
    return rows


def contexts(rows: Sequence[Row], window: int = 1) -> list[Context]:
    """Per row, its neighbours within its group (headings skipped) and its heading."""
    out: list[Context] = []
    n = len(rows)
    content = [i for i in range(n) if not rows[i].is_heading]
    pos = {i: k for k, i in enumerate(content)}
    for i, row in enumerate(rows):
        if row.is_heading:
            out.append(Context("", "", row.heading))
            continue
        k = pos[i]
        before = [
            rows[content[j]].text
            for j in range(max(0, k - window), k)
            if rows[content[j]].group == row.group
        ]
        after = [
            rows[content[j]].text
            for j in range(k + 1, min(len(content), k + 1 + window))
            if rows[content[j]].group == row.group
        ]
        out.append(Context(" ".join(before), " ".join(after), row.heading))
    return out


def neighbour_index(rows: Sequence[Row]) -> tuple[list[int], list[int]]:
    """For each row the index of the previous and next non-heading row of its group, or -1."""
    prev = [-1] * len(rows)
    nxt = [-1] * len(rows)
    last: dict[str, int] = {}
    for i, r in enumerate(rows):
        if r.is_heading:
            continue
        j = last.get(r.group, -1)
        if j >= 0:
            prev[i] = j
            nxt[j] = i
        last[r.group] = i
    return prev, nxt
