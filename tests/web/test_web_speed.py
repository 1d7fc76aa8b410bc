"""What keeps a decision cheap: the review state is read incrementally, passage keys are hashed
once per result, and the load benchmark reports the figures the goal is stated in."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from beleidslens.web import review as review_module
from beleidslens.web import review_store
from beleidslens.web.store import Decision, Store, Verdict
from test_store import _analysis
from test_web import analyse, cards, make_client, post, upload

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
