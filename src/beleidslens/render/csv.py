"""CSV export: one table, one row per passage and one row per aspect verdict.

A CSV file holds one table, so both kinds of rows share the same columns and a ``record``
column says which kind a row is (``passage`` or ``aspect``). Passage rows come first (per
theme, best first), then aspect rows. Column headers follow ``--lang``; the ``record`` values
and the ``*_id`` columns are stable for programs.

Written as UTF-8 with a byte-order mark, so Excel shows é, ë and € correctly. Text cells that
a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or
carriage return) get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, TypeVar

from ..i18n import add_labels, t
from .base import Renderer, RenderOptions, mark_label

if TYPE_CHECKING:
    from ..analysis.result import Analysis
    from ..document import Document

add_labels(
    {
        "tab_record": {"nl": "soort", "en": "record"},
        "tab_theme_id": {"nl": "thema_id", "en": "theme_id"},
        "tab_aspect_ids": {"nl": "aspect_ids", "en": "aspect_ids"},
        "tab_start": {"nl": "begin", "en": "start"},
        "tab_end": {"nl": "eind", "en": "end"},
        "tab_passages_sheet": {"nl": "Passages", "en": "Passages"},
        "tab_aspects_sheet": {"nl": "Aspecten", "en": "Aspects"},
        "tab_yes": {"nl": "ja", "en": "yes"},
        "tab_no": {"nl": "nee", "en": "no"},
    }
)

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | None
_V = TypeVar("_V")

COLUMN_KEYS = (
    "tab_record",
    "tab_theme_id",
    "theme",
    "tab_aspect_ids",
    "aspects",
    "selected",
    "status",
    "score",
    "section",
    "page",
    "tab_start",
    "tab_end",
    "text",
)


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_PREFIXES)


def defuse(value: _V) -> _V | str:
    """Prefix text that a spreadsheet would evaluate with an apostrophe."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def headers(lang: str) -> list[str]:
    return [t(k, lang) for k in COLUMN_KEYS]


def passage_rows(analysis: Analysis, options: RenderOptions) -> list[list[Cell]]:
    lang = options.lang
    rows: list[list[Cell]] = []
    for theme in analysis.themes:
        labels = {a.id: a.label for a in theme.aspects}
        for p in theme.passages:
            if not p.selected and not options.include_unselected:
                continue
            rows.append(
                [
                    "passage",
                    theme.id,
                    theme.label,
                    " ".join(p.aspects),
                    "; ".join(labels.get(a, a) for a in p.aspects),
                    t("tab_yes" if p.selected else "tab_no", lang),
                    None,
                    round(p.score, 4),
                    p.location.section,
                    p.location.page,
                    p.location.start,
                    p.location.end,
                    p.text,
                ]
            )
    return rows


def aspect_rows(analysis: Analysis, options: RenderOptions) -> list[list[Cell]]:
    lang = options.lang
    rows: list[list[Cell]] = []
    for theme in analysis.themes:
        for a in theme.aspects:
            ev = a.evidence[0] if a.evidence else None
            rows.append(
                [
                    "aspect",
                    theme.id,
                    theme.label,
                    a.id,
                    mark_label(a, lang),  # with the stance when the document rejects it
                    None,
                    t(str(a.status), lang),
                    round(a.score, 4),
                    ev.location.section if ev else None,
                    ev.location.page if ev else None,
                    ev.location.start if ev else None,
                    ev.location.end if ev else None,
                    ev.text if ev else None,
                ]
            )
    return rows


class CsvRenderer(Renderer):
    format = "csv"
    extension = "csv"
    media_type = "text/csv; charset=utf-8"
    binary = True  # bytes: UTF-8 with BOM, CRLF line ends as RFC 4180 says

    def render(
        self, analysis: Analysis, options: RenderOptions, document: Document | None = None
    ) -> bytes:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(headers(options.lang))
        for row in passage_rows(analysis, options) + aspect_rows(analysis, options):
            writer.writerow(["" if v is None else defuse(v) for v in row])
        return ("\ufeff" + buf.getvalue()).encode("utf-8")
