"""The batch database: one SQLite file with the tables a researcher opens in pandas or Excel.

Tables (columns in :data:`COLUMNS`): ``documents`` (one row per file, plus one column per
metadata field such as ``party`` and ``year``), ``passages``, ``aspects``, ``amounts``,
``themes`` (labels and order of each framework's themes) and ``runs`` (per document and
framework: content hash, framework version and digest, backend, status, one-line error,
seconds, digest of the analysis). Each finished document is committed in its own
transaction, so an interrupted batch keeps everything it finished; a document is skipped
when its ``runs`` row says it was analysed with the same content hash, framework version
and digest, and backend.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import RenderError
from .worker import Outcome

STORE_FORMAT = "beleidslens.batch/1"

COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("document", "name", "sha256", "title", "format", "pages", "characters"),
    "passages": (
        "document", "framework", "theme", "rank", "passage_id", "score", "selected",
        "commitment", "kind", "text", "page", "section", "start", "end", "aspects",
    ),
    "aspects": (
        "document", "framework", "theme", "aspect", "label", "status", "score", "evidence",
        "evidence_page", "evidence_section",
    ),
    "amounts": (
        "document", "framework", "themes", "value_eur", "low_eur", "high_eur", "text", "unit",
        "period", "period_normalized", "page", "section", "sentence",
    ),
    "themes": ("framework", "framework_name", "position", "theme", "label", "aspects"),
    "runs": (
        "document", "framework", "framework_version", "framework_digest", "backend", "sha256",
        "status", "error", "seconds", "result_digest", "finished",
    ),
}  # fmt: skip
TABLES = ("documents", "passages", "aspects", "amounts")
# deterministic row order of each table (the insertion order depends on which worker ends first)
ORDER: dict[str, str] = {
    "documents": "document",
    "passages": "document, framework, theme, rank",
    "aspects": "document, framework, theme, aspect",
    "amounts": "document, framework, rowid",
    "themes": "framework, position",
    "runs": "document, framework",
}
_KEYS = {
    "documents": "PRIMARY KEY (document)",
    "themes": "PRIMARY KEY (framework, theme)",
    "runs": "PRIMARY KEY (document, framework)",
}
_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")


def metadata_column(name: str) -> str:
    """A metadata field name as a column name: lowercase, ``[a-z0-9_]``."""
    col = re.sub(r"[^a-z0-9_]+", "_", name.strip().lower()).strip("_")
    if not col or col[0].isdigit():
        col = "m_" + col
    if col in COLUMNS["documents"]:
        col = "meta_" + col
    return col


def quote_ident(name: str) -> str:
    if not _IDENT.match(name):
        raise ValueError(f"not a column name: {name!r}")
    return f'"{name}"'


class Store:
    """A batch database at ``path`` (created when missing)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise RenderError("is a folder, expected a batch database file", self.path)
        if not self.path.parent.is_dir():
            raise RenderError("output directory does not exist", self.path.parent)
        fresh = not self.path.exists() or self.path.stat().st_size == 0
        if not fresh and not _is_store(self.path):
            raise RenderError("exists and is not a beleidslens batch database", self.path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.Error as exc:
            raise RenderError(f"cannot open: {exc}", self.path) from None
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        if fresh:
            self._create()

    # -- schema -------------------------------------------------------------------------
    def _create(self) -> None:
        with self.transaction():
            self.conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (STORE_FORMAT,))
            for table, cols in COLUMNS.items():
                defs = ", ".join(quote_ident(c) for c in cols)
                key = _KEYS.get(table)
                self.conn.execute(f"CREATE TABLE IF NOT EXISTS {table} ({defs}"
                                  f"{', ' + key if key else ''})")  # fmt: skip
            for table in ("passages", "aspects", "amounts"):
                self.conn.execute(
                    f"CREATE INDEX IF NOT EXISTS {table}_doc ON {table} (document, framework)"
                )

    def transaction(self) -> _Transaction:
        return _Transaction(self.conn)

    def columns(self, table: str) -> list[str]:
        return [r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")]

    def metadata_columns(self) -> list[str]:
        return [c for c in self.columns("documents") if c not in COLUMNS["documents"]]

    # -- writing ------------------------------------------------------------------------
    def done(self, document: str, framework: str) -> tuple[str, str, str, str, str] | None:
        """(sha256, framework version, framework digest, backend, status) of the last run."""
        row = self.conn.execute(
            "SELECT sha256, framework_version, framework_digest, backend, status FROM runs "
            "WHERE document = ? AND framework = ?",
            (document, framework),
        ).fetchone()
        return None if row is None else (row[0], row[1], row[2], row[3], row[4])

    def record_frameworks(self, frameworks: Iterable[Any]) -> None:
        with self.transaction():
            for fw in frameworks:
                self.conn.execute("DELETE FROM themes WHERE framework = ?", (fw.id,))
                self.conn.executemany(
                    "INSERT INTO themes VALUES (?, ?, ?, ?, ?, ?)",
                    [(fw.id, fw.name, i, th.id, th.label, len(th.aspects))
                     for i, th in enumerate(fw.themes)],
                )  # fmt: skip

    def record(self, outcome: Outcome, frameworks: Iterable[Any], backend: str) -> None:
        """Write one document's outcome in one transaction (replacing an earlier run);
        ``backend`` is the backend key resuming compares (name and options)."""
        doc = outcome.path
        finished = datetime.now(UTC).replace(microsecond=0).isoformat()
        with self.transaction():
            info = outcome.document
            self.conn.execute(
                "INSERT INTO documents (document, name, sha256, title, format, pages, characters)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (document) DO UPDATE SET "
                "name = excluded.name, sha256 = excluded.sha256, "
                "title = coalesce(excluded.title, title), "
                "format = coalesce(excluded.format, format), "
                "pages = coalesce(excluded.pages, pages), "
                "characters = coalesce(excluded.characters, characters)",
                (doc, Path(doc).name, outcome.sha256, info.get("title"), info.get("format"),
                 info.get("pages"), info.get("characters")),
            )  # fmt: skip
            by_fw = {r.framework: r for r in outcome.results}
            for fw in frameworks:
                for table in ("passages", "aspects", "amounts"):
                    self.conn.execute(
                        f"DELETE FROM {table} WHERE document = ? AND framework = ?", (doc, fw.id)
                    )
                rows = by_fw.get(fw.id)
                if rows is not None:
                    self._insert("passages", rows.passages)
                    self._insert("aspects", rows.aspects)
                    self._insert("amounts", rows.amounts)
                self.conn.execute(
                    "INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (doc, fw.id, fw.version, rows.framework_digest if rows else "",
                     backend, outcome.sha256,
                     "ok" if rows is not None else "error", outcome.error,
                     round(outcome.seconds, 3), rows.result_digest if rows else None, finished),
                )  # fmt: skip

    def _insert(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            marks = ", ".join("?" * len(COLUMNS[table]))
            self.conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)

    def set_metadata(self, values: Mapping[str, Mapping[str, Any]]) -> None:
        """``{document: {column: value}}``: add the columns, set the values."""
        with self.transaction():
            have = set(self.columns("documents"))
            for fields in values.values():
                for col in fields:
                    if col not in have:
                        self.conn.execute(f"ALTER TABLE documents ADD COLUMN {quote_ident(col)}")
                        have.add(col)
            for doc, fields in values.items():
                for col, value in fields.items():
                    self.conn.execute(
                        f"UPDATE documents SET {quote_ident(col)} = ? WHERE document = ?",
                        (value, doc),
                    )

    # -- reading ------------------------------------------------------------------------
    def table(self, name: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows of ``name``, in a deterministic order."""
        if name not in COLUMNS:
            raise KeyError(name)
        cols = self.columns(name)
        rows = self.conn.execute(f"SELECT * FROM {name} ORDER BY {ORDER[name]}").fetchall()
        return cols, rows

    def failures(self) -> list[tuple[str, str]]:
        return self.conn.execute(
            "SELECT DISTINCT document, error FROM runs WHERE status = 'error' ORDER BY document"
        ).fetchall()

    def close(self) -> None:
        """Fold the write-ahead log back in, so the database is one self-contained file."""
        try:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.conn.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.Error:
            pass
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")


def _is_store(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return False
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False
    return row is not None and row[0] == STORE_FORMAT


def open_existing(path: str | Path) -> Store:
    """A batch database that must exist (for reports and exports)."""
    p = Path(path)
    if not p.is_file():
        raise RenderError("no such batch database (run 'beleidslens batch' first)", p)
    if not _is_store(p):
        raise RenderError("not a beleidslens batch database", p)
    return Store(p)
