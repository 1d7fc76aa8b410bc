"""Ingestion: read a file or URL into the traceable document model.

* :func:`load_document` — a local path or an ``http(s)`` URL, dispatched on the file
  extension or the response's content type to a registered :class:`Ingester`.
* :func:`parse_text` — the plain-text / Markdown structure parser on a string.

Bad input raises :class:`~beleidslens.errors.IngestError` naming the file or URL.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..document.model import Document
from ..errors import IngestError
from ..limits import MAX_INPUT_BYTES
from .base import INGESTERS, Ingester, for_extension, known_extensions

__all__ = ["DEFAULT_MAX_BYTES", "INGESTERS", "Ingester", "load_document", "parse_text"]

DEFAULT_MAX_BYTES = MAX_INPUT_BYTES  # the one limit (beleidslens.limits)
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def parse_text(
    text: str, *, name: str = "<text>", fmt: str = "txt", first_page: int | None = None
) -> Document:
    """Parse ``text`` (``fmt`` ``"txt"`` or ``"md"``) into a :class:`Document`.

    ``first_page``: the number of the text's first page. Without it, pages are known only
    when the text carries page breaks (then the first is page 1); with it, plain text always
    has pages, starting at ``first_page``.
    """
    from .text import text_document

    if fmt not in ("txt", "text", "md", "markdown"):
        raise IngestError(f"parse_text reads txt or md, not {fmt!r}", name)
    return text_document(text, name, fmt, text, first_page=first_page)


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1000:
        return f"{n / 1000:.1f} kB"
    return f"{n} bytes"


def _unknown_type(name: str, suffix: str) -> IngestError:
    supported = ", ".join(known_extensions())
    what = f"unknown file type {suffix!r}" if suffix else "file has no extension"
    return IngestError(f"{what}; supported: {supported}", name)


def load_document(
    source: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 20.0,
    first_page: int | None = None,
    allow_private: bool = True,
) -> Document:
    """Read a local file or an ``http(s)`` URL into a :class:`Document`.

    ``first_page``: the page number of the source's first page (for an excerpt or pasted
    text): PDF pages are numbered from it, plain text is taken to start on it (see
    :func:`parse_text`); formats without pages (Markdown, DOCX, HTML) ignore it.
    """
    name = os.fspath(source)
    if isinstance(source, str) and _URL.match(source):
        from .fetch import fetch_document

        return fetch_document(
            source,
            max_bytes=max_bytes,
            timeout=timeout,
            first_page=first_page,
            allow_private=allow_private,
        )
    path = Path(name)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise IngestError("file not found", name) from None
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror or exc}", name) from None
    if path.is_dir():
        raise IngestError("is a directory, not a document", name)
    ingester = for_extension(path.suffix)
    if ingester is None:
        raise _unknown_type(name, path.suffix)
    if st.st_size > max_bytes:
        raise IngestError(
            f"file is {_size(st.st_size)}, over the size limit of {_size(max_bytes)}", name
        )
    if st.st_size == 0:
        raise IngestError("file is empty", name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror or exc}", name) from None
    return read_bytes(data, name, ingester, max_bytes=max_bytes, first_page=first_page)


def read_bytes(
    data: bytes, name: str, ingester: Ingester, *, max_bytes: int, first_page: int | None = None
) -> Document:
    if not data:
        raise IngestError("file is empty", name)
    if len(data) > max_bytes:
        raise IngestError(
            f"document is {_size(len(data))}, over the size limit of {_size(max_bytes)}", name
        )
    return ingester.read_document(data, name, max_bytes=max_bytes, first_page=first_page)
