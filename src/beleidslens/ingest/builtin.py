"""Registers the built-in ingesters. Heavy libraries load only when a format is read."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from .base import Ingester

if TYPE_CHECKING:
    from ..registry import Registries

# versioned name → (module below beleidslens.ingest, class name, description)
_BUILTIN: dict[str, tuple[str, str, str]] = {
    "txt.v1": ("text", "TextIngester", "plain text, including text pasted out of a PDF"),
    "md.v1": ("text", "MarkdownIngester", "Markdown: # headings, lists, tables"),
    "pdf.v1": ("pdf", "PdfIngester", "PDF text layer with page numbers (pypdfium2)"),
    "docx.v1": ("docx", "DocxIngester", "Word documents: heading and list styles, tables"),
    "html.v1": ("html", "HtmlIngester", "web pages: main content only (trafilatura)"),
}


def _lazy(module: str, cls: str) -> Callable[[], Ingester]:
    def factory() -> Ingester:
        mod = importlib.import_module(f"beleidslens.ingest.{module}")
        ingester: Ingester = getattr(mod, cls)()
        return ingester

    return factory


def register(registries: Registries) -> None:
    for name, (module, cls, description) in _BUILTIN.items():
        registries.ingesters.register(name, _lazy(module, cls), description)
