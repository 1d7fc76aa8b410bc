"""The corpus overview as an XLSX workbook and as Markdown.

XLSX: per framework a sheet of documents × themes (selected passages, a colour scale) whose
cells link to the cell's first passage on the ``passages`` sheet, and a sheet of aspects
addressed. Markdown: per framework a table (``selected · addressed/aspects``) whose cells
link to a list of the passages below it.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ..i18n import t
from ..render.csv import is_formula_like
from .report import Grid, Overview


def _sheet_title(name: str, used: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:28] or "sheet"
    base, n = title, 2
    while title.casefold() in used:
        title = f"{base[:25]} {n}"
        n += 1
    used.add(title.casefold())
    return title


def _text(value: Any) -> Any:
    if isinstance(value, str):
        return value[:32_000]
    return value


def render_xlsx(overview: Overview, lang: str = "nl") -> bytes:
    from openpyxl import Workbook
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    wb = Workbook()
    first = wb.active
    assert first is not None
    used: set[str] = set()
    passages = wb.create_sheet(_sheet_title(t("corpus_passages_sheet", lang), used))
    wb.remove(first)
    bold = Font(bold=True)
    p_head = [t("corpus_document", lang), "framework", t("theme", lang), t("page", lang),
              t("section", lang), t("score", lang), t("text", lang)]  # fmt: skip
    passages.append(p_head)
    for cell in passages[1]:
        cell.font = bold
    p_rows = 1  # rows on the passages sheet (Worksheet.max_row scans every cell)
    meta = overview.metadata_columns
    for index, g in enumerate(overview.grids):
        for kind in ("selected", "aspects"):
            name = g.framework if kind == "selected" else f"{g.framework} {t('aspects', lang)}"
            ws = wb.create_sheet(_sheet_title(name, used), index * 2 + (kind == "aspects"))
            header = [t("corpus_document", lang), *meta, *(label for _, label in g.themes)]
            ws.append(header)
            for cell in ws[1]:
                cell.font = bold
                cell.alignment = Alignment(wrap_text=True, vertical="bottom")
            for row_no, r in enumerate(g.rows, start=2):
                values: list[Any] = [r.label, *(r.metadata[c] for c in meta)]
                for c in r.cells:
                    values.append(c.selected if kind == "selected" else c.addressed)
                ws.append([_text(v) for v in values])
                for j, c in enumerate(r.cells):
                    target = ws.cell(row=row_no, column=2 + len(meta) + j)
                    if kind == "selected" and c.passages:
                        target.hyperlink = Hyperlink(
                            ref=target.coordinate,
                            location=f"'{passages.title}'!A{p_rows + 1}",
                        )
                        target.font = Font(underline="single", color="154273")
                    for p in c.passages if kind == "selected" else []:
                        passages.append([_text(x) for x in (r.label, g.framework, g.themes[j][1],
                                         p["page"], p["section"], p["score"], p["text"])])  # fmt: skip
                        p_rows += 1
            for row in ws.iter_rows(min_row=2):  # text a spreadsheet would evaluate stays text
                for cell in row:
                    if isinstance(cell.value, str) and is_formula_like(cell.value):
                        cell.data_type = "s"
                        cell.quotePrefix = True
            first_theme = get_column_letter(2 + len(meta))
            last = get_column_letter(len(header))
            if g.rows:
                ws.conditional_formatting.add(
                    f"{first_theme}2:{last}{len(g.rows) + 1}",
                    ColorScaleRule(start_type="num", start_value=0, start_color="FFFFFF",
                                   end_type="max", end_color="5B7DA5"),
                )  # fmt: skip
            ws.freeze_panes = f"{first_theme}2"
            ws.column_dimensions["A"].width = 40
    for row in passages.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and is_formula_like(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
    passages.column_dimensions["G"].width = 100
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _md(text: Any) -> str:
    """Cell text safe inside a Markdown table (no pipes, no line breaks, no HTML)."""
    s = "" if text is None else str(text)
    s = " ".join(s.split())
    return (
        s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
        .replace("[", "\\[").replace("]", "\\]").replace("*", "\\*").replace("_", "\\_")
    )  # fmt: skip


def _grid_md(g: Grid, overview: Overview, lang: str) -> list[str]:
    meta = overview.metadata_columns
    head = [t("corpus_document", lang), *meta, *(_md(label) for _, label in g.themes)]
    lines = [f"## {_md(g.framework_name)}", "", f"*{t('corpus_cell_hint', lang)}*", ""]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    for r in g.rows:
        cells = [_md(r.label), *(_md(r.metadata[c]) for c in meta)]
        for c in r.cells:
            value = f"{c.selected} · {c.addressed}/{c.aspects}"
            cells.append(f"[{value}](#{c.anchor})" if c.passages else value)
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for r in g.rows:
        for j, c in enumerate(r.cells):
            if not c.passages:
                continue
            lines += [f'<a id="{c.anchor}"></a>', "",
                      f"### {_md(r.label)} · {_md(g.themes[j][1])}", ""]  # fmt: skip
            for p in c.passages:
                where = f"{t('page', lang)} {p['page']}, " if p["page"] else ""
                lines.append(f"- {_md(p['text'])} ({where}{_md(p['section'])})")
            lines.append("")
    return lines


def render_markdown(overview: Overview, lang: str = "nl") -> str:
    lines = [f"# {t('corpus_title', lang)}", "", t("corpus_intro", lang).split(". ")[0] + ".", ""]
    for g in overview.grids:
        lines += _grid_md(g, overview, lang)
    if overview.failed:
        lines += [f"## {t('corpus_failed', lang)}", ""]
        lines += [f"- **{_md(name)}**: {_md(err)}" for name, err in overview.failed]
        lines.append("")
    return "\n".join(lines)
