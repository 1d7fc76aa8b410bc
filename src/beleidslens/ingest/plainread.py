"""Reading plain text into content lines: page and break information per line.

See :mod:`.plaintext` (spacing style, pages) and ``docs/document-model.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from .spaces import collapse

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u200b\u200c\u200d\u2060\ufeff\u00ad]")


@dataclass(slots=True)
class _Line:
    text: str  # whitespace-collapsed content
    page: int | None
    page_start: bool  # first line of a page
    hard_break: bool  # a hard block boundary precedes this line
    trailing: int  # trailing spaces in the raw line
    width: int  # length of the raw line without trailing whitespace
    raw: str  # the line as written (control characters removed)
    hint: int | None = None  # from a layout-reading ingester: 0 text, N heading level


def _clean(raw: str) -> str:
    return _CONTROL.sub("", raw)


def read_lines(
    text: str,
    *,
    paged: bool = False,
    page_numbers: list[int] | None = None,
    hints: list[list[int | None] | None] | None = None,
) -> tuple[list[_Line], bool, bool]:
    """Content lines with page and break information; whether pages are known; and whether
    line ends must be inferred (double-spaced text, or text without any blank line).

    ``page_numbers``: the (0-based) page of each form-feed separated chunk, where the text
    says so (page markers); by default chunk ``i`` is page ``i``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_pages = text.split("\f")
    form_feeds = len(raw_pages) > 1
    raw: list[tuple[str, int]] = []  # (line, form-feed page index)
    line_hints: list[int | None] = []
    for index, chunk in enumerate(raw_pages):
        chunk_lines = chunk.split("\n")
        raw.extend((_clean(line), index) for line in chunk_lines)
        given = hints[index] if hints is not None and index < len(hints) else None
        if given is not None and len(given) == len(chunk_lines):
            line_hints.extend(given)
        else:
            line_hints.extend([None] * len(chunk_lines))

    nonblank = [i for i, (line, _) in enumerate(raw) if line.strip()]
    followed_by_blank = sum(1 for i in nonblank if i + 1 < len(raw) and not raw[i + 1][0].strip())
    # a blank line between a line and its lower-case continuation: wrapped, double spaced
    wrapped_across_blank = sum(
        1 for a, b in pairwise(nonblank) if b > a + 1 and raw[b][0].lstrip()[:1].islower()
    )
    double = (
        len(nonblank) >= 4
        and followed_by_blank >= 0.7 * len(nonblank)
        and wrapped_across_blank >= 2
    )

    signature = [
        i
        for i in nonblank
        if i > 0
        and raw[i][0][:1] in (" ", "\t")
        and raw[i - 1][0].strip()
        and raw[i][1] == raw[i - 1][1]
    ]
    first_indented = bool(nonblank) and raw[nonblank[0]][0][:1] in (" ", "\t")
    pasted_pages = double and (len(signature) >= 2 or (first_indented and len(signature) >= 1))
    pages_known = paged or form_feeds or pasted_pages
    signature_set = set(signature) if pasted_pages else set()

    out: list[_Line] = []
    page = page_numbers[0] if page_numbers else 0
    blank_run = 0
    spaces_only = False
    prev_ff = 0
    for i, (line, ff_index) in enumerate(raw):
        content = collapse(line)
        if not content:
            blank_run += 1
            if line and line.strip() == "" and line != "":
                spaces_only = True
            continue
        new_page = False
        if ff_index != prev_ff:
            if page_numbers is None:
                page += ff_index - prev_ff
            else:
                page += page_numbers[ff_index] - page_numbers[prev_ff]
            prev_ff = ff_index
            new_page = True
        if i in signature_set:
            page += 1
            new_page = True
        if not out:
            new_page = True
        hard = (blank_run >= 2 or spaces_only) if double else blank_run >= 1
        stripped = line.rstrip()
        out.append(
            _Line(
                text=content,
                page=page if pages_known else None,
                page_start=new_page and pages_known,
                hard_break=hard,
                trailing=len(line) - len(line.rstrip(" \t")),
                width=len(stripped),
                raw=line,
                hint=line_hints[i],
            )
        )
        blank_run = 0
        spaces_only = False
    infer = double or len(nonblank) == len(raw)
    return out, pages_known, infer
