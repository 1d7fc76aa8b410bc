"""Registers the built-in renderers. Each is imported only when used."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from .base import RENDERERS, Renderer

# versioned name → (module below beleidslens.render, class name, description)
_BUILTIN: dict[str, tuple[str, str, str]] = {
    "markdown.v1": (
        "markdown",
        "MarkdownRenderer",
        "Markdown: a heading per theme, passages and NIET/ONZEKER verdicts as lists",
    ),
    "expert.v1": (
        "expert",
        "ExpertRenderer",
        "the expert's plain report format (• bullets, NIET: lines), as analysts write it",
    ),
    "json.v1": ("json", "JsonRenderer", "the versioned analysis schema (beleidslens.analysis/1)"),
    "html.v1": ("html", "HtmlRenderer", "one self-contained, searchable, printable HTML file"),
    "docx.v1": ("docx", "DocxRenderer", "a Word document to paste into a memo"),
    "xlsx.v1": (
        "xlsx",
        "XlsxRenderer",
        "a spreadsheet: one row per passage and per aspect verdict",
    ),
    "csv.v1": ("csv", "CsvRenderer", "CSV: one row per passage and per aspect verdict"),
}


def _lazy(module: str, cls: str) -> Callable[[], Renderer]:
    def factory() -> Renderer:
        mod = importlib.import_module(f"beleidslens.render.{module}")
        renderer: Renderer = getattr(mod, cls)()
        return renderer

    return factory


def register() -> None:
    for name, (module, cls, description) in _BUILTIN.items():
        RENDERERS.register(name, _lazy(module, cls), description)
