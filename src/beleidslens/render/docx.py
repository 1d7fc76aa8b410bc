"""Word document: what an analyst pastes into a memo.

Same content as the Markdown report (title, intro, per theme the selected passages as
bullets with section and page, ``NIET:`` lines, ``-`` when a theme has nothing), followed by
a table of amounts (theme, amount, period, sentence, page).
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from ..i18n import add_labels, document_notes, t
from .base import Renderer, RenderOptions, mark_label, verdict_marks
from .html import format_eur  # also registers the shared table labels

if TYPE_CHECKING:
    from docx.shared import Length
    from docx.table import _Cell, _Row

    from ..analysis.result import Analysis, Passage
    from ..document import Document

add_labels(
    {
        "docx_amounts_title": {"nl": "Bedragen per thema", "en": "Amounts per theme"},
        "docx_no_amounts": {
            "nl": "Geen bedragen gevonden in de geselecteerde passages.",
            "en": "No amounts found in the selected passages.",
        },
    }
)

# characters XML 1.0 does not allow (python-docx refuses them)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


# A4 with 2.2 cm margins leaves 16.6 cm; the amounts table's columns, in cm: theme, amount,
# period, sentence, page (the sentence gets the room, the page number little).
_PAGE_CM = (21.0, 29.7)
_MARGIN_CM = 2.2
_COLUMNS_CM = (3.4, 3.0, 2.2, 6.4, 1.6)
_TABLE_PT = 9


def _table_cell(cell: _Cell, text: str, width: Length) -> None:
    from docx.shared import Pt

    cell.width = width
    cell.text = _clean(text)
    for run in cell.paragraphs[0].runs:
        run.font.size = Pt(_TABLE_PT)


def _row_flags(row: _Row, *, header: bool = False) -> None:
    """Rows never break across pages; the header row repeats on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        flag = OxmlElement("w:tblHeader")
        flag.set(qn("w:val"), "true")
        tr_pr.append(flag)


def _where(p: Passage, lang: str) -> str:
    parts = []
    if p.location.section:
        parts.append(p.location.section)
    if p.location.page is not None:
        parts.append(f"{t('page', lang)} {p.location.page}")
    return f" ({', '.join(parts)})" if parts else ""


class DocxRenderer(Renderer):
    format = "docx"
    extension = "docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    binary = True

    def render(
        self, analysis: Analysis, options: RenderOptions, document: Document | None = None
    ) -> bytes:
        from docx import Document as new_docx
        from docx.shared import Cm, Pt, RGBColor

        lang = options.lang
        title = analysis.document.display_name
        doc = new_docx()
        section = doc.sections[0]  # the template is US Letter; a Dutch memo is A4
        section.page_width, section.page_height = Cm(_PAGE_CM[0]), Cm(_PAGE_CM[1])
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(_MARGIN_CM))
        doc.core_properties.title = _clean(f"{t('report_title', lang)}: {title}")
        doc.core_properties.author = analysis.generator
        doc.add_heading(_clean(t("report_title", lang)), level=0)
        doc.add_paragraph(
            _clean(t("report_intro", lang, document=title, framework=analysis.framework.name))
        )
        for note in document_notes(analysis.document.notes, lang):
            doc.add_paragraph(_clean(note))
        grey = RGBColor(0x5B, 0x67, 0x76)
        for theme in analysis.themes:
            doc.add_heading(_clean(theme.label), level=1)
            selected = theme.selected
            verdicts = verdict_marks(theme)
            for p in selected:
                para = doc.add_paragraph(style="List Bullet")
                para.add_run(_clean(p.text))
                where = para.add_run(_clean(_where(p, lang)))
                where.font.color.rgb = grey
                where.font.size = Pt(9)
            if not selected and not verdicts:
                doc.add_paragraph(t("nothing", lang))
            for mark, a in verdicts:
                para = doc.add_paragraph()
                para.add_run(f"{t(mark, lang)}: ").bold = True
                para.add_run(_clean(mark_label(a, lang).rstrip(".") + "."))

        doc.add_heading(t("docx_amounts_title", lang), level=1)
        rows = [(th.label, m) for th in analysis.themes for m in th.amounts]
        if not rows:
            doc.add_paragraph(t("docx_no_amounts", lang))
        else:
            table = doc.add_table(rows=1, cols=5)
            table.style = "Light Grid Accent 1"
            table.autofit = False
            widths = [Cm(w) for w in _COLUMNS_CM]
            for column, width in zip(table.columns, widths, strict=True):
                column.width = width
            keys = ("theme", "amount", "period", "html_sentence", "page")
            header = table.rows[0]
            _row_flags(header, header=True)
            for cell, key, width in zip(header.cells, keys, widths, strict=True):
                _table_cell(cell, t(key, lang).capitalize(), width)
            for label, m in rows:
                row = table.add_row()
                _row_flags(row)
                page = m.location.page if m.location else None
                texts = (
                    label,
                    f"{format_eur(m.value_eur, lang)} ({m.text})",
                    m.period or t("nothing", lang),
                    m.sentence,
                    "" if page is None else str(page),
                )
                for cell, text, width in zip(row.cells, texts, widths, strict=True):
                    _table_cell(cell, text, width)
        buf = io.BytesIO()
        doc.save(buf)
        return buf.getvalue()
