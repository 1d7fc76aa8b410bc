"""Recover paragraphs from a wall of text.

A document flattened to one line (text copied out of a web form, a PDF exported without line
breaks, an HTML page that is one ``<p>``) reaches the builder as one giant paragraph. Passages
are blocks or their leading sentences, so such a document yields one passage and an all-NIET
report. Here a block that is far longer than any paragraph an author writes is cut into
paragraphs at sentence ends, and into bullets before inline bullet glyphs; the document then
carries the note :data:`NOTE_REFLOWED` so every report can say that its structure was
recovered from punctuation, not read from the source.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from .builder import RawBlock
from .model import NodeKind
from .sentences import split_sentences

NOTE_REFLOWED = "structure_from_punctuation"


class ReflowParameters(BaseModel):
    """When a block counts as a wall of text, and how long the recovered paragraphs are.

    Measured over the corpus's text files (154 documents in ../shared/corpus: the 2002–2023
    manifestos except 2017, the 2023 collection, the 2021 agreement; 42,688 paragraphs and
    bullets, median 236 characters and 2 sentences): documents whose line structure was kept
    the agreement's longest block is 1,338 characters, the longest in six 2025 PDF manifestos
    2,740 (CU), the bundled sample's 406. 648 blocks in 69 documents are over 3,000 characters with 12 or
    more sentences (BBB 2023: 102 of them, up to 45,633 characters and 356 sentences): text
    conversions that lost their paragraph breaks. Those two bounds separate the cases.
    Recovered paragraphs of 3 sentences, at most 600 characters, stay near the corpus's
    median block, so the passage unit remains what an analyst would quote; not tuned on any
    gold.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_block_chars: int = Field(
        3000, ge=500, description="a paragraph or bullet longer than this is a wall of text"
    )
    min_sentences: int = Field(
        12, ge=2, description="... when it also holds at least this many sentences"
    )
    paragraph_sentences: int = Field(
        3, ge=1, le=20, description="sentences per recovered paragraph"
    )
    paragraph_chars: int = Field(
        600, ge=100, description="a recovered paragraph ends once it reaches this length"
    )


DEFAULT_REFLOW = ReflowParameters()

_TEXT_KIND = {NodeKind.TABLE_ROW: NodeKind.PARAGRAPH}

# an inline bullet glyph between two sentences or items: "… wonen. • Meer …"
_INLINE_BULLET = re.compile(r"\s+[•●▪■◦‣]\s+")


def _pieces(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, is_bullet)`` spans of ``text`` between inline bullet glyphs."""
    spans: list[tuple[int, int, bool]] = []
    pos = 0
    bullet = False
    for match in _INLINE_BULLET.finditer(text):
        spans.append((pos, match.start(), bullet))
        pos, bullet = match.end(), True
    spans.append((pos, len(text), bullet))
    return [(s, e, b) for s, e, b in spans if text[s:e].strip()]


def _paragraphs(text: str, start: int, end: int, p: ReflowParameters) -> list[tuple[int, int]]:
    """Group the sentences of ``text[start:end]`` into paragraph spans."""
    out: list[tuple[int, int]] = []
    group: list[tuple[int, int]] = []
    for span in split_sentences(text, start, end):
        group.append(span)
        if len(group) >= p.paragraph_sentences or span[1] - group[0][0] >= p.paragraph_chars:
            out.append((group[0][0], span[1]))
            group = []
    if group:
        out.append((group[0][0], group[-1][1]))
    return out


def _is_wall(block: RawBlock, p: ReflowParameters) -> bool:
    # a one-line document can also look like a table row to the line classifier (figures
    # and runs of spaces), but no table row holds a dozen sentences
    if block.kind not in (NodeKind.PARAGRAPH, NodeKind.BULLET, NodeKind.TABLE_ROW):
        return False
    if len(block.text) <= p.max_block_chars:
        return False
    return len(split_sentences(block.text, 0, len(block.text))) >= p.min_sentences


def _split(block: RawBlock, p: ReflowParameters) -> list[RawBlock]:
    text = block.text
    out: list[RawBlock] = []
    for start, end, is_bullet in _pieces(text):
        for s, e in _paragraphs(text, start, end, p):
            raw = text[s:e]
            lead = len(raw) - len(raw.lstrip())
            s, piece = s + lead, raw.strip()
            if not piece:
                continue
            e = s + len(piece)
            # the page a piece starts on: the block's, moved on by every break before it
            page = block.page
            breaks: list[tuple[int, int]] = []
            for offset, brk_page in block.page_breaks:
                if offset <= s:
                    page = brk_page
                elif offset < e:
                    breaks.append((offset - s, brk_page))
            kind = NodeKind.BULLET if is_bullet else _TEXT_KIND.get(block.kind, block.kind)
            marker = "•" if is_bullet else (block.marker if not out else None)
            out.append(
                RawBlock(kind=kind, text=piece, page=page, page_breaks=breaks, marker=marker)
            )
    return out or [block]


def reflow_blocks(
    blocks: list[RawBlock], params: ReflowParameters = DEFAULT_REFLOW
) -> tuple[list[RawBlock], bool]:
    """Split every wall-of-text block; returns the blocks and whether any was split."""
    out: list[RawBlock] = []
    changed = False
    for block in blocks:
        if _is_wall(block, params):
            pieces = _split(block, params)
            changed = changed or len(pieces) > 1
            out.extend(pieces)
        else:
            out.append(block)
    return out, changed
