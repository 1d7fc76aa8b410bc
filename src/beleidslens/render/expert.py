"""The expert's plain report format (``--format expert``), as analysts write it by hand.

::

    <title>

    <intro>
    <theme label>

     • <selected passage, exact text> (p. 12)

    NIET: <label of an aspect the document does not address>
    ONZEKER: <label of an aspect whose evidence is doubtful>

    <theme label>

    -

Page references are appended as ``(p. N)`` (``(blz. N)`` in Dutch) and are stripped again by
:func:`beleidslens.evaluate.gold.parse_expert_markdown`, so a rendered report parses back to
its selected passages. ``--format markdown`` (:mod:`.markdown`) is real Markdown with the
same content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..i18n import document_notes, t
from .base import Renderer, RenderOptions, mark_label, verdict_marks

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..document import Document


class ExpertRenderer(Renderer):
    format: ClassVar[str] = "expert"
    extension: ClassVar[str] = "txt"
    media_type: ClassVar[str] = "text/plain"

    def __init__(self, page_refs: bool = True) -> None:
        self.page_refs = page_refs

    def render(
        self, analysis: Analysis, options: RenderOptions, document: Document | None = None
    ) -> str:
        lang = options.lang
        lines = [
            t("report_title", lang),
            "",
            t(
                "report_intro",
                lang,
                document=analysis.document.display_name,
                framework=analysis.framework.name,
            ),
        ]
        for note in document_notes(analysis.document.notes, lang):
            lines += ["", note, ""]
        for theme in analysis.themes:
            lines.append(theme.label)
            lines.append("")
            # in document order, as an analyst quotes them
            selected = sorted(theme.selected, key=lambda p: (p.location.start, p.location.end))
            for p in selected:
                text = " ".join(p.text.split())
                if self.page_refs and p.location.page is not None:
                    text += f" ({t('page_ref', lang, page=p.location.page)})"
                lines.append(f" • {text}")
            verdicts = verdict_marks(theme)
            if selected and verdicts:
                lines.append("")
            lines += [f"{t(mark, lang)}: {mark_label(a, lang)}" for mark, a in verdicts]
            if not selected and not verdicts:
                lines.append(t("nothing", lang))
            lines.append("")
        return "\n".join(lines).rstrip("\n") + "\n"
