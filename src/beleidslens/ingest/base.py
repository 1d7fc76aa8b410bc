"""The ingester interface and registry.

An ingester turns the raw bytes of one format into a :class:`Document`. Ingesters are
registered under versioned names (``txt.v1``, ``pdf.v1``) in :data:`INGESTERS`; plugins add
formats by registering more. Each declares the file extensions and media types it reads,
so :func:`beleidslens.ingest.load_document` can dispatch on them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from ..document.model import Document
from ..registry import Registry


def renumber_pages(doc: Document, first_page: int) -> Document:
    """Number ``doc``'s known pages so that the first is ``first_page`` (in place).

    Documents whose pages are unknown (``first_page is None``) are left as they are.
    """
    if doc.first_page is None or doc.first_page == first_page:
        return doc
    delta = first_page - doc.first_page
    doc.first_page = first_page
    doc.page_labels = {page + delta: label for page, label in doc.page_labels.items()}
    for node in doc.walk():
        if node.page is not None:
            node.page += delta
    return doc


class Ingester(ABC):
    """Base class: one abstract method, :meth:`read`; :meth:`read_document` adds the options
    every format shares on top of it."""

    format: ClassVar[str]  # short name: "txt", "pdf", …
    extensions: ClassVar[tuple[str, ...]]  # lower-case, with dot: (".txt",)
    media_types: ClassVar[tuple[str, ...]] = ()  # for URLs: ("text/plain",)

    @abstractmethod
    def read(self, data: bytes, name: str, *, max_bytes: int = 50_000_000) -> Document:
        """Read ``data`` (the whole file) named ``name``; raise ``IngestError`` on bad input."""

    def read_document(
        self,
        data: bytes,
        name: str,
        *,
        max_bytes: int = 50_000_000,
        first_page: int | None = None,
    ) -> Document:
        """:meth:`read`, then number the pages from ``first_page`` when it is given (the page
        number of the source's first page, e.g. for an excerpt). Formats without pages
        ignore it; an ingester that can do better (plain text) overrides this."""
        doc = self.read(data, name, max_bytes=max_bytes)
        return doc if first_page is None else renumber_pages(doc, first_page)


INGESTERS: Registry[Ingester] = Registry("input format")


def ingesters() -> list[Ingester]:
    return [entry.factory() for entry in INGESTERS]


def for_extension(suffix: str) -> Ingester | None:
    suffix = suffix.lower()
    for ingester in ingesters():
        if suffix in ingester.extensions:
            return ingester
    return None


def for_media_type(media_type: str) -> Ingester | None:
    media_type = media_type.lower()
    for ingester in ingesters():
        if media_type in ingester.media_types:
            return ingester
    return None


def known_extensions() -> list[str]:
    return sorted({ext for ingester in ingesters() for ext in ingester.extensions})
