"""Financial and climate tables in text extracted from PDFs.

The input is a sequence of *segments* — one per table line or document block — each with
its offsets. A table starts at a header row (a label, optionally ``Bandbreedte Mton``, then
two or more consecutive years and further columns such as ``Struc`` and ``Cum (2030)``) and
ends at the next prose paragraph. Rows are read as ``label [low - high] n n n``:

* a label without numbers followed by more label text is a wrapped label (joined);
* a line with only a Mton range and/or only numbers completes the row above it;
* short lines right before a header row are the table's title (``Industrie`` then
  ``Uitgaven industrie``); a caption such as ``Financieel overzicht, in mln.`` sets the
  unit multiplier until the next prose paragraph.

Blank cells: PDF text does not mark them except by spacing. When a row has fewer numbers
than columns, runs of two or more spaces between numbers, or after the last number, mark the
blank cells; the rest are placed on the left (numbers aligned right, which is how most rows
of these tables read). Raw lines (:func:`find_tables`) and document blocks
(:func:`~beleidslens.extract.document.find_document_tables`) give the same spacing: a table
row block keeps its line's spacing in the normalized text. A row says ``blanks_inferred``
when some blank cell's position was not marked by spacing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..document.trace import Location
from .blanks import place_blanks as _place_blanks
from .model import Table, TableRow
from .numbers import parse_number

_NUM = r"[-−+]?\d+(?:\.\d+)*(?:,\d+)?%?"
_NUM_TOKEN = re.compile(rf"{_NUM}")
_NUMS_TAIL = re.compile(rf"(?:(?<=\s)|^)(?P<nums>{_NUM}(?:\s+{_NUM})*)\s*$")
_MTON = re.compile(
    r"(?:(?<=\s)|^)(?P<lo>[-−]?\d+(?:,\d+)?)\s+[-–]\s+(?P<hi>[-−]?\d+(?:,\d+)?)"
    rf"(?P<rest>(?:\s+{_NUM})*)\s*$"
)
_YEAR_TOK = re.compile(r"(?:19|20)\d\d")
_ROW_MARKER = re.compile(r"^(?:[A-Za-z]{1,2}\d?|\d{1,3}[a-z]?|[IVX]{1,5})\.\s")
_UNIT_CAPTION = re.compile(
    r"\b(?:in|x|×)\s*(?:€\s*)?(?P<u>mln\.?|mld\.?|mrd\.?|miljoen(?:en)?|miljard(?:en)?|"
    r"duizend(?:en)?|1\.000\.000|1\.000)(?!\w)",
    re.I,
)
_UNIT_MULT = {
    **dict.fromkeys(("mln", "miljoen", "miljoenen", "1.000.000"), 1e6),
    **dict.fromkeys(("mld", "mrd", "miljard", "miljarden"), 1e9),
    **dict.fromkeys(("duizend", "duizenden", "1.000"), 1e3),
}


@dataclass(slots=True)
class Segment:
    """One line or block of text with its place in the document."""

    text: str
    start: int
    end: int
    heading: bool | None = None  # True: a heading block; None: unknown (raw lines)
    page: int | None = None
    block_id: str | None = None
    heading_path: tuple[str, ...] = ()
    space_after: int = 0  # spaces after ``text`` on its line: two or more mark a blank cell


@dataclass
class _Header:
    label_column: str
    columns: list[str]
    has_mton: bool


@dataclass
class _Row:
    parts: list[Segment] = field(default_factory=list)
    label_parts: list[str] = field(default_factory=list)
    mton: tuple[float, float] | None = None
    numbers: list[tuple[str, int, int, Segment]] | None = None  # token, local start/end, segment

    @property
    def label(self) -> str:
        return " ".join(" ".join(p.split()) for p in self.label_parts if p.strip())


def parse_header(text: str) -> _Header | None:
    tokens = text.split()
    for i in range(len(tokens) - 1):
        if _YEAR_TOK.fullmatch(tokens[i]) and _YEAR_TOK.fullmatch(tokens[i + 1]):
            y0, y1 = int(tokens[i]), int(tokens[i + 1])
            if y1 != y0 + 1:
                continue
            label = tokens[:i]
            cols: list[str] = []
            for tok in tokens[i:]:
                if cols and (tok.startswith("(") or cols[-1].count("(") > cols[-1].count(")")):
                    cols[-1] += " " + tok
                else:
                    cols.append(tok)
            if any(_NUM_TOKEN.fullmatch(c) and not _YEAR_TOK.fullmatch(c) for c in cols):
                return None  # a data row that happens to hold years
            has_mton = any(t.lower() == "mton" for t in label)
            label_words = [t for t in label if t.lower() not in ("bandbreedte", "mton")]
            return _Header(" ".join(label_words), cols, has_mton)
    return None


_PDF_MARKER = re.compile(r"^\d{1,3}[a-z]?\s")  # a PDF's row number without its dot: "17 "


def _group_line(row: _Row, label: str) -> bool:
    """A PDF table's one-word group line (``Uitgaven``) before a numbered row: a title."""
    one = row.label.split() == [row.label] and row.label[:1].isupper()
    return one and bool(_PDF_MARKER.match(label.strip()))


def _is_prose(text: str) -> bool:
    words = text.split()
    if len(words) < 10 or _ROW_MARKER.match(text) or _NUMS_TAIL.search(text):
        return False
    return text.rstrip().endswith((".", ":", "?", "!")) or bool(re.search(r"\.\s+[A-Z]", text))


def _number(tok: str) -> float:
    """A table cell: '.' always groups thousands, ',' is the decimal comma."""
    s = tok.replace("−", "-").lstrip("+").rstrip("%").replace(".", "")
    return parse_number(s)


class _Parser:
    def __init__(self, page_at: Callable[[int], int | None] | None, wide_runs: bool = False):
        self.page_at = page_at
        self.wide_runs = wide_runs
        self.tables: list[Table] = []
        self.titles: list[str] = []  # headings seen since the last row
        self.caption: str | None = None
        self.unit: str | None = None
        self.mult: float | None = None
        self.group: str | None = None
        self.sub: str | None = None
        self.header: _Header | None = None
        self.table: Table | None = None
        self.row: _Row | None = None
        # wide_runs: the table a prose line (a footnote) ended, which the next page may go on
        self.resume: tuple[_Header, Table, int] | None = None

    # -- helpers ----------------------------------------------------------------------------
    def _take_title(self, text: str) -> None:
        m = _UNIT_CAPTION.search(text)
        if m and len(text.split()) <= 12:
            self.caption = text.strip()
            self.unit = m.group("u")
            self.mult = _UNIT_MULT.get(self.unit.lower().rstrip("."))
            self.group = self.sub = None
            self.titles = []
            return
        text = text.strip()
        if text[:1].islower() or text.endswith((".", ",", ";")):
            return  # the tail of a wrapped prose line, not a title
        self.titles.append(text)

    def _reset(self) -> None:
        self._close_row()
        if self.wide_runs and self.table is not None and self.header is not None:
            page = self.table.rows[-1].location.page if self.table.rows else None
            self.resume = (self.header, self.table, page) if page is not None else None
        self.table = None
        self.header = None
        self.titles = []
        self.caption = self.unit = None
        self.mult = None
        self.group = self.sub = None

    def _start_table(self, header: _Header, seg: Segment) -> None:
        self._close_row()
        self.resume = None
        titles = self.titles
        self.titles = []
        if len(titles) >= 2:
            self.group, self.sub = titles[-2], titles[-1]
        elif len(titles) == 1:
            t = titles[0]
            if self.group and self.group.lower() in t.lower() and t != self.group:
                self.sub = t
            else:
                self.group, self.sub = t, None
        parts = [p for p in (self.group, self.sub) if p]
        unit = _UNIT_CAPTION.search(header.label_column)
        if unit and self.unit is None:  # "in mln. + is saldoverslechterend 2022 2023 …"
            self.unit = unit.group("u")
            self.mult = _UNIT_MULT.get(self.unit.lower().rstrip("."))
        self.header = header
        self.table = Table(
            title=" › ".join(parts) or (self.caption or ""),
            heading_path=list(seg.heading_path),
            caption=self.caption,
            unit=self.unit,
            unit_multiplier=self.mult,
            label_column=header.label_column,
            columns=header.columns,
            has_mton=header.has_mton,
            location=self._loc(seg, seg),
        )
        self.tables.append(self.table)

    def _loc(self, first: Segment, last: Segment) -> Location:
        page = first.page
        if page is None and self.page_at is not None:
            page = self.page_at(first.start)
        section = " › ".join(first.heading_path)
        return Location(
            start=first.start, end=last.end, page=page, section=section, block_id=first.block_id
        )

    # -- rows ---------------------------------------------------------------------------------
    def _split(
        self, seg: Segment
    ) -> tuple[str, tuple[float, float] | None, list[tuple[str, int, int]]]:
        """label text, Mton range, number tokens (with local offsets) of one segment."""
        text = seg.text
        assert self.header is not None
        mton = None
        cut = len(text.rstrip())
        tail_start = cut
        if self.header.has_mton:
            m = _MTON.search(text)
            if m:
                mton = (_number(m.group("lo")), _number(m.group("hi")))
                tail_start = m.end("hi")
                cut = m.start()
        if mton is None:
            m2 = _NUMS_TAIL.search(text)
            if m2:
                tail_start = cut = m2.start("nums")
        nums = [(t.group(0), t.start(), t.end()) for t in _NUM_TOKEN.finditer(text, tail_start)]
        ncols = len(self.header.columns)
        if len(nums) > ncols:  # leading numbers belong to the label
            cut = nums[len(nums) - ncols][1] if mton is None else cut
            nums = nums[len(nums) - ncols :]
        return text[:cut], mton, nums

    def _row_segment(self, seg: Segment) -> None:
        label, mton, nums = self._split(seg)
        label_has_text = bool(label.strip())
        row = self.row
        if (
            row is not None
            and label_has_text
            and (
                _ROW_MARKER.match(label.strip())
                or row.mton is not None
                or (self.wide_runs and _group_line(row, label))
            )
        ):
            self._close_row()
            row = None
        if row is None:
            row = self.row = _Row()
        row.parts.append(seg)
        if label_has_text:
            row.label_parts.append(label)
        if mton is not None:
            row.mton = mton
        if nums:
            row.numbers = [(t, s, e, seg) for t, s, e in nums]
            self._close_row()

    def _close_row(self) -> None:
        row, self.row = self.row, None
        if row is None or self.table is None or self.header is None:
            return
        if not row.label and row.numbers is None and row.mton is None:
            return
        if row.numbers is None and row.mton is None:
            # a label that never got numbers: a title line for the next table, or a note
            self.titles.extend(p.strip() for p in row.label_parts)
            return
        ncols = len(self.header.columns)
        tokens = row.numbers or []
        values: list[float | None] = [_number(t) for t, _, _, _ in tokens]
        percent = any(t.endswith("%") for t, _, _, _ in tokens)
        inferred = False
        if not tokens:
            values = [None] * ncols
        elif len(values) < ncols:
            values, inferred = _place_blanks(values, tokens, ncols, self.wide_runs)
        eur = None
        if self.table.unit_multiplier is not None and not percent:
            eur = [v * self.table.unit_multiplier if v is not None else None for v in values]
        self.table.rows.append(
            TableRow(
                label=row.label,
                values=values,
                values_eur=eur,
                percent=percent,
                mton_low=row.mton[0] if row.mton else None,
                mton_high=row.mton[1] if row.mton else None,
                blanks_inferred=inferred,
                text=" ".join(p.text.strip() for p in row.parts),
                location=self._loc(row.parts[0], row.parts[-1]),
            )
        )
        self.table.location = self.table.location.model_copy(update={"end": row.parts[-1].end})

    # -- driver -------------------------------------------------------------------------------
    def feed(self, seg: Segment) -> None:
        text = seg.text.strip()
        if not text:
            return
        header = parse_header(text)
        if header is not None:
            if self.row is not None and self.row.numbers is None and self.row.mton is None:
                self.titles.extend(p.strip() for p in self.row.label_parts)
                self.row = None
            self._start_table(header, seg)
            return
        if _is_prose(text):
            if self.resume is not None and seg.page != self.resume[2]:
                self.resume = None  # prose on the next page before any row: no continuation
            self._reset()
            return
        resume = self.resume
        if resume is not None and self.table is None and not self._resumes(seg):
            self.resume = resume if seg.page == resume[2] else None
        if seg.heading:
            self._close_row()
            self._take_title(text)
            return
        if self.table is None:
            if len(text.split()) <= 12:
                self._take_title(text)
                self.titles = self.titles[-3:]
            return
        self._row_segment(seg)

    def _resumes(self, seg: Segment) -> bool:
        """Whether ``seg``, on the page after one where a footnote stopped a table, goes on
        with it: its numbers and the blanks its spacing marks fill the table's columns."""
        assert self.resume is not None
        header, table, page = self.resume
        if seg.page is None or seg.page != page + 1 or seg.heading:
            return False
        self.header = header
        _, _, nums = self._split(seg)
        ncols = len(header.columns)
        fits = bool(nums) and (
            len(nums) == ncols
            or not _place_blanks(
                [0.0] * len(nums), [(t, a, b, seg) for t, a, b in nums], ncols, True
            )[1]
        )
        if not fits:
            self.header = None
            return False
        self.table, self.resume = table, None
        return True

    def finish(self) -> list[Table]:
        self._close_row()
        return [t for t in self.tables if t.rows]


def parse_tables(
    segments: Iterable[Segment],
    page_at: Callable[[int], int | None] | None = None,
    *,
    wide_runs: bool = False,
) -> list[Table]:
    """Tables in a sequence of segments (lines or document blocks), in order. ``wide_runs``:
    blank cells are marked by runs of ``1 + 2·b`` spaces (a PDF's rows placed by position)."""
    parser = _Parser(page_at, wide_runs)
    for seg in segments:
        parser.feed(seg)
    return parser.finish()


def find_tables(text: str, base_offset: int = 0) -> list[Table]:
    """Tables in raw text, read line by line with the original spacing kept."""
    segments: list[Segment] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        content = body.strip()
        if content:
            start = base_offset + pos + len(body) - len(body.lstrip())
            segments.append(
                Segment(
                    content,
                    start,
                    start + len(content),
                    space_after=len(body) - len(body.rstrip()),
                )
            )
        pos += len(line)
    return parse_tables(segments)
