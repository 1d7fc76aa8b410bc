"""PDF ingester: reads the layout of the text layer (pypdfium2), not only its text.

* :mod:`.reader` opens the PDF and reads each page's lines with their box, font size and
  weight, the outline (bookmarks) and the page labels; a page that fails to load is skipped
  with a warning naming it.
* :mod:`.layout` samples each line's characters and puts the lines in reading order
  (columns).
* :mod:`.structure` joins letter-spaced text, marks bullet glyphs, drops running headers
  and footers (:mod:`.furniture`), keeps footnotes and tables of contents out of the
  headings, and takes headings from the outline (:mod:`.outline`) or from type
  (:mod:`.headings`).
* The block builder (:func:`..plaintext.parse_pages`) then joins lines into paragraphs,
  bullets and table rows, repairing hyphenation per document (:mod:`..hyphens`).

Pages are physical PDF pages (``page``); the printed page number of each page (the PDF's
page labels, or the number printed in its header or footer) is kept beside it in the
document (``Document.page_labels``). A PDF without any text is refused with a message that
OCR is needed; an encrypted PDF with a message that it needs a password.
"""

from __future__ import annotations

from ...document.model import Document
from ...errors import IngestError
from ..base import Ingester
from ..plaintext import parse_pages
from ..text import blocks_to_document
from .reader import read_pdf
from .structure import Structure, build

__all__ = ["PdfIngester", "pdf_structure"]


def pdf_structure(data: bytes, name: str) -> tuple[Structure, int]:
    """The laid-out pages (with line hints) of a PDF, and its page count."""
    content = read_pdf(data, name)
    if not content.pages:
        raise IngestError("the PDF has no pages", name)
    if not any(line.text.strip() for page in content.pages for line in page.lines):
        raise IngestError(
            "the PDF has no text layer (scanned images?); OCR is needed to read it", name
        )
    return build(content), content.page_count


class PdfIngester(Ingester):
    format = "pdf"
    extensions = (".pdf",)
    media_types = ("application/pdf", "application/x-pdf")

    def read(self, data: bytes, name: str, *, max_bytes: int = 50_000_000) -> Document:
        structure, page_count = pdf_structure(data, name)
        blocks, _ = parse_pages(structure.pages)
        doc = blocks_to_document(
            blocks, name, self.format, data, pages_known=True, page_count=page_count
        )
        doc.page_labels = dict(structure.labels)
        return doc
