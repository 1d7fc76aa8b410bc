"""In-process cost of one workbench decision: CPU time per ``POST /analyses/N/decide``.

Builds the workbench app on a temporary database, analyses the 2021 coalition agreement
from ``../shared/corpus`` (else the repository's sample) with the built-in *kwetsbaarheden*
framework through the web flow, then sends decisions straight to the ASGI app (no HTTP
server, no client library: what is measured is the app, middleware included) and reports the
process CPU time per decision (all threads: the route's thread pool too), in rounds, so a
decision that grows slower as decisions accumulate shows as a rising figure. This measures
CPU time, not wall-clock time, so it holds on a loaded machine; the goal is ≤ 2 ms.

Beside it, as a peer from the same run: the CPU time of the same decisions without HTTP,
ASGI or middleware (``routes.review._decide``: the state machine, the store write and its
flush, the card), so the difference is what the web stack adds.

    .venv/bin/python benchmarks/bench_web_decide.py [--decisions 2000] [--rounds 4]
        [--document FILE] [--profile FILE.prof]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from beleidslens.web.app import create_app

REPO = Path(__file__).resolve().parent.parent
AGREEMENT = REPO.parent / "shared" / "corpus" / "coalitieakkoord-2021-2025.txt"
SAMPLE = REPO / "examples" / "voorbeeldakkoord.txt"


def prepare(client: TestClient, document: Path) -> tuple[int, list[tuple[str, str]], str, str]:
    page = client.get("/").text
    m = re.search(r'<meta name="csrf-token" content="([^"]+)"', page)
    token = m.group(1) if m else ""
    headers = {"X-CSRF-Token": token}
    r = client.post(
        "/documents",
        files={"file": (document.name, document.read_bytes(), "text/plain")},
        headers=headers,
        follow_redirects=False,
    )
    doc = int(r.headers["location"].rsplit("/", 1)[1])
    r = client.post(
        f"/documents/{doc}/analyses",
        data={"builtin": "kwetsbaarheden"},
        headers=headers,
        follow_redirects=False,
    )
    aid = int(r.headers["location"].rsplit("/", 1)[1])
    deadline = time.monotonic() + 300
    while "hx-refresh" not in client.get(f"/analyses/{aid}/progress").headers:
        if time.monotonic() > deadline:
            raise SystemExit("analysis did not finish")
        time.sleep(0.2)
    html = client.get(f"/analyses/{aid}").text
    themes = dict.fromkeys(re.findall(rf'href="/analyses/{aid}\?theme=([a-z0-9_]+)"', html))
    pairs: list[tuple[str, str]] = []
    for theme in themes:
        page = client.get(f"/analyses/{aid}?theme={theme}").text
        pairs += [(theme, k) for k in re.findall(r'id="c-([0-9a-f]{16})"', page)]
    cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    return aid, pairs, token, cookie


class Asgi:
    """Requests straight into the ASGI app, one at a time, on one event loop."""

    def __init__(self, app: Any, cookie: str, token: str):
        self.app = app
        self.cookie = cookie.encode()
        self.token = token.encode()

    async def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": [
                (b"host", b"127.0.0.1:8000"),
                (b"cookie", self.cookie),
                (b"x-csrf-token", self.token),
                (b"content-type", b"application/x-www-form-urlencoded"),
                (b"content-length", str(len(body)).encode()),
            ],
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8000),
        }
        sent = False
        status = 0
        chunks: list[bytes] = []

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            await asyncio.sleep(3600)
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, send)
        return status, b"".join(chunks)


VERSION = re.compile(rb'data-version="(\d+)"')


async def run(app: Any, aid: int, pairs: list[tuple[str, str]], token: str, cookie: str,
              args: argparse.Namespace) -> tuple[list[float], float, Any]:  # fmt: skip
    """Decisions in rounds (CPU ms per decision per round), the 404 floor, the profile."""
    asgi = Asgi(app, cookie, token)
    rng = random.Random(args.seed)
    seen: dict[str, int] = {}
    url = f"/analyses/{aid}/decide"

    async def decide() -> None:
        theme, key = rng.choice(pairs)
        action = "accept" if rng.random() < 0.5 else "reject"
        body = f"key={key}&theme={theme}&action={action}&seen_version={seen.get(key, 0)}"
        status, answer = await asgi.request("POST", url, body.encode())
        if status != 200:
            raise SystemExit(f"decision failed: {status} {answer[:200]!r}")
        m = VERSION.search(answer)
        seen[key] = int(m.group(1)) if m else 0

    for _ in range(20):  # warm: parsed result, document model, templates, thread pool
        await decide()
    per_round = max(1, args.decisions // args.rounds)
    profiler = None
    if args.profile:
        import beleidslens.web.routes.review as review_routes

        async def inline(fn: Any, *a: Any) -> Any:  # profile the route's thread work too
            return fn(*a)

        review_routes.run_in_threadpool = inline  # type: ignore[assignment]
        profiler = cProfile.Profile()
    figures: list[float] = []
    for _ in range(args.rounds):
        if profiler:
            profiler.enable()
        t0 = time.process_time()
        for _ in range(per_round):
            await decide()
        figures.append((time.process_time() - t0) * 1000 / per_round)
        if profiler:
            profiler.disable()
    # peer: the same decisions without HTTP, ASGI or middleware (the route's _decide: the
    # state machine, the store write, the card; and the flush the answer waits for)
    from starlette.requests import Request

    from beleidslens.web.routes.review import DecisionForm, _decide

    wb = app.state.workbench
    scope = {"type": "http", "method": "POST", "path": url, "headers": [], "query_string": b"",
             "state": {"csrf": token}, "app": app}  # fmt: skip
    request = Request(scope)
    t0 = time.process_time()
    for _ in range(per_round):
        theme, key = rng.choice(pairs)
        action = "accept" if rng.random() < 0.5 else "reject"
        form = DecisionForm(key=key, theme=theme, action=action, seen_version=seen.get(key, 0))
        _decide(wb, request, aid, form, cached_only=True)
        wb.store.sync()
        seen[key] = wb.store.decisions(aid)[key].version
    bare = (time.process_time() - t0) * 1000 / per_round
    return figures, bare, profiler


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--decisions", type=int, default=2000, help="decisions in all")
    ap.add_argument("--rounds", type=int, default=4, help="report CPU per decision per round")
    ap.add_argument("--document", type=Path, default=None)
    ap.add_argument(
        "--profile", type=Path, default=None,
        help="write cProfile stats to FILE (the route's thread work runs inline then)",
    )  # fmt: skip
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    document = args.document or (AGREEMENT if AGREEMENT.exists() else SAMPLE)
    tmp = Path(tempfile.mkdtemp(prefix="beleidslens-decide-"))
    app = create_app(tmp / "wb.sqlite3")
    with TestClient(app, base_url="http://127.0.0.1") as client:
        aid, pairs, token, cookie = prepare(client, document)
    figures, bare, profiler = asyncio.run(run(app, aid, pairs, token, cookie, args))
    decided = len(app.state.store.decisions(aid))
    if profiler and args.profile:
        profiler.dump_stats(str(args.profile))
    print(f"document: {document.name}  passages: {len(pairs)}  decided: {decided}")
    print(f"machine: {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f} (1 min)")
    print("CPU per decision by round (ms): " + "  ".join(f"{f:.3f}" for f in figures))
    print(f"CPU per decision, median of rounds: {statistics.median(figures):.3f} ms (goal ≤ 2)")
    print(f"peer: the same decisions without HTTP (routes.review._decide): {bare:.3f} ms")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
