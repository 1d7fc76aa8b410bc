"""Page furniture by position and recurrence: running headers and footers, printed page
numbers, footnotes and tables of contents.

* **Running headers and footers.** A line in the top or bottom band of a page
  (``band`` of the page height) is furniture when the same text, every run of digits
  taken as equal, stands in that band at about the same height on at least
  ``recur_share`` of the pages (and ``recur_min`` times); a number alone in a band
  is the printed page number.
* **Line numbers.** Numbers alone at the same place with the same value on many pages (a
  concept programme's margin ruler) are removed before anything else.
* **Printed page numbers.** The numbers in the furniture of each page, against its physical
  number: the most common difference (on at least ``number_share`` of the pages that
  carry a number) gives every page its printed number. The PDF's own page labels
  (``/PageLabels``) win where it has them.
* **Footnotes.** At the foot of a page, below the body text, lines set smaller than the body
  (at most ``footnote_size`` of it) that start with a number: a footnote, never a
  heading, kept as its own paragraph.
* **Tables of contents.** A page with at least ``toc_min`` lines that end in a page
  number (after dot leaders or a space) whose numbers never go down is a table of contents:
  its lines are text, never headings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from .layout import PageLayout, TextLine
from .params import current

_DIGITS = re.compile(r"\d+")
_BARE_NUMBER = re.compile(r"^(?:[-–]\s*)?(\d{1,4})\.?(?:\s*[-–])?$")
_PAIR = re.compile(r"^(\d{1,4})\s+(\d{1,4})$")  # a spread's two page numbers on one line
_NUMBER_TOKEN = re.compile(r"(?<![\w.,])(\d{1,4})(?![\w.,%])")
_TOC_LINE = re.compile(r"(?:\.{3,}|…{2,}|\s)\s*(\d{1,3})$")
_FOOTNOTE_START = re.compile(r"^\d{1,3}(?:\s|[A-Za-z(])")


def _key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.split()).casefold())


def _band(line: TextLine, page: PageLayout) -> str | None:
    if (
        line.bottom <= current().band * page.height
        or line.top <= 0.5 * current().band * page.height
    ):
        return "top"
    if line.top >= (1 - current().band) * page.height:
        return "bottom"
    return None


@dataclass(slots=True)
class Furniture:
    """What :func:`find_furniture` found."""

    lines: set[tuple[int, int]]  # (page position, line position) of every furniture line
    numbers: dict[int, int]  # the printed number in a page's furniture, by page position
    # spreads (two printed pages side by side): (number, on the right half) by page position
    sides: dict[int, list[tuple[int, bool]]] = field(default_factory=dict)


def drop_rulers(pages: list[PageLayout]) -> int:
    """Remove line numbers set in the margin (a concept programme's ruler): a number alone
    that stands at the same place with the same value on ``recur_share`` of the pages (and
    ``recur_min``); a page number changes from page to page. Returns the lines removed."""
    params = current()
    place: Counter[tuple[str, int, int]] = Counter()
    for page in pages:
        place.update(
            {
                (ln.text, round(ln.top / 2), round(ln.x0 / 2))
                for ln in page.lines
                if _BARE_NUMBER.match(ln.text)
            }
        )
    need = max(params.recur_min, params.recur_share * len(pages))
    rulers = {k for k, n in place.items() if n >= need}
    if not rulers:
        return 0
    removed = 0
    for page in pages:
        kept = [
            ln
            for ln in page.lines
            if (ln.text, round(ln.top / 2), round(ln.x0 / 2)) not in rulers
            or not _BARE_NUMBER.match(ln.text)
        ]
        removed += len(page.lines) - len(kept)
        page.lines = kept
    return removed


_LEADING_NUMBER = re.compile(r"^(\d{1,4})(?:\s+|$)")


def _left_edge(page: PageLayout) -> float:
    """The x where most of the page's lines that do not start with a number start."""
    edges = Counter(
        round(ln.x0)
        for ln in page.lines
        if ln.x0 < 0.5 * page.width and not _LEADING_NUMBER.match(ln.text)
    )
    return float(edges.most_common(1)[0][0]) if edges else 0.0


def strip_line_numbers(pages: list[PageLayout]) -> int:
    """Remove line numbers counted down the page in the margin left of the text, also where
    pdfium reads one as the start of its text line (``4 BIJ1 droomt…``): on ``recur_share``
    of the pages (and ``recur_min``) at least ``numbered_lines`` lines start ``number_margin``
    left of the text's edge with
    a number, the numbers rising down the page. Then on every page such numbers left of
    that edge are taken out: a number alone is removed, a line that starts with one loses
    it and starts at the text's edge. Returns the lines changed."""
    params = current()

    def numbered(page: PageLayout, edge: float) -> list[int] | None:
        found = [
            (i, int(m.group(1)))
            for i, ln in enumerate(page.lines)
            if ln.x0 < edge - params.number_margin and (m := _LEADING_NUMBER.match(ln.text))
        ]
        ordered = [n for _, n in sorted(found, key=lambda f: page.lines[f[0]].top)]
        return [i for i, _ in found] if all(a < b for a, b in pairwise(ordered)) else None

    edges: Counter[float] = Counter()
    for page in pages:
        edge = _left_edge(page)
        if len(numbered(page, edge) or []) >= params.numbered_lines:
            edges[edge] += 1
    if sum(edges.values()) < max(params.recur_min, params.recur_share * len(pages)):
        return 0
    edge = edges.most_common(1)[0][0]  # the text's edge; the numbers stand left of it
    changed = 0
    for page in pages:
        drop: set[int] = set()
        for i in numbered(page, edge) or []:
            line = page.lines[i]
            rest = _LEADING_NUMBER.sub("", line.text, count=1)
            if not rest:
                drop.add(i)
            else:
                line.text, line.x0 = rest, max(line.x0, edge)
                if line.cells:
                    line.cells = line.cells[1:]
            changed += 1
        page.lines = [ln for i, ln in enumerate(page.lines) if i not in drop]
    return changed


def find_furniture(pages: list[PageLayout]) -> Furniture:
    """Every furniture line and the printed numbers found in them (see the module)."""
    params = current()
    seen: Counter[tuple[str, str]] = Counter()
    for page in pages:
        seen.update({(b, _key(ln.text)) for ln in page.lines if (b := _band(ln, page))})
    need = max(params.recur_min, params.recur_share * len(pages))
    recurring = {k for k, n in seen.items() if n >= need}
    found = Furniture(set(), {})
    for p, page in enumerate(pages):
        edges = {0, len(page.lines) - 1}
        for i, line in enumerate(page.lines):
            band = _band(line, page)
            if (
                band is None
                and i in edges
                and _BARE_NUMBER.match(line.text)
                and not 0.15 * page.height < line.top < 0.85 * page.height
            ):
                band = "edge"  # a number alone first or last on the page: its page number
            if band is None:
                continue
            bare = _BARE_NUMBER.match(line.text)
            pair = _PAIR.match(line.text)
            if bare or (band, _key(line.text)) in recurring:
                found.lines.add((p, i))
                numbers = [int(bare.group(1))] if bare else _page_numbers(line.text)
                if len(numbers) == 1 and p not in found.numbers:
                    found.numbers[p] = numbers[0]
            if bare:
                right = line.x0 + line.x1 > page.width
                found.sides.setdefault(p, []).append((int(bare.group(1)), right))
            elif pair and int(pair.group(2)) == int(pair.group(1)) + 1:
                found.lines.add((p, i))
                left, right_n = int(pair.group(1)), int(pair.group(2))
                found.sides.setdefault(p, []).extend([(left, False), (right_n, True)])
    return found


def _page_numbers(text: str) -> list[int]:
    """Numbers in a running header that may be a page number (not a year)."""
    return [int(n) for n in _NUMBER_TOKEN.findall(text) if not 1900 <= int(n) <= 2100]


def _spread_labels(
    pages: list[PageLayout], sides: dict[int, list[tuple[int, bool]]]
) -> dict[int, str]:
    """Labels of a PDF of spreads (most pages wider than high: two printed pages side by
    side): the physical page ``p`` (1-based) shows ``2p + b - 1`` and ``2p + b``, ``b`` the
    most common offset of the numbers printed on the spreads' right (and left) halves. A
    single page among them shows ``2p + b`` before the first spread (the cover), the number
    after the last one shown after it (the back cover)."""
    if sum(page.width > current().spread_ratio * page.height for page in pages) < 0.5 * len(pages):
        return {}
    votes: Counter[int] = Counter()
    for p, marks in sides.items():
        physical = pages[p].index + 1
        if pages[p].width > current().spread_ratio * pages[p].height:
            votes.update({n - 2 * physical + (0 if right else 1) for n, right in marks})
    if not votes:
        return {}
    offset, n = votes.most_common(1)[0]
    if n < max(2, current().number_share * len(sides)):
        return {}
    labels: dict[int, str] = {}
    shown = 0  # the last printed page number given
    for page in pages:
        right = 2 * (page.index + 1) + offset
        if page.width > current().spread_ratio * page.height:
            if right - 1 >= 1:
                labels[page.index] = f"{right - 1}–{right}"
            shown = right
        elif (single := shown + 1 if shown else right) >= 1:
            labels[page.index] = str(single)
            shown = single
    return labels


def printed_labels(
    pages: list[PageLayout], found: Furniture, pdf_labels: dict[int, str]
) -> dict[int, str]:
    """Printed page label by physical page index (0-based)."""
    if len(pdf_labels) >= 0.5 * len(pages) and pdf_labels:
        return {page.index: pdf_labels[page.index] for page in pages if page.index in pdf_labels}
    spreads = _spread_labels(pages, found.sides)
    if spreads:
        return spreads
    numbers = found.numbers
    offsets = Counter(n - page.index - 1 for page, n in ((pages[p], n) for p, n in numbers.items()))
    if not offsets:
        return {}
    offset, votes = offsets.most_common(1)[0]
    if votes < max(2, current().number_share * len(numbers)):
        return {}
    return {
        page.index: str(page.index + 1 + offset) for page in pages if page.index + 1 + offset >= 1
    }


def body_size(pages: list[PageLayout]) -> float:
    """The font size most of the text is set in."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def footnotes(page: PageLayout, body: float, skip: set[int]) -> set[int]:
    """Positions of the footnote lines at the foot of ``page``."""
    small = [
        i
        for i, line in enumerate(page.lines)
        if i not in skip
        and line.size <= current().footnote_size * body
        and line.top > 0.55 * page.height
    ]
    if not small:
        return set()
    lowest_body = max(
        (
            ln.bottom
            for i, ln in enumerate(page.lines)
            if i not in skip and ln.size > current().footnote_size * body
        ),
        default=0.0,
    )
    start = next(
        (
            i
            for i in small
            if page.lines[i].top >= lowest_body - 1
            and (
                _FOOTNOTE_START.match(page.lines[i].text) or _BARE_NUMBER.match(page.lines[i].text)
            )
        ),
        None,
    )
    if start is None:
        return set()
    top = page.lines[start].top
    return {i for i in small if page.lines[i].top >= top - 1}


def toc_lines(page: PageLayout, skip: set[int]) -> set[int]:
    """Positions of a table of contents' lines on ``page`` (empty when it has none)."""
    entries = [
        (i, int(m.group(1)))
        for i, line in enumerate(page.lines)
        if i not in skip and (m := _TOC_LINE.search(line.text)) and len(line.text.split()) <= 16
    ]
    if len(entries) < current().toc_min:
        return set()
    rising = sum(1 for (_, a), (_, b) in pairwise(entries) if b >= a)
    if rising < 0.7 * (len(entries) - 1):
        return set()
    out = {i for i, _ in entries}
    # the entries' own wrapped lines and bare numbers between them
    first, last = min(out), max(out)
    for i in range(first, last + 1):
        if i not in skip and len(page.lines[i].text.split()) <= 12:
            out.add(i)
    return out
