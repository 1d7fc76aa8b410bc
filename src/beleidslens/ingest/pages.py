"""Pages of text taken from a PDF: explicit page markers, page numbers and page furniture.

* **Page markers.** Text dumped from a PDF often marks every page with a line
  ``===== [page N] =====``. Such a line is not text: it starts page ``N``.
* **Page numbers.** A number alone on a page's first or last line is the printed page number
  and is dropped.
* **Page furniture.** Running headers and footers — a document title, a slogan, a page
  number, often glued together (``13 Concept-verkiezingsprogramma 2025-2030``) — repeat at
  the top or bottom of many pages. A short line among the first or last
  :data:`FURNITURE_ZONE` lines of a page is furniture when the same line, with every run of
  digits taken as equal (so a varying page number still matches), stands in that zone on at
  least :data:`FURNITURE_SHARE` of the pages and at least :data:`FURNITURE_MIN_PAGES` times,
  and on fewer than half as many pages away from the top and bottom (a line repeated in the
  body is text).
  Furniture lines are removed (not blanked), so they never become headings or split a paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

PAGE_MARKER = re.compile(r"^[ \t]*=====[ \t]*\[page[ \t]+(\d{1,5})\][ \t]*=====[ \t]*$", re.M)
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–]\s*)?\d{1,4}(?:\s*[-–])?\s*$")
_DIGITS = re.compile(r"\d+")

FURNITURE_ZONE = 4  # non-blank lines at the top and at the bottom of a page
FURNITURE_SHARE = 0.3  # of the pages with text
FURNITURE_MIN_PAGES = 3
FURNITURE_MAX_CHARS = 100


@dataclass(slots=True)
class Page:
    """The raw text of one page and its number (``None``: count on from the previous)."""

    text: str
    number: int | None = None


def split_marked(text: str) -> list[Page] | None:
    """Split text at ``===== [page N] =====`` lines; ``None`` when there is no such line.

    Text before the first marker (usually nothing) belongs to the first marker's page.
    """
    marks = list(PAGE_MARKER.finditer(text))
    if not marks:
        return None
    pages = [Page(text[: marks[0].start()], int(marks[0].group(1)))]
    for mark, after in zip(marks, [*marks[1:], None], strict=True):
        end = after.start() if after is not None else len(text)
        pages.append(Page(text[mark.end() + 1 : end], int(mark.group(1))))
    return pages


def strip_page_numbers(page_text: str) -> str:
    """Drop a page number alone on the first or last non-blank line of a page."""
    lines = page_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    content = [i for i, line in enumerate(lines) if line.strip()]
    if content and _PAGE_NUMBER.match(lines[content[0]]):
        lines[content[0]] = ""
    if len(content) > 1 and _PAGE_NUMBER.match(lines[content[-1]]):
        lines[content[-1]] = ""
    return "\n".join(lines)


def _key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()).casefold())


def _zones(lines: list[str]) -> tuple[list[int], list[int]]:
    content = [i for i, line in enumerate(lines) if line.strip()]
    return content[:FURNITURE_ZONE], content[-FURNITURE_ZONE:]


def drop_furniture(pages: list[str]) -> list[str]:
    """The pages without their running headers and footers (see the module's docstring)."""
    split = [p.replace("\r\n", "\n").replace("\r", "\n").split("\n") for p in pages]
    with_text = sum(1 for lines in split if any(line.strip() for line in lines))
    if with_text < FURNITURE_MIN_PAGES:
        return pages
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    middle: Counter[str] = Counter()
    for lines in split:
        head, tail = _zones(lines)
        top.update({_key(lines[i]) for i in head if len(lines[i].strip()) <= FURNITURE_MAX_CHARS})
        bottom.update(
            {_key(lines[i]) for i in tail if len(lines[i].strip()) <= FURNITURE_MAX_CHARS}
        )
        edge = set(head) | set(tail)
        middle.update(
            {_key(line) for i, line in enumerate(lines) if i not in edge and line.strip()}
        )
    need = max(FURNITURE_MIN_PAGES, FURNITURE_SHARE * with_text)
    # a line that recurs as often inside pages is repeated text, not a running header
    top_keys = {k for k, n in top.items() if n >= need and 2 * middle[k] < n}
    bottom_keys = {k for k, n in bottom.items() if n >= need and 2 * middle[k] < n}
    if not top_keys and not bottom_keys:
        return pages
    out = []
    for page, lines in zip(pages, split, strict=True):
        head, tail = _zones(lines)
        drop = {i for i in head if _key(lines[i]) in top_keys}
        drop |= {i for i in tail if _key(lines[i]) in bottom_keys}
        if not drop:
            out.append(page)
            continue
        out.append("\n".join(line for i, line in enumerate(lines) if i not in drop))
    return out


def trim_blank_edges(page_text: str) -> str:
    """The page without blank lines before its first and after its last line of text (a
    blank line at a page edge says nothing about the text's structure)."""
    lines = page_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    content = [i for i, line in enumerate(lines) if line.strip()]
    if not content:
        return ""
    return "\n".join(lines[content[0] : content[-1] + 1])
