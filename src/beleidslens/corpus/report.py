"""The documents × themes overview of a batch (``beleidslens corpus-report``).

Per framework one grid: a row per analysed document (grouped by a metadata column such as
``party`` or ``year`` when asked), a column per theme; each cell holds the number of
selected passages and of aspects addressed, and links to those passages. Renderers:
:mod:`.report_html` (one self-contained page), :mod:`.report_office` (XLSX, Markdown).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import RenderError
from ..i18n import add_labels
from .tables import Tables

add_labels(
    {
        "corpus_title": {"nl": "Overzicht van het corpus", "en": "Corpus overview"},
        "corpus_intro": {
            "nl": "Per document en thema: het aantal geselecteerde passages en het aantal "
            "geadresseerde aspecten. Klik op een cel voor de passages, op een kolomkop om "
            "te sorteren.",
            "en": "Per document and theme: the number of selected passages and of aspects "
            "addressed. Click a cell for its passages, a column heading to sort.",
        },
        "corpus_document": {"nl": "Document", "en": "Document"},
        "corpus_documents": {"nl": "documenten", "en": "documents"},
        "corpus_total": {"nl": "Totaal", "en": "Total"},
        "corpus_group": {"nl": "Groep", "en": "Group"},
        "corpus_no_group": {"nl": "(onbekend)", "en": "(unknown)"},
        "corpus_failed": {"nl": "Niet geanalyseerd", "en": "Not analysed"},
        "corpus_cell_hint": {
            "nl": "geselecteerde passages · geadresseerde aspecten",
            "en": "selected passages · aspects addressed",
        },
        "corpus_back": {"nl": "terug naar het overzicht", "en": "back to the overview"},
        "corpus_none": {"nl": "Geen passages geselecteerd.", "en": "No passages selected."},
        "corpus_passages_sheet": {"nl": "passages", "en": "passages"},
        "corpus_aspects_of": {"nl": "van", "en": "of"},
    }
)


@dataclass
class Cell:
    selected: int = 0
    addressed: int = 0
    uncertain: int = 0
    aspects: int = 0
    passages: list[dict[str, Any]] = field(default_factory=list)  # selected, best first
    anchor: str = ""


@dataclass
class Row:
    document: str
    label: str  # title, else the file name: never a local path
    group: Any
    metadata: dict[str, Any]
    cells: list[Cell]

    @property
    def total_selected(self) -> int:
        return sum(c.selected for c in self.cells)


@dataclass
class Grid:
    framework: str
    framework_name: str
    themes: list[tuple[str, str]]  # (id, label) in framework order
    rows: list[Row]
    max_selected: int = 0


@dataclass
class Overview:
    grids: list[Grid]
    group_by: str | None
    metadata_columns: list[str]
    failed: list[tuple[str, str]]  # (file name, one-line error)
    documents: int


def _label(doc: dict[str, Any]) -> str:
    title = doc.get("title")
    return str(title) if title else str(doc.get("name") or Path(doc["document"]).name)


def build_overview(database: str | os.PathLike[str], *, group_by: str | None = None) -> Overview:
    """Read the batch database and compute every grid."""
    tables = Tables.load(database)
    docs = {d["document"]: d for d in tables.records("documents")}
    core = {"document", "name", "sha256", "title", "format", "pages", "characters"}
    meta_cols = [c for c in tables.columns("documents") if c not in core]
    if group_by is not None and group_by not in meta_cols:
        have = ", ".join(meta_cols) or "none"
        raise RenderError(f"no metadata column {group_by!r} to group by (columns: {have})")
    runs = tables.records("runs")
    ok = {(r["document"], r["framework"]) for r in runs if r["status"] == "ok"}
    failed = sorted({(Path(r["document"]).name, r["error"] or "") for r in runs
                     if r["status"] != "ok"})  # fmt: skip
    themes: dict[str, list[tuple[str, str]]] = {}
    fw_names: dict[str, str] = {}
    for th in tables.records("themes"):
        themes.setdefault(th["framework"], []).append((th["theme"], th["label"]))
        fw_names[th["framework"]] = th["framework_name"]
    cells: dict[tuple[str, str, str], Cell] = {}
    for a in tables.records("aspects"):
        c = cells.setdefault((a["document"], a["framework"], a["theme"]), Cell())
        c.aspects += 1
        c.addressed += a["status"] == "addressed"
        c.uncertain += a["status"] == "uncertain"
    for p in tables.records("passages"):
        if p["selected"]:
            c = cells.setdefault((p["document"], p["framework"], p["theme"]), Cell())
            c.selected += 1
            c.passages.append(p)
    grids = []
    for fw, fw_themes in themes.items():
        rows = []
        for doc_id, doc in docs.items():
            if (doc_id, fw) not in ok:
                continue
            row_cells = [cells.get((doc_id, fw, th), Cell()) for th, _ in fw_themes]
            meta = {c: doc.get(c) for c in meta_cols}
            group = meta.get(group_by) if group_by else None
            rows.append(Row(doc_id, _label(doc), group, meta, row_cells))
        rows.sort(key=lambda r: (_sort_key(r.group), r.label.casefold(), r.document))
        for i, row in enumerate(rows):
            for j, cell in enumerate(row.cells):
                cell.anchor = f"c-{fw}-{i}-{j}"
        peak = max((c.selected for r in rows for c in r.cells), default=0)
        grids.append(Grid(fw, fw_names.get(fw, fw), fw_themes, rows, peak))
    return Overview(grids, group_by, meta_cols, failed, len(docs))


def _sort_key(value: Any) -> tuple[int, Any]:
    if value is None:
        return (2, "")
    if isinstance(value, int | float):
        return (0, value)
    return (1, str(value).casefold())


def heat(value: int, peak: int) -> float:
    """0..1 intensity of a cell (square root, so a few passages already show)."""
    if peak <= 0 or value <= 0:
        return 0.0
    return round((value / peak) ** 0.5, 3)
