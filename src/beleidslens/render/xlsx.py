"""Excel workbook: a sheet of passages and a sheet of aspect verdicts (same columns as CSV).

Text that Excel would evaluate as a formula is stored as a plain string with Excel's
"quote prefix" flag (shown with a leading apostrophe in the formula bar, never evaluated);
the text itself is kept unchanged.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from .base import Renderer, RenderOptions
from .csv import Cell, aspect_rows, headers, is_formula_like, passage_rows

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ..analysis.result import Analysis
    from ..document import Document

# column widths in characters, by position in csv.COLUMN_KEYS
_WIDTHS = (9, 16, 30, 22, 40, 11, 16, 8, 34, 7, 8, 8, 100)
_MAX_CELL = 32_767  # Excel's limit on characters in a cell


def _fill_sheet(ws: Worksheet, header: list[str], rows: list[list[Cell]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.append(header)
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="154273")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value = value[:_MAX_CELL]
                if is_formula_like(value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
            else:
                cell.value = value
            cell.alignment = wrap if c in (3, 5, 9, 13) else top
    for i, width in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"


class XlsxRenderer(Renderer):
    format = "xlsx"
    extension = "xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    binary = True

    def render(
        self, analysis: Analysis, options: RenderOptions, document: Document | None = None
    ) -> bytes:
        from openpyxl import Workbook

        from ..i18n import t

        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = t("tab_passages_sheet", options.lang)
        header = headers(options.lang)
        _fill_sheet(ws, header, passage_rows(analysis, options))
        _fill_sheet(
            wb.create_sheet(t("tab_aspects_sheet", options.lang)),
            header,
            aspect_rows(analysis, options),
        )
        wb.properties.title = analysis.document.display_name
        wb.properties.creator = analysis.generator
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()
