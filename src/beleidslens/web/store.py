"""The workbench's SQLite store: documents, frameworks, analyses, runs and review decisions.

One SQLite file in WAL mode (:mod:`.db`), its schema built by the append-only migrations of
:mod:`.schema`. Review decisions (:mod:`.review_store`) are keyed by a *passage key* derived
from the theme, the document offsets and a hash of the text (:func:`passage_key`), never by
engine ids, so a re-run of the analysis (after editing the framework, say) finds the same
decisions again.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
from pathlib import Path

from ..scoring.base import DEFAULT_BACKEND
from .records import (
    AnalysisInfo,
    Decision,
    NotFoundError,
    RunInfo,
    StoreError,
    Verdict,
    now,
    passage_key,
)
from .review_store import ReviewStore
from .schema import MIGRATIONS

__all__ = [
    "MIGRATIONS",
    "AnalysisInfo",
    "Decision",
    "NotFoundError",
    "RunInfo",
    "Store",
    "StoreError",
    "Verdict",
    "default_db_path",
    "now",
    "passage_key",
]


def _options_of(text: str | None) -> dict[str, str]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


class Store(ReviewStore):
    """Thin, thread-safe access to the workbench database (one connection per thread)."""

    # -- documents and frameworks -----------------------------------------------------------
    def add_document(
        self,
        *,
        name: str,
        text: str,
        title: str | None = None,
        format: str = "txt",
        sha256: str = "",
        size: int = 0,
        model_json: str | None = None,
    ) -> int:
        def ins(conn: sqlite3.Connection) -> int:
            cur = conn.execute(
                "INSERT INTO documents (name, title, format, sha256, size, text, model_json, "
                "created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (name, title, format, sha256, size, text, model_json, now()),
            )
            return int(cur.lastrowid or 0)

        return self.write(ins)

    def document(self, document_id: int) -> sqlite3.Row:
        rows = self.read("SELECT * FROM documents WHERE id = ?", (document_id,))
        if not rows:
            raise NotFoundError("no such document", f"document {document_id}")
        return rows[0]

    def documents(self) -> list[sqlite3.Row]:
        return self.read(
            "SELECT id, name, title, format, size, created FROM documents ORDER BY id DESC"
        )

    def add_framework(self, *, key: str, name: str, yaml_text: str, origin: str) -> int:
        def ins(conn: sqlite3.Connection) -> int:
            if origin == "builtin":
                row = conn.execute(
                    "SELECT id FROM frameworks WHERE origin = 'builtin' AND key = ? AND yaml = ?",
                    (key, yaml_text),
                ).fetchone()
                if row:
                    return int(row[0])
            cur = conn.execute(
                "INSERT INTO frameworks (key, name, yaml, origin, created) VALUES (?, ?, ?, ?, ?)",
                (key, name, yaml_text, origin, now()),
            )
            return int(cur.lastrowid or 0)

        return self.write(ins)

    def framework(self, framework_id: int) -> sqlite3.Row:
        rows = self.read("SELECT * FROM frameworks WHERE id = ?", (framework_id,))
        if not rows:
            raise NotFoundError("no such framework", f"framework {framework_id}")
        return rows[0]

    # -- analyses and runs ------------------------------------------------------------------
    def add_analysis(
        self,
        document_id: int,
        framework_id: int,
        backend: str = DEFAULT_BACKEND,
        backend_options: dict[str, str] | None = None,
    ) -> int:
        def ins(conn: sqlite3.Connection) -> int:
            cur = conn.execute(
                "INSERT INTO analyses (document_id, framework_id, backend, backend_options, "
                "created) VALUES (?, ?, ?, ?, ?)",
                (
                    document_id,
                    framework_id,
                    backend,
                    json.dumps(backend_options or {}, ensure_ascii=False),
                    now(),
                ),
            )
            return int(cur.lastrowid or 0)

        return self.write(ins)

    def set_backend(
        self, analysis_id: int, backend: str, backend_options: dict[str, str] | None = None
    ) -> None:
        """The scoring backend (and its options) the next runs of the analysis use."""
        self.write(
            lambda c: c.execute(
                "UPDATE analyses SET backend = ?, backend_options = ? WHERE id = ?",
                (backend, json.dumps(backend_options or {}, ensure_ascii=False), analysis_id),
            )
        )

    def set_framework(self, analysis_id: int, framework_id: int) -> None:
        self.write(
            lambda c: c.execute(
                "UPDATE analyses SET framework_id = ? WHERE id = ?", (framework_id, analysis_id)
            )
        )

    _ANALYSIS_SQL = (
        "SELECT a.*, d.name AS document_name, d.title AS document_title, "
        "f.key AS framework_key, f.name AS framework_name "
        "FROM analyses a JOIN documents d ON d.id = a.document_id "
        "JOIN frameworks f ON f.id = a.framework_id"
    )

    @staticmethod
    def _analysis_info(row: sqlite3.Row) -> AnalysisInfo:
        return AnalysisInfo(
            id=row["id"],
            document_id=row["document_id"],
            framework_id=row["framework_id"],
            backend=row["backend"],
            created=row["created"],
            document_name=row["document_name"],
            document_title=row["document_title"],
            framework_key=row["framework_key"],
            framework_name=row["framework_name"],
            position_theme=row["position_theme"],
            position_key=row["position_key"],
            backend_options=_options_of(row["backend_options"]),
        )

    def analysis(self, analysis_id: int) -> AnalysisInfo:
        rows = self.read(self._ANALYSIS_SQL + " WHERE a.id = ?", (analysis_id,))
        if not rows:
            raise NotFoundError("no such analysis", f"analysis {analysis_id}")
        return self._analysis_info(rows[0])

    def analyses(self) -> list[AnalysisInfo]:
        return [
            self._analysis_info(r) for r in self.read(self._ANALYSIS_SQL + " ORDER BY a.id DESC")
        ]

    def start_run(self, analysis_id: int) -> int:
        def ins(conn: sqlite3.Connection) -> int:
            cur = conn.execute(
                "INSERT INTO runs (analysis_id, status, stage, progress, started) "
                "VALUES (?, 'running', 'start', 0, ?)",
                (analysis_id, now()),
            )
            return int(cur.lastrowid or 0)

        return self.write(ins)

    def update_progress(self, run_id: int, stage: str, fraction: float) -> None:
        self.write(
            lambda c: c.execute(
                "UPDATE runs SET stage = ?, progress = ? WHERE id = ? AND status = 'running'",
                (stage[:80], max(0.0, min(1.0, float(fraction))), run_id),
            )
        )

    def finish_run(self, run_id: int, result_json: str) -> None:
        """Store a finished run's result: one transaction, so a crash leaves no half result."""
        self.write(
            lambda c: c.execute(
                "UPDATE runs SET status = 'done', progress = 1, stage = 'done', result_json = ?, "
                "finished = ? WHERE id = ?",
                (result_json, now(), run_id),
            )
        )

    def add_finished_run(self, analysis_id: int, result_json: str) -> int:
        def ins(conn: sqlite3.Connection) -> int:
            ts = now()
            cur = conn.execute(
                "INSERT INTO runs (analysis_id, status, stage, progress, result_json, started, "
                "finished) VALUES (?, 'done', 'import', 1, ?, ?, ?)",
                (analysis_id, result_json, ts, ts),
            )
            return int(cur.lastrowid or 0)

        return self.write(ins)

    def fail_run(self, run_id: int, error: str) -> None:
        self.write(
            lambda c: c.execute(
                "UPDATE runs SET status = 'failed', error = ?, finished = ? WHERE id = ?",
                (error[:2000], now(), run_id),
            )
        )

    @staticmethod
    def _run_info(row: sqlite3.Row) -> RunInfo:
        return RunInfo(
            id=row["id"],
            analysis_id=row["analysis_id"],
            status=row["status"],
            stage=row["stage"],
            progress=row["progress"],
            error=row["error"],
            started=row["started"],
            finished=row["finished"],
        )

    def run(self, run_id: int) -> RunInfo:
        rows = self.read(
            "SELECT id, analysis_id, status, stage, progress, error, started, finished "
            "FROM runs WHERE id = ?",
            (run_id,),
        )
        if not rows:
            raise NotFoundError("no such run", f"run {run_id}")
        return self._run_info(rows[0])

    def latest_run(self, analysis_id: int) -> RunInfo | None:
        rows = self.read(
            "SELECT id, analysis_id, status, stage, progress, error, started, finished "
            "FROM runs WHERE analysis_id = ? ORDER BY id DESC LIMIT 1",
            (analysis_id,),
        )
        return self._run_info(rows[0]) if rows else None

    def latest_result_id(self, analysis_id: int) -> int | None:
        """Id of the newest finished run, without reading its (large) result JSON."""
        rows = self.read(
            "SELECT id FROM runs WHERE analysis_id = ? AND status = 'done' "
            "ORDER BY id DESC LIMIT 1",
            (analysis_id,),
        )
        return int(rows[0]["id"]) if rows else None

    def result_json(self, run_id: int) -> str:
        rows = self.read("SELECT result_json FROM runs WHERE id = ?", (run_id,))
        if not rows:
            raise NotFoundError("no such run", f"run {run_id}")
        return str(rows[0]["result_json"])

    def secret(self) -> bytes:
        """This database's server secret (made once): signs session CSRF tokens and access
        cookies, so they stay valid across a restart and differ between databases."""

        def get_or_make(conn: sqlite3.Connection) -> str:
            row = conn.execute("SELECT value FROM settings WHERE key = 'secret'").fetchone()
            if row:
                return str(row[0])
            value = secrets.token_hex(32)
            conn.execute("INSERT INTO settings (key, value) VALUES ('secret', ?)", (value,))
            return value

        return bytes.fromhex(self.write(get_or_make))


def default_db_path() -> Path:
    """``$BELEIDSLENS_HOME/workbench.sqlite3``, else the user's data directory."""
    home = os.environ.get("BELEIDSLENS_HOME")
    if home:
        return Path(home) / "workbench.sqlite3"
    import platformdirs

    return Path(platformdirs.user_data_dir("beleidslens", appauthor=False)) / "workbench.sqlite3"
