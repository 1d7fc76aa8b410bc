"""Lines of plain text and what each can be (``docs/document-model.md``).

:func:`read_lines` turns text into content lines with their page and break information;
the predicates here (table row, heading candidate, table-of-contents entry, chapter-like)
are what :mod:`.plaintext`'s line classifier decides with; :class:`_Open` is a block being
built, :func:`_join` how a line joins it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document.model import NodeKind
from .hyphens import KEEP_SPACE_AFTER_HYPHEN as _KEEP_SPACE_AFTER_HYPHEN
from .hyphens import HyphenPolicy
from .plainread import _Line

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


# a table row is a line of a page: no row is this long, and testing a line of megabytes
# word by word (a 49 MB text of one line) cost 400 MB of word objects per test
_MAX_ROW = 20_000


def _is_header_row(text: str) -> bool:
    if len(text) > _MAX_ROW:
        return False
    return sum(1 for t in text.split() if _YEAR.match(t)) >= 3


# a number set off from the text before it by a run of two or more spaces: a table cell;
# a plain number of up to three digits is not taken (a page number in a table of contents)
_GAP_NUMBER_TAIL = re.compile(
    r"\S[ \t\u00a0]{2,}(?!\d{1,3}\s*$)[-+–]?€?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?%?\s*$"
)
_ROW_MARKER = re.compile(r"^(?:[A-Za-z]{1,2}\d?|\d{1,3}[a-z]?|[IVX]{1,5})\.\s")
_LABEL_LOOKAHEAD = 6  # lines a wrapped table label may take before its numbers


def _is_table_row(text: str) -> bool:
    if len(text) > _MAX_ROW:
        return False
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


@dataclass(slots=True)
class _Layout:
    """What the classifier knows of the whole text before reading it line by line."""

    lines: list[_Line]
    pages_known: bool
    infer: bool  # paragraph ends are inferred from line lengths and punctuation
    short: float  # a line this much shorter than the text width can end a paragraph
    heading_limit: int
    toc_lines: set[int]
    chapter_numbers: set[str]
    chapter_pages: set[int] | None


def _layout(
    lines: list[_Line], pages_known: bool, infer: bool, chapter_pages: set[int] | None
) -> _Layout:
    widths = sorted(ln.width for ln in lines)
    width = widths[int(0.9 * (len(widths) - 1))] if widths else 80
    width = max(width, 40)
    toc = _toc_runs(lines)
    return _Layout(
        lines=lines,
        pages_known=pages_known,
        infer=infer,
        short=0.85 * width,
        heading_limit=int(min(90, max(30, 0.8 * width))),
        toc_lines=toc,
        chapter_numbers=_chapter_numbers(lines, toc),
        chapter_pages=chapter_pages,
    )
