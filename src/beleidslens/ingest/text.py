"""Plain text and Markdown ingesters, and text decoding.

Decoding: a UTF-8 (or UTF-16) byte-order mark wins; otherwise strict UTF-8; otherwise the
encoding charset-normalizer finds (typically cp1252 or latin-1 for Dutch Windows text).
Data with NUL bytes or many control characters is refused as binary.
"""

from __future__ import annotations

import codecs

from ..document.builder import RawBlock, build_document, source_info
from ..document.model import Document
from ..document.reflow import NOTE_REFLOWED, reflow_blocks
from ..errors import IngestError
from .base import Ingester
from .markdown import parse_markdown
from .plaintext import parse_plain


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > 0.02 * len(sample)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`IngestError`."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise IngestError(
                    f"not valid {encoding} text despite its byte-order mark", name
                ) from None
    if _looks_binary(data[:65536]):
        raise IngestError("not a text file (binary data)", name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Dutch text that is not UTF-8 is nearly always Windows-1252 (a superset of latin-1 for
    # printable characters); charset-normalizer tends to guess cp1250 for it.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _looks_binary(text.encode("utf-8")[:65536]):
        return text, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError("cannot determine the text encoding (binary data?)", name)
    return str(best), best.encoding


def blocks_to_document(
    blocks: list[RawBlock],
    name: str,
    fmt: str,
    raw: bytes | str,
    *,
    encoding: str | None = None,
    pages_known: bool = False,
    first_page: int = 1,
    title: str | None = None,
    page_count: int | None = None,
) -> Document:
    if not any(b.text.strip() for b in blocks):
        raise IngestError("no text found in the document (empty?)", name)
    blocks, reflowed = reflow_blocks(blocks)
    if pages_known:
        for block in blocks:
            if block.page is not None:
                block.page += first_page
            block.page_breaks = [(o, p + first_page) for o, p in block.page_breaks]
    else:
        for block in blocks:
            block.page = None
            block.page_breaks = []
    info = source_info(name, fmt, raw, encoding=encoding, title=title, page_count=page_count)
    if reflowed:
        info.notes.append(NOTE_REFLOWED)
    doc = build_document(blocks, info)
    if pages_known and doc.first_page is not None and page_count is None:
        doc.source.page_count = len(doc.page_starts) + 1
    return doc


def text_document(
    text: str,
    name: str,
    fmt: str,
    raw: bytes | str,
    *,
    encoding: str | None = None,
    first_page: int | None = None,
) -> Document:
    """Parse plain text or Markdown. ``first_page`` given: plain text is taken to start on
    that page, so its pages are known even without page breaks (form feeds and the
    pasted-PDF signature still start new pages); Markdown has no pages and ignores it."""
    if fmt in ("md", "markdown"):
        blocks, title = parse_markdown(text)
        return blocks_to_document(blocks, name, "md", raw, encoding=encoding, title=title)
    blocks, pages_known = parse_plain(text, paged=first_page is not None)
    return blocks_to_document(
        blocks,
        name,
        "txt",
        raw,
        encoding=encoding,
        pages_known=pages_known,
        first_page=1 if first_page is None else first_page,
    )


class TextIngester(Ingester):
    format = "txt"
    extensions = (".txt", ".text")
    media_types = ("text/plain",)

    def read(self, data: bytes, name: str, *, max_bytes: int = 50_000_000) -> Document:
        return self.read_document(data, name, max_bytes=max_bytes)

    def read_document(
        self,
        data: bytes,
        name: str,
        *,
        max_bytes: int = 50_000_000,
        first_page: int | None = None,
    ) -> Document:
        text, encoding = decode_text(data, name)
        return text_document(
            text, name, self.format, data, encoding=encoding, first_page=first_page
        )


class MarkdownIngester(Ingester):
    format = "md"
    extensions = (".md", ".markdown")
    media_types = ("text/markdown", "text/x-markdown")

    def read(self, data: bytes, name: str, *, max_bytes: int = 50_000_000) -> Document:
        text, encoding = decode_text(data, name)
        return text_document(text, name, self.format, data, encoding=encoding)
