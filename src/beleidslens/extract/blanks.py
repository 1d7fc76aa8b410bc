"""Blank cells of a table row, from the spacing around its numbers (see :mod:`.tables`)."""

from __future__ import annotations

from typing import Any


def place_blanks(
    values: list[float | None],
    tokens: list[tuple[str, int, int, Any]],
    ncols: int,
    wide_runs: bool = False,
) -> tuple[list[float | None], bool]:
    """Spread ``ncols - len(values)`` blank cells using the spacing around the numbers.

    All tokens come from one segment. A run of two or more spaces between two numbers, or
    after the last one, marks a blank there (in that order of preference, one blank per run);
    the remaining blanks go on the left. Returns the values and whether any blank's place was
    not marked: a run before the first number (after the label) marks one blank on the left.
    ``wide_runs`` (text whose blank cells were placed by position, see
    :mod:`beleidslens.ingest.pdf.tables`): a run of ``n`` spaces marks ``(n - 1) // 2`` blanks.
    """
    missing = ncols - len(values)
    seg = tokens[0][3]
    text = seg.text
    inserts: list[int] = []  # indexes (into values) before which a blank goes
    for i in range(1, len(tokens)):
        gap = text[tokens[i - 1][2] : tokens[i][1]]
        if len(gap) >= 2 and gap.isspace():
            for _ in range(max(1, (len(gap) - 1) // 2) if wide_runs else 1):
                if len(inserts) < missing:
                    inserts.append(i)
    rest = text[tokens[-1][2] :].split("\n", 1)[0]
    trailing = len(rest) + seg.space_after if not rest.strip() else 0
    if trailing >= 2:
        for _ in range(max(1, (trailing - 1) // 2) if wide_runs else 1):
            if len(inserts) < missing:
                inserts.append(len(tokens))
    out = list(values)
    for idx in sorted(inserts, reverse=True):
        out.insert(idx, None)
    left = missing - len(inserts)
    before = text[: tokens[0][1]]
    marked_left = 1 if left and before.strip() and before[-2:] == "  " else 0
    return [None] * left + out, left > marked_left
