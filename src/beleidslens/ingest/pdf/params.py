"""The PDF layout reader's tuned numbers, in one documented parameter model.

Every number the PDF ingester was tuned with is a field of :class:`PdfLayoutParams` (a
description and a range each, ``extra="forbid"``), like the scoring backends' models
(:mod:`beleidslens.scoring.params`; the base is :class:`beleidslens.params.Params`:
:meth:`~beleidslens.params.Params.from_options` turns a bad value into one line). The measurement that chose each value is in
``docs/document-model.md`` (PDF); ``python benchmarks/sweep_pdf_params.py`` repeats it on the
corpus PDFs, each parameter moved below and above its value.

The reader uses the default model. :func:`layout_params` sets another one for the code run
inside it (a context variable: threads and tasks keep their own), for experiments::

    with layout_params(PdfLayoutParams(band=0.12)):
        doc = load_document("programma.pdf")
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ClassVar

from ...errors import IngestError
from ...params import Params
from ...params import field as _field


class PdfLayoutParams(Params):
    """How a PDF page's layout is read: furniture, headings, columns, outline, tables."""

    label: ClassVar[str] = "PDF layout parameter"
    error: ClassVar[type[IngestError]] = IngestError

    # furniture.py: running headers and footers, page numbers, footnotes, contents pages
    band: float = _field(
        0.09,
        "top and bottom share of the page height where headers and footers stand",
        ge=0.02,
        le=0.25,
    )
    recur_share: float = _field(
        0.25,
        "share of the pages a header or footer text recurs on (digits taken as equal)",
        gt=0,
        le=1,
    )
    recur_min: int = _field(3, "pages a header or footer text recurs on, at least", ge=2, le=20)
    number_share: float = _field(
        0.5,
        "share of the numbered pages that must agree on the printed-minus-physical difference",
        gt=0,
        le=1,
    )
    footnote_size: float = _field(
        0.88, "a footnote is set at most this share of the body text's size", gt=0.5, le=1
    )
    toc_min: int = _field(
        4,
        "lines ending in non-decreasing page numbers that make a table-of-contents page",
        ge=2,
        le=20,
    )
    number_margin: float = _field(
        8.0, "points left of the text's edge a margin line number starts, at least", ge=1, le=60
    )
    numbered_lines: int = _field(
        5, "margin line numbers rising down a page that mark it as line-numbered", ge=2, le=40
    )
    spread_ratio: float = _field(
        1.2, "a page this many times wider than high is a spread (two printed pages)", ge=1, le=3
    )
    # headings.py: headings from type
    size_step: float = _field(
        1.0, "points a heading is set larger than the body text, at least", ge=0, le=6
    )
    size_ratio: float = _field(1.1, "times the body size a heading is set, at least", ge=1, le=2)
    max_lines: int = _field(
        10, "lines in heading type that are still one heading (more: a pull quote)", ge=1, le=30
    )
    max_words: int = _field(
        16, "words of a heading, at most (more: a pull quote or a sentence)", ge=3, le=60
    )
    chapter_pages: int = _field(
        3, "pages the chapter heading size is used on, at least", ge=1, le=20
    )
    chapter_share: float = _field(
        0.6, "share of the pages the chapter heading size is used on, at most", gt=0, le=1
    )
    # layout.py: weight and columns
    bold_weight: int = _field(600, "a font weight at or above this is bold", ge=100, le=900)
    gutter_min: float = _field(
        6.0, "points: the narrowest gap between two text columns", ge=1, le=60
    )
    gutter_share: float = _field(
        0.12,
        "share of a page's lines that may cross a column gap (headings, footers)",
        ge=0,
        le=0.5,
    )
    bin: float = _field(
        2.0,
        "points per bin of the horizontal coverage histogram that finds column gaps",
        ge=0.5,
        le=10,
    )
    # outline.py: bookmarks
    min_entries: int = _field(
        3, "outline entries, on as many different pages, for the outline to be usable", ge=1, le=20
    )
    max_parts: int = _field(
        4,
        "a top outline level of at most this many entries over twice as many is parts, "
        "the next level chapters",
        ge=1,
        le=12,
    )
    match_lines: int = _field(
        10, "consecutive lines of its page an outline title is looked for in", ge=1, le=40
    )
    # structure.py: paragraphs, outline use, list items
    paragraph_gap: float = _field(
        1.45, "line pitches of vertical gap that end a paragraph", ge=1, le=4
    )
    outline_found: float = _field(
        0.5,
        "share of the outline's entries found on their pages for the outline to be used",
        ge=0,
        le=1,
    )
    indent_min: float = _field(
        6.0,
        "points a list item without a glyph is set in from the text's left edge, at least",
        ge=0,
        le=40,
    )
    indent_max: float = _field(45.0, "and at most", ge=5, le=120)
    # tables.py: table rows by position
    column_slack: float = _field(
        6.0,
        "points: the numbers of a table going on on the next page end this close to its columns",
        ge=0,
        le=30,
    )
    marker_reach: float = _field(
        2.0, "line pitches above and below a lone row marker that its row spans", ge=0.5, le=6
    )
    header_words: int = _field(
        4,
        "words of a line beside a table header's year line that belongs to the header",
        ge=1,
        le=12,
    )


DEFAULT = PdfLayoutParams()
_CURRENT: ContextVar[PdfLayoutParams] = ContextVar("pdf_layout_params", default=DEFAULT)


def current() -> PdfLayoutParams:
    """The parameters the code running now reads PDFs with."""
    return _CURRENT.get()


@contextmanager
def layout_params(params: PdfLayoutParams) -> Iterator[PdfLayoutParams]:
    """Read PDFs with ``params`` inside the block."""
    token = _CURRENT.set(params)
    try:
        yield params
    finally:
        _CURRENT.reset(token)
