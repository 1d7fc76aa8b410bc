"""Spans of the document a reviewer works with: locations, sentences, context, added passages.

Pure functions over the document text and (where there is one) its document model; the
review module and the routers build on them.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import TYPE_CHECKING

from ..analysis.result import Location, Passage
from .store import passage_key

if TYPE_CHECKING:
    from ..document.model import Document

CONTEXT_CHARS = 140
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z0-9€\"'(\u00c0-\u00de•-])")


def locate(document: Document | None, start: int, end: int) -> Location:
    """A :class:`Location` for a span, with page, section and block where the model knows them."""
    if document is None:
        return Location(start=start, end=end)
    return document.location(start, end)


def sentence_spans(text: str, start: int, document: Document | None) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets) inside the passage ``text`` that begins at ``start``."""
    end = start + len(text)
    spans: list[tuple[int, int]] = []
    if document is not None:
        sentences, starts = _sentences(document)
        i = max(0, bisect.bisect_right(starts, start) - 1)
        while i < len(sentences) and sentences[i][0] < end:
            s, e = sentences[i]
            s, e = max(s, start), min(e, end)
            if e > s and document.text[s:e].strip():
                spans.append((s, e))
            i += 1
        if spans:
            return spans
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start + pos, start + m.start()))
        pos = m.end()
    spans.append((start + pos, end))
    return [(s, e) for s, e in spans if e > s]


_SENTENCE_CACHE: dict[int, tuple[Document, list[tuple[int, int]], list[int]]] = {}


def _sentences(document: Document) -> tuple[list[tuple[int, int]], list[int]]:
    """The sentence spans of a document model, sorted, and their starts (for bisect): made
    once per (immutable, cached) model, not per card."""
    entry = _SENTENCE_CACHE.get(id(document))
    if entry is None or entry[0] is not document:
        from ..document.model import NodeKind

        spans = sorted((n.start, n.end) for n in document.iter(NodeKind.SENTENCE))
        if len(_SENTENCE_CACHE) > 16:
            _SENTENCE_CACHE.clear()
        entry = (document, spans, [s for s, _ in spans])
        _SENTENCE_CACHE[id(document)] = entry
    return entry[1], entry[2]


def make_human_passage(
    theme_id: str, start: int, end: int, text: str, document: Document | None
) -> tuple[str, Passage]:
    key = passage_key(theme_id, start, end, text)
    passage = Passage(
        id=f"h-{key[:10]}",
        text=text,
        score=0.0,
        selected=True,
        location=locate(document, start, end),
        kind="sentence" if len(sentence_spans(text, start, document)) == 1 else "paragraph",
        origin="human",
    )
    return key, passage


def context_of(
    text: str | None, start: int, end: int, chars: int = CONTEXT_CHARS
) -> tuple[str, str]:
    """Surrounding text before and after a span (trimmed to whole words)."""
    if not text:
        return "", ""
    before = text[max(0, start - chars) : start]
    after = text[end : end + chars]
    if start - chars > 0 and " " in before:
        before = "…" + before.split(" ", 1)[1]
    if end + chars < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + "…"
    return before, after


def _wordy(ch: str) -> bool:
    return ch.isalnum() or ch in "'’-" or unicodedata.category(ch).startswith("M")


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``–``end`` widened to whole words and stripped of surrounding white space.

    A selection made by dragging rarely starts or ends exactly at a word boundary; a passage
    "…bewaakt d" is never what a reviewer meant. (The page snaps the same way, so what the
    reviewer sees before adding is what is added.)
    """
    start, end = max(0, start), min(len(text), end)
    while 0 < start < len(text) and _wordy(text[start - 1]) and _wordy(text[start]):
        start -= 1
    while 0 < end < len(text) and _wordy(text[end]) and _wordy(text[end - 1]):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
