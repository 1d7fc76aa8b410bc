"""Headings from type: size and weight relative to the body text, numbering and position.

* A **candidate** line is set at least ``size_step`` points (and ``size_ratio`` of
  it) larger than the body text, or bold at body size and standing alone (a gap before it,
  or a line in another style after it); it has letters, does not end in ``,``, ``;`` or
  ``:`` and is not furniture, a footnote or a table-of-contents line.
* Candidate lines that follow each other closely in the same style are **one heading** (at
  most ``max_lines`` lines and ``max_words`` words; a longer run is a pull quote,
  not a heading).
* **Level**: the largest size that is used for headings on at least ``chapter_pages``
  pages (and no more than ``chapter_share`` of them) is the chapter size; headings set
  as large or larger are chapters, the others sections. Numbering corrects that: ``N.M``
  is a section, ``N.``/``N`` is a chapter where ``N.M`` sections exist, and so is
  ``Hoofdstuk N``.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .layout import PageLayout, TextLine
from .params import current

_NO_END = re.compile(r"[,;:]$")
_QUOTE_OPEN = "“‘\"'„«"
_QUOTE_CLOSE = re.compile(r"[”’\"'»][.!?]?$")
_BULLET = re.compile(r"^[•●▪◦■□➢►▸‣○·\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8–-]\s")
_SUB = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\.\d{1,2})?\.?\s+\S")
_CHAPTER_NUM = re.compile(r"^(\d{1,2})\.?\s+[^\W\d_]")
_NUMBER_LOWER = re.compile(r"^\d[\d.,]*\s+[a-z]")
_HOOFDSTUK = re.compile(r"^hoofdstuk\s+\d{1,2}\b", re.IGNORECASE)

Heading = tuple[int, int, int]  # first line, last line, level


def _large(line: TextLine, body: float) -> bool:
    return line.size >= max(body + current().size_step, current().size_ratio * body)


def _style(line: TextLine) -> tuple[float, bool]:
    return round(line.size * 2) / 2, line.bold


def candidates(
    page: PageLayout, usable: set[int], body: float, pitch: float
) -> list[tuple[int, int]]:
    """(first, last) line positions of the candidate headings on ``page``."""
    lines = page.lines

    quote: set[int] = set()  # a pull quote's lines: from an opening to a closing quote mark
    for i, line in enumerate(lines):
        if line.text[:1] in _QUOTE_OPEN and i not in quote:
            for k in range(i, min(len(lines), i + 10)):
                quote.add(k)
                if _QUOTE_CLOSE.search(lines[k].text):
                    break

    def ok(i: int, first: bool = True) -> bool:
        if i not in usable or i in quote:
            return False
        line = lines[i]
        if not any(c.isalpha() for c in line.text):
            return False
        if _BULLET.match(line.text):
            return False  # a list item, also when its lead-in is bold
        if first and not (line.text[:1].isupper() or line.text[:1].isdigit()):
            return False
        if first and _NUMBER_LOWER.match(line.text):
            return False  # "15 december 2021", "8 miljoen mensen": no numbering
        if _large(line, body):
            return True
        if not line.bold or line.size < body - 0.6:
            return False
        prev = lines[i - 1] if i > 0 else None
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        gap_before = prev is None or line.top - prev.top > 1.4 * pitch or prev.top > line.top
        other_after = nxt is None or _style(nxt) != _style(line) or nxt.top - line.top > 1.4 * pitch
        return gap_before and other_after and len(line.text.split()) <= 12

    out: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not ok(i):
            i += 1
            continue
        j = i
        while (
            j + 1 < len(lines)
            and j + 1 - i < current().max_lines
            and ok(j + 1, first=False)
            and _style(lines[j + 1]) == _style(lines[i])
            and 0 < lines[j + 1].top - lines[j].top <= 1.8 * lines[j].size
            and not _SUB.match(lines[j + 1].text)
        ):
            j += 1
        words = sum(len(lines[k].text.split()) for k in range(i, j + 1))
        nxt = lines[j + 1] if j + 1 < len(lines) else None
        runs_on = (
            nxt is not None
            and ok(j + 1, first=False)
            and _style(nxt) == _style(lines[i])
            and (0 < nxt.top - lines[j].top <= 1.8 * lines[j].size)
        )
        if words <= current().max_words and not runs_on and not _NO_END.search(lines[j].text):
            out.append((i, j))
        i = j + 1
        while (
            runs_on
            and i < len(lines)
            and ok(i, first=False)
            and _style(lines[i]) == _style(lines[j])
        ):
            i += 1  # the rest of a pull quote
    return out


def text_of(page: PageLayout, first: int, last: int) -> str:
    out = ""
    for k in range(first, last + 1):
        t = page.lines[k].text
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and t[:1].islower():
            out = out[:-1] + t
        else:
            out = f"{out} {t}" if out else t
    return out


def levels(
    pages: list[PageLayout], found: dict[int, list[tuple[int, int]]], body: float
) -> dict[int, list[Heading]]:
    """Give each candidate heading its level (see the module's docstring)."""
    by_size: dict[float, set[int]] = defaultdict(set)
    for p, heads in found.items():
        for first, _ in heads:
            by_size[round(pages[p].lines[first].size * 2) / 2].add(p)
    chapter_size = None
    for size in sorted(by_size, reverse=True):
        n = len(by_size[size])
        if size >= body + current().size_step and current().chapter_pages <= n <= max(
            current().chapter_pages, current().chapter_share * len(pages)
        ):
            chapter_size = size
            break
    texts = {
        (p, first): text_of(pages[p], first, last)
        for p, heads in found.items()
        for first, last in heads
    }
    numbers = {m.group(1) for t in texts.values() if (m := _SUB.match(t))}
    out: dict[int, list[Heading]] = {}
    for p, heads in found.items():
        for first, last in heads:
            text = texts[(p, first)]
            size = round(pages[p].lines[first].size * 2) / 2
            level = 1 if chapter_size is not None and size >= chapter_size else 2
            if _SUB.match(text):
                level = 2
            elif _HOOFDSTUK.match(text) or (
                (m := _CHAPTER_NUM.match(text)) and m.group(1) in numbers and len(numbers) >= 2
            ):
                level = 1
            out.setdefault(p, []).append((first, last, level))
    return out
