"""Whitespace collapsing with memory bounded by the text, not by its number of words.

``" ".join(text.split())`` builds a list of every word first: on a 49 MB text of one line
that list alone is about 400 MB (7 million string objects), which took a plain-text ingest
to 1.2 GB (``re.sub`` is no better: it gathers its pieces in a list too). :func:`collapse`
gives the same result, working through a long text in chunks of :data:`CHUNK` characters
cut at whitespace, so the temporary list covers one chunk.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s")  # the same characters as str.split's (Py_UNICODE_ISSPACE)
CHUNK = 1 << 20  # characters


def collapse(text: str) -> str:
    """``text`` with every run of whitespace one space, and none at either end."""
    if len(text) <= CHUNK:
        return " ".join(text.split())
    parts: list[str] = []
    pos, size = 0, len(text)
    while pos < size:
        end = min(size, pos + CHUNK)
        if end < size:
            space = _SPACE.search(text, end)
            end = space.start() if space else size
        piece = " ".join(text[pos:end].split())
        if piece:
            parts.append(piece)
        pos = end
    return " ".join(parts)
