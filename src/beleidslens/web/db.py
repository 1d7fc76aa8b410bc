"""SQLite access for the workbench: one connection per thread, write transactions with retry.

WAL mode, ``BEGIN IMMEDIATE`` so writers queue instead of deadlocking (and a process lock so
this process's writers queue in order rather than poll), and the schema of :mod:`.schema`
applied on open.
"""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from .records import StoreError, now
from .schema import MIGRATIONS

T = TypeVar("T")


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    msg = str(exc).lower()
    return "locked" in msg or "busy" in msg


_flush = getattr(os, "fdatasync", os.fsync)  # no need to flush the modification time


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # a file system that cannot sync directories (the WAL's content is synced)
    finally:
        os.close(fd)


class Database:
    """Thin, thread-safe access to one SQLite file (one connection per thread), migrated."""

    def __init__(self, path: str | Path, *, busy_timeout_s: float = 10.0):
        self.path = Path(path)
        self.busy_timeout_s = busy_timeout_s
        self._local = threading.local()
        # writers of this process queue here, in order, instead of in SQLite's busy handler
        # (which polls with sleeps of up to 100 ms: the long tail at saturation); writers
        # of other processes still meet at the database lock, with the busy timeout
        self._write_lock = threading.RLock()
        self._commits = 0  # write transactions this process committed
        self._synced = 0  # of which known to be on disk (see sync)
        self._sync_lock = threading.Lock()
        self._wal_inode: int | None = None
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
                with self._write_lock:
                    with self._tx() as conn:
                        result = fn(conn)
                    self._commits += 1
                    return result
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or attempt == attempts - 1:
                    raise
                time.sleep(0.01 * (2**attempt) * (0.5 + random.random()))
        raise AssertionError("unreachable")

    @property
    def commits(self) -> int:
        """Write transactions this process has committed so far (for :meth:`sync`)."""
        return self._commits

    @property
    def synced(self) -> int:
        """Of :attr:`commits`, how many are known to be on disk."""
        return self._synced

    def sync(self, upto: int | None = None) -> None:
        """Make every transaction this process has committed durable: one flush of the WAL to
        disk, shared by every caller whose commit came before it started (group commit).

        Transactions commit with ``synchronous = NORMAL``: in WAL mode the database stays
        consistent and a committed transaction survives a crash of the server process (the
        WAL is in the operating system's hands), but the newest ones could roll back after a
        power loss or an OS crash. What the workbench acknowledges to a reviewer (a decision,
        a verdict) waits here first, so it survives those too, while reviewers deciding at
        the same moment share one flush instead of paying one each (``FULL``). ``upto``: only
        the first ``upto`` commits need to be on disk (:attr:`commits` read after one's own)."""
        target = self._commits if upto is None else upto
        if self._synced >= target or str(self.path) == ":memory:":
            return
        with self._sync_lock:
            if self._synced >= target:
                return  # a flush that began after our commit covered it
            upto = self._commits  # everything committed before this flush begins
            try:
                fd = os.open(f"{self.path}-wal", os.O_RDONLY)
            except FileNotFoundError:
                pass  # checkpointed into the database file and the WAL removed: synced then
            else:
                try:
                    _flush(fd)  # the WAL's data and size (what SQLite's FULL syncs)
                    inode = os.fstat(fd).st_ino
                finally:
                    os.close(fd)
                if inode != self._wal_inode:  # a new WAL file: its directory entry too
                    _fsync_dir(self.path.parent)
                    self._wal_inode = inode
            self._synced = max(self._synced, upto)

    def read(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        for attempt in range(8):
            try:
                return self._connect().execute(sql, params).fetchall()
            except OverflowError:
                return []  # an id past SQLite's 64 bits matches no row (a 404, not a 500)
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
