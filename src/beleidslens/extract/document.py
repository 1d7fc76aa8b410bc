"""Money, targets and tables over a whole :class:`~beleidslens.document.Document`."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, TypeVar

from ..document.model import Document, Node, NodeKind
from ..document.trace import Amount, Target
from .amounts import find_amounts
from .targets import find_targets

if TYPE_CHECKING:
    from .model import MoneyReport, Table


def _units(document: Document) -> list[tuple[Node, Node]]:
    """(unit, block) pairs: each block's sentences, or the block itself when it has none."""
    out: list[tuple[Node, Node]] = []
    for block in document.blocks():
        sentences = [c for c in block.children if c.kind == NodeKind.SENTENCE]
        if sentences:
            out.extend((s, block) for s in sentences)
        else:
            out.append((block, block))
    return out


_Found = TypeVar("_Found", Amount, Target)


def _placed(document: Document, item: _Found, node: Node, block: Node) -> _Found:
    """``item`` found in ``node`` (a sentence, or a block without sentences) with its page,
    section and block, and the sentence it stands in."""
    loc = item.location
    assert loc is not None
    return item.model_copy(
        update={
            "location": document.location(loc.start, loc.end, block),
            "sentence": node.text,
            "sentence_start": node.start,
            "sentence_end": node.end,
        }
    )


def find_document_amounts(document: Document) -> list[Amount]:
    out: list[Amount] = []
    for node, block in _units(document):
        out.extend(_placed(document, a, node, block) for a in find_amounts(node.text, node.start))
    return out


def find_document_targets(document: Document, amounts: list[Amount]) -> list[Target]:
    spans = sorted((a.location.start, a.location.end) for a in amounts if a.location is not None)
    starts = [s for s, _ in spans]
    out: list[Target] = []
    for node, block in _units(document):
        if block.kind == NodeKind.TABLE_ROW:
            continue  # table cells are read by the table parser
        inside = spans[bisect_left(starts, node.start) : bisect_left(starts, node.end)]
        local = [(s - node.start, e - node.start) for s, e in inside]
        out.extend(
            _placed(document, t, node, block)
            for t in find_targets(node.text, node.start, exclude=local)
        )
    return out


def _spaces_after(text: str, end: int) -> int:
    """Spaces right after offset ``end`` (a table row's trailing spacing, kept in the text)."""
    n = end
    while n < len(text) and text[n] == " ":
        n += 1
    return n - end


def find_document_tables(document: Document) -> list[Table]:
    """Tables in the document's blocks: the same parser as :func:`find_tables` on raw lines;
    table row blocks keep their spacing in the normalized text, so blank cells land alike."""
    from .tables import Segment, parse_tables

    segments = [
        Segment(
            text=b.text,
            start=b.start,
            end=b.end,
            heading=b.kind == NodeKind.HEADING,
            page=b.page,
            block_id=b.id,
            heading_path=b.heading_path,
            space_after=_spaces_after(document.text, b.end),
        )
        for b in document.blocks()
    ]
    return parse_tables(segments, document.page_at, wide_runs=document.source.format == "pdf")


def extract_money(document: Document) -> MoneyReport:
    """Every amount and target (with its sentence and location) and every table."""
    from .model import MoneyDocument, MoneyReport

    amounts = find_document_amounts(document)
    return MoneyReport(
        document=MoneyDocument(
            name=document.source.name,
            title=document.source.title,
            sha256=document.source.sha256,
            characters=len(document.text),
        ),
        amounts=amounts,
        targets=find_document_targets(document, amounts),
        tables=find_document_tables(document),
    )
