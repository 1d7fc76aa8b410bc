"""PDF ingester: the text layer via pypdfium2, with real (physical) page numbers.

The text of every page is handed to the plain-text structure parser as a page
(:func:`.plaintext.parse_pages`), which then knows every page break. A printed page number
alone on the first or last line of a page, and page furniture (running headers and footers,
see :mod:`.pages`), are dropped. A PDF without any text is refused with a
message that OCR is needed; an encrypted PDF with a message that it needs a password.
"""

from __future__ import annotations

from ..document.model import Document
from ..errors import IngestError, MissingDependencyError
from .base import Ingester
from .pages import Page
from .plaintext import parse_pages
from .text import blocks_to_document


def _visible_hyphens(page_text: str) -> str:
    # pdfium marks hyphens it generated at a line break as U+FFFE; keep them visible
    return page_text.replace("\ufffe", "-").replace("\x02", "-")


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
        blocks, _ = parse_pages(
            [Page(_visible_hyphens(text), number) for number, text in enumerate(pages, 1)]
        )
        return blocks_to_document(
            blocks, name, self.format, data, pages_known=True, page_count=len(pages)
        )
