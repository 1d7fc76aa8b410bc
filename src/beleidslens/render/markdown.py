"""Markdown renderer (``--format markdown``): the report as real Markdown.

::

    # <title>

    <intro>

    > <what ingestion had to guess, if anything>

    ## <theme label>

    - <selected passage, exact text> (blz. 12)

    - NIET: <label of an aspect the document does not address>
    - ONZEKER: <label of an aspect whose evidence is doubtful>

    ## <theme label>

    —

The content is that of the expert's plain format (:mod:`.expert`, ``--format expert``), in
Markdown's headings and lists; characters Markdown would read as markup are escaped. The
expert-analysis parser (:func:`beleidslens.evaluate.gold.parse_expert_markdown`) reads both, so
a rendered report parses back to its selected passages and verdicts.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from ..i18n import document_notes, t
from .base import Renderer, RenderOptions, mark_label, verdict_marks

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..document import Document

_MARKUP = re.compile(r"([\\`*_\[\]<>#|])")
EMPTY_THEME = "—"


def escape(text: str) -> str:
    """``text`` on one line, with Markdown's markup characters backslash-escaped."""
    return _MARKUP.sub(r"\\\1", " ".join(text.split()))


class MarkdownRenderer(Renderer):
    format: ClassVar[str] = "markdown"
    extension: ClassVar[str] = "md"
    media_type: ClassVar[str] = "text/markdown"

    def render(
        self, analysis: Analysis, options: RenderOptions, document: Document | None = None
    ) -> str:
        lang = options.lang
        intro = t(
            "report_intro",
            lang,
            document=analysis.document.display_name,
            framework=analysis.framework.name,
        )
        lines = [f"# {escape(t('report_title', lang))}", "", escape(intro), ""]
        for note in document_notes(analysis.document.notes, lang):
            lines += [f"> {escape(note)}", ""]
        for theme in analysis.themes:
            lines += [f"## {escape(theme.label)}", ""]
            # in document order, as an analyst quotes them
            selected = sorted(theme.selected, key=lambda p: (p.location.start, p.location.end))
            for p in selected:
                text = escape(p.text)
                if p.location.page is not None:
                    text += f" ({t('page_ref', lang, page=p.location.page)})"
                lines.append(f"- {text}")
            verdicts = verdict_marks(theme)
            if selected and verdicts:
                lines.append("")
            lines += [f"- {t(mark, lang)}: {escape(mark_label(a, lang))}" for mark, a in verdicts]
            if not selected and not verdicts:
                lines.append(EMPTY_THEME)
            lines.append("")
        return "\n".join(lines).rstrip("\n") + "\n"
