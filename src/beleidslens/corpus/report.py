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
from .store import Store, open_existing, quote_ident

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
    store = open_existing(Path(database))
    try:
        docs, meta_cols, runs, theme_rows, aspect_counts, selected = _read(store)
    finally:
        store.close()
    if group_by is not None and group_by not in meta_cols:
        have = ", ".join(meta_cols) or "none"
        raise RenderError(f"no metadata column {group_by!r} to group by (columns: {have})")
    ok = {(d, fw) for d, fw, status, _ in runs if status == "ok"}
    failed = sorted({(Path(d).name, err or "") for d, _fw, status, err in runs if status != "ok"})
    themes: dict[str, list[tuple[str, str]]] = {}
    fw_names: dict[str, str] = {}
    for fw, fw_name, theme, label in theme_rows:
        themes.setdefault(fw, []).append((theme, label))
        fw_names[fw] = fw_name
    cells: dict[tuple[str, str, str], Cell] = {}
    for doc, fw, theme, n, addressed, uncertain in aspect_counts:
        cells[(doc, fw, theme)] = Cell(aspects=n, addressed=addressed, uncertain=uncertain)
    for p in selected:
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


_PASSAGE_COLUMNS = ("document", "framework", "theme", "rank", "score", "text", "page", "section")


def _read(store: Store) -> tuple[Any, ...]:
    """What the overview needs, straight from SQLite: selected passages only, aspect counts."""
    conn = store.conn
    cols = store.columns("documents")
    docs = {}
    for row in conn.execute("SELECT * FROM documents ORDER BY document"):
        doc = dict(zip(cols, row, strict=True))
        docs[doc["document"]] = doc
    meta_cols = store.metadata_columns()
    runs = conn.execute(
        "SELECT document, framework, status, error FROM runs ORDER BY document"
    ).fetchall()
    theme_rows = conn.execute(
        "SELECT framework, framework_name, theme, label FROM themes ORDER BY framework, position"
    ).fetchall()
    aspect_counts = conn.execute(
        "SELECT document, framework, theme, count(*), sum(status = 'addressed'), "
        "sum(status = 'uncertain') FROM aspects GROUP BY document, framework, theme"
    ).fetchall()
    selected = [
        dict(zip(_PASSAGE_COLUMNS, row, strict=True))
        for row in conn.execute(
            f"SELECT {', '.join(quote_ident(c) for c in _PASSAGE_COLUMNS)} FROM passages "
            "WHERE selected = 1 ORDER BY document, framework, theme, rank"
        )
    ]
    return docs, meta_cols, runs, theme_rows, aspect_counts, selected


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
