"""Table rows by position: each number under the header column it stands below.

Text taken from a PDF loses the blank cells of a table: a row with four numbers under five
year columns reads the same whichever cell is empty. With the position of every token
(:attr:`.layout.TextLine.cells`), a row's numbers are placed under the header's columns:

* a **header** is a line with two consecutive years; its columns are the tokens from the
  first year on (``Struc``, ``Cum`` and a ``(2030)`` below or after its column word belong
  to it), each with its right edge. A header set over several lines (``Bandbreedte`` /
  ``Mton (laag-`` / ``hoog)`` beside the year line, ``(2030)`` under ``Cum``) is read as one
  line, cell by cell left to right, each cell's lines top to bottom;
* a header cell left of the years that names ``Mton`` is the climate tables' range column
  (low and high): the two numbers a row has under it are written ``low – high``, the way the
  table reader (:mod:`beleidslens.extract.tables`) reads a range;
* a **row** under it with fewer numbers than columns has each number, left to right, in the
  nearest free column (right edges compared, as figures are set flush right), in order;
  a number that ends left of the table's first column belongs to the label (``in 2026``);
* the row is written with its blank cells marked by spacing the table reader understands
  (:func:`beleidslens.extract.tables.parse_tables` with ``wide_runs``): ``1 + 2·b`` spaces
  before a number after ``b`` blank cells, and as many after the last number for blank cells
  at the end;
* a row marker set on its own beside its row (a label wrapped over lines, its number
  centred) goes before the row's label, and the line with the row's numbers after it.

A table ends at a line of prose (ten words or more and no numbers at its end; in the table's
own type size only a line that ends a sentence) or at the end of its page. A page that starts with rows whose numbers all stand under the columns of the
table that ended the page before (within ``column_slack``) continues that table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import TextLine
from .params import current

_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NUM = re.compile(r"^[-−+–]?€?\d[\d.,]*%?$")
_MARKER = re.compile(r"^\d{1,3}[a-z]?\.?$")
RANGE_DASH = "–"  # between a range's low and high number (the table reader's range)


@dataclass(slots=True)
class Columns:
    """A table header's geometry."""

    edges: list[float]  # right edge of each column from the first year on
    left: float  # x0 of the table's first number column (the range column where there is one)
    mton: tuple[float, float] | None = None  # x extent of the range column
    size: float = 0.0  # the header's font size: smaller prose under the table is a footnote


def header_columns(line: TextLine) -> list[float] | None:
    """Right edges of the header's columns, or ``None`` when ``line`` is no header."""
    found = _year_start(line)
    if found is None:
        return None
    edges: list[float] = []
    for token, _, x1 in (line.cells or [])[found:]:
        if edges and token.startswith("("):
            edges[-1] = max(edges[-1], x1)
        else:
            edges.append(x1)
    return edges


def _year_start(line: TextLine) -> int | None:
    cells = line.cells or []
    for i in range(len(cells) - 1):
        a, b = cells[i][0], cells[i + 1][0]
        if _YEAR.match(a) and _YEAR.match(b) and int(b) == int(a) + 1:
            return i
    return None


def _header_part(line: TextLine, header: TextLine) -> bool:
    """A short line of the header's style beside or under its year line."""
    return (
        line.cells is None
        and len(line.text.split()) <= current().header_words
        and abs(line.size - header.size) < 0.5
        and line.bold == header.bold
    )


def _merge_header(lines: list[TextLine], at: int) -> tuple[int, int, Columns]:
    """The header at ``lines[at]`` with the short lines set around it, as one line in cell
    order: (first, last) indexes it replaced and its columns."""
    header = lines[at]
    pitch = 1.5 * max(header.height, header.size)
    first = at
    while first > 0 and _header_part(lines[first - 1], header):
        if lines[first].top - lines[first - 1].top > pitch:
            break
        first -= 1
    last = at
    while last + 1 < len(lines) and _header_part(lines[last + 1], header):
        if lines[last + 1].top - lines[last].top > pitch:
            break
        last += 1
    start = _year_start(header) or 0
    cells = header.cells or []
    # cells: the year line's tokens from the first year, and every other line as one cell
    parts: list[tuple[str, float, float, float]] = [
        (token, x0, x1, header.top) for token, x0, x1 in cells[start:]
    ]
    if start:
        label = cells[:start]
        parts.append((" ".join(t for t, _, _ in label), label[0][1], label[-1][2], header.top))
    parts += [
        (ln.text, ln.x0, ln.x1, ln.top)
        for i, ln in enumerate(lines)
        if first <= i <= last and i != at
    ]
    # columns: parts whose extents overlap, left to right; in a column, top to bottom
    groups: list[list[tuple[str, float, float, float]]] = []
    for part in sorted(parts, key=lambda p: p[1]):
        if groups and part[1] < max(p[2] for p in groups[-1]) - 1:
            groups[-1].append(part)
        else:
            groups.append([part])
    texts: list[str] = []
    mton: tuple[float, float] | None = None
    for group in groups:
        text = ""
        for token, *_ in sorted(group, key=lambda p: (p[3], p[1])):
            text = f"{text}{token}" if text.endswith("-") else f"{text} {token}".strip()
        texts.append(text)
        x0, x1 = min(p[1] for p in group), max(p[2] for p in group)
        if x1 <= cells[start][1] and re.search(r"\bmton\b", text, re.I):
            mton = (x0, x1)
    edges = header_columns(header) or []
    left = mton[0] if mton else cells[start][1]
    if first != last:
        merged = TextLine(
            text=" ".join(texts),
            x0=min(ln.x0 for ln in lines[first : last + 1]),
            x1=max(ln.x1 for ln in lines[first : last + 1]),
            top=header.top,
            bottom=header.bottom,
            size=header.size,
            bold=header.bold,
            font=header.font,
            first_font=header.first_font,
            start=min(ln.start for ln in lines[first : last + 1]),
            end=max(ln.end for ln in lines[first : last + 1]),
            cells=header.cells,
        )
        lines[first : last + 1] = [merged]
    return first, last, Columns(edges, left, mton, header.size)


def _place(numbers: list[tuple[str, float, float]], edges: list[float]) -> list[int] | None:
    """Each number's column, left to right, nearest free column by right edge."""
    placed: list[int] = []
    n = len(edges)
    for k, (_, _, x1) in enumerate(numbers):
        low = placed[-1] + 1 if placed else 0
        high = n - (len(numbers) - k)  # leave a column for each number still to come
        if low > high:
            return None
        distance = [abs(edges[c] - x1) for c in range(low, high + 1)]
        placed.append(low + distance.index(min(distance)))
    return placed


def encode_row(line: TextLine, columns: list[float] | Columns, strict: bool = False) -> str | None:
    """The row's text with blank cells (and a range) marked, or ``None`` to leave it as it
    is. ``strict``: only when every number ends within ``column_slack`` of its column."""
    cols = columns if isinstance(columns, Columns) else Columns(columns, float("-inf"))
    cells = line.cells or []
    tail = 0
    while (
        tail < len(cells)
        and _NUM.match(cells[len(cells) - 1 - tail][0])
        and cells[len(cells) - 1 - tail][2] > cols.left
    ):
        tail += 1
    numbers = cells[len(cells) - tail :]
    span = cols.mton
    in_range = [c for c in numbers if span and c[1] >= span[0] - 3 and c[2] <= span[1] + 3]
    if len(in_range) != 2:
        in_range = []
    numbers = numbers[len(in_range) :]
    n = len(cols.edges)
    if not numbers and not in_range:
        return None
    if len(numbers) > n or (len(numbers) == n and not in_range):
        return None
    placed = _place(numbers, cols.edges)
    if placed is None:
        return None
    if strict and any(
        abs(cols.edges[c] - x1) > current().column_slack
        for c, (_, _, x1) in zip(placed, numbers, strict=True)
    ):
        return None
    text = " ".join(token for token, _, _ in cells[: len(cells) - tail])
    if in_range:
        low, high = in_range[0][0], in_range[1][0]
        text = f"{text} {low} {RANGE_DASH} {high}".strip()
    by_column = dict(zip(placed, (token for token, _, _ in numbers), strict=True))
    blanks = 0
    for column in range(n):
        token = by_column.get(column)
        if token is None:
            blanks += 1
            continue
        # a line of numbers only cannot show blanks before its first number: they go left
        text = f"{text}{' ' * (1 + 2 * blanks)}{token}" if text else token
        blanks = 0
    if blanks:
        text += " " * (1 + 2 * blanks)
    return text


def _prose(line: TextLine, table: Columns | None) -> bool:
    """Ten words or more and no number at the end; in a table's own type size (a row's
    label wrapped over lines) only when it ends a sentence."""
    words = line.text.split()
    if len(words) < 10 or _NUM.match(words[-1]):
        return False
    return table is None or abs(line.size - table.size) > 0.5 or line.text.endswith((".", "!", "?"))


def _join_marker(lines: list[TextLine], i: int) -> bool:
    """A lone row marker set beside its row (centred on a label wrapped over lines): the
    row's lines indented past it within ``marker_reach`` line pitches, the marker first
    (joined to the first of them), the label's lines top to bottom, the one with the
    numbers last. ``False`` when no such row is found."""
    marker = lines[i]
    reach = current().marker_reach * max(marker.height, marker.size)

    def member(k: int) -> bool:
        ln = lines[k]
        return ln.x0 > marker.x1 and abs(ln.top - marker.top) <= reach

    first, last = i, i
    while first > 0 and member(first - 1):
        first -= 1
    while last + 1 < len(lines) and member(last + 1):
        last += 1
    row = [ln for k, ln in enumerate(lines[first : last + 1], first) if k != i]
    numbered = [ln for ln in row if ln.cells]
    if len(numbered) != 1:
        return False
    order = sorted((ln for ln in row if not ln.cells), key=lambda ln: ln.top) + numbered
    head = order[0]
    head.text = f"{marker.text} {head.text}"
    if head.cells is not None:
        head.cells = [(marker.text, marker.x0, marker.x1), *head.cells]
    head.x0, head.start = marker.x0, min(marker.start, head.start)
    lines[first : last + 1] = order
    return True


def _join_split(lines: list[TextLine], i: int) -> None:
    """A row's label that pdfium ends early (``CO2`` before a subscript) and the rest of
    its line, cells and all, at the same height right after it: one line."""
    head, row = lines[i], lines[i + 1]
    words = [(w, head.x0, head.x1) for w in head.text.split()]
    cells = list(row.cells or [])
    if row.x0 - head.x1 < 1 and words and cells:  # no space between them
        word, x0, _ = words.pop()
        cells[0] = (word + cells[0][0], x0, cells[0][2])
    row.cells = words + cells
    row.text = " ".join(token for token, _, _ in row.cells)
    row.x0, row.start = head.x0, min(head.start, row.start)
    del lines[i]


def place_cells(lines: list[TextLine], carried: Columns | None = None) -> Columns | None:
    """Rewrite the table rows of one page's lines (in reading order) in place. ``carried``:
    the columns of the table that ended the page before. Returns the columns of the table
    the page ends in, or that only a footnote followed (``None`` when it ends in none)."""
    columns: Columns | None = None
    last: Columns | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if _year_start(line) is not None:
            i, _, columns = _merge_header(lines, i)
            last, carried = columns, None
            i += 1
            continue
        if (columns or carried) is not None and _MARKER.match(line.text):
            back = i
            while back > 0 and lines[back - 1].x0 > line.x1:
                back -= 1  # the row's lines above the marker are already placed
            if _join_marker(lines, i):
                i = back
                line = lines[i]
        if (
            (columns or carried) is not None
            and line.cells is None
            and i + 1 < len(lines)
            and lines[i + 1].cells
            and abs(lines[i + 1].top - line.top) < 1
            and 0 <= lines[i + 1].x0 - line.x1 < 3
        ):
            _join_split(lines, i)
            line = lines[i]
        if _prose(line, columns or carried):
            if last is None or line.size >= last.size - 0.5:
                last = None  # a footnote under the table: it may go on on the next page
            columns = carried = None
        elif columns is not None and line.cells:
            encoded = encode_row(line, columns)
            if encoded is not None:
                line.text = encoded
        elif carried is not None and line.cells:
            encoded = encode_row(line, carried, strict=True)
            if encoded is None:
                carried = None
            else:
                line.text, columns, last = encoded, carried, carried
        i += 1
    return last
