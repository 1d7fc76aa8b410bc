"""Build a :class:`~beleidslens.document.model.Document` from a flat list of blocks.

Every ingester (plain text, Markdown, PDF, DOCX, HTML) reduces its input to a list of
:class:`RawBlock` — kind, normalized text, heading level, page — and this module does the
rest the same way for all formats:

* the normalized text is the blocks' texts joined by ``"\\n\\n"``; a bullet's marker
  (``"• "``) is written before its block but lies outside the block's span, and a table
  row's trailing spaces (``space_after``) after it, also outside its span;
* headings of level 1 open a chapter, deeper headings a section (of the current chapter, or
  of the document when no chapter is open);
* ids are assigned in document order: chapters ``c1``, sections ``c1.s1`` (``c0.s1`` outside
  any chapter), blocks ``b1``, sentences ``s1``;
* paragraphs and bullets are split into sentences (:mod:`.sentences`); a table row is one
  sentence; a heading block has no sentence children, except a *statement heading* (a
  short commitment set as a heading, ``RawBlock.statement``), which is one sentence;
* pages come from the blocks' ``page`` and ``page_breaks``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Document, Node, NodeKind, SourceInfo
from .sentences import split_sentences

BLOCK_SEPARATOR = "\n\n"
BULLET_MARKER = "•"


@dataclass(slots=True)
class RawBlock:
    """One block before it is placed in the document.

    ``text`` must already be normalized: no leading/trailing whitespace, single spaces —
    except that a table row may keep runs of spaces between its cells as written, because in
    text taken from a PDF they are the only sign of a blank cell.
    ``page_breaks`` lists ``(offset_in_text, page)`` where a new page begins inside the block.
    ``space_after`` spaces are written right after the block, outside its span and before the
    separator (a table row's trailing spacing, which can mark blank cells at its end).
    """

    kind: NodeKind
    text: str
    level: int | None = None  # headings: 1 chapter, 2 section, 3 subsection
    page: int | None = None
    page_breaks: list[tuple[int, int]] = field(default_factory=list)
    marker: str | None = None  # bullets: the marker written before the block ("•", "1.")
    space_after: int = 0
    statement: bool = False  # headings: a sentence set as a heading (one sentence child)


def source_info(
    name: str, fmt: str, data: bytes | str, *, encoding: str | None = None, **extra: object
) -> SourceInfo:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    info = SourceInfo(
        name=name,
        format=fmt,
        sha256=hashlib.sha256(raw).hexdigest(),
        size=len(raw),
        encoding=encoding,
    )
    for key, value in extra.items():
        setattr(info, key, value)
    return info


def _sentence_nodes(text: str, block: Node, statement: bool = False) -> list[Node]:
    if block.kind is NodeKind.HEADING and not statement:
        return []
    if block.kind in (NodeKind.TABLE_ROW, NodeKind.HEADING):
        s, e = block.start, block.end
        while s < e and text[s].isspace():  # the whitespace rule holds for every ingester
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        spans = [(s, e)] if e > s else []
    else:
        spans = split_sentences(text, block.start, block.end)
    return [
        Node(
            kind=NodeKind.SENTENCE,
            start=s,
            end=e,
            text=text[s:e],
            heading_path=block.heading_path,
        )
        for s, e in spans
    ]


def build_document(
    blocks: Iterable[RawBlock],
    source: SourceInfo,
    *,
    first_page: int | None = None,
) -> Document:
    """Assemble normalized text, node tree, ids and pages from ``blocks``."""
    items = [b for b in blocks if b.text.strip()]
    parts: list[str] = []
    length = 0
    spans: list[tuple[int, int]] = []
    # (offset, page) for every page start after the first
    page_marks: list[tuple[int, int]] = []
    current_page: int | None = None
    for i, block in enumerate(items):
        if i:
            parts.append(BLOCK_SEPARATOR)
            length += len(BLOCK_SEPARATOR)
        lead = length
        if block.marker:
            prefix = block.marker + " "
            parts.append(prefix)
            length += len(prefix)
        if block.page is not None:
            if current_page is None:
                current_page = block.page
                if first_page is None:
                    first_page = block.page
            elif block.page > current_page:
                page_marks.extend((lead, p) for p in range(current_page + 1, block.page + 1))
                current_page = block.page
        start = length
        parts.append(block.text)
        length += len(block.text)
        spans.append((start, length))
        if block.space_after > 0:
            parts.append(" " * block.space_after)
            length += block.space_after
        for offset, page in sorted(block.page_breaks):
            if current_page is not None and page > current_page:
                page_marks.extend((start + offset, p) for p in range(current_page + 1, page + 1))
                current_page = page
    text = "".join(parts)
    page_starts = [offset for offset, _ in page_marks]

    root = Node(kind=NodeKind.DOCUMENT, start=0, end=len(text), text=text, id="doc")
    doc = Document(
        text=text,
        root=root,
        source=source,
        page_starts=page_starts,
        first_page=first_page if (items and any(b.page is not None for b in items)) else None,
    )
    if doc.first_page is None:
        doc.page_starts = []

    chapter: Node | None = None
    section: Node | None = None
    n_chapters = 0
    n_sections: dict[int, int] = {}
    n_sentences = 0
    containers: list[Node] = []

    for n_blocks, (block, (start, end)) in enumerate(zip(items, spans, strict=True), 1):
        if block.kind is NodeKind.HEADING and (block.level or 1) <= 1:
            n_chapters += 1
            chapter = Node(
                kind=NodeKind.CHAPTER,
                start=start,
                end=end,
                text="",
                id=f"c{n_chapters}",
                title=block.text,
                heading_path=(block.text,),
            )
            root.children.append(chapter)
            containers.append(chapter)
            section = None
        elif block.kind is NodeKind.HEADING:
            key = n_chapters if chapter is not None else 0
            n_sections[key] = n_sections.get(key, 0) + 1
            parent = chapter if chapter is not None else root
            path = ((chapter.title or "",) if chapter is not None else ()) + (block.text,)
            section = Node(
                kind=NodeKind.SECTION,
                start=start,
                end=end,
                text="",
                id=f"c{key}.s{n_sections[key]}",
                title=block.text,
                heading_path=path,
            )
            parent.children.append(section)
            containers.append(section)
        owner = section or chapter or root
        node = Node(
            kind=block.kind,
            start=start,
            end=end,
            text=text[start:end],
            id=f"b{n_blocks}",
            heading_path=owner.heading_path,
            level=block.level if block.kind is NodeKind.HEADING else None,
        )
        for sent in _sentence_nodes(text, node, block.statement):
            n_sentences += 1
            sent.id = f"s{n_sentences}"
            node.children.append(sent)
        owner.children.append(node)
        for c in (chapter, section):
            if c is not None:
                c.end = max(c.end, end)

    for c in containers:
        c.text = text[c.start : c.end]
    if doc.first_page is not None:
        for n in doc.walk():
            n.page = doc.page_at(n.start)
    return doc
