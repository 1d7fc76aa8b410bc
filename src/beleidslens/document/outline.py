"""Plain-text views of a document: the chapter/section outline and the normalized text."""

from __future__ import annotations

from collections import Counter

from ..i18n import add_labels, t
from .model import Document, Node, NodeKind

# noun: (Dutch singular, Dutch plural, English singular, English plural)
_NOUNS: dict[str, tuple[str, str, str, str]] = {
    "heading": ("kop", "koppen", "heading", "headings"),
    "paragraph": ("alinea", "alinea's", "paragraph", "paragraphs"),
    "bullet": ("opsomming", "opsommingen", "bullet", "bullets"),
    "table_row": ("tabelregel", "tabelregels", "table row", "table rows"),
    "block": ("blok", "blokken", "block", "blocks"),
    "sentence": ("zin", "zinnen", "sentence", "sentences"),
    "page": ("pagina", "pagina's", "page", "pages"),
}

add_labels(
    {
        **{f"doc_{noun}_one": {"nl": w[0], "en": w[2]} for noun, w in _NOUNS.items()},
        **{f"doc_{noun}_many": {"nl": w[1], "en": w[3]} for noun, w in _NOUNS.items()},
        "doc_page_abbr": {"nl": "p.", "en": "p."},
        "doc_no_chapter": {"nl": "(buiten hoofdstukken)", "en": "(outside chapters)"},
    }
)

_ORDER = (NodeKind.HEADING, NodeKind.PARAGRAPH, NodeKind.BULLET, NodeKind.TABLE_ROW)


def count_of(n: int, noun: str, lang: str = "nl") -> str:
    """``1 pagina``, ``9 pagina's``, ``3 paragraphs``: a number with its noun, in number."""
    number = "one" if n == 1 else "many"
    return f"{n} {t(f'doc_{noun}_{number}', lang)}"


def _counts(node: Node, lang: str) -> str:
    counts = Counter(c.kind for c in node.children if c.kind.is_block)
    return ", ".join(count_of(counts[k], k.value, lang) for k in _ORDER if counts[k])


def outline(doc: Document, lang: str = "nl") -> str:
    """One line per chapter and section with its page and block counts per kind."""
    head = [f"{doc.title}  ({doc.source.format})"]
    stats = [
        count_of(len(doc.blocks()), "block", lang),
        count_of(len(doc.sentences()), "sentence", lang),
    ]
    if doc.first_page is not None:
        stats.insert(0, count_of(len(doc.page_starts) + 1, "page", lang))
    head.append(", ".join(stats))
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
