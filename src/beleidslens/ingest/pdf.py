"""PDF ingester: the text layer via pypdfium2, with real (physical) page numbers.

The text of every page is joined with form feeds and handed to the plain-text structure
parser (:mod:`.plaintext`), which then knows every page break. A printed page number alone
on the first or last line of a page is dropped. A PDF without any text is refused with a
message that OCR is needed; an encrypted PDF with a message that it needs a password.
"""

from __future__ import annotations

import re

from ..document.model import Document
from ..errors import IngestError, MissingDependencyError
from .base import Ingester
from .plaintext import parse_plain
from .text import blocks_to_document

_PAGE_NUMBER = re.compile(r"^\s*(?:[-–]\s*)?\d{1,4}(?:\s*[-–])?\s*$")


def _strip_page_numbers(page_text: str) -> str:
    # pdfium marks hyphens it generated at a line break as U+FFFE; keep them visible
    page_text = page_text.replace("\ufffe", "-").replace("\x02", "-")
    lines = page_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    content = [i for i, line in enumerate(lines) if line.strip()]
    if content and _PAGE_NUMBER.match(lines[content[0]]):
        lines[content[0]] = ""
    if len(content) > 1 and _PAGE_NUMBER.match(lines[content[-1]]):
        lines[content[-1]] = ""
    return "\n".join(lines)


def pdf_pages(data: bytes, name: str) -> list[str]:
    """The text of every page (``""`` for pages without text)."""
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - a core dependency
        raise MissingDependencyError.for_extra("reading PDF", "pdf", "pypdfium2") from None
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError("not a PDF file (no %PDF header)", name)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message or "security" in message:
            raise IngestError(
                "the PDF is encrypted; it needs a password to be read", name
            ) from None
        raise IngestError(f"not a readable PDF ({exc})", name) from None
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                pages.append(textpage.get_text_range())
            finally:
                textpage.close()
                page.close()
        return pages
    finally:
        pdf.close()


class PdfIngester(Ingester):
    format = "pdf"
    extensions = (".pdf",)
    media_types = ("application/pdf", "application/x-pdf")

    def read(self, data: bytes, name: str, *, max_bytes: int = 50_000_000) -> Document:
        pages = pdf_pages(data, name)
        if not pages:
            raise IngestError("the PDF has no pages", name)
        if not any(p.strip() for p in pages):
            raise IngestError(
                "the PDF has no text layer (scanned images?); OCR is needed to read it", name
            )
        text = "\f".join(_strip_page_numbers(p) for p in pages)
        blocks, _ = parse_plain(text, wrapped=True, paged=True)
        return blocks_to_document(
            blocks, name, self.format, data, pages_known=True, page_count=len(pages)
        )
