"""What keeps a decision cheap: the review state is read incrementally, passage keys are hashed
once per result, and the load benchmark reports the figures the goal is stated in."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from beleidslens.web import review as review_module
from beleidslens.web import review_store
from beleidslens.web.app import create_app
from beleidslens.web.db import Database
from beleidslens.web.routes import review as review_routes
from beleidslens.web.store import Decision, Store, Verdict
from test_store import _analysis
from test_web import analyse, cards, make_client, new_client, post, upload
from test_web_support import fake_analyze

REPO = Path(__file__).resolve().parents[2]


def _decision(key: str, status: str = "accepted") -> Decision:
    return Decision(
        key=key,
        theme_id="t",
        status=status,
        target_theme=None,
        start=0,
        end=5,
        text="Eerst",
        origin="engine",
        passage={"id": key, "text": "Eerst"},
    )


class _CountingLoads:
    def __init__(self) -> None:
        self.calls = 0
        self._loads = json.loads

    def __call__(self, text: str) -> Any:
        self.calls += 1
        return self._loads(text)


def test_decisions_are_read_incrementally_not_all_rows_per_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path / "s.sqlite3")
    aid = _analysis(store)
    for n in range(60):
        store.save_decision(aid, _decision(f"k{n:02d}"))
    assert len(store.decisions(aid)) == 60
    counter = _CountingLoads()
    monkeypatch.setattr(review_store.json, "loads", counter)
    store.save_decision(aid, _decision("k07", "rejected"))
    current = store.decisions(aid)
    assert current["k07"].status == "rejected" and current["k07"].version == 2
    assert len(current) == 60
    assert counter.calls == 0  # this store's own write brought the cached state along
    other = Store(tmp_path / "s.sqlite3")  # another process, say
    other.save_decision(aid, _decision("k08", "rejected"))
    current = store.decisions(aid)
    assert current["k08"].status == "rejected" and len(current) == 60
    assert counter.calls == 1  # only the passage decided since; all 61 rows before
    store.decisions(aid)
    assert counter.calls == 1  # nothing changed: nothing read


def test_the_cached_review_state_sees_writes_of_another_store(tmp_path: Path) -> None:
    """Two processes (here: two Store objects) on one file: neither serves a stale state."""
    a = Store(tmp_path / "s.sqlite3")
    b = Store(tmp_path / "s.sqlite3")
    aid = _analysis(a)
    a.save_decision(aid, _decision("k1"))
    assert a.decisions(aid)["k1"].status == "accepted"
    assert a.verdicts(aid) == {}
    b.save_decision(aid, _decision("k1", "rejected"))
    b.save_decision(aid, _decision("k2"))
    b.save_verdict(aid, Verdict("t", "a1", "uncertain", "twijfel"))
    assert a.decisions(aid)["k1"].status == "rejected"
    assert set(a.decisions(aid)) == {"k1", "k2"}
    assert a.verdicts(aid)[("t", "a1")].note == "twijfel"
    b.save_verdict(aid, Verdict("t", "a1", "addressed", None))
    assert a.verdicts(aid)[("t", "a1")].status == "addressed"
    assert "0004_history_latest" in a.migrations()


def test_a_decision_does_not_rehash_the_passages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = make_client(tmp_path)
    aid = analyse(client, upload(client))
    keys = cards(client.get(f"/analyses/{aid}?theme=economie").text)
    url = f"/analyses/{aid}/decide"
    post(client, url, data={"key": keys[0], "theme": "economie", "action": "accept"})
    calls = [0]
    real = review_module.passage_key

    def counting(*args: Any) -> str:
        calls[0] += 1
        return real(*args)

    monkeypatch.setattr(review_module, "passage_key", counting)
    for key in keys:
        r = post(client, url, data={"key": key, "theme": "economie", "action": "reject"})
        assert r.status_code == 200
    assert calls[0] == 0  # hashed once per parsed result, not per request (was ~2 x all)


def test_responses_carry_the_app_time(client: TestClient) -> None:
    r = client.get("/")
    assert r.headers["server-timing"].startswith("app;dur=")
    assert r.headers["x-frame-options"] == "DENY"


def test_decision_form_errors_are_a_422_page(client: TestClient, tmp_path: Path) -> None:
    aid = analyse(client, upload(client))
    url = f"/analyses/{aid}/decide"
    key = cards(client.get(f"/analyses/{aid}?theme=economie").text)[0]
    r = post(client, url, data={"key": key, "theme": "economie", "action": "explode"})
    assert r.status_code == 422 and "action" in r.text and "Traceback" not in r.text
    r = post(client, url, data={"key": key, "theme": "economie", "action": "accept",
                                "seen_version": "-1"})  # fmt: skip
    assert r.status_code == 422 and "seen_version" in r.text
    r = post(client, url, data={"key": key, "theme": "economie", "action": "accept",
                                "seen_version": "", "start": ""})  # fmt: skip
    assert r.status_code == 200  # empty optional numbers are absent


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path)


def test_load_benchmark_writes_its_figures(tmp_path: Path) -> None:
    out = tmp_path / "load.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "bench_web_load.py"),
            *("--reviewers", "3", "--human", "3", "--saturation", "12"),
            *("--pause", "0.01,0.02", "--json", str(out)),
            *("--document", str(REPO / "examples" / "voorbeeldakkoord.txt")),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    figures = json.loads(out.read_text())
    for key in ("p50_ms", "p95_ms", "throughput", "lost"):
        assert figures[key] is not None, key
    assert figures["lost"] == 0
    assert figures["human"]["decisions"] == 3 and figures["saturation"]["decisions"] == 12
    assert figures["saturation"]["server_cpu_ms_per_decision"] > 0
    assert "NO DECISION LOST" in proc.stdout


def test_the_cached_state_after_a_write_is_the_stored_row(tmp_path: Path) -> None:
    """The write brings the cache along instead of reading back: what it caches must be
    exactly what a fresh read finds (an update keeps the first decision's theme, origin and
    passage snapshot)."""
    store = Store(tmp_path / "s.sqlite3")
    aid = _analysis(store)
    store.decisions(aid)  # cached (empty)
    store.save_decision(aid, _decision("k1"))
    later = _decision("k1", "rejected")
    later.theme_id, later.origin, later.passage = "u", "human", {"id": "other"}
    saved = store.save_decision(aid, later, seen_version=0)
    assert saved.clash is not None and saved.clash["status"] == "accepted"
    store.save_verdict(aid, Verdict("t", "a1", "uncertain", "twijfel"), seen_version=0)
    fresh = Store(tmp_path / "s.sqlite3")
    assert store.decisions(aid) == fresh.decisions(aid)
    assert store.decisions(aid)["k1"].theme_id == "t"  # the first decision's
    assert store.decisions(aid)["k1"].clash is None
    assert store.verdicts(aid) == fresh.verdicts(aid)
    assert store.review(aid).stamp == fresh.review(aid).stamp > 0


class _StoreTrace:
    """Counts the SQL statements the store runs and the rows its reads return."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.statements = 0
        self.rows = 0
        connect, read = Database._connect, Database.read

        def traced_connect(db: Database) -> sqlite3.Connection:
            conn = connect(db)
            conn.set_trace_callback(self._statement)
            return conn

        def counted_read(db: Database, sql: str, params: tuple[Any, ...] = ()) -> Any:
            rows = read(db, sql, params)
            self.rows += len(rows)
            return rows

        monkeypatch.setattr(Database, "_connect", traced_connect)
        monkeypatch.setattr(Database, "read", counted_read)

    def _statement(self, _sql: str) -> None:
        self.statements += 1

    def cost(self, fn: Any) -> tuple[int, int]:
        s0, r0 = self.statements, self.rows
        fn()
        return self.statements - s0, self.rows - r0


def test_a_decision_costs_the_same_store_work_however_many_are_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Structural, not timed: the statements a decision runs and the rows it reads stay the
    same as decisions accumulate (they grew with every decision stored before)."""
    client = make_client(tmp_path)
    aid = analyse(client, upload(client))
    keys = cards(client.get(f"/analyses/{aid}?theme=economie").text)
    url = f"/analyses/{aid}/decide"
    trace = _StoreTrace(monkeypatch)
    versions: dict[str, int] = {}

    def decide(n: int) -> None:
        key = keys[n % len(keys)]
        form = {"key": key, "theme": "economie", "action": ("accept", "reject")[n % 2],
                "seen_version": str(versions.get(key, 0))}  # fmt: skip
        r = post(client, url, data=form)
        assert r.status_code == 200 and 'class="clash"' not in r.text
        versions[key] = versions.get(key, 0) + 1

    decide(0)  # warm: parsed result, review state
    first = [trace.cost(lambda n=n: decide(n)) for n in range(1, 4)]
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    for n in range(300):  # decisions of other passages, written by this server and another
        writer = store if n % 2 else Store(tmp_path / "wb.sqlite3")
        writer.save_decision(aid, _decision(f"elders{n:04d}"))
    decide(4)  # the state catches up once with what another process wrote
    later = [trace.cost(lambda n=n: decide(n)) for n in range(5, 8)]
    assert len(store.decisions(aid)) > 300
    assert later == first, (first, later)  # (statements, rows read) per decision
    assert first[0][0] <= 12  # BEGIN, the checks, the writes, COMMIT, the freshness look-ups
    assert first[0][1] <= 6


def test_a_warm_decision_stays_on_the_event_loop_a_cold_one_parses_in_a_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = make_client(tmp_path)
    aid = analyse(client, upload(client))
    keys = cards(client.get(f"/analyses/{aid}?theme=economie").text)
    url = f"/analyses/{aid}/decide"
    handed_off: list[str] = []
    real = review_routes.run_in_threadpool

    async def counting(fn: Any, *args: Any) -> Any:
        handed_off.append(fn.__name__)
        return await real(fn, *args)

    monkeypatch.setattr(review_routes, "run_in_threadpool", counting)
    for key in keys:  # the review page parsed and cached everything
        assert (
            post(
                client, url, data={"key": key, "theme": "economie", "action": "accept"}
            ).status_code
            == 200
        )
    assert handed_off == []
    cold = new_client(create_app(tmp_path / "wb.sqlite3", analyze=fake_analyze))
    r = post(cold, url, data={"key": keys[0], "theme": "economie", "action": "reject"})
    assert r.status_code == 200 and "state-rejected" in r.text
    assert handed_off == ["_decide"]  # nothing parsed on the event loop
    r = post(cold, url, data={"key": keys[0], "theme": "economie", "action": "accept"})
    assert r.status_code == 200 and handed_off == ["_decide"]
