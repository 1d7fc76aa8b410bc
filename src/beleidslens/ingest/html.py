"""HTML ingester: main content only, via trafilatura (no navigation, scripts, footers or
cookie banners), converted to Markdown so headings, list items and tables keep their
structure, then parsed by :mod:`.markdown`."""

from __future__ import annotations

from ..document.model import Document
from ..errors import IngestError, MissingDependencyError
from .base import Ingester
from .markdown import parse_markdown
from .text import blocks_to_document, decode_text


def html_to_markdown(html: str, name: str) -> tuple[str, str | None]:
    try:
        import trafilatura
    except ImportError as exc:
        raise MissingDependencyError.for_extra(
            "reading HTML", "html", exc.name or "trafilatura"
        ) from None
    markdown = trafilatura.extract(
        html,
        output_format="markdown",
        include_tables=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        favor_recall=True,
        with_metadata=False,
    )
    if not markdown or not markdown.strip():
        raise IngestError("no main text found in the HTML page", name)
    title = None
    try:
        meta = trafilatura.extract_metadata(html)
        title = meta.title if meta is not None else None
    except Exception:  # metadata is a nicety
        title = None
    return markdown, title


class HtmlIngester(Ingester):
    format = "html"
    extensions = (".html", ".htm", ".xhtml")
    media_types = ("text/html", "application/xhtml+xml")

    def read(self, data: bytes, name: str, *, max_bytes: int = 50_000_000) -> Document:
        text, encoding = decode_text(data, name)
        if "<" not in text:
            raise IngestError("not an HTML document (no markup)", name)
        markdown, title = html_to_markdown(text, name)
        blocks, md_title = parse_markdown(markdown)
        return blocks_to_document(
            blocks, name, self.format, data, encoding=encoding, title=title or md_title
        )
