"""A light sentence splitter for text that does not come from the document model.

``extract_money`` uses the document's own sentences; this is only for
:func:`~beleidslens.extract.find_amounts` on free text.
"""

from __future__ import annotations

import bisect
import re

# Abbreviations after which a full stop never ends a sentence.
_NO_END = {
    "o.a",
    "bijv",
    "nr",
    "art",
    "ca",
    "incl",
    "excl",
    "resp",
    "d.w.z",
    "m.b.t",
    "e.d",
    "evt",
    "t.o.v",
    "zgn",
    "i.p.v",
    "vs",
}

_BOUNDARY = re.compile(r"[.!?](?=[\s\"'”’)]*\s+[A-Z•\d(\"'“‘])|\n\s*\n")


class SentenceIndex:
    """Sentence spans of a text, for looking up the sentence around an offset."""

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        for m in _BOUNDARY.finditer(text):
            if m.group(0) == ".":
                word = re.search(r"([\w.]+)$", text[max(0, m.start() - 12) : m.start()])
                if word and word.group(1).lower() in _NO_END:
                    continue
            cut = m.end()
            while cut < len(text) and text[cut].isspace():
                cut += 1
            if cut > starts[-1]:
                starts.append(cut)
        self.starts = starts

    def span(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence containing ``offset``, whitespace trimmed."""
        i = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[max(i, 0)]
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        while end > start and self.text[end - 1].isspace():
            end -= 1
        while start < end and self.text[start].isspace():
            start += 1
        return start, end
