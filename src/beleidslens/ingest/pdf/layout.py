"""The lines of a PDF page with their layout, read with pypdfium2's text API.

pdfium gives a page's text with a line break after every visual line (``\\r\\n``). For each
line this module samples a few characters (not every character: a 170-page manifesto has
~300,000) for the line's box, effective font size (the font size times the scale of the text
matrix), weight (the font's weight, or ``Bold``/``Black``/``Heavy`` in its name) and the font
of its first character (a bullet glyph from a symbol or icon font).

* A hyphen pdfium marks as generated at a line end (``U+FFFE``) and then runs on in the same
  line starts a new line after it: the visual line ended there, and the document's hyphen
  policy (:mod:`..hyphens`) decides later whether it breaks a word.
* Lines set at an angle (vertical text in a margin) are left out.
* Lines are put in reading order (:func:`reading_order`): columns are found from the
  horizontal coverage of the page's lines, and a line that crosses a column gap (a heading
  or footer across the page) closes the columns above it.
"""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass

from .params import current

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|extrabold", re.IGNORECASE)


@dataclass(slots=True)
class TextLine:
    """One visual line of a page; coordinates in points from the page's top-left corner."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # effective font size, points
    bold: bool
    font: str  # font of the line's middle character
    first_font: str  # font of its first character
    start: int = 0  # pdfium char index of its first character
    end: int = 0  # after its last
    cells: list[tuple[str, float, float]] | None = None  # table-like lines: (token, x0, x1)

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(slots=True)
class PageLayout:
    index: int  # 0-based physical page
    width: float
    height: float
    lines: list[TextLine]


class _Probe:
    """ctypes buffers reused for every character looked at."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        self.left = ctypes.c_double()
        self.right = ctypes.c_double()
        self.bottom = ctypes.c_double()
        self.top = ctypes.c_double()
        self.rect = raw.FS_RECTF()
        self.matrix = raw.FS_MATRIX()
        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()
        self._fonts: dict[bytes, str] = {}

    def box(self, page: object, k: int) -> tuple[float, float, float, float]:
        self.raw.FPDFText_GetCharBox(page, k, self.left, self.right, self.bottom, self.top)
        return self.left.value, self.right.value, self.bottom.value, self.top.value

    def loose(self, page: object, k: int) -> tuple[float, float]:
        """(bottom, top) of the character's loose box (the font's full line height)."""
        self.raw.FPDFText_GetLooseCharBox(page, k, self.rect)
        return self.rect.bottom, self.rect.top

    def size(self, page: object, k: int) -> float:
        nominal = self.raw.FPDFText_GetFontSize(page, k)
        self.raw.FPDFText_GetMatrix(page, k, self.matrix)
        m = self.matrix
        return float(nominal) * math.sqrt(abs(m.a * m.d - m.b * m.c) or 1.0)

    def font(self, page: object, k: int) -> str:
        n = self.raw.FPDFText_GetFontInfo(page, k, self.name, 128, self.flags)
        value = self.name.value if n else b""
        name = self._fonts.get(value)
        if name is None:
            name = value.decode("latin-1").split("+", 1)[-1]
            self._fonts[value] = name
        return name

    def weight(self, page: object, k: int) -> int:
        return int(self.raw.FPDFText_GetFontWeight(page, k))

    def angle(self, page: object, k: int) -> float:
        return float(self.raw.FPDFText_GetCharAngle(page, k))


_NUMBER = r"[-−+–]?€?\d[\d.,]*%?"
_TABLE_LIKE = re.compile(rf"(?:\s{_NUMBER}){{2,}}\s*$|(?:19|20)\d\d\s+(?:19|20)\d\d")


def _cells(
    probe: _Probe, raw: object, text: str, first: int, last: int, index_of: list[int] | None
) -> list[tuple[str, float, float]]:
    """The line's tokens with their horizontal extent (for table cells by position)."""
    out: list[tuple[str, float, float]] = []
    for m in re.finditer(r"\S+", text[first : last + 1]):
        a, b = first + m.start(), first + m.end() - 1
        if index_of is not None:
            a, b = max(0, index_of[a]), max(0, index_of[b])
        left, _, _, _ = probe.box(raw, a)
        _, right, _, _ = probe.box(raw, b)
        out.append((m.group(0), left, max(left, right)))
    return out


def _pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) text indices of the visual lines: split at line breaks and after a
    generated line-end hyphen (``U+FFFE``) that pdfium joined to the next line's text."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\r\n"):
        start, end = pos, pos + len(line)
        cut = start
        for m in re.finditer("[\ufffe\x02]", line):
            at = start + m.end()
            if at < end:
                out.append((cut, at))
                cut = at
        out.append((cut, end))
        pos = end + 2
    return out


def page_lines(textpage: object, page_height: float, probe: _Probe | None = None) -> list[TextLine]:
    """The visual lines of one page (in pdfium's order) with their layout."""
    probe = probe or _Probe()
    raw = textpage.raw  # type: ignore[attr-defined]
    text: str = textpage.get_text_range()  # type: ignore[attr-defined]
    count: int = textpage.count_chars()  # type: ignore[attr-defined]
    index_of = None
    if len(text) != count:  # characters outside the BMP: text index != char index
        index_of = [probe.raw.FPDFText_GetCharIndexFromTextIndex(raw, i) for i in range(len(text))]
    lines: list[TextLine] = []
    for start, end in _pieces(text):
        body = text[start:end]
        stripped = body.strip()
        if not stripped:
            continue
        first = start + len(body) - len(body.lstrip())
        last = start + len(body.rstrip()) - 1
        letters = [i for i in range(first, last + 1) if text[i].isalnum()]
        mid = letters[len(letters) // 2] if letters else first
        k0, k1, km = first, last, mid
        if index_of is not None:
            k0, k1, km = (max(0, index_of[k]) for k in (first, last, mid))
        if k1 >= count or km >= count:
            continue
        if abs(probe.angle(raw, km)) > 0.05 and abs(probe.angle(raw, km) - 2 * math.pi) > 0.05:
            continue
        left, _, _, _ = probe.box(raw, k0)
        _, right, _, _ = probe.box(raw, k1)
        lo, hi = probe.loose(raw, km)
        font = probe.font(raw, km)
        first_font = probe.font(raw, k0) if k0 != km else font
        weight = probe.weight(raw, km)
        cells = (
            _cells(probe, raw, text, first, last, index_of)
            if _TABLE_LIKE.search(stripped)
            else None
        )
        lines.append(
            TextLine(
                text=stripped.replace("\ufffe", "-").replace("\x02", "-"),
                x0=left,
                x1=max(right, left),
                top=page_height - hi,
                bottom=page_height - lo,
                size=round(probe.size(raw, km), 1),
                bold=weight >= current().bold_weight or bool(_BOLD_NAME.search(font)),
                font=font,
                first_font=first_font,
                start=k0,
                end=k1 + 1,
                cells=cells,
            )
        )
    return lines


def _gutters(lines: list[TextLine], width: float) -> list[float]:
    """x positions of column gaps: runs of at least ``gutter_min`` points in the middle
    of the page that (almost) no line covers, with text on both sides."""
    if len(lines) < 6:
        return []
    nbins = int(width / current().bin) + 2
    cover = [0] * nbins
    for ln in lines:
        for b in range(
            max(0, int(ln.x0 / current().bin)), min(nbins, int(ln.x1 / current().bin) + 1)
        ):
            cover[b] += 1
    allowed = max(1, int(current().gutter_share * len(lines)))
    peak = max(cover)
    gutters: list[float] = []
    b = 0
    lo_limit, hi_limit = int(0.15 * width / current().bin), int(0.85 * width / current().bin)
    while b < nbins:
        if cover[b] <= allowed and lo_limit <= b <= hi_limit:
            e = b
            while e < nbins and cover[e] <= allowed:
                e += 1
            left_peak = max(cover[:b], default=0)
            right_peak = max(cover[e:], default=0)
            if (
                (e - b) * current().bin >= current().gutter_min
                and left_peak >= max(3, 0.25 * peak)
                and right_peak >= max(3, 0.25 * peak)
                and e <= hi_limit
            ):
                gutters.append((b + e) / 2 * current().bin)
            b = e
        else:
            b += 1
    return gutters


def _texty(lines: list[TextLine]) -> bool:
    """Column text, not a table's column of numbers: most lines hold three words or more."""
    return sum(len(ln.text.split()) >= 3 for ln in lines) >= 0.5 * len(lines)


def reading_order(lines: list[TextLine], width: float) -> list[TextLine]:
    """The lines top to bottom, column by column between lines that cross the columns."""
    ordered = sorted(lines, key=lambda ln: (round(ln.top), ln.x0))
    gutters = _gutters(ordered, width)
    if not gutters:
        return ordered
    bounds = [0.0, *gutters, float("inf")]

    def column(ln: TextLine) -> int | None:
        for i in range(len(bounds) - 1):
            if bounds[i] <= ln.x0 and ln.x1 <= bounds[i + 1] + current().bin:
                return i
        return None  # crosses a gap

    cols: dict[int, list[TextLine]] = {}
    for ln in ordered:
        c = column(ln)
        if c is not None:
            cols.setdefault(c, []).append(ln)
    if sum(1 for v in cols.values() if len(v) >= 3 and _texty(v)) < 2:
        return ordered
    out: list[TextLine] = []
    buffers: dict[int, list[TextLine]] = {}
    for ln in ordered:
        c = column(ln)
        if c is None:
            for i in sorted(buffers):
                out.extend(buffers[i])
            buffers = {}
            out.append(ln)
        else:
            buffers.setdefault(c, []).append(ln)
    for i in sorted(buffers):
        out.extend(buffers[i])
    return out
