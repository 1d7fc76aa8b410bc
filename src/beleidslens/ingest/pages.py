"""Pages of text taken from a PDF: explicit page markers, page numbers and page furniture.

* **Page markers.** Text dumped from a PDF often marks every page with a line
  ``===== [page N] =====``. Such a line is not text: it starts page ``N``.
* **Page numbers.** A number alone on a page's first or last line is the printed page number
  and is dropped.
* **Page furniture.** Running headers and footers — a document title, a slogan, a page
  number, often glued together (``13 Concept-verkiezingsprogramma 2025-2030``) — repeat at
  the top or bottom of many pages. A short line among the first or last
  ``furniture_zone`` lines of a page is furniture when the same line, with every run of
  digits taken as equal (so a varying page number still matches), stands in that zone on at
  least ``furniture_share`` of the pages and at least ``furniture_min_pages`` times,
  and on fewer than half as many pages away from the top and bottom (a line repeated in the
  body is text).
  Furniture lines are removed (not blanked), so they never become headings or split a paragraph.

Every tuned number here is a field of :data:`PARAMS`
(:class:`~beleidslens.ingest.params.PageParams`, documented in ``docs/document-model.md``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .params import PageParams
from .spaces import collapse

PAGE_MARKER = re.compile(r"^[ \t]*=====[ \t]*\[page[ \t]+(\d{1,5})\][ \t]*=====[ \t]*$", re.M)
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–]\s*)?\d{1,4}(?:\s*[-–])?\s*$")
_DIGITS = re.compile(r"\d+")

PARAMS = PageParams()  # every tuned number of this module (beleidslens.ingest.params)


@dataclass(slots=True)
class Page:
    """The raw text of one page and its number (``None``: count on from the previous).

    ``hints``: what an ingester that reads layout (PDF) already knows about each line of
    ``text`` (aligned with ``text.split("\n")``): ``None`` — let the block builder decide
    (always so for a blank line); ``0`` — text, never a heading; ``1``/``2``/``3`` — a
    heading of that level (chapter, section, subsection). Pages with hints are taken as
    they are: no furniture or page-number removal, no chapter-page guessing.
    """

    text: str
    number: int | None = None
    hints: list[int | None] | None = None


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
    return _DIGITS.sub("#", collapse(line).casefold())


def _zones(lines: list[str]) -> tuple[list[int], list[int]]:
    content = [i for i, line in enumerate(lines) if line.strip()]
    return content[: PARAMS.furniture_zone], content[-PARAMS.furniture_zone :]


def drop_furniture(pages: list[str]) -> list[str]:
    """The pages without their running headers and footers (see the module's docstring)."""
    split = [p.replace("\r\n", "\n").replace("\r", "\n").split("\n") for p in pages]
    with_text = sum(1 for lines in split if any(line.strip() for line in lines))
    if with_text < PARAMS.furniture_min_pages:
        return pages
    longest = PARAMS.furniture_max_chars
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    middle: Counter[str] = Counter()
    for lines in split:
        head, tail = _zones(lines)
        top.update({_key(lines[i]) for i in head if len(lines[i].strip()) <= longest})
        bottom.update({_key(lines[i]) for i in tail if len(lines[i].strip()) <= longest})
        edge = set(head) | set(tail)
        middle.update(
            {_key(line) for i, line in enumerate(lines) if i not in edge and line.strip()}
        )
    need = max(PARAMS.furniture_min_pages, PARAMS.furniture_share * with_text)
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


# -- chapter openings ----------------------------------------------------------------------

_HOOFDSTUK_LINE = re.compile(r"^hoofdstuk\s+(\d{1,2})(?:\s*[:.–-]?\s+(\S.*))?$", re.IGNORECASE)
_TITLE_END = re.compile(r"[.!?;:…]$")


def chapter_heading(number: str, title: str) -> str:
    """The one heading line of a chapter opening: ``Hoofdstuk 1: Democratie en veiligheid``."""
    title = " ".join(title.split())
    return f"Hoofdstuk {number}: {title}" if title else f"Hoofdstuk {number}"


def _title_line(line: str) -> bool:
    text = line.strip()
    return (
        0 < len(text) <= PARAMS.chapter_title_chars
        and not _TITLE_END.search(text)
        and any(c.isalpha() for c in text)
    )


def _join_title(lines: list[str]) -> str:
    out = ""
    for line in lines:
        text = collapse(line)
        if out.endswith("-") and len(out) >= 2 and out[-2].isalpha() and text[:1].islower():
            out += text  # "samen-" + "leving": keep the hyphen, as in running text
        else:
            out = f"{out} {text}" if out else text
    return out


def _chapter_page(content: list[str]) -> bool:
    """Only short lines, one of them ``Hoofdstuk N``: a page that announces a chapter."""
    return (
        len(content) <= PARAMS.chapter_page_lines
        and all(len(line.strip()) <= PARAMS.chapter_title_chars for line in content)
        and sum(1 for line in content if _HOOFDSTUK_LINE.match(line.strip())) == 1
    )


def chapter_openings(pages: list[str]) -> tuple[list[str], set[int]]:
    """Pages whose ``Hoofdstuk N`` and its (wrapped) title become one heading line.

    * A **chapter page** holds only short lines, one of them ``Hoofdstuk N``: its other
      lines are the title, in their order, wherever ``Hoofdstuk N`` stands (before or after
      the title). Lines that recur (digits taken as equal) on at least
      ``furniture_min_pages`` chapter pages and on half of them or more are the chapter
      pages' own furniture (a slogan, ``Verkiezingsprogramma 2025 7``), not title, and are
      dropped: a title differs from chapter to chapter.
    * A page that **starts** with ``Hoofdstuk N`` takes the next up to
      ``chapter_title_lines`` short lines without a sentence end as its title, when more
      text follows them.

    The title may have at most ``chapter_title_words`` words; otherwise the page stays as
    it is. Returns the pages, with such lines replaced by the one line
    ``Hoofdstuk N: Titel``, and the indices of the pages that now open with a chapter.
    """
    split = [p.replace("\r\n", "\n").replace("\r", "\n").split("\n") for p in pages]
    positions = [[k for k, line in enumerate(lines) if line.strip()] for lines in split]
    contents = [[lines[k] for k in pos] for lines, pos in zip(split, positions, strict=True)]
    chapter_pages = [i for i, content in enumerate(contents) if _chapter_page(content)]
    counts: Counter[str] = Counter()
    for i in chapter_pages:
        counts.update(
            {_key(line) for line in contents[i] if not _HOOFDSTUK_LINE.match(line.strip())}
        )
    need = max(PARAMS.furniture_min_pages, PARAMS.chapter_slogan_share * len(chapter_pages))
    slogans = {k for k, n in counts.items() if n >= need}
    out = list(pages)
    opened: set[int] = set()
    for i, content in enumerate(contents):
        if not content:
            continue
        if i in chapter_pages:
            keep = [line for line in content if _key(line) not in slogans]
            head = next((m for line in keep if (m := _HOOFDSTUK_LINE.match(line.strip()))), None)
            if head is None:
                continue
            title_lines = [ln for ln in keep if not _HOOFDSTUK_LINE.match(ln.strip())]
            if head.group(2):
                title_lines.insert(0, head.group(2))
            rest: list[str] = []
        else:
            head = _HOOFDSTUK_LINE.match(content[0].strip())
            if head is None:
                continue
            title_lines = [head.group(2)] if head.group(2) else []
            k = 1
            while (
                k < len(content)
                and k <= PARAMS.chapter_title_lines
                and _title_line(content[k])
                and not _HOOFDSTUK_LINE.match(content[k].strip())
            ):
                k += 1
            if k == len(content):
                continue  # nothing after the title: no opening to be sure of
            title_lines += content[1:k]
            rest = split[i][positions[i][k] :]  # as written, blank lines included
        title = _join_title(title_lines)
        if len(title.split()) > PARAMS.chapter_title_words:
            continue
        out[i] = "\n".join([chapter_heading(head.group(1), title), *rest])
        opened.add(i)
    return out, opened


# -- statement headings ----------------------------------------------------------------------

_STATEMENT = re.compile(r"[.!]['\"”’]?$")


def statement_heading(text: str) -> bool:
    """A heading the layout found that is a sentence (at least ``statement_min_words``
    words ending in ``.`` or ``!``: a one-line commitment set as a heading) is also a passage
    candidate; whether it states a commitment is the analysis' call."""
    return len(text.split()) >= PARAMS.statement_min_words and bool(_STATEMENT.search(text))
