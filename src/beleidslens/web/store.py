"""The workbench's SQLite store: documents, frameworks, analyses, runs and review decisions.

One SQLite file in WAL mode. The schema is built by named, append-only migrations recorded
in ``_migrations``; never edit a released migration, append a new one.

Review decisions are keyed by a *passage key* derived from the theme, the document offsets
and a hash of the text (:func:`passage_key`), never by engine ids, so a re-run of the
analysis (after editing the framework, say) finds the same decisions again. Every change is
one transaction: an upsert of the current state (with a version counter) plus a row in
``history``, so two tabs editing the same analysis lose nothing (last writer wins for the
current state; both writes stay in the history).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from ..errors import BeleidslensError

T = TypeVar("T")

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            title TEXT,
            format TEXT NOT NULL DEFAULT 'txt',
            sha256 TEXT NOT NULL DEFAULT '',
            size INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL,
            model_json TEXT,
            created TEXT NOT NULL
        );
        CREATE TABLE frameworks (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            yaml TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('builtin', 'upload', 'import')),
            created TEXT NOT NULL
        );
        CREATE TABLE analyses (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            framework_id INTEGER NOT NULL REFERENCES frameworks(id),
            backend TEXT NOT NULL DEFAULT 'lexical',
            created TEXT NOT NULL
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            analysis_id INTEGER NOT NULL REFERENCES analyses(id),
            status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
            stage TEXT NOT NULL DEFAULT '',
            progress REAL NOT NULL DEFAULT 0,
            error TEXT,
            result_json TEXT,
            started TEXT NOT NULL,
            finished TEXT
        );
        CREATE INDEX runs_by_analysis ON runs(analysis_id, id);
        CREATE TABLE decisions (
            analysis_id INTEGER NOT NULL REFERENCES analyses(id),
            key TEXT NOT NULL,
            theme_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
            target_theme TEXT,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('engine', 'human')),
            passage_json TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            updated TEXT NOT NULL,
            PRIMARY KEY (analysis_id, key)
        );
        CREATE TABLE verdicts (
            analysis_id INTEGER NOT NULL REFERENCES analyses(id),
            theme_id TEXT NOT NULL,
            aspect_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('addressed', 'not_addressed', 'uncertain')),
            note TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            updated TEXT NOT NULL,
            PRIMARY KEY (analysis_id, theme_id, aspect_id)
        );
        CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            analysis_id INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('passage', 'verdict')),
            key TEXT NOT NULL,
            version INTEGER NOT NULL,
            payload TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX history_by_analysis ON history(analysis_id, kind, key);
        """,
    ),
    (
        "0002_review_position",
        """
        ALTER TABLE analyses ADD COLUMN position_theme TEXT;
        ALTER TABLE analyses ADD COLUMN position_key TEXT;
        """,
    ),
    (
        "0003_backend_options",
        """
        ALTER TABLE analyses ADD COLUMN backend_options TEXT NOT NULL DEFAULT '{}';
        """,
    ),
]


class StoreError(BeleidslensError):
    """The workbench database cannot be opened or is not a beleidslens database."""

    exit_code = 8
    http_status = 500


class NotFoundError(BeleidslensError):
    """A document, analysis or passage that does not exist."""

    http_status = 404


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def passage_key(theme_id: str, start: int, end: int, text: str) -> str:
    """Stable identity of a passage in a theme: offsets plus a hash of its text."""
    digest = hashlib.sha1(f"{theme_id}|{start}|{end}|{text}".encode()).hexdigest()
    return digest[:16]


def _options_of(text: str | None) -> dict[str, str]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    msg = str(exc).lower()
    return "locked" in msg or "busy" in msg


@dataclass
class Decision:
    """The current review state of one passage."""

    key: str
    theme_id: str  # theme the passage was suggested for (or added to)
    status: str  # accepted | rejected
    target_theme: str | None  # set when moved to another theme
    start: int  # current span: trimmed or added passages differ from the engine's
    end: int
    text: str
    origin: str  # engine | human
    passage: dict[str, Any]  # snapshot of the passage as first decided (Passage.model_dump)
    version: int = 1
    updated: str = ""
    # set by save_decision when the page saw an older version: the state another window had
    # stored in the meantime (this decision was still recorded and is now the current state)
    clash: dict[str, Any] | None = None


@dataclass
class Verdict:
    theme_id: str
    aspect_id: str
    status: str
    note: str | None
    version: int = 1
    updated: str = ""


@dataclass
class RunInfo:
    id: int
    analysis_id: int
    status: str
    stage: str
    progress: float
    error: str | None
    started: str
    finished: str | None


@dataclass
class AnalysisInfo:
    id: int
    document_id: int
    framework_id: int
    backend: str
    created: str
    document_name: str
    document_title: str | None
    framework_key: str
    framework_name: str
    position_theme: str | None = None
    position_key: str | None = None
    backend_options: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.document_title or self.document_name


class Store:
    """Thin, thread-safe access to the workbench database (one connection per call)."""

    def __init__(self, path: str | Path, *, busy_timeout_s: float = 10.0):
        self.path = Path(path)
        self.busy_timeout_s = busy_timeout_s
        self._local = threading.local()
        if not self.path.parent.is_dir():
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create directory: {exc.strerror}", self.path) from None
        self.migrate()

    # -- connections ------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(
                    self.path,
                    timeout=self.busy_timeout_s,
                    isolation_level=None,  # explicit BEGIN/COMMIT
                    check_same_thread=False,
                )
                conn.row_factory = sqlite3.Row
                conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_s * 1000)}")
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("PRAGMA synchronous = NORMAL")
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"cannot open database: {exc}", self.path) from None
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE so writers queue instead of deadlocking)."""
        conn = self._connect()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def write(self, fn: Callable[[sqlite3.Connection], T], *, attempts: int = 8) -> T:
        """Run ``fn`` in one write transaction, retrying when the database is busy."""
        for attempt in range(attempts):
            try:
                with self._tx() as conn:
                    return fn(conn)
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or attempt == attempts - 1:
                    raise
                time.sleep(0.01 * (2**attempt) * (0.5 + random.random()))
        raise AssertionError("unreachable")

    def read(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        for attempt in range(8):
            try:
                return self._connect().execute(sql, params).fetchall()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or attempt == 7:
                    raise
                time.sleep(0.01 * (2**attempt))
        raise AssertionError("unreachable")

    # -- schema -----------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply pending migrations in order; returns the names applied now."""
        conn = self._connect()
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"not a beleidslens database: {exc}", self.path) from None
        if str(mode).lower() != "wal" and str(self.path) != ":memory:":
            raise StoreError(f"cannot switch to WAL journal mode (got {mode})", self.path)
        applied_now: list[str] = []

        def apply(conn: sqlite3.Connection) -> None:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS _migrations "
                "(name TEXT PRIMARY KEY, applied TEXT NOT NULL)"
            )
            done = {r[0] for r in conn.execute("SELECT name FROM _migrations")}
            known = {name for name, _ in MIGRATIONS}
            unknown = done - known
            if unknown:
                raise StoreError(
                    f"database was written by a newer beleidslens (migration {sorted(unknown)[0]})",
                    self.path,
                )
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                for statement in sql.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute("INSERT INTO _migrations VALUES (?, ?)", (name, now()))
                applied_now.append(name)

        self.write(apply)
        return applied_now

    def migrations(self) -> list[str]:
        return [r[0] for r in self.read("SELECT name FROM _migrations ORDER BY name")]

    def recover(self) -> int:
        """Mark runs left 'running' by a crashed or stopped server as failed."""

        def fix(conn: sqlite3.Connection) -> int:
            cur = conn.execute(
                "UPDATE runs SET status = 'failed', finished = ?, "
                "error = 'interrupted: the server stopped during the analysis' "
                "WHERE status = 'running'",
                (now(),),
            )
            return cur.rowcount

        return self.write(fix)

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
        backend: str = "lexical",
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

    # -- review -----------------------------------------------------------------------------
    def save_decision(
        self,
        analysis_id: int,
        decision: Decision,
        *,
        position_theme: str | None = None,
        seen_version: int | None = None,
    ) -> Decision:
        """Upsert a passage decision and append it to the history, in one transaction.

        ``position_theme`` is the theme the reviewer is looking at (resumed after a reload).
        ``seen_version`` is the version the reviewer's page showed (0: no decision yet). When
        the stored version is newer, another window decided in the meantime: the decision is
        still recorded (nothing is lost; the history keeps both) and ``decision.clash`` holds
        the state it replaced, so the page can tell the reviewer.
        """

        def up(conn: sqlite3.Connection) -> Decision:
            ts = now()
            decision.clash = None
            if seen_version is not None:
                current = conn.execute(
                    'SELECT version, status, target_theme, start, "end", updated '
                    "FROM decisions WHERE analysis_id = ? AND key = ?",
                    (analysis_id, decision.key),
                ).fetchone()
                if current is not None and int(current["version"]) > seen_version:
                    decision.clash = {
                        "version": int(current["version"]),
                        "seen_version": seen_version,
                        "status": current["status"],
                        "target_theme": current["target_theme"],
                        "start": current["start"],
                        "end": current["end"],
                        "updated": current["updated"],
                    }
            row = conn.execute(
                "INSERT INTO decisions (analysis_id, key, theme_id, status, target_theme, start, "
                '"end", text, origin, passage_json, version, updated) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) "
                "ON CONFLICT (analysis_id, key) DO UPDATE SET status = excluded.status, "
                'target_theme = excluded.target_theme, start = excluded.start, "end" = '
                'excluded."end", text = excluded.text, version = decisions.version + 1, '
                "updated = excluded.updated RETURNING version",
                (
                    analysis_id,
                    decision.key,
                    decision.theme_id,
                    decision.status,
                    decision.target_theme,
                    decision.start,
                    decision.end,
                    decision.text,
                    decision.origin,
                    json.dumps(decision.passage, ensure_ascii=False),
                    ts,
                ),
            ).fetchone()
            version = int(row[0])
            payload = {
                "status": decision.status,
                "theme_id": decision.theme_id,
                "target_theme": decision.target_theme,
                "start": decision.start,
                "end": decision.end,
                "text": decision.text,
                "origin": decision.origin,
            }
            conn.execute(
                "INSERT INTO history (analysis_id, kind, key, version, payload, at) "
                "VALUES (?, 'passage', ?, ?, ?, ?)",
                (analysis_id, decision.key, version, json.dumps(payload, ensure_ascii=False), ts),
            )
            conn.execute(
                "UPDATE analyses SET position_theme = ?, position_key = ? WHERE id = ?",
                (position_theme or decision.theme_id, decision.key, analysis_id),
            )
            decision.version = version
            decision.updated = ts
            return decision

        return self.write(up)

    def decisions(self, analysis_id: int) -> dict[str, Decision]:
        rows = self.read(
            'SELECT key, theme_id, status, target_theme, start, "end", text, origin, '
            "passage_json, version, updated FROM decisions WHERE analysis_id = ?",
            (analysis_id,),
        )
        return {
            r["key"]: Decision(
                key=r["key"],
                theme_id=r["theme_id"],
                status=r["status"],
                target_theme=r["target_theme"],
                start=r["start"],
                end=r["end"],
                text=r["text"],
                origin=r["origin"],
                passage=json.loads(r["passage_json"]),
                version=r["version"],
                updated=r["updated"],
            )
            for r in rows
        }

    def save_verdict(self, analysis_id: int, verdict: Verdict) -> Verdict:
        def up(conn: sqlite3.Connection) -> Verdict:
            ts = now()
            row = conn.execute(
                "INSERT INTO verdicts (analysis_id, theme_id, aspect_id, status, note, version, "
                "updated) VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT (analysis_id, theme_id, "
                "aspect_id) DO UPDATE SET status = excluded.status, note = excluded.note, "
                "version = verdicts.version + 1, updated = excluded.updated RETURNING version",
                (
                    analysis_id,
                    verdict.theme_id,
                    verdict.aspect_id,
                    verdict.status,
                    verdict.note,
                    ts,
                ),
            ).fetchone()
            version = int(row[0])
            key = f"{verdict.theme_id}/{verdict.aspect_id}"
            payload = {"status": verdict.status, "note": verdict.note}
            conn.execute(
                "INSERT INTO history (analysis_id, kind, key, version, payload, at) "
                "VALUES (?, 'verdict', ?, ?, ?, ?)",
                (analysis_id, key, version, json.dumps(payload, ensure_ascii=False), ts),
            )
            conn.execute(
                "UPDATE analyses SET position_theme = ? WHERE id = ?",
                (verdict.theme_id, analysis_id),
            )
            verdict.version = version
            verdict.updated = ts
            return verdict

        return self.write(up)

    def verdicts(self, analysis_id: int) -> dict[tuple[str, str], Verdict]:
        rows = self.read(
            "SELECT theme_id, aspect_id, status, note, version, updated FROM verdicts "
            "WHERE analysis_id = ?",
            (analysis_id,),
        )
        return {
            (r["theme_id"], r["aspect_id"]): Verdict(
                r["theme_id"], r["aspect_id"], r["status"], r["note"], r["version"], r["updated"]
            )
            for r in rows
        }

    def history(self, analysis_id: int, kind: str | None = None) -> list[sqlite3.Row]:
        if kind:
            return self.read(
                "SELECT * FROM history WHERE analysis_id = ? AND kind = ? ORDER BY id",
                (analysis_id, kind),
            )
        return self.read("SELECT * FROM history WHERE analysis_id = ? ORDER BY id", (analysis_id,))

    def set_position(self, analysis_id: int, theme_id: str) -> None:
        self.write(
            lambda c: c.execute(
                "UPDATE analyses SET position_theme = ? WHERE id = ?", (theme_id, analysis_id)
            )
        )


def default_db_path() -> Path:
    """``$BELEIDSLENS_HOME/workbench.sqlite3``, else the user's data directory."""
    home = os.environ.get("BELEIDSLENS_HOME")
    if home:
        return Path(home) / "workbench.sqlite3"
    import platformdirs

    return Path(platformdirs.user_data_dir("beleidslens", appauthor=False)) / "workbench.sqlite3"
