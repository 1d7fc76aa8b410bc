"""Word document: what an analyst pastes into a memo.

Same content as the Markdown report (title, intro, per theme the selected passages as
bullets with section and page, ``NIET:`` lines, ``-`` when a theme has nothing), followed by
a table of amounts (theme, amount, period, sentence, page).
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from ..i18n import add_labels, t
from .base import Renderer, RenderOptions
from .html import format_eur  # also registers the shared table labels

if TYPE_CHECKING:
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
        from docx.shared import Pt, RGBColor

        lang = options.lang
        title = analysis.document.display_name
        doc = new_docx()
        doc.core_properties.title = _clean(f"{t('report_title', lang)}: {title}")
        doc.core_properties.author = analysis.generator
        doc.add_heading(_clean(t("report_title", lang)), level=0)
        doc.add_paragraph(
            _clean(t("report_intro", lang, document=title, framework=analysis.framework.name))
        )
        grey = RGBColor(0x5B, 0x67, 0x76)
        for theme in analysis.themes:
            doc.add_heading(_clean(theme.label), level=1)
            selected = theme.selected
            niet = [a for a in theme.aspects if str(a.status) == "not_addressed"]
            for p in selected:
                para = doc.add_paragraph(style="List Bullet")
                para.add_run(_clean(p.text))
                where = para.add_run(_clean(_where(p, lang)))
                where.font.color.rgb = grey
                where.font.size = Pt(9)
            if not selected and not niet:
                doc.add_paragraph(t("nothing", lang))
            for a in niet:
                para = doc.add_paragraph()
                para.add_run(f"{t('not', lang)}: ").bold = True
                para.add_run(_clean(a.label.rstrip(".") + "."))

        doc.add_heading(t("docx_amounts_title", lang), level=1)
        rows = [(th.label, m) for th in analysis.themes for m in th.amounts]
        if not rows:
            doc.add_paragraph(t("docx_no_amounts", lang))
        else:
            table = doc.add_table(rows=1, cols=5)
            table.style = "Light Grid Accent 1"
            keys = ("theme", "amount", "period", "html_sentence", "page")
            for cell, key in zip(table.rows[0].cells, keys, strict=True):
                cell.text = t(key, lang).capitalize()
            for label, m in rows:
                cells = table.add_row().cells
                cells[0].text = _clean(label)
                cells[1].text = _clean(f"{format_eur(m.value_eur, lang)} ({m.text})")
                cells[2].text = _clean(m.period or t("nothing", lang))
                cells[3].text = _clean(m.sentence)
                page = m.location.page if m.location else None
                cells[4].text = "" if page is None else str(page)
        buf = io.BytesIO()
        doc.save(buf)
        return buf.getvalue()
