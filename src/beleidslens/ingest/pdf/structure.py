"""From a PDF's laid-out lines to pages of text with a hint per line for the block builder.

Order of work (each step in its own module):

1. **Lettering** (here): letter-spaced text is joined (``O n z e`` → ``Onze``; letters that
   pdfium reads as lines of their own next to each other are one word); a first character in
   another font than the line's text, alone before a space (an icon font's check mark that
   reads as ``4``), is a bullet ``•``.
2. **Furniture** (:mod:`.furniture`): running headers, footers and page numbers are dropped;
   footnotes and table-of-contents lines are kept as text that is never a heading.
3. **Headings**: from the outline where it is usable and its entries are found on their
   pages (:mod:`.outline`); other headings from type (:mod:`.headings`), as sections only
   when the outline gave the chapters.
4. **Paragraphs**: a vertical gap larger than ``paragraph_gap`` times the body's line
   pitch is a blank line (a hard break for the block builder).

Hints (see :class:`..pages.Page`): ``None`` for a blank line, ``0`` for text that is no
heading, ``1``/``2`` for a chapter/section heading (its lines joined into one).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from ..pages import Page, chapter_heading
from . import furniture as fur
from .headings import candidates, levels, text_of
from .layout import PageLayout, TextLine
from .outline import clean_outline, match_entries
from .params import current
from .reader import PdfContent
from .tables import place_cells

_SPACED = re.compile(r"(?<!\S)(?:[^\W\d_] ){2,}[^\W\d_](?!\S)")
_CHAPTER_LABEL = re.compile(r"^(?:hoofdstuk|chapter)\s+\d{1,2}$", re.IGNORECASE)
_LETTERS = re.compile(r"^[^\W\d_]{1,2}$")


@dataclass(slots=True)
class Structure:
    pages: list[Page]
    labels: dict[int, str]  # physical page number (1-based) -> printed label
    outline_entries: int = 0
    outline_found: int = 0
    chapters_from: str = "type"  # "outline" or "type"
    headings: list[tuple[int, str]] = field(default_factory=list)  # (level, text)


def _unspace(text: str) -> str:
    return _SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)


def _near(a: TextLine, b: TextLine) -> bool:
    size = max(a.size, b.size, 1.0)
    return (
        abs(a.size - b.size) <= 1.0
        and abs(a.top - b.top) <= 2.5 * size
        and (abs(b.x0 - a.x1) <= size or abs(b.x0 - a.x0) <= size)
    )


def letters(page: PageLayout) -> None:
    """Join letter-spaced text and mark bullet glyphs, in place."""
    out: list[TextLine] = []
    for line in page.lines:
        text = _unspace(line.text)
        first, _, rest = text.partition(" ")
        if len(first) == 1 and rest and line.first_font != line.font and not first.isalpha():
            text = "• " + rest
        line.text = text
        prev = out[-1] if out else None
        if (
            prev is not None
            and _LETTERS.match(text)
            and prev.text[-1:].isalpha()
            and (len(prev.text) <= 2 or prev.text[-2:-1].isalpha())
            and _near(prev, line)
        ):
            prev.text += text
            prev.x1 = max(prev.x1, line.x1)
            continue
        out.append(line)
    page.lines = out


_LEAD_IN = re.compile(r":$")
_RUNS_ON = re.compile(
    r"(?:[,;–-]|\s(?:en|of|voor|van|de|het|een|in|op|met|aan|naar|door|bij|tot|om))$"
)
_MARKED = re.compile(r"^(?:[•●▪◦■□➢►▸‣○·\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8–*-]|o)\s")


def list_items(pages: list[PageLayout], body: float, skip: dict[int, set[int]]) -> None:
    """Lines set in from the left edge after a lead-in ending in ``:`` are list items even
    without a glyph (a bullet drawn as a picture): each starts where the line before it
    ends a sentence, stops short of the right edge, or is the lead-in; a line that runs on
    (after a comma or joining word, or a full line) continues the item. In place."""
    in_list = False
    margins: dict[int, Counter[int]] = {0: Counter(), 1: Counter()}  # even/odd pages
    for p, page in enumerate(pages):
        margins[page.index % 2].update(
            round(ln.x0)
            for i, ln in enumerate(page.lines)
            if i not in skip[p] and abs(ln.size - body) < 0.6 and ln.x0 < 0.4 * page.width
        )
    for p, page in enumerate(pages):
        body_lines = [
            ln for i, ln in enumerate(page.lines) if i not in skip[p] and abs(ln.size - body) < 0.6
        ]
        if len(body_lines) < 3:
            in_list = False
            continue
        left = min(round(ln.x0) for ln in body_lines)
        usual = margins[page.index % 2].most_common(1)
        if usual and left - current().indent_max < usual[0][0] < left:
            left = usual[0][0]  # a page of list items only: the text's usual left edge
        rights = sorted(ln.x1 for ln in body_lines)
        right = rights[int(0.9 * (len(rights) - 1))]
        prev: TextLine | None = None
        for i, line in enumerate(page.lines):
            if i in skip[p]:
                continue
            indent = line.x0 - left
            if (
                not current().indent_min <= indent <= current().indent_max
                or line.x0 > 0.5 * page.width
            ):
                in_list = bool(_LEAD_IN.search(line.text)) and abs(line.size - body) < 2.5
                prev = line
                continue
            if in_list and not _MARKED.match(line.text) and line.text[:1].isupper():
                new_item = (
                    prev is None
                    or _LEAD_IN.search(prev.text) is not None
                    or prev.x0
                    < line.x0 - current().indent_min  # the lead-in, or a line less indented
                    or re.search(r"[.!?]$", prev.text) is not None
                    or (prev.x1 < right - 1.2 * body and not _RUNS_ON.search(prev.text))
                )
                if new_item:
                    line.text = "• " + line.text
            prev = line


def _pitch(pages: list[PageLayout], body: float) -> float:
    steps = [
        b.top - a.top
        for page in pages
        for a, b in zip(page.lines, page.lines[1:], strict=False)
        if abs(a.size - body) < 0.6 and abs(b.size - body) < 0.6 and 0 < b.top - a.top < 3 * body
    ]
    return statistics.median(steps) if steps else 1.2 * body


def build(content: PdfContent) -> Structure:
    pages = content.pages
    fur.drop_rulers(pages)
    fur.strip_line_numbers(pages)
    carried = None  # the columns of a table that may go on on the next page
    for page in pages:
        letters(page)
        carried = place_cells(page.lines, carried)
    body = fur.body_size(pages)
    pitch = _pitch(pages, body)
    furniture_found = fur.find_furniture(pages)
    furniture = furniture_found.lines
    labels = fur.printed_labels(pages, furniture_found, content.labels)
    skip: dict[int, set[int]] = {p: set() for p in range(len(pages))}
    for p, i in furniture:
        skip[p].add(i)
    quiet: dict[int, set[int]] = {}  # text that is never a heading
    notes: dict[int, set[int]] = {}
    for p, page in enumerate(pages):
        toc = fur.toc_lines(page, skip[p])
        notes[p] = fur.footnotes(page, body, skip[p] | toc)
        quiet[p] = toc | notes[p]
    usable = {p: set(range(len(page.lines))) - skip[p] - quiet[p] for p, page in enumerate(pages)}
    list_items(pages, body, skip)

    entries = clean_outline(content.outline)
    from_outline = match_entries(entries, pages, usable) if entries else {}
    use_outline = bool(entries) and len(from_outline) >= current().outline_found * len(entries)
    found = {p: candidates(page, usable[p], body, pitch) for p, page in enumerate(pages)}
    typed = levels(pages, found, body)
    heads: dict[int, dict[int, tuple[int, int]]] = {}  # page -> first -> (last, level)
    if use_outline:
        for (p, first), (last, level) in from_outline.items():
            heads.setdefault(p, {})[first] = (last, level)
    for p, items in typed.items():
        for first, last, level in items:
            taken = heads.get(p, {})
            if any(f <= last and first <= end for f, (end, _) in taken.items()):
                continue
            heads.setdefault(p, {})[first] = (last, 2 if use_outline else level)

    # a PDF set in one style says nothing about its headings: the text decides
    body_hint = 0 if heads else None
    out_pages: list[Page] = []
    listed: list[tuple[int, str]] = []
    for p, page in enumerate(pages):
        texts: list[str] = []
        hints: list[int | None] = []
        prev: TextLine | None = None
        prev_note = False
        page_heads = heads.get(p, {})
        i = 0
        while i < len(page.lines):
            line = page.lines[i]
            if i in skip[p]:
                i += 1
                continue
            gap = prev is not None and (
                line.top - prev.top > current().paragraph_gap * pitch
                or (i in notes[p]) != prev_note
            )
            if i in page_heads:
                last, level = page_heads[i]
                text = text_of(page, i, last)
                after = page_heads.get(last + 1)
                if _CHAPTER_LABEL.match(text) and after is not None:
                    # "Hoofdstuk 2" over its title: one chapter heading
                    title = text_of(page, last + 1, after[0])
                    text, last, level = chapter_heading(text.split()[-1], title), after[0], 1
                if texts:
                    texts.append("")
                    hints.append(None)
                texts.append(text)
                hints.append(level)
                listed.append((level, text))
                prev, prev_note = page.lines[last], False
                i = last + 1
                continue
            if gap and texts and texts[-1] != "":
                texts.append("")
                hints.append(None)
            texts.append(line.text)
            hints.append(0 if i in quiet[p] else body_hint)
            prev, prev_note = line, i in notes[p]
            i += 1
        out_pages.append(Page("\n".join(texts), page.index + 1, hints))
    return Structure(
        out_pages,
        {i + 1: label for i, label in labels.items()},
        outline_entries=len(entries),
        outline_found=len(from_outline),
        chapters_from="outline" if use_outline else "type",
        headings=listed,
    )
