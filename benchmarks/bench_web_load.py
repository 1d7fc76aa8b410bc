"""Load benchmark of the review workbench: concurrent reviewers on loopback.

Starts ``beleidslens serve`` as a subprocess on 127.0.0.1 (a free ephemeral port) with a
temporary database, prepares an analysis through the web flow (upload the sample agreement,
built-in *kwetsbaarheden* framework, real analysis pipeline), then lets N reviewers (threads,
each with its own session and CSRF token) make M decisions in all. Afterwards it reads the
database and checks that no decision was lost: one history row per decision, and every
passage's current state equals its newest history row. Prints p50/p95 latency and throughput.

Each reviewer sends the version of the passage it last saw (``seen_version``, like the page's
card), so decisions on passages another reviewer changed meanwhile take the stale-page path:
they are still recorded and answered with the clash notice, which the benchmark counts.

    .venv/bin/python benchmarks/bench_web_load.py [--reviewers 20] [--decisions 1000]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "voorbeeldakkoord.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(base: str, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            httpx.get(base + "/", timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def session(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30)
    client.get("/")
    client.headers["X-CSRF-Token"] = client.cookies["bl_csrf"]
    return client


def prepare(base: str) -> tuple[int, list[tuple[str, str]]]:
    c = session(base)
    r = c.post("/documents", files={"file": (SAMPLE.name, SAMPLE.read_bytes(), "text/plain")})
    doc = int(r.headers["location"].rsplit("/", 1)[1])
    r = c.post(f"/documents/{doc}/analyses", data={"builtin": "kwetsbaarheden"})
    aid = int(r.headers["location"].rsplit("/", 1)[1])
    deadline = time.monotonic() + 120
    while "HX-Refresh" not in c.get(f"/analyses/{aid}/progress").headers:
        if time.monotonic() > deadline:
            raise SystemExit("analysis did not finish")
        time.sleep(0.2)
    html = c.get(f"/analyses/{aid}").text
    themes = re.findall(rf'href="/analyses/{aid}\?theme=([a-z0-9_]+)"', html)
    pairs: list[tuple[str, str]] = []
    for theme in dict.fromkeys(themes):
        page = c.get(f"/analyses/{aid}", params={"theme": theme}).text
        keys = re.findall(r'<article class="passage[^"]*" id="c-([0-9a-f]{16})"', page)
        pairs.extend((theme, k) for k in keys)
    c.close()
    if not pairs:
        raise SystemExit("the analysis produced no passages to review")
    return aid, pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reviewers", type=int, default=20)
    ap.add_argument("--decisions", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="beleidslens-bench-"))
    db = tmp / "workbench.sqlite3"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-c", "from beleidslens.cli import main; main()"]
    proc = subprocess.Popen(
        [*cmd, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_up(base, proc)
        aid, pairs = prepare(base)
        per = [args.decisions // args.reviewers] * args.reviewers
        for i in range(args.decisions % args.reviewers):
            per[i] += 1
        latencies: list[float] = []
        failures: list[str] = []
        clashes = [0]
        lock = threading.Lock()
        barrier = threading.Barrier(args.reviewers)

        def reviewer(n: int, count: int) -> None:
            rng = random.Random(args.seed + n)
            client = session(base)
            seen: dict[str, int] = {}  # version of each passage as this reviewer last saw it
            barrier.wait()
            for _ in range(count):
                theme, key = rng.choice(pairs)
                action = rng.choice(("accept", "reject"))
                form = {"key": key, "theme": theme, "action": action}
                form["seen_version"] = str(seen.get(key, 0))
                t0 = time.perf_counter()
                r = client.post(f"/analyses/{aid}/decide", data=form)
                dt = time.perf_counter() - t0
                m = re.search(rf'id="c-{key}" data-key="{key}" data-version="(\d+)"', r.text)
                if m:
                    seen[key] = int(m.group(1))
                with lock:
                    latencies.append(dt)
                    clashes[0] += 'class="clash"' in r.text
                    if r.status_code != 200:
                        failures.append(f"{r.status_code} {r.text[:120]}")
            client.close()

        threads = [
            threading.Thread(target=reviewer, args=(n, per[n])) for n in range(args.reviewers)
        ]
        t_start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t_start
    finally:
        proc.terminate()
        proc.wait(10)

    conn = sqlite3.connect(db)
    history = conn.execute(
        "SELECT COUNT(*) FROM history WHERE analysis_id = ? AND kind = 'passage'", (aid,)
    ).fetchone()[0]
    mismatched = 0
    rows = conn.execute(
        "SELECT key, status, version FROM decisions WHERE analysis_id = ?", (aid,)
    ).fetchall()
    for key, status, version in rows:
        hist = conn.execute(
            "SELECT version, payload FROM history WHERE analysis_id = ? AND kind = 'passage' "
            "AND key = ? ORDER BY id",
            (aid, key),
        ).fetchall()
        newest = json.loads(hist[-1][1])["status"] if hist else None
        if (
            len(hist) != version
            or newest != status
            or [h[0] for h in hist] != list(range(1, version + 1))
        ):
            mismatched += 1
    total_versions = sum(r[2] for r in rows)
    ms = sorted(x * 1000 for x in latencies)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(f"reviewers: {args.reviewers}  decisions sent: {len(latencies)}  passages: {len(pairs)}")
    print(f"HTTP failures: {len(failures)}" + (f" (first: {failures[0]})" if failures else ""))
    print(f"stale-page decisions (recorded, answered with the clash notice): {clashes[0]}")
    print(
        f"stored: {history} history rows, {len(rows)} passages, sum of versions "
        f"{total_versions}, state≠newest history: {mismatched}"
    )
    print(
        f"latency p50 {statistics.median(ms):.1f} ms  p95 {p95:.1f} ms  max {ms[-1]:.1f} ms;"
        f"  throughput {len(latencies) / wall:.0f} decisions/s over {wall:.2f} s"
    )
    lost = len(latencies) - len(failures) - history
    print("NO DECISION LOST" if lost == 0 and mismatched == 0 else f"LOST: {lost}")
    if lost or mismatched or failures:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
