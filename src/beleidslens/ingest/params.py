"""The tuned numbers of reading text: pages (``beleidslens.ingest.pages``: page furniture,
chapter openings, statement headings) and line-end hyphens (``beleidslens.ingest.hyphens``).

:data:`beleidslens.ingest.pages.PARAMS` and :data:`beleidslens.ingest.hyphens.PARAMS` are
the instances the readers use; ``docs/document-model.md`` names what chose each value. They shape the
document model, not an analysis: a document is identified by its source's digest and the
version of beleidslens that read it.
"""

from __future__ import annotations

from typing import ClassVar

from ..errors import IngestError
from ..params import Params
from ..params import field as _f


class PageParams(Params):
    """Pages of text taken from a PDF: running headers and footers, ``Hoofdstuk N`` openings,
    headings that are sentences."""

    label: ClassVar[str] = "page parameter"
    error: ClassVar[type[IngestError]] = IngestError

    furniture_zone: int = _f(
        4, "non-blank lines at the top and at the bottom of a page searched for furniture",
        ge=1, le=100,
    )  # fmt: skip
    furniture_share: float = _f(
        0.3, "share of the pages with text a running header or footer recurs on", ge=0.0, le=1.0
    )
    furniture_min_pages: int = _f(
        3, "…and at least this many pages (also: chapter pages a slogan recurs on)", ge=1, le=1000
    )
    furniture_max_chars: int = _f(100, "longest line that can be furniture", ge=1, le=10_000)
    chapter_page_lines: int = _f(
        10, "most non-blank lines of a page that only announces a chapter", ge=1, le=1000
    )
    chapter_slogan_share: float = _f(
        0.5, "share of the chapter pages a line recurs on to be their slogan", ge=0.0, le=1.0
    )
    chapter_title_chars: int = _f(60, "longest line of a chapter title", ge=1, le=10_000)
    chapter_title_words: int = _f(14, "most words of a whole chapter title", ge=1, le=1000)
    chapter_title_lines: int = _f(
        4, "lines a title may wrap over after a 'Hoofdstuk N' at a page top", ge=0, le=100
    )
    statement_min_words: int = _f(
        4, "fewest words of a heading that is a sentence (and so a passage candidate)",
        ge=1, le=1000,
    )  # fmt: skip


class HyphenParams(Params):
    """Soft hyphenation: when a document's line-end hyphens are the typesetter's word breaks."""

    label: ClassVar[str] = "hyphen parameter"
    error: ClassVar[type[IngestError]] = IngestError

    min_evidence: int = _f(
        3, "clear word breaks a soft-hyphenated document has at least", ge=1, le=1000
    )
    min_share: float = _f(
        0.25, "…and at least this share of its lower-case line-end hyphens", ge=0.0, le=1.0
    )
    enough_evidence: int = _f(
        10, "clear word breaks that suffice whatever their share", ge=1, le=100_000
    )
    min_density: float = _f(
        0.005,
        "lower-case line-end hyphens per line below which none is looked at (no wordfreq)",
        ge=0.0,
        le=1.0,
    )
    common_word: float = _f(
        2.0, "Zipf frequency from which the joined word settles a break (pro-blemen)",
        ge=0.0, le=8.0,
    )  # fmt: skip
