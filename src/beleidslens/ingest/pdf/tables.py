"""Table rows by position: each number under the header column it stands below.

Text taken from a PDF loses the blank cells of a table: a row with four numbers under five
year columns reads the same whichever cell is empty. With the position of every token
(:attr:`.layout.TextLine.cells`), a row's numbers are placed under the header's columns:

* a **header** is a line with two consecutive years; its columns are the tokens from the
  first year on (``Struc``, ``Cum`` and a ``(2030)`` below or after its column word belong
  to it), each with its right edge;
* a **row** under it with fewer numbers than columns has each number, left to right, in the
  nearest free column (right edges compared, as figures are set flush right), in order;
* the row is written with its blank cells marked by spacing the table reader understands
  (:func:`beleidslens.extract.tables.parse_tables` with ``wide_runs``): ``1 + 2·b`` spaces
  before a number after ``b`` blank cells, and as many after the last number for blank cells
  at the end.

A table ends at a line of prose (ten words or more and no numbers at its end) or at the end
of its page.
"""

from __future__ import annotations

import re

from .layout import TextLine

_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NUM = re.compile(r"^[-−+–]?€?\d[\d.,]*%?$")


def header_columns(line: TextLine) -> list[float] | None:
    """Right edges of the header's columns, or ``None`` when ``line`` is no header."""
    cells = line.cells or []
    for i in range(len(cells) - 1):
        a, b = cells[i][0], cells[i + 1][0]
        if _YEAR.match(a) and _YEAR.match(b) and int(b) == int(a) + 1:
            edges: list[float] = []
            for token, _, x1 in cells[i:]:
                if edges and token.startswith("("):
                    edges[-1] = max(edges[-1], x1)
                else:
                    edges.append(x1)
            return edges
    return None


def encode_row(line: TextLine, columns: list[float]) -> str | None:
    """The row's text with blank cells marked, or ``None`` to leave it as it is."""
    cells = line.cells or []
    tail = 0
    while tail < len(cells) and _NUM.match(cells[len(cells) - 1 - tail][0]):
        tail += 1
    numbers = cells[len(cells) - tail :]
    n = len(columns)
    if not numbers or len(numbers) >= n:
        return None
    placed: list[int] = []
    for k, (_, _, x1) in enumerate(numbers):
        low = placed[-1] + 1 if placed else 0
        high = n - (len(numbers) - k)  # leave a column for each number still to come
        if low > high:
            return None
        distance = [abs(columns[c] - x1) for c in range(low, high + 1)]
        placed.append(low + distance.index(min(distance)))
    text = " ".join(token for token, _, _ in cells[: len(cells) - tail])
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


def _prose(line: TextLine) -> bool:
    words = line.text.split()
    return len(words) >= 10 and not _NUM.match(words[-1])


def place_cells(lines: list[TextLine]) -> None:
    """Rewrite the table rows of one page's lines (in reading order) in place."""
    columns: list[float] | None = None
    for line in lines:
        found = header_columns(line)
        if found is not None:
            columns = found
            continue
        if columns is None:
            continue
        if _prose(line):
            columns = None
            continue
        if line.cells:
            encoded = encode_row(line, columns)
            if encoded is not None:
                line.text = encoded
