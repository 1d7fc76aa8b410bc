"""The review half of the store: passage decisions and aspect verdicts, with their history.

Every change is one transaction: an upsert of the current state (with a version counter)
plus a row in ``history``, so two tabs editing the same analysis lose nothing (the last
writer sets the current state; both writes stay in the history).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from .db import Database
from .records import Decision, Verdict, now

REVIEW_CACHE_SIZE = 16  # analyses whose review state is kept in memory


_Maps = tuple[dict[str, Decision], dict[tuple[str, str], Verdict]]


@dataclass(frozen=True)
class ReviewState:
    """The review of one analysis as of history row ``stamp`` (shared: do not change it)."""

    stamp: int  # id of the newest history row the state includes (0: none)
    decisions: dict[str, Decision]
    verdicts: dict[tuple[str, str], Verdict]


class ReviewStore(Database):
    """Decisions, verdicts and history of the analyses' reviews."""

    def __init__(self, path: str | Path, *, busy_timeout_s: float = 10.0):
        self._review_cache: dict[int, ReviewState] = {}
        self._review_lock = threading.Lock()
        super().__init__(path, busy_timeout_s=busy_timeout_s)

    def save_decision(
        self,
        analysis_id: int,
        decision: Decision,
        *,
        position_theme: str | None = None,
        seen_version: int | None = None,
        sync: bool = True,
    ) -> Decision:
        """Upsert a passage decision and append it to the history, in one transaction.

        ``position_theme`` is the theme the reviewer is looking at (resumed after a reload).
        ``seen_version`` is the version the reviewer's page showed (0: no decision yet). When
        the stored version is newer, another window decided in the meantime: the decision is
        still recorded (nothing is lost; the history keeps both) and ``decision.clash`` holds
        the state it replaced, so the page can tell the reviewer. It returns once the
        decision is on disk (:meth:`sync`); with ``sync=False`` the caller calls
        :meth:`sync` before it tells anyone the decision was saved.
        """

        def up(conn: sqlite3.Connection) -> tuple[Decision, int, int]:
            ts = now()
            decision.clash = None
            before = self._stamp(conn, analysis_id)
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
            cur = conn.execute(
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
            return decision, before, int(cur.lastrowid or 0)

        saved, before, after = self.write(up)

        def change(state: ReviewState) -> _Maps:
            # the row as stored: an update keeps the first decision's theme, origin, snapshot
            first = state.decisions.get(saved.key, saved)
            stored = replace(
                saved, theme_id=first.theme_id, origin=first.origin, passage=first.passage,
                clash=None,
            )  # fmt: skip
            return {**state.decisions, saved.key: stored}, state.verdicts

        self._advance(analysis_id, before, after, change)
        if sync:
            self.sync()
        return saved

    def decisions(self, analysis_id: int) -> dict[str, Decision]:
        """The current decision per passage key (a shared snapshot: do not change it).

        Kept in memory per analysis and brought up to date from ``history``: one indexed
        look-up of the newest history row, and a read of only the passages decided since
        (by any process or thread), so a decision does not grow slower as decisions
        accumulate.
        """
        return self._review_state(analysis_id).decisions

    def verdicts(self, analysis_id: int) -> dict[tuple[str, str], Verdict]:
        """The current verdict per (theme, aspect) (a shared snapshot: do not change it)."""
        return self._review_state(analysis_id).verdicts

    def review(self, analysis_id: int) -> ReviewState:
        """Decisions and verdicts of an analysis, current (one indexed look-up when cached)."""
        return self._review_state(analysis_id)

    @staticmethod
    def _stamp(conn: sqlite3.Connection, analysis_id: int) -> int:
        row = conn.execute(
            "SELECT MAX(id) FROM history WHERE analysis_id = ?", (analysis_id,)
        ).fetchone()
        return int(row[0] or 0)

    def _advance(
        self,
        analysis_id: int,
        before: int,
        after: int,
        change: Callable[[ReviewState], _Maps],
    ) -> None:
        """After a write of history row ``after`` whose transaction saw ``before`` as the
        analysis's newest row: bring the cached state along when it was that state (no
        read-back); otherwise the next read catches up from the history as usual."""
        with self._review_lock:
            cached = self._review_cache.get(analysis_id)
            if cached is not None and cached.stamp == before:
                self._review_cache[analysis_id] = ReviewState(after, *change(cached))

    def _review_state(self, analysis_id: int) -> ReviewState:
        stamp_rows = self.read("SELECT MAX(id) FROM history WHERE analysis_id = ?", (analysis_id,))
        stamp = int(stamp_rows[0][0] or 0)
        with self._review_lock:
            cached = self._review_cache.get(analysis_id)
        if cached is not None and cached.stamp == stamp:
            return cached
        since = cached.stamp if cached is not None and cached.stamp < stamp else None
        if since is None:
            decisions = self._read_decisions(analysis_id, None)
            verdicts = self._read_verdicts(analysis_id, None)
        else:
            assert cached is not None
            changed = self.read(
                "SELECT DISTINCT kind, key FROM history WHERE analysis_id = ? AND id > ? "
                "AND id <= ?",
                (analysis_id, since, stamp),
            )
            passage_keys = [r["key"] for r in changed if r["kind"] == "passage"]
            verdict_keys = [r["key"] for r in changed if r["kind"] == "verdict"]
            decisions = {**cached.decisions, **self._read_decisions(analysis_id, passage_keys)}
            verdicts = {**cached.verdicts, **self._read_verdicts(analysis_id, verdict_keys)}
        state = ReviewState(stamp, decisions, verdicts)
        with self._review_lock:
            current = self._review_cache.get(analysis_id)
            if current is None or current.stamp <= stamp:
                self._review_cache[analysis_id] = state
                while len(self._review_cache) > REVIEW_CACHE_SIZE:
                    self._review_cache.pop(next(iter(self._review_cache)))
        return state

    def _read_decisions(self, analysis_id: int, keys: list[str] | None) -> dict[str, Decision]:
        sql = (
            'SELECT key, theme_id, status, target_theme, start, "end", text, origin, '
            "passage_json, version, updated FROM decisions WHERE analysis_id = ?"
        )
        params: tuple[object, ...] = (analysis_id,)
        if keys is not None:
            if not keys:
                return {}
            sql += f" AND key IN ({', '.join('?' * len(keys))})"
            params += tuple(keys)
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
            for r in self.read(sql, params)
        }

    def _read_verdicts(
        self, analysis_id: int, keys: list[str] | None
    ) -> dict[tuple[str, str], Verdict]:
        sql = (
            "SELECT theme_id, aspect_id, status, note, version, updated FROM verdicts "
            "WHERE analysis_id = ?"
        )
        params: tuple[object, ...] = (analysis_id,)
        if keys is not None:
            if not keys:
                return {}
            sql += f" AND theme_id || '/' || aspect_id IN ({', '.join('?' * len(keys))})"
            params += tuple(keys)
        return {
            (r["theme_id"], r["aspect_id"]): Verdict(
                r["theme_id"], r["aspect_id"], r["status"], r["note"], r["version"], r["updated"]
            )
            for r in self.read(sql, params)
        }

    def save_verdict(
        self, analysis_id: int, verdict: Verdict, *, seen_version: int | None = None
    ) -> Verdict:
        """Upsert an aspect verdict and append it to the history, in one transaction.

        ``seen_version`` as for :meth:`save_decision`: when another window set the verdict
        since the page was shown, it is still recorded and ``verdict.clash`` holds what it
        replaced.
        """

        def up(conn: sqlite3.Connection) -> tuple[Verdict, int, int]:
            ts = now()
            verdict.clash = None
            before = self._stamp(conn, analysis_id)
            if seen_version is not None:
                current = conn.execute(
                    "SELECT version, status, note, updated FROM verdicts WHERE analysis_id = ? "
                    "AND theme_id = ? AND aspect_id = ?",
                    (analysis_id, verdict.theme_id, verdict.aspect_id),
                ).fetchone()
                if current is not None and int(current["version"]) > seen_version:
                    verdict.clash = {
                        "version": int(current["version"]),
                        "seen_version": seen_version,
                        "status": current["status"],
                        "note": current["note"],
                        "updated": current["updated"],
                    }
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
            cur = conn.execute(
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
            return verdict, before, int(cur.lastrowid or 0)

        saved, before, after = self.write(up)
        stored = replace(saved, clash=None)
        where = (stored.theme_id, stored.aspect_id)
        self._advance(
            analysis_id,
            before,
            after,
            lambda state: (state.decisions, {**state.verdicts, where: stored}),
        )
        self.sync()  # on disk before it is acknowledged
        return saved

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
