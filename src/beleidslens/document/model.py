"""Document model.

A :class:`Document` holds the *normalized* full text of a source document and a tree

    document → chapter → section → block (heading, paragraph, bullet, table_row) → sentence

Every :class:`Node` carries ``start``/``end`` character offsets into ``Document.text`` and the
invariant ``document.text[node.start:node.end] == node.text`` holds for every node. Chapters
and sections contain their heading block as first child. Blocks outside any chapter (a preface
without a heading) hang directly under the document node.

JSON form (``Document.to_dict``) is versioned by :data:`SCHEMA_VERSION`; see
``docs/document-model.md``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .trace import Location

SCHEMA_VERSION = "beleidslens.document/1"
HEADING_SEPARATOR = " › "


class NodeKind(StrEnum):
    DOCUMENT = "document"
    CHAPTER = "chapter"
    SECTION = "section"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    TABLE_ROW = "table_row"
    SENTENCE = "sentence"

    @property
    def is_block(self) -> bool:
        return self in _BLOCK_KINDS

    @property
    def is_container(self) -> bool:
        return self in (NodeKind.DOCUMENT, NodeKind.CHAPTER, NodeKind.SECTION)


_BLOCK_KINDS = frozenset(
    {NodeKind.HEADING, NodeKind.PARAGRAPH, NodeKind.BULLET, NodeKind.TABLE_ROW}
)


@dataclass(slots=True, eq=False)
class Node:
    """One node of the document tree. ``text`` is exactly ``document.text[start:end]``."""

    kind: NodeKind
    start: int
    end: int
    text: str
    id: str = ""
    page: int | None = None
    heading_path: tuple[str, ...] = ()
    title: str | None = None  # chapters and sections: their heading text
    level: int | None = None  # headings: 1 = chapter, 2 = section, 3 = subsection
    children: list[Node] = field(default_factory=list)

    @property
    def section(self) -> str:
        """The heading path as one string: ``2. Duurzaam land › Klimaat en energie``."""
        return HEADING_SEPARATOR.join(self.heading_path)

    def walk(self) -> Iterator[Node]:
        """This node and all descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def iter(self, *kinds: NodeKind) -> Iterator[Node]:
        for node in self.walk():
            if not kinds or node.kind in kinds:
                yield node

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": str(self.kind),
            "start": self.start,
            "end": self.end,
            "page": self.page,
            "heading_path": list(self.heading_path),
            "text": self.text,
        }
        if self.title is not None:
            out["title"] = self.title
        if self.level is not None:
            out["level"] = self.level
        if self.children:
            out["children"] = [c.to_dict() for c in self.children]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Node:
        return cls(
            kind=NodeKind(data["kind"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=data["text"],
            id=data.get("id", ""),
            page=data.get("page"),
            heading_path=tuple(data.get("heading_path", ())),
            title=data.get("title"),
            level=data.get("level"),
            children=[cls.from_dict(c) for c in data.get("children", ())],
        )


@dataclass(slots=True)
class SourceInfo:
    """Where a document came from."""

    name: str  # file path or URL as given
    format: str  # txt, md, pdf, docx, html
    sha256: str  # of the raw bytes
    size: int  # bytes
    encoding: str | None = None  # text formats: the detected encoding
    page_count: int | None = None
    title: str | None = None
    # codes of what ingestion had to guess (e.g. reflow.NOTE_REFLOWED); written only when set
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "format": self.format,
            "sha256": self.sha256,
            "size": self.size,
            "encoding": self.encoding,
            "page_count": self.page_count,
            "title": self.title,
        }
        if self.notes:
            out["notes"] = list(self.notes)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SourceInfo:
        values = {k: data.get(k) for k in cls.__slots__}
        values["notes"] = list(data.get("notes") or ())
        return cls(**values)  # type: ignore[arg-type]


@dataclass(slots=True)
class Document:
    """Normalized text plus its node tree.

    ``page_starts`` holds, for each page after the first known page, the offset in ``text``
    where it begins (sorted); ``first_page`` is the number of the page at offset 0, or
    ``None`` when pages are unknown. Page numbers (``page`` everywhere) count the source's
    pages as they are stored — a PDF's physical pages, 1 for the first sheet.

    ``page_labels``: the *printed* page number of a page where it differs from or is known
    beside the physical one (``{9: "7"}``: physical page 9 is printed as page 7), from a
    PDF's page labels or the numbers printed in its running headers and footers.
    """

    text: str
    root: Node
    source: SourceInfo
    page_starts: list[int] = field(default_factory=list)
    first_page: int | None = None
    page_labels: dict[int, str] = field(default_factory=dict)
    _by_id: dict[str, Node] | None = field(default=None, repr=False)

    # -- navigation -----------------------------------------------------------------------
    @property
    def title(self) -> str:
        return self.source.title or self.source.name

    def walk(self) -> Iterator[Node]:
        return self.root.walk()

    def iter(self, *kinds: NodeKind) -> Iterator[Node]:
        return self.root.iter(*kinds)

    def blocks(self) -> list[Node]:
        return [n for n in self.walk() if n.kind.is_block]

    def sentences(self) -> list[Node]:
        return list(self.iter(NodeKind.SENTENCE))

    def chapters(self) -> list[Node]:
        return list(self.iter(NodeKind.CHAPTER))

    def node(self, node_id: str) -> Node:
        if self._by_id is None:
            self._by_id = {n.id: n for n in self.walk()}
        return self._by_id[node_id]

    def page_at(self, offset: int) -> int | None:
        """Page number of the character at ``offset`` (``None`` when pages are unknown)."""
        if self.first_page is None:
            return None
        return self.first_page + bisect.bisect_right(self.page_starts, offset)

    def page_label(self, page: int | None) -> str | None:
        """The printed page number of physical page ``page`` (``None`` when unknown)."""
        if page is None:
            return None
        return self.page_labels.get(page)

    def location(self, start: int, end: int, block: Node | None = None) -> Location:
        """The :class:`~beleidslens.document.trace.Location` of the span ``start:end``: its
        page, and the section and id of its block (``block``, else the block at ``start``).
        Where the document has no page map, the block's own page is used."""
        from .trace import Location

        if block is None:
            block = self.block_at(start)
        page = self.page_at(start)
        if page is None and block is not None:
            page = block.page
        return Location(
            start=start,
            end=end,
            page=page,
            page_label=self.page_label(page),
            section=block.section if block is not None else "",
            block_id=(block.id or None) if block is not None else None,
        )

    def block_at(self, offset: int) -> Node | None:
        for block in self.blocks():
            if block.start <= offset < block.end:
                return block
        return None

    # -- serialization --------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "source": self.source.to_dict(),
            "first_page": self.first_page,
            "page_starts": list(self.page_starts),
            "page_labels": {str(k): v for k, v in sorted(self.page_labels.items())},
            "text": self.text,
            "root": self.root.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        schema = data.get("schema")
        if schema != SCHEMA_VERSION:
            raise ValueError(f"unsupported document schema {schema!r}, expected {SCHEMA_VERSION}")
        return cls(
            text=data["text"],
            root=Node.from_dict(data["root"]),
            source=SourceInfo.from_dict(data["source"]),
            page_starts=list(data.get("page_starts", ())),
            first_page=data.get("first_page"),
            page_labels={int(k): str(v) for k, v in (data.get("page_labels") or {}).items()},
        )

    def check(self) -> None:
        """Assert the invariants of the model for every node (used by tests and ``--check``):
        offsets slice to the node's text, children lie inside their parent, and a sentence
        is non-empty and neither starts nor ends with whitespace."""
        for node in self.walk():
            if self.text[node.start : node.end] != node.text:
                raise AssertionError(
                    f"node {node.id} ({node.kind}) offsets {node.start}:{node.end} "
                    f"do not slice to its text"
                )
            if node.kind is NodeKind.SENTENCE and (
                not node.text or node.text[0].isspace() or node.text[-1].isspace()
            ):
                raise AssertionError(
                    f"sentence {node.id} at {node.start}:{node.end} is empty or starts or "
                    f"ends with whitespace: {node.text[:40]!r}"
                )
            for child in node.children:
                if not (node.start <= child.start <= child.end <= node.end):
                    raise AssertionError(f"child {child.id} outside parent {node.id}")
