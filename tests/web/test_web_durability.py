"""An acknowledged decision is on disk: it survives a killed server, and the answer leaves only
after the WAL was flushed (one flush shared by the decisions committed meanwhile)."""

from __future__ import annotations

import importlib.util
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import ModuleType

import pytest

from beleidslens.web import db as db_module
from beleidslens.web.store import Store
from test_store import _analysis, _decision
from test_web import analyse, cards, make_client, post, upload

REPO = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    """The load benchmark's client (its sessions count what the server acknowledged)."""
    spec = importlib.util.spec_from_file_location(
        "bench_web_load", REPO / "benchmarks" / "bench_web_load.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Flushes:
    """Counts the WAL flushes; the first one waits for ``release`` when there is one."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, release: threading.Event | None = None):
        self.calls = 0
        real = db_module._flush

        def flush(fd: int) -> None:
            self.calls += 1
            if release is not None and self.calls == 1:
                assert release.wait(30)
            real(fd)

        monkeypatch.setattr(db_module, "_flush", flush)


def test_a_decision_is_answered_only_once_it_is_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = make_client(tmp_path)
    aid = analyse(client, upload(client))
    keys = cards(client.get(f"/analyses/{aid}?theme=economie").text)
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    flushes = _Flushes(monkeypatch)
    for n, key in enumerate(keys):
        r = post(client, f"/analyses/{aid}/decide",
                 data={"key": key, "theme": "economie", "action": "accept"})  # fmt: skip
        assert r.status_code == 200
        assert "disk;dur=" in r.headers["server-timing"]
        assert store.synced == store.commits  # everything answered is flushed
        assert flushes.calls == n + 1
    r = post(client, f"/analyses/{aid}/verdicts",
             data={"theme": "economie", "aspect": "innovatie", "status": "addressed"})  # fmt: skip
    assert r.status_code == 200 and store.synced == store.commits


def test_decisions_committed_meanwhile_share_one_flush(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path / "s.sqlite3")
    aid = _analysis(store)
    base = store.commits  # the migrations and the analysis rows
    release = threading.Event()
    flushes = _Flushes(monkeypatch, release)  # a slow disk: the first flush waits
    first = threading.Thread(target=store.save_decision, args=(aid, _decision("k0")))
    first.start()
    deadline = time.monotonic() + 30
    while flushes.calls == 0 and time.monotonic() < deadline:  # the first flush is under way
        time.sleep(0.005)
    others = [
        threading.Thread(target=store.save_decision, args=(aid, _decision(f"k{n}")))
        for n in range(1, 9)
    ]
    for t in others:
        t.start()
    while store.commits < base + 9 and time.monotonic() < deadline:  # all nine committed
        time.sleep(0.005)
    release.set()
    for t in [first, *others]:
        t.join()
    assert store.synced == store.commits
    assert flushes.calls == 2  # the first, then one for the eight committed during it
    store.sync(store.commits)
    assert flushes.calls == 2  # nothing new to flush


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_acknowledged_decisions_survive_a_killed_server(tmp_path: Path) -> None:
    bench = _bench()
    db = tmp_path / "wb.sqlite3"
    port = bench.free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from beleidslens.cli import main; main()", "serve",
         "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        bench.wait_up(port, proc)
        aid, pairs = bench.prepare(port, REPO / "examples" / "voorbeeldakkoord.txt")
        session = bench.Session(port)
        acknowledged = 0
        for theme, key in pairs[:20]:
            status, _h, _t = session.post_form(
                f"/analyses/{aid}/decide", {"key": key, "theme": theme, "action": "reject"}
            )
            acknowledged += status == 200
        os.kill(proc.pid, signal.SIGKILL)  # no shutdown, no checkpoint
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert acknowledged == min(20, len(pairs)) > 0
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT COUNT(*) FROM history WHERE analysis_id = ? AND kind = 'passage'", (aid,)
    ).fetchone()[0]
    conn.close()
    assert rows == acknowledged
