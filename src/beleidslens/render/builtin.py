"""Registers the built-in renderers. Each is imported only when used."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from .base import Renderer, ReportRenderer

if TYPE_CHECKING:
    from ..registry import Registries, Registry

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


# (registry field, versioned name) → ("module:function", description); each function
# takes (report, lang)
_REPORTS: dict[tuple[str, str], tuple[str, str]] = {
    ("audit_renderers", "markdown.v1"): ("audit.render:render_markdown", "the audit as Markdown"),
    ("audit_renderers", "html.v1"): ("audit.render:render_html", "the audit as one HTML file"),
    ("audit_renderers", "json.v1"): (
        "audit.render:render_json",
        "the versioned audit schema (beleidslens.audit/1)",
    ),
    ("compare_renderers", "markdown.v1"): (
        "compare:render_markdown",
        "the comparison as Markdown tables",
    ),
    ("compare_renderers", "html.v1"): ("compare:render_html", "the comparison as one HTML file"),
    ("compare_renderers", "json.v1"): (
        "compare:render_json",
        "the versioned comparison schema (beleidslens.compare/1)",
    ),
    ("money_renderers", "text.v1"): ("extract.render:render_text", "a readable list"),
    ("money_renderers", "json.v1"): (
        "extract.render:render_json",
        "the versioned money schema (beleidslens.money/1)",
    ),
    ("money_renderers", "csv.v1"): (
        "extract.render:render_csv_lang",
        "one row per amount, target and table cell",
    ),
    ("document_renderers", "outline.v1"): (
        "document.outline:outline",
        "chapters and sections with block counts",
    ),
    ("document_renderers", "text.v1"): ("render.reports:document_text", "the normalized text"),
    ("document_renderers", "json.v1"): (
        "render.reports:document_json",
        "the versioned document model",
    ),
    ("evaluation_renderers", "text.v1"): ("render.reports:evaluation_text", "a readable summary"),
    ("evaluation_renderers", "json.v1"): (
        "render.reports:evaluation_json",
        "recall, precision and their matches as JSON",
    ),
    ("simulation_renderers", "json.v1"): (
        "render.reports:simulation_json",
        "every theme's replay as JSON",
    ),
    ("simulation_renderers", "text.v1"): ("render.reports:simulation_text", "a readable table"),
    ("corpus_renderers", "html.v1"): (
        "corpus.report_html:render_html",
        "one self-contained HTML file, each cell linking to its passages",
    ),
    ("corpus_renderers", "xlsx.v1"): (
        "corpus.report_office:render_xlsx",
        "a spreadsheet: documents x themes",
    ),
    ("corpus_renderers", "markdown.v1"): (
        "corpus.report_office:render_markdown",
        "Markdown tables: documents x themes",
    ),
}


def _lazy_report(target: str) -> Callable[[], ReportRenderer]:
    module, function = target.split(":")

    def factory() -> ReportRenderer:
        mod = importlib.import_module(f"beleidslens.{module}")
        render: ReportRenderer = getattr(mod, function)
        return render

    return factory


def register(registries: Registries) -> None:
    for name, (module, cls, description) in _BUILTIN.items():
        registries.renderers.register(name, _lazy(module, cls), description)
    for (field, name), (target, description) in _REPORTS.items():
        registry: Registry[ReportRenderer] = getattr(registries, field)
        registry.register(name, _lazy_report(target), description)
