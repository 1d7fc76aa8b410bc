"""Structure of plain text, in particular text pasted out of a PDF.

Policy documents often arrive as text copied from a PDF: hard-wrapped lines (frequently with
a blank line after *every* line), ``•`` bullets, headings as short lines and page breaks in
the middle of a sentence. This module turns such text into :class:`RawBlock` objects.

Rules (see ``docs/document-model.md``):

* **Spacing style.** When most non-blank lines are followed by a blank line the text is
  "double spaced": single blank lines carry no meaning and paragraph ends are inferred. A
  line of only spaces, or two blank lines in a row, is still a hard break. Otherwise a blank
  line ends a block.
* **Pages.** A form feed (``\\f``) always starts a new page. In double-spaced text a line
  that starts with a space and directly follows a non-blank line starts a new page (the
  signature of text pasted from a PDF viewer); this is only trusted when the first line also
  starts with a space or the signature occurs at least twice. Otherwise pages are unknown.
* **Joining.** Wrapped lines are joined with one space; a hyphen at a line end is kept and
  joined without a space (``EU-`` + ``niveau``) unless the next line starts with ``en``,
  ``of``, ``tot`` … (``armoede- en schuldenaanpak``), or the document is soft-hyphenated
  and the hyphen breaks a word (``mi-`` + ``nuten`` → ``minuten``; see :mod:`.hyphens`).
* **Blocks.** A bullet (``•`` …) starts a new block that runs until the paragraph ends; a
  line ending in sentence punctuation that is clearly shorter than the text width, or has
  two trailing spaces, ends its paragraph; a line whose end is a run of numbers (or a row of
  years) is a table row. A table row keeps its line's spacing (runs of spaces between cells,
  and a trailing run of two or more spaces, written after the block): they mark blank cells.
* **Headings.** A short line without sentence-final punctuation, starting with a capital or a
  digit, that starts a new block and is followed by more text. Numbered headings (``1.
  Titel``) and ``Inleiding``/``Bijlage …``/``Hoofdstuk …`` are chapters when they open a page
  (or when pages are unknown); other headings are sections.

:func:`parse_plain` is a line classifier (:func:`_classify`: what each line is, given the
lines before it) feeding a block builder (:class:`_Builder`: opens, extends and closes
blocks); reading lines is :mod:`.plainread`, the predicates the classifier uses are in
:mod:`.plainlines`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from ..document.builder import BULLET_MARKER, RawBlock
from ..document.model import NodeKind
from .hyphens import HyphenPolicy, hyphen_policy
from .pages import (
    Page,
    chapter_openings,
    drop_furniture,
    split_marked,
    statement_heading,
    strip_page_numbers,
    trim_blank_edges,
)
from .plainlines import (
    _BULLET,
    _CHAPTER_NUMBERED,
    _GAP_NUMBER_TAIL,
    _HOOFDSTUK,
    _JOINING_WORD,
    _NO_HEADING_END,
    _NUMBER_THEN_LOWER,
    _NUMBERED_ITEM,
    _SENTENCE_END,
    _SUBNUMBER,
    _TOC_NUMBER,
    _TOC_TITLE,
    _chapter_like,
    _heading_candidate,
    _is_header_row,
    _is_table_row,
    _join_capital_titles,
    _Layout,
    _layout,
    _Line,
    _Open,
    _running_text,
    _spaced,
    _table_label_end,
    _toc_number,
)
from .plainread import read_lines


class _Kind(Enum):
    """What a line is (the classifier's answer)."""

    LAYOUT_HEADING = auto()  # a heading the layout found (line hint)
    TOC_ENTRY = auto()  # a table-of-contents entry: a paragraph of its own
    CHAPTER_OPENING = auto()  # "Hoofdstuk N: Titel" opening its page
    HEADING_WRAP = auto()  # the second line of a wrapped heading
    TABLE_LABEL_WRAP = auto()  # a wrapped table-row label goes on
    TABLE_LABEL = auto()  # a table row's label, its numbers on a later line
    BULLET = auto()
    TABLE_ROW = auto()
    HEADING = auto()
    PARAGRAPH = auto()  # a new paragraph (also a numbered item that is not a heading)
    CONTINUATION = auto()  # joins the open block


@dataclass(slots=True)
class _Class:
    kind: _Kind
    level: int | None = None  # headings
    chapter: int | None = None  # the numbered chapter it opens (advances the count)
    toc_number: int | None = None  # a table-of-contents entry's page number
    bullet_end: int = 0  # where a bullet's text starts after its marker
    label_end: int = 0  # a table label: the index of the row with its numbers


@dataclass(slots=True)
class _State:
    """What the classifier remembers of the lines before."""

    cur: _Open | None = None
    prev: _Line | None = None
    in_toc: bool = False
    toc_last: int = -1
    toc_page: int | None = None  # the page of the table of contents' title
    label_until: int = -1  # a wrapped table label continues on lines before this index
    table_open: bool = False  # a header row of years was seen, no paragraph or bullet since
    last_chapter: int = 0  # the number of the last numbered chapter


def _wraps_heading(lay: _Layout, st: _State, index: int, body: str, line: _Line) -> bool:
    cur = st.cur
    return bool(
        cur is not None
        and cur.kind is NodeKind.HEADING
        and cur.text.count(" ") < 14
        and not line.hard_break
        and not _BULLET.match(body)
        and not _SENTENCE_END.search(body)
        and len(body.split()) <= 8
        and (
            (body[:1].islower() and not _NO_HEADING_END.search(cur.text))
            or (_JOINING_WORD.search(cur.text) and _heading_candidate(body, lay.heading_limit))
        )
        and index + 1 < len(lay.lines)
    )


def _classify(lay: _Layout, st: _State, index: int) -> _Class:
    """What line ``index`` is, given the lines before it (``st``); reads, never changes."""
    line = lay.lines[index]
    body = line.text
    cur = st.cur
    if line.hint:
        return _Class(_Kind.LAYOUT_HEADING, level=line.hint)
    toc_number = _toc_number(body) if st.in_toc else None
    if index in lay.toc_lines or (toc_number is not None and toc_number >= st.toc_last):
        return _Class(_Kind.TOC_ENTRY, toc_number=toc_number)
    if (
        st.in_toc
        and line.page == st.toc_page
        and (_heading_candidate(body, lay.heading_limit) or _TOC_NUMBER.fullmatch(body))
    ):
        # the rest of a contents page after its title: entries without page numbers
        # ("Hoofdstuk 3  Natuur en landbouw"), or the numbers in a column of their own
        return _Class(_Kind.TOC_ENTRY)
    if lay.chapter_pages and line.page_start and line.page in lay.chapter_pages:
        number = _HOOFDSTUK.match(body)
        return _Class(
            _Kind.CHAPTER_OPENING, level=1, chapter=int(number.group(1)) if number else None
        )
    if _wraps_heading(lay, st, index, body, line):
        return _Class(_Kind.HEADING_WRAP)
    bullet = _BULLET.match(body)
    in_table = (
        st.table_open and cur is not None and cur.kind in (NodeKind.TABLE_ROW, NodeKind.HEADING)
    )
    table = not bullet and (
        _is_table_row(body) or (in_table and _GAP_NUMBER_TAIL.search(line.raw) is not None)
    )
    if in_table and not bullet and not table:
        if index < st.label_until:
            return _Class(_Kind.TABLE_LABEL_WRAP)
        end = _table_label_end(lay.lines, index, lay.heading_limit)
        if end is not None:
            return _Class(_Kind.TABLE_LABEL, label_end=end)
    prev = st.prev
    prev_ended = prev is None or (
        lay.infer
        and _SENTENCE_END.search(prev.text) is not None
        and (prev.width < lay.short or prev.trailing >= 2)
    )
    prev_sentence_end = prev is None or _SENTENCE_END.search(prev.text) is not None
    heading = (
        not bullet
        and not table
        and line.hint is None
        and index + 1 < len(lay.lines)
        and _heading_candidate(body, lay.heading_limit)
        and not _NUMBER_THEN_LOWER.match(body)
        and not _running_text(line, lay.lines[index + 1])
        and (
            cur is None
            or line.hard_break
            or cur.kind in (NodeKind.HEADING, NodeKind.TABLE_ROW)
            or prev_sentence_end
        )
    )
    if bullet:
        return _Class(_Kind.BULLET, bullet_end=bullet.end())
    if table:
        return _Class(_Kind.TABLE_ROW)
    if heading:
        return _heading_class(lay, st, line)
    new_block = (
        cur is None
        or line.hard_break
        or cur.kind in (NodeKind.HEADING, NodeKind.TABLE_ROW)
        or prev_ended
    )
    return _Class(_Kind.PARAGRAPH if new_block else _Kind.CONTINUATION)


def _heading_class(lay: _Layout, st: _State, line: _Line) -> _Class:
    """A heading's level: numbered chapters, ``Hoofdstuk N``, ``N.M`` sections."""
    body = line.text
    chapter = _chapter_like(body) and (line.page_start or not lay.pages_known)
    numbered = _CHAPTER_NUMBERED.match(body)
    sub = _SUBNUMBER.match(body)
    level = 1 if chapter else 2
    opens = None
    if (
        numbered
        and numbered.group(1) in lay.chapter_numbers
        and int(numbered.group(1)) > st.last_chapter
    ):
        chapter, level = True, 1  # "2. Titel" where "2.1 …" sections follow
        opens = int(numbered.group(1))
    elif _HOOFDSTUK.match(body):
        chapter, level = True, 1  # "Hoofdstuk 3", also in the middle of a page
    elif sub and sub.group(1) in lay.chapter_numbers:
        level = 3 if sub.group(3) else 2
    if chapter or sub or not _NUMBERED_ITEM.match(body):
        return _Class(_Kind.HEADING, level=level, chapter=opens)
    # a numbered item that is not a chapter: a (table) line, not a heading
    return _Class(_Kind.PARAGRAPH, chapter=opens)


class _Builder:
    """Turns classified lines into blocks: opens, extends and closes them."""

    def __init__(self, hyphens: HyphenPolicy | None) -> None:
        self.blocks: list[RawBlock] = []
        self.state = _State()
        self.hyphens = hyphens

    def close(self) -> None:
        cur = self.state.cur
        if cur is not None:
            self.blocks.append(
                RawBlock(
                    kind=cur.kind,
                    text=cur.text,
                    level=cur.level,
                    page=cur.page,
                    page_breaks=cur.page_breaks,
                    marker=cur.marker,
                    space_after=cur.space_after,
                )
            )
        self.state.cur = None

    def _open(self, block: _Open) -> None:
        self.close()
        block.last_page = block.page
        self.state.cur = block

    def add(self, c: _Class, index: int, line: _Line) -> None:
        st, body, k = self.state, line.text, c.kind
        if k not in (_Kind.LAYOUT_HEADING, _Kind.TOC_ENTRY):
            st.in_toc, st.toc_last = False, -1
        if c.chapter is not None:
            st.last_chapter = c.chapter
        if k is _Kind.LAYOUT_HEADING:
            self.close()
            self.blocks.append(
                RawBlock(
                    NodeKind.HEADING,
                    body,
                    level=c.level,
                    page=line.page,
                    statement=statement_heading(body),
                )
            )
            st.table_open = st.in_toc = False
        elif k is _Kind.TOC_ENTRY:
            self.close()
            self.blocks.append(RawBlock(NodeKind.PARAGRAPH, body, page=line.page))
            st.toc_last = c.toc_number if c.toc_number is not None else st.toc_last
        elif k is _Kind.CHAPTER_OPENING:
            self.close()
            self.blocks.append(RawBlock(NodeKind.HEADING, body, level=1, page=line.page))
            st.table_open = False
        elif k in (_Kind.HEADING_WRAP, _Kind.TABLE_LABEL_WRAP, _Kind.CONTINUATION):
            assert st.cur is not None
            st.cur.append(line, self.hyphens)
        elif k is _Kind.TABLE_LABEL:
            self._open(_Open(NodeKind.TABLE_ROW, body, line.page, []))
            st.label_until = c.label_end
        else:
            self._open(self._new_block(c, line))
            cur = st.cur
            assert cur is not None
            if cur.kind in (NodeKind.PARAGRAPH, NodeKind.BULLET) or cur.level == 1:
                st.table_open = False
        st.prev = line

    def _new_block(self, c: _Class, line: _Line) -> _Open:
        body = line.text
        if c.kind is _Kind.BULLET:
            return _Open(NodeKind.BULLET, body[c.bullet_end :], line.page, [], marker=BULLET_MARKER)
        if c.kind is _Kind.TABLE_ROW:
            self.state.table_open = self.state.table_open or _is_header_row(body)
            spaced, after = _spaced(line.raw)
            return _Open(NodeKind.TABLE_ROW, spaced, line.page, [], space_after=after)
        if c.kind is _Kind.HEADING:
            self.state.in_toc = bool(_TOC_TITLE.match(body))
            self.state.toc_page = line.page if self.state.in_toc else None
            return _Open(NodeKind.HEADING, body, line.page, [], level=c.level)
        return _Open(NodeKind.PARAGRAPH, body, line.page, [])


def parse_pages(pages: list[Page], *, wrapped: bool | None = True) -> tuple[list[RawBlock], bool]:
    """Split the pages of a PDF (or of text with page markers) into blocks.

    Printed page numbers and page furniture (running headers and footers) are dropped, and
    blank lines at a page's edges ignored (see :mod:`.pages`); a page without a number
    counts on from the one before. Returns ``(blocks, True)``.
    """
    numbers: list[int] = []  # 1-based page numbers, never going back
    for page in pages:
        previous = numbers[-1] if numbers else 0
        numbers.append(page.number if page.number and page.number >= previous else previous + 1)
    if any(p.hints is not None for p in pages):  # laid out already: taken as it is
        return parse_plain(
            "\f".join(p.text for p in pages),
            wrapped=wrapped,
            paged=True,
            page_numbers=[n - 1 for n in numbers],
            hints=[p.hints for p in pages],
        )
    texts = drop_furniture([strip_page_numbers(p.text) for p in pages])
    texts, opened = chapter_openings(texts)
    return parse_plain(
        "\f".join(trim_blank_edges(t) for t in texts),
        wrapped=wrapped,
        paged=True,
        page_numbers=[n - 1 for n in numbers],
        chapter_pages={numbers[i] - 1 for i in opened},
    )


def parse_plain(
    text: str,
    *,
    wrapped: bool | None = None,
    paged: bool = False,
    page_numbers: list[int] | None = None,
    chapter_pages: set[int] | None = None,
    hints: list[list[int | None] | None] | None = None,
) -> tuple[list[RawBlock], bool]:
    """Split PDF-pasted or plain text into blocks. Returns ``(blocks, pages_known)``.

    ``wrapped=True`` says every line is hard-wrapped (text from a PDF's text layer), so
    paragraph ends are inferred from line lengths and punctuation; by default that is
    decided from the text. ``paged=True`` says pages are known (form feeds separate them)
    even when there is only one. Text with page markers (``===== [page N] =====``) is read
    as the pages of a PDF (:func:`parse_pages`): page ``N`` is page ``N``.
    ``chapter_pages``: pages (0-based numbers) whose first line is a chapter heading
    (``Hoofdstuk N: Titel``, see :func:`.pages.chapter_openings`).
    ``hints``: per form-feed page, a hint per line (see :class:`.pages.Page`).
    """
    if page_numbers is None:
        marked = split_marked(text)
        if marked is not None:
            return parse_pages(marked, wrapped=True if wrapped is None else wrapped)
    lines, pages_known, infer = read_lines(
        text, paged=paged, page_numbers=page_numbers, hints=hints
    )
    if wrapped is not None:
        infer = wrapped
    if not lines:
        return [], pages_known
    lines = _join_capital_titles(lines)
    layout = _layout(lines, pages_known, infer, chapter_pages)
    builder = _Builder(hyphen_policy(ln.text for ln in lines))
    for index, line in enumerate(lines):
        builder.add(_classify(layout, builder.state, index), index, line)
    builder.close()
    return builder.blocks, pages_known
