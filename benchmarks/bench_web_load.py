"""Load benchmark of the review workbench: 20 reviewers at human pace and at saturation.

Starts ``beleidslens serve`` as a subprocess on 127.0.0.1 (a free ephemeral port) with a
temporary database, prepares an analysis through the web flow (upload the 2021 coalition
agreement from ``../shared/corpus`` when it is there, else the repository's sample; built-in
*kwetsbaarheden* framework; the real analysis pipeline), then runs two phases:

* **human pace**: N reviewers (threads, each its own session, CSRF token and keep-alive
  connection) each make a decision, then think for 1–3 s (uniform), like a person reading a
  passage; the latency a reviewer sees is the figure that matters (goal: p95 ≤ 50 ms);
* **saturation**: the same reviewers without pauses, so the server is the bottleneck
  (goal: ≥ 300 decisions/s).

Each reviewer sends the version of the passage it last saw (``seen_version``, like the
page's card), so decisions on passages another reviewer changed meanwhile take the
stale-page path: still recorded, answered with the clash notice (counted). Afterwards the
database is checked: one history row per decision sent, every passage's state equal to its
newest history row; anything else counts as lost.

Server time per decision is reported two ways: the median of the app's own
``Server-Timing: app;dur=…`` header (time inside the app, at human pace: no queueing; with
``disk;dur=…``, the part spent waiting for the disk to hold the decision), and
the server process's CPU seconds during the saturation phase divided by its decisions
(everything: HTTP parsing, routing, the decision, SQLite, rendering). The client runs on the
same machine, so at saturation it competes with the server for the cores; the load average
before and after is printed.

    .venv/bin/python benchmarks/bench_web_load.py [--reviewers 20] [--human 300]
        [--saturation 2000] [--document FILE] [--json FILE]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
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
from typing import Any
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
AGREEMENT = REPO.parent / "shared" / "corpus" / "coalitieakkoord-2021-2025.txt"
SAMPLE = REPO / "examples" / "voorbeeldakkoord.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Session:
    """One reviewer: a keep-alive connection with its own CSRF cookie (stdlib, light)."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookie = ""
        self.token = ""
        _status, headers, page = self.request("GET", "/")
        for name, value in headers:
            if name.lower() == "set-cookie" and value.startswith("bl_session="):
                self.cookie = value.split(";", 1)[0]
        m = re.search(r'<meta name="csrf-token" content="([^"]+)"', page)
        self.token = m.group(1) if m else ""

    def request(
        self, method: str, path: str, body: bytes | None = None, ctype: str | None = None
    ) -> tuple[int, list[tuple[str, str]], str]:
        headers = {"Cookie": self.cookie, "X-CSRF-Token": self.token} if self.cookie else {}
        if ctype:
            headers["Content-Type"] = ctype
        for attempt in (0, 1):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                return r.status, r.getheaders(), r.read().decode("utf-8", "replace")
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def post_form(self, path: str, form: dict[str, str]) -> tuple[int, list[tuple[str, str]], str]:
        return self.request(
            "POST", path, urlencode(form).encode(), "application/x-www-form-urlencoded"
        )

    def close(self) -> None:
        self.conn.close()


def header(headers: list[tuple[str, str]], name: str) -> str:
    return next((v for k, v in headers if k.lower() == name), "")


def wait_up(port: int, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            Session(port).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def prepare(port: int, document: Path) -> tuple[int, list[tuple[str, str]]]:
    s = Session(port)
    boundary = "beleidslensbench"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{document.name}"\r\nContent-Type: text/plain\r\n\r\n'
        ).encode()
        + document.read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    status, headers, text = s.request(
        "POST", "/documents", body, f"multipart/form-data; boundary={boundary}"
    )
    if status != 303:
        raise SystemExit(f"upload failed: {status} {text[:200]}")
    doc = int(header(headers, "location").rsplit("/", 1)[1])
    status, headers, _ = s.post_form(f"/documents/{doc}/analyses", {"builtin": "kwetsbaarheden"})
    aid = int(header(headers, "location").rsplit("/", 1)[1])
    deadline = time.monotonic() + 300
    while not header(s.request("GET", f"/analyses/{aid}/progress")[1], "hx-refresh"):
        if time.monotonic() > deadline:
            raise SystemExit("analysis did not finish")
        time.sleep(0.2)
    html = s.request("GET", f"/analyses/{aid}")[2]
    themes = re.findall(rf'href="/analyses/{aid}\?theme=([a-z0-9_]+)"', html)
    pairs: list[tuple[str, str]] = []
    for theme in dict.fromkeys(themes):
        page = s.request("GET", f"/analyses/{aid}?theme={theme}")[2]
        keys = re.findall(r'<article class="passage[^"]*" id="c-([0-9a-f]{16})"', page)
        pairs.extend((theme, k) for k in keys)
    s.close()
    if not pairs:
        raise SystemExit("the analysis produced no passages to review")
    return aid, pairs


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def phase(
    port: int,
    aid: int,
    pairs: list[tuple[str, str]],
    *,
    reviewers: int,
    decisions: int,
    pause: tuple[float, float] | None,
    seed: int,
) -> dict[str, Any]:
    """Run ``decisions`` decisions by ``reviewers`` threads; latency and counts."""
    per = [decisions // reviewers] * reviewers
    for i in range(decisions % reviewers):
        per[i] += 1
    latencies: list[float] = []
    app_ms: list[float] = []
    disk_ms: list[float] = []
    failures: list[str] = []
    clashes = [0]
    lock = threading.Lock()
    barrier = threading.Barrier(reviewers + 1)

    def reviewer(n: int, count: int) -> None:
        rng = random.Random(seed + n)
        s = Session(port)
        seen: dict[str, int] = {}  # version of each passage as this reviewer last saw it
        barrier.wait()
        if pause:
            time.sleep(rng.uniform(0, pause[1]))  # reviewers do not start in lockstep
        for _ in range(count):
            theme, key = rng.choice(pairs)
            form = {
                "key": key,
                "theme": theme,
                "action": rng.choice(("accept", "reject")),
                "seen_version": str(seen.get(key, 0)),
            }
            t0 = time.perf_counter()
            try:
                status, headers, text = s.post_form(f"/analyses/{aid}/decide", form)
            except OSError as exc:
                status, headers, text = 0, [], f"{type(exc).__name__}: {exc}"
            dt = time.perf_counter() - t0
            m = re.search(rf'id="c-{key}" data-key="{key}" data-version="(\d+)"', text)
            if m:
                seen[key] = int(m.group(1))
            timing = re.search(r"app;dur=([0-9.]+)", header(headers, "server-timing"))
            disk = re.search(r"disk;dur=([0-9.]+)", header(headers, "server-timing"))
            with lock:
                latencies.append(dt)
                if timing:
                    app_ms.append(float(timing.group(1)))
                if disk:
                    disk_ms.append(float(disk.group(1)))
                clashes[0] += 'class="clash"' in text
                if status != 200:
                    failures.append(f"{status} {text[:120]}")
            if pause:
                time.sleep(rng.uniform(*pause))
        s.close()

    threads = [threading.Thread(target=reviewer, args=(n, per[n])) for n in range(reviewers)]
    for t in threads:
        t.start()
    barrier.wait()
    t_start = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t_start
    ms = sorted(x * 1000 for x in latencies)
    return {
        "decisions": len(ms),
        "failures": len(failures),
        "first_failure": failures[0] if failures else None,
        "stale_page": clashes[0],
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))], 2),
        "max_ms": round(ms[-1], 2),
        "throughput": round(len(ms) / wall, 1),
        "wall_s": round(wall, 2),
        "app_ms_median": round(statistics.median(app_ms), 3) if app_ms else None,
        "disk_ms_median": round(statistics.median(disk_ms), 3) if disk_ms else None,
        # per decision, its app time less its disk wait (median of the differences)
        "work_ms_median": (
            round(statistics.median(a - d for a, d in zip(app_ms, disk_ms, strict=True)), 3)
            if disk_ms and len(disk_ms) == len(app_ms)
            else None
        ),
    }


def check_store(db: Path, aid: int) -> tuple[int, int]:
    """(history rows, passages whose state is not their newest history row)."""
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
        if newest != status or [h[0] for h in hist] != list(range(1, version + 1)):
            mismatched += 1
    conn.close()
    return int(history), mismatched


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--reviewers", type=int, default=20)
    ap.add_argument("--human", type=int, default=300, help="decisions at human pace (0: skip)")
    ap.add_argument("--saturation", type=int, default=2000, help="decisions at saturation")
    ap.add_argument(
        "--pause", default="1,3", help="a human reviewer's pause MIN,MAX seconds (default 1,3)"
    )
    ap.add_argument("--document", type=Path, default=None)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, default=None, help="write the figures to FILE")
    args = ap.parse_args()
    document = args.document or (AGREEMENT if AGREEMENT.exists() else SAMPLE)
    low, high = (float(x) for x in args.pause.split(","))

    tmp = Path(tempfile.mkdtemp(prefix="beleidslens-bench-"))
    db = tmp / "workbench.sqlite3"
    port = free_port()
    cmd = [sys.executable, "-c", "from beleidslens.cli import main; main()"]
    proc = subprocess.Popen(
        [*cmd, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    load_before = os.getloadavg()
    results: dict[str, Any] = {}
    try:
        wait_up(port, proc)
        aid, pairs = prepare(port, document)
        if args.human:
            results["human"] = phase(
                port, aid, pairs, reviewers=args.reviewers, decisions=args.human,
                pause=(low, high), seed=args.seed,
            )  # fmt: skip
        if args.saturation:
            cpu0 = cpu_seconds(proc.pid)
            sat = phase(
                port, aid, pairs, reviewers=args.reviewers, decisions=args.saturation,
                pause=None, seed=args.seed + 1000,
            )  # fmt: skip
            sat["server_cpu_ms_per_decision"] = round(
                (cpu_seconds(proc.pid) - cpu0) * 1000 / max(1, sat["decisions"]), 3
            )
            results["saturation"] = sat
    finally:
        proc.terminate()
        proc.wait(10)
    load_after = os.getloadavg()

    history, mismatched = check_store(db, aid)
    sent = sum(r["decisions"] for r in results.values())
    failed = sum(r["failures"] for r in results.values())
    lost = sent - failed - history + mismatched
    print(f"document: {document.name}  passages: {len(pairs)}  reviewers: {args.reviewers}")
    print(f"machine: {os.cpu_count()} CPUs; load average before {load_before[0]:.2f}, "
          f"after {load_after[0]:.2f} (1 min)")  # fmt: skip
    for name, r in results.items():
        print(
            f"{name:>10}: {r['decisions']} decisions, {r['failures']} HTTP failures, "
            f"{r['stale_page']} stale-page; p50 {r['p50_ms']:.1f} ms  p95 {r['p95_ms']:.1f} ms  "
            f"max {r['max_ms']:.1f} ms; {r['throughput']:.0f} decisions/s over {r['wall_s']} s"
        )
        if r.get("first_failure"):
            print(f"            first failure: {r['first_failure']}")
    if "human" in results and results["human"]["app_ms_median"] is not None:
        human = results["human"]
        disk = human["disk_ms_median"]
        print(f"server time per decision (in the app, at human pace): median "
              f"{human['app_ms_median']:.2f} ms"
              + (f", of which waiting for the disk {disk:.2f} ms" if disk is not None else "")
              + (f" (the rest {human['work_ms_median']:.2f} ms)"
                 if human["work_ms_median"] is not None else ""))  # fmt: skip
    if "saturation" in results:
        print(f"server CPU per decision (whole process, at saturation): "
              f"{results['saturation']['server_cpu_ms_per_decision']:.2f} ms")  # fmt: skip
    print(f"stored: {history} history rows; state≠newest history: {mismatched}")
    print("NO DECISION LOST" if lost == 0 and mismatched == 0 else f"LOST: {lost}")
    if args.json:
        human = results.get("human", {})
        sat = results.get("saturation", {})
        figures = {
            "document": document.name,
            "reviewers": args.reviewers,
            "cpus": os.cpu_count(),
            "load_before": round(load_before[0], 2),
            "load_after": round(load_after[0], 2),
            "p50_ms": human.get("p50_ms"),
            "p95_ms": human.get("p95_ms"),
            "throughput": sat.get("throughput"),
            "lost": lost,
            "server_ms_per_decision": human.get("app_ms_median"),
            **results,
        }
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if lost or mismatched or failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
