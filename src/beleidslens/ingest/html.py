"""HTML ingester: main content only, via trafilatura (no navigation, scripts, footers or
cookie banners), converted to Markdown so headings, list items and tables keep their
structure, then parsed by :mod:`.markdown`."""

from __future__ import annotations

import re

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
    return markdown, page_title(html)


def page_title(html: str) -> str | None:
    """The page's ``og:title`` or ``<title>``. (trafilatura's ``extract_metadata`` also
    looks for dates and authors: on a page of 10,000 paragraphs it took 2.6 s of 4.9.)"""
    import lxml.html
    from lxml import etree

    end = re.search(r"</head\s*>", html[:1_000_000], re.IGNORECASE)
    head = html[: end.end()] if end else html[:1_000_000]
    try:
        tree = lxml.html.fromstring(head)
    except (etree.ParserError, ValueError):
        return None
    for xpath in ('//meta[@property="og:title"]/@content', "//title//text()"):
        found = " ".join(" ".join(str(t) for t in tree.xpath(xpath)).split())
        if found:
            return found[:500]
    return None


# trafilatura's boilerplate removal costs more per MB as the page grows (generated pages of
# one main text, benchmarks/bench_scale.py: 10,000 paragraphs, 2.9 MB: 2.6 s CPU; 30,000,
# 8.8 MB: 6.5 s; 100,000, 29 MB: 55 s and 620 MB). Pages are read up to this size, so any
# HTML input ingests in well under 10 s; a policy page is rarely over 2 MB.
MAX_HTML_BYTES = 10_000_000


class HtmlIngester(Ingester):
    format = "html"
    extensions = (".html", ".htm", ".xhtml")
    media_types = ("text/html", "application/xhtml+xml")

    def read(self, data: bytes, name: str, *, max_bytes: int = 50_000_000) -> Document:
        if len(data) > MAX_HTML_BYTES:
            raise IngestError(
                f"HTML page of {len(data) / 1e6:.1f} MB, over the {MAX_HTML_BYTES // 1_000_000} MB "
                "an HTML page is read up to (its cleaning cost grows with the page); save it "
                "as PDF or text",
                name,
            )
        text, encoding = decode_text(data, name)
        if "<" not in text:
            raise IngestError("not an HTML document (no markup)", name)
        markdown, title = html_to_markdown(text, name)
        blocks, md_title = parse_markdown(markdown)
        return blocks_to_document(
            blocks, name, self.format, data, encoding=encoding, title=title or md_title
        )
