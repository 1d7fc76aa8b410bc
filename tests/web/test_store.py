"""The workbench store: migrations, decisions with versions and history, crash recovery."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from beleidslens.web.store import (
    MIGRATIONS,
    Decision,
    Store,
    StoreError,
    Verdict,
    default_db_path,
    passage_key,
)


def _analysis(store: Store) -> int:
    doc = store.add_document(name="a.txt", text="Eerste zin. Tweede zin.")
    fw = store.add_framework(key="proef", name="Proef", yaml_text="x: 1", origin="upload")
    return store.add_analysis(doc, fw)


def _decision(key: str, status: str = "accepted") -> Decision:
    return Decision(
        key=key,
        theme_id="t",
        status=status,
        target_theme=None,
        start=0,
        end=11,
        text="Eerste zin.",
        origin="engine",
        passage={},
    )


def test_migrations_are_recorded_once_and_wal_is_on(tmp_path: Path) -> None:
    db = tmp_path / "wb.sqlite3"
    store = Store(db)
    assert store.migrations() == [name for name, _ in MIGRATIONS]
    assert Store(db).migrate() == []  # nothing left to apply
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    cols = {r[1] for r in conn.execute("PRAGMA table_info(analyses)")}
    assert {"position_theme", "position_key"} <= cols


def test_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "wb.sqlite3"
    Store(db)
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO _migrations VALUES ('9999_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer beleidslens"):
        Store(db)


def test_not_a_database_is_a_domain_error(tmp_path: Path) -> None:
    db = tmp_path / "wb.sqlite3"
    db.write_bytes(b"dit is geen database" * 100)
    with pytest.raises(StoreError):
        Store(db)


def test_decision_upsert_versions_and_history(tmp_path: Path) -> None:
    store = Store(tmp_path / "wb.sqlite3")
    aid = _analysis(store)
    assert store.save_decision(aid, _decision("k1")).version == 1
    assert store.save_decision(aid, _decision("k1", "rejected")).version == 2
    current = store.decisions(aid)
    assert current["k1"].status == "rejected" and current["k1"].version == 2
    assert [r["version"] for r in store.history(aid, "passage")] == [1, 2]
    store.save_verdict(aid, Verdict("t", "a", "addressed", "klopt"))
    v = store.save_verdict(aid, Verdict("t", "a", "uncertain", None))
    assert v.version == 2 and store.verdicts(aid)[("t", "a")].note is None
    assert len(store.history(aid, "verdict")) == 2


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "wb.sqlite3"
    aid = _analysis(Store(db))
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        store = Store(db)  # own connection, like a second server process
        try:
            for i in range(40):
                store.save_decision(aid, _decision(f"own-{n}-{i}"))
                store.save_decision(aid, _decision("shared", "accepted" if i % 2 else "rejected"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    store = Store(db)
    decisions = store.decisions(aid)
    assert len(decisions) == 6 * 40 + 1
    assert decisions["shared"].version == 6 * 40
    assert len(store.history(aid, "passage")) == 2 * 6 * 40


def test_recover_marks_stale_runs_failed_and_keeps_results(tmp_path: Path) -> None:
    db = tmp_path / "wb.sqlite3"
    store = Store(db)
    aid = _analysis(store)
    done = store.start_run(aid)
    store.finish_run(done, '{"ok": true}')
    stale = store.start_run(aid)
    assert Store(db).recover() == 1
    run = store.run(stale)
    assert run.status == "failed" and "interrupted" in (run.error or "")
    assert store.latest_result_id(aid) == done
    assert store.result_json(done) == '{"ok": true}'


def test_passage_key_depends_on_theme_offsets_and_text() -> None:
    k = passage_key("t", 0, 5, "Hallo")
    assert k == passage_key("t", 0, 5, "Hallo")
    assert len({k, passage_key("u", 0, 5, "Hallo"), passage_key("t", 1, 5, "Hallo")}) == 3
    assert passage_key("t", 0, 5, "hallo") != k


def test_default_db_path_honours_beleidslens_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BELEIDSLENS_HOME", str(tmp_path))
    assert default_db_path() == tmp_path / "workbench.sqlite3"
