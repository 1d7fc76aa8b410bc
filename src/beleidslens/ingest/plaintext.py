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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ..document.builder import BULLET_MARKER, RawBlock
from ..document.model import NodeKind
from .hyphens import KEEP_SPACE_AFTER_HYPHEN as _KEEP_SPACE_AFTER_HYPHEN
from .hyphens import HyphenPolicy, hyphen_policy
from .pages import (
    Page,
    chapter_openings,
    drop_furniture,
    split_marked,
    strip_page_numbers,
    trim_blank_edges,
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BULLET = re.compile(
    r"^(?:[•●▪◦■□➢►▸‣○·\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8](?:\s+|(?=\S))|[-–*](?:\s+)|o\s+(?=[A-ZÀ-Ý]))(?=\S)"
)
_NUMERIC = re.compile(
    r"^[-+–]?€?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?%?\d?$|^\(\d{4}\)$|^[-–]$|^[-+–]?\d+,\d+%?$"
)
_YEAR = re.compile(r"^\(?(?:19|20)\d\d\)?$")
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_NO_HEADING_END = re.compile(r"[.,;:!?…\-–]$")
_CHAPTER_NUMBER = re.compile(r"^\d{1,2}\.?\s+\S")
_CHAPTER_WORD = re.compile(
    r"^(?:inleiding|voorwoord|samenvatting|inhoudsopgave|inhoud|bijlagen?\b|hoofdstuk\s+\d+|"
    r"slotwoord|tot slot|afsluiting|nawoord)",
    re.IGNORECASE,
)
_TOC_TITLE = re.compile(r"^(?:inhoudsopgave|inhoud|table of contents|contents)$", re.IGNORECASE)
_TOC_ENTRY = re.compile(r"\D\s\d{1,3}$")
_UNITS = frozenset({"mln", "mld", "mrd", "mil", "milj", "ca", "excl", "incl", "o.a"})
_NUMBERED_ITEM = re.compile(r"^\d{1,3}[a-z]?[.)]\s")
_SUBNUMBER = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\.(\d{1,2}))?\.?\s+\S")
_CHAPTER_NUMBERED = re.compile(r"^(\d{1,2})\.?\s+[^\W\d_a-z]")
_NUMBER_THEN_LOWER = re.compile(
    r"^\d+\s+(?!(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
    r"november|december)\b)[a-z]"
)
_HOOFDSTUK = re.compile(r"^hoofdstuk\s+(\d{1,2})\b", re.IGNORECASE)
_TOC_NUMBER = re.compile(r"(\d{1,3})$")
_TOC_RUN = 3  # entries ending in page numbers, in a row, that make a table of contents
_JOINING_WORD = re.compile(
    r"(?:\s(?:en|of|voor|van|de|het|een|in|op|met|aan|naar|over|door|bij|tot|om)|[,–&])$"
)


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


_WHITESPACE_CHAR = re.compile(r"\s")


def _spaced(raw: str) -> tuple[str, int]:
    """A table row's text with its spacing kept, and its trailing spaces to keep.

    Each whitespace character becomes one space, so runs of spaces between cells (the only
    sign of a blank cell in text taken from a PDF) survive; leading whitespace is dropped, and
    trailing whitespace is kept only as a run of two or more (one space marks nothing).
    """
    body = raw.strip()
    after = len(raw) - len(raw.rstrip())
    return _WHITESPACE_CHAR.sub(" ", body), after if after >= 2 else 0


def _is_header_row(text: str) -> bool:
    return sum(1 for t in text.split() if _YEAR.match(t)) >= 3


# a number set off from the text before it by a run of two or more spaces: a table cell;
# a plain number of up to three digits is not taken (a page number in a table of contents)
_GAP_NUMBER_TAIL = re.compile(
    r"\S[ \t\u00a0]{2,}(?!\d{1,3}\s*$)[-+–]?€?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?%?\s*$"
)
_ROW_MARKER = re.compile(r"^(?:[A-Za-z]{1,2}\d?|\d{1,3}[a-z]?|[IVX]{1,5})\.\s")
_LABEL_LOOKAHEAD = 6  # lines a wrapped table label may take before its numbers


def _is_table_row(text: str) -> bool:
    tokens = text.split()
    if not tokens:
        return False
    if _is_header_row(text):
        return True
    run = 0
    numbers = 0
    for token in reversed(tokens):
        if _NUMERIC.match(token):
            run += 1
            if token not in "-–":
                numbers += 1
        else:
            break
    return numbers >= 2 and run >= 2


def _lines(
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
        content = " ".join(line.split())
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


def _table_label_end(lines: list[_Line], index: int, heading_limit: int) -> int | None:
    """Inside a table, the line at ``index`` (not a row itself) starts a row label the PDF
    wrapped onto lines of its own when it has a row marker (``12.``, ``5a.``) or cannot be a
    heading, and a data row (not a header) follows within a few short lines: return that
    row's index, else ``None``."""
    first = lines[index].text
    if not _ROW_MARKER.match(first) and _heading_candidate(first, heading_limit):
        return None  # a group heading inside the table ("Uitgaven")
    for k in range(index, min(index + _LABEL_LOOKAHEAD, len(lines))):
        text = lines[k].text
        if k > index and _is_table_row(text):
            return None if _is_header_row(text) else k
        words = len(text.split())
        if (
            words > 14
            or (words >= 10 and _SENTENCE_END.search(text))
            or _BULLET.match(text)
            or (k > index and lines[k].page_start and _chapter_like(text))
        ):
            return None
    return None


_STATEMENT = re.compile(r"[.!]['\"”’]?$")
STATEMENT_MIN_WORDS = 4


def statement_heading(text: str) -> bool:
    """A heading that is a sentence (at least :data:`STATEMENT_MIN_WORDS` words ending in
    ``.`` or ``!``: PVV's one-line commitments set as headings) is also a passage candidate;
    whether it states a commitment is the analysis' call."""
    return len(text.split()) >= STATEMENT_MIN_WORDS and bool(_STATEMENT.search(text))


def _heading_candidate(text: str, limit: int) -> bool:
    if len(text) > limit or len(text.split()) > 14:
        return False
    if _BULLET.match(text):
        return False
    # "Financieel overzicht, in mln." ends in a unit, not a sentence
    unit_end = text.endswith(".") and text.split()[-1][:-1].lower() in _UNITS
    if _NO_HEADING_END.search(text) and not unit_end:
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in "‘'\"“"):
        return False
    if text.count("(") != text.count(")"):
        return False
    last = text.split()[-1]
    if _NUMERIC.match(last) and any(c in last for c in ",.%"):
        return False
    return any(c.isalpha() for c in text)


def _chapter_like(text: str) -> bool:
    return bool(_CHAPTER_NUMBER.match(text) or _CHAPTER_WORD.match(text))


def _toc_number(text: str) -> int | None:
    """The page number a table-of-contents entry ends in, else ``None``."""
    if not _TOC_ENTRY.search(text) or _BULLET.match(text) or _is_table_row(text):
        return None
    if len(text.split()) > 16 or text.rsplit(None, 1)[0].endswith((",", ";")):
        return None
    match = _TOC_NUMBER.search(text)
    return int(match.group(1)) if match else None


def _toc_runs(lines: list[_Line]) -> set[int]:
    """Lines in a run of at least :data:`_TOC_RUN` table-of-contents entries whose page
    numbers never go down: a table of contents even without an ``Inhoudsopgave`` title."""
    found: set[int] = set()
    run: list[int] = []
    last = -1
    for index, line in enumerate([*lines, None]):
        number = _toc_number(line.text) if line is not None else None
        if number is not None and number >= last and run:
            run.append(index)
            last = number
            continue
        if len(run) >= _TOC_RUN:
            found.update(run)
        run, last = ([index], number) if number is not None else ([], -1)
    return found


def _chapter_numbers(lines: list[_Line], toc: set[int]) -> set[str]:
    """Chapter numbers ``N`` of numbered sections (``N.M Titel``) outside a table of
    contents, when there are at least two: then ``N. Titel`` is a chapter anywhere."""
    numbers = [
        m.group(1)
        for i, ln in enumerate(lines)
        if i not in toc and (m := _SUBNUMBER.match(ln.text)) and len(ln.text.split()) <= 14
    ]
    return set(numbers) if len(numbers) >= 2 else set()


def _running_text(line: _Line, nxt: _Line | None) -> bool:
    """A line of four or more words whose text runs on in lower case on the next line, which
    is at least about as long: a wrapped line of running text (a narrow column), no
    heading."""
    if nxt is None or len(line.text.split()) < 4 or not nxt.text[:1].islower():
        return False
    return line.width >= 0.6 * nxt.width and not _SUBNUMBER.match(line.text)


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _join_capital_titles(lines: list[_Line]) -> list[_Line]:
    """A title in capitals wrapped after a comma, dash or joining word (``1. STERKE
    SAMENLEVING,`` + ``BETROKKEN BURGERS``) is one line: a line in capitals ending so, and
    the next line on the same page, also in capitals, short and without a sentence end."""
    out: list[_Line] = []
    for line in lines:
        last = out[-1] if out else None
        if (
            last is not None
            and last.hint is None
            and line.hint is None
            and not line.page_start
            and not line.hard_break
            and _capitals(last.text)
            and _capitals(line.text)
            and re.search(r"(?:[,–-]|\s(?:EN|OF|VAN|VOOR|DE|HET|IN|OP|MET))$", last.text)
            and len(last.text.split()) + len(line.text.split()) <= 14
            and not _SENTENCE_END.search(line.text)
            and not _BULLET.match(line.text)
        ):
            last.text = f"{last.text} {line.text}"
            last.raw = f"{last.raw.rstrip()} {line.raw.strip()}"
            continue
        out.append(line)
    return out


def _join(block_text: str, line: str, hyphens: HyphenPolicy | None = None) -> tuple[str, int]:
    """Append ``line`` to ``block_text``; return the new text and where ``line`` starts.

    A hyphen at the end is kept and joined without a space (``EU-niveau``), or dropped where
    ``hyphens`` says it breaks a word (``mi-`` + ``nuten``); see :mod:`.hyphens`."""
    if (
        len(block_text) >= 2
        and block_text[-1] == "-"
        and block_text[-2].isalnum()
        and not _KEEP_SPACE_AFTER_HYPHEN.match(line)
    ):
        if hyphens is not None and hyphens.drop(block_text, line):
            return block_text[:-1] + line, len(block_text) - 1
        return block_text + line, len(block_text)
    return block_text + " " + line, len(block_text) + 1


@dataclass(slots=True)
class _Open:
    kind: NodeKind
    text: str
    page: int | None
    page_breaks: list[tuple[int, int]]
    level: int | None = None
    marker: str | None = None
    last_page: int | None = None
    space_after: int = 0

    def append(self, line: _Line, hyphens: HyphenPolicy | None = None) -> None:
        """Join ``line`` to the block, noting where a new page begins inside it."""
        self.text, at = _join(self.text, line.text, hyphens)
        if line.page is not None and self.last_page is not None and line.page > self.last_page:
            self.page_breaks.append((at, line.page))
            self.last_page = line.page


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
    lines, pages_known, infer = _lines(
        text, paged=paged, page_numbers=page_numbers, hints=hints
    )
    if wrapped is not None:
        infer = wrapped
    if not lines:
        return [], pages_known
    lines = _join_capital_titles(lines)
    widths = sorted(ln.width for ln in lines)
    width = widths[int(0.9 * (len(widths) - 1))] if widths else 80
    width = max(width, 40)
    short = 0.85 * width
    heading_limit = int(min(90, max(30, 0.8 * width)))

    blocks: list[RawBlock] = []
    cur: _Open | None = None
    prev: _Line | None = None
    in_toc = False
    label_until = -1  # a wrapped table label continues on lines before this index
    table_open = False  # a header row of years was seen, and no paragraph or bullet since

    def close() -> None:
        nonlocal cur
        if cur is not None:
            blocks.append(
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
        cur = None

    hyphens = hyphen_policy(ln.text for ln in lines)
    toc_lines = _toc_runs(lines)
    chapter_numbers = _chapter_numbers(lines, toc_lines)
    toc_last = -1
    last_chapter = 0  # the number of the last numbered chapter
    for index, line in enumerate(lines):
        body = line.text
        if line.hint:  # a heading the layout found
            close()
            blocks.append(
                RawBlock(
                    NodeKind.HEADING,
                    body,
                    level=line.hint,
                    page=line.page,
                    statement=statement_heading(body),
                )
            )
            table_open = in_toc = False
            prev = line
            continue
        toc_number = _toc_number(body) if in_toc else None
        if index in toc_lines or (toc_number is not None and toc_number >= toc_last):
            # a table of contents: one paragraph per entry, never headings
            close()
            blocks.append(RawBlock(NodeKind.PARAGRAPH, body, page=line.page))
            toc_last = toc_number if toc_number is not None else toc_last
            prev = line
            continue
        in_toc = False
        toc_last = -1
        if chapter_pages and line.page_start and line.page in chapter_pages:
            close()  # "Hoofdstuk N: Titel" opening its page
            blocks.append(RawBlock(NodeKind.HEADING, body, level=1, page=line.page))
            number = _HOOFDSTUK.match(body)
            last_chapter = int(number.group(1)) if number else last_chapter
            table_open = False
            prev = line
            continue
        if (
            cur is not None
            and cur.kind is NodeKind.HEADING
            and cur.text.count(" ") < 14
            and not line.hard_break
            and not _BULLET.match(body)
            and not _SENTENCE_END.search(body)
            and len(body.split()) <= 8
            and (
                (body[:1].islower() and not _NO_HEADING_END.search(cur.text))
                or (_JOINING_WORD.search(cur.text) and _heading_candidate(body, heading_limit))
            )
            and index + 1 < len(lines)
        ):
            cur.append(line, hyphens)  # a heading wrapped onto a second line
            prev = line
            continue
        bullet = _BULLET.match(body)
        in_table = (
            table_open and cur is not None and cur.kind in (NodeKind.TABLE_ROW, NodeKind.HEADING)
        )
        table = not bullet and (
            _is_table_row(body) or (in_table and _GAP_NUMBER_TAIL.search(line.raw) is not None)
        )
        if in_table and not bullet and not table:
            assert cur is not None
            if index < label_until:  # the wrapped table label goes on
                cur.append(line, hyphens)
                prev = line
                continue
            end = _table_label_end(lines, index, heading_limit)
            if end is not None:  # a table row's label, its numbers on a later line
                close()
                cur = _Open(NodeKind.TABLE_ROW, body, line.page, [])
                cur.last_page = line.page
                label_until = end
                prev = line
                continue
        has_next = index + 1 < len(lines)
        prev_ended = prev is None or (
            infer
            and _SENTENCE_END.search(prev.text) is not None
            and (prev.width < short or prev.trailing >= 2)
        )
        prev_sentence_end = prev is None or _SENTENCE_END.search(prev.text) is not None
        heading = (
            not bullet
            and not table
            and line.hint is None
            and has_next
            and _heading_candidate(body, heading_limit)
            and not _NUMBER_THEN_LOWER.match(body)
            and not _running_text(line, lines[index + 1])
            and (
                cur is None
                or line.hard_break
                or cur.kind in (NodeKind.HEADING, NodeKind.TABLE_ROW)
                or prev_sentence_end
            )
        )
        new_block = (
            cur is None
            or line.hard_break
            or bool(bullet)
            or table
            or heading
            or cur.kind in (NodeKind.HEADING, NodeKind.TABLE_ROW)
            or prev_ended
        )
        if new_block:
            close()
            if bullet:
                cur = _Open(
                    NodeKind.BULLET,
                    body[bullet.end() :],
                    line.page,
                    [],
                    marker=BULLET_MARKER,
                )
            elif table:
                table_open = table_open or _is_header_row(body)
                spaced, after = _spaced(line.raw)
                cur = _Open(NodeKind.TABLE_ROW, spaced, line.page, [], space_after=after)
            elif heading:
                chapter = _chapter_like(body) and (line.page_start or not pages_known)
                numbered = _CHAPTER_NUMBERED.match(body)
                sub = _SUBNUMBER.match(body)
                level = 1 if chapter else 2
                if (
                    numbered
                    and numbered.group(1) in chapter_numbers
                    and int(numbered.group(1)) > last_chapter
                ):
                    chapter, level = True, 1  # "2. Titel" where "2.1 …" sections follow
                    last_chapter = int(numbered.group(1))
                elif _HOOFDSTUK.match(body):
                    chapter, level = True, 1  # "Hoofdstuk 3", also in the middle of a page
                elif sub and sub.group(1) in chapter_numbers:
                    level = 3 if sub.group(3) else 2
                if chapter or sub or not _NUMBERED_ITEM.match(body):
                    cur = _Open(NodeKind.HEADING, body, line.page, [], level=level)
                    in_toc = bool(_TOC_TITLE.match(body))
                else:  # a numbered item that is not a chapter: a (table) line, not a heading
                    cur = _Open(NodeKind.PARAGRAPH, body, line.page, [])
            else:
                cur = _Open(NodeKind.PARAGRAPH, body, line.page, [])
            cur.last_page = line.page
            if cur.kind in (NodeKind.PARAGRAPH, NodeKind.BULLET) or cur.level == 1:
                table_open = False
        else:
            assert cur is not None
            cur.append(line, hyphens)
        prev = line
    close()
    return blocks, pages_known
