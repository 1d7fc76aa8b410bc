"""Structure of Markdown text.

``#`` headings (ATX) and underlined (setext) headings become heading blocks; the shallowest
heading level used becomes chapters and deeper levels sections — except that a single
``#`` title at the very top, followed by ``##`` headings, is taken as the document title:
it stays a chapter of its own (holding any text before the first ``##``), and the ``##``
headings become chapters too instead of sections of the title.
List items (``-``, ``*``, ``+``, ``•``, ``1.``, ``1)``) become bullets, table lines
(``| a | b |``) table rows (the ``|---|`` separator line is dropped), everything else
paragraphs separated by blank lines. Inline markup is kept as written.
"""

from __future__ import annotations

import re

from ..document.builder import BULLET_MARKER, RawBlock
from ..document.model import NodeKind
from .spaces import collapse

_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_ITEM = re.compile(r"^(\s*)([-*+•]|\d{1,3}[.)])\s+(\S.*)$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff\u00ad]")

RawItem = tuple[NodeKind, str, int | None, str | None]


def _norm(text: str) -> str:
    return collapse(text)


def parse_markdown(text: str) -> tuple[list[RawBlock], str | None]:
    """Return ``(blocks, title)``; heading levels are relative (1 = chapter)."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    raw: list[RawItem] = []  # kind, text, md level, marker
    para: list[str] = []
    kind = NodeKind.PARAGRAPH
    marker: str | None = None
    in_fence = False

    def flush() -> None:
        nonlocal para, kind, marker
        joined = _norm(" ".join(para))
        if joined:
            raw.append((kind, joined, None, marker))
        para, kind, marker = [], NodeKind.PARAGRAPH, None

    for i, line in enumerate(lines):
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if line.strip():
                raw.append((NodeKind.PARAGRAPH, _norm(line), None, None))
            continue
        if not line.strip():
            flush()
            continue
        atx = _ATX.match(line)
        if atx:
            flush()
            title = _norm(atx.group(2))
            if title:
                raw.append((NodeKind.HEADING, title, len(atx.group(1)), None))
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if (
            kind is NodeKind.PARAGRAPH
            and not para
            and _SETEXT.match(nxt)
            and not _ITEM.match(line)
            and "|" not in line
        ):
            raw.append((NodeKind.HEADING, _norm(line), 1 if nxt.strip()[0] == "=" else 2, None))
            lines[i + 1] = ""
            continue
        stripped = line.strip()
        if stripped.startswith("|") or (stripped.endswith("|") and stripped.count("|") >= 2):
            flush()
            if _TABLE_SEP.match(stripped):
                continue
            cells = [_norm(c) for c in stripped.strip("|").split("|")]
            row = " | ".join(cells).strip()
            if row.strip(" |"):
                raw.append((NodeKind.TABLE_ROW, row, None, None))
            continue
        item = _ITEM.match(line)
        if item and not (para and kind is NodeKind.PARAGRAPH and item.group(1)):
            flush()
            kind = NodeKind.BULLET
            mark = item.group(2)
            marker = BULLET_MARKER if mark in "-*+•" else mark
            para = [item.group(3)]
            continue
        if stripped.startswith(">"):
            stripped = stripped.lstrip("> ")
        para.append(stripped)
    flush()

    return rank_headings(raw)


def rank_headings(raw: list[RawItem]) -> tuple[list[RawBlock], str | None]:
    """Turn absolute heading levels (``#`` = 1) into chapter/section levels.

    The shallowest level used becomes 1 (chapters), the next 2 (sections), deeper ones 3
    (still sections). A single level-1 heading at the top followed by deeper headings is
    the document's title: it stays a chapter, and the next level becomes chapters as well.
    """
    levels = sorted({lvl for k, _, lvl, _ in raw if k is NodeKind.HEADING and lvl})
    title: str | None = None
    if (
        levels
        and levels[0] == 1
        and sum(1 for k, _, lvl, _ in raw if k is NodeKind.HEADING and lvl == 1) == 1
        and raw[0][2] == 1
        and len(levels) > 1
    ):
        title = raw[0][1]
        levels = levels[1:]
        rank = {lvl: i + 1 for i, lvl in enumerate(levels)}
        rank[1] = 1
    else:
        rank = {lvl: i + 1 for i, lvl in enumerate(levels)}
    blocks: list[RawBlock] = []
    for k, body, lvl, mark in raw:
        if k is NodeKind.HEADING and lvl is not None:
            blocks.append(RawBlock(k, body, level=min(rank[lvl], 3)))
        else:
            blocks.append(RawBlock(k, body, marker=mark))
    return blocks, title
