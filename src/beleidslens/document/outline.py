"""Plain-text views of a document: the chapter/section outline and the normalized text."""

from __future__ import annotations

from collections import Counter

from ..i18n import add_labels, t
from .model import Document, Node, NodeKind

add_labels(
    {
        "doc_kind_heading": {"nl": "kop", "en": "heading"},
        "doc_kind_paragraph": {"nl": "alinea", "en": "paragraph"},
        "doc_kind_bullet": {"nl": "opsomming", "en": "bullet"},
        "doc_kind_table_row": {"nl": "tabelregel", "en": "table row"},
        "doc_blocks": {"nl": "blokken", "en": "blocks"},
        "doc_sentences": {"nl": "zinnen", "en": "sentences"},
        "doc_pages": {"nl": "pagina's", "en": "pages"},
        "doc_page_abbr": {"nl": "p.", "en": "p."},
        "doc_no_chapter": {"nl": "(buiten hoofdstukken)", "en": "(outside chapters)"},
    }
)

_ORDER = (NodeKind.HEADING, NodeKind.PARAGRAPH, NodeKind.BULLET, NodeKind.TABLE_ROW)


def _counts(node: Node, lang: str) -> str:
    counts = Counter(c.kind for c in node.children if c.kind.is_block)
    parts = [f"{counts[k]} {t('doc_kind_' + k.value, lang)}" for k in _ORDER if counts[k]]
    return ", ".join(parts)


def outline(doc: Document, lang: str = "nl") -> str:
    """One line per chapter and section with its page and block counts per kind."""
    head = [f"{doc.title}  ({doc.source.format})"]
    stats = f"{len(doc.blocks())} {t('doc_blocks', lang)}, {len(doc.sentences())} {t('doc_sentences', lang)}"
    if doc.first_page is not None:
        pages = len(doc.page_starts) + 1
        stats = f"{pages} {t('doc_pages', lang)}, " + stats
    head.append(stats)
    lines = [*head, ""]
    loose = _counts(doc.root, lang)
    if loose:
        lines.append(f"{t('doc_no_chapter', lang)}  {loose}")
    for node in doc.walk():
        if node.kind not in (NodeKind.CHAPTER, NodeKind.SECTION):
            continue
        indent = (
            "  "
            if node.kind is NodeKind.SECTION and "." in node.id and not node.id.startswith("c0.")
            else ""
        )
        page = f"  [{t('doc_page_abbr', lang)} {node.page}]" if node.page is not None else ""
        counts = _counts(node, lang)
        lines.append(f"{indent}{node.id:<7} {node.title}{page}  {counts}".rstrip())
    return "\n".join(lines) + "\n"
