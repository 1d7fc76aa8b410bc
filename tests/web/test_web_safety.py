"""The workbench under hostile or heavy input: blocking work off the event loop, URL
fetching refused for private addresses, CSRF bound to the session, Host/Origin checks,
access tokens, 500s that leave the connection usable, ids past 64 bits, YAML bombs."""

from __future__ import annotations

import asyncio
import http.client
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from fastapi.testclient import TestClient

from beleidslens.ingest import fetch as fetch_module
from beleidslens.ingest.addresses import Resolved
from beleidslens.web.app import create_app
from beleidslens.web.jobs import JobBusyError, JobLimits, JobPool, JobTimeoutError
from beleidslens.web.runner import RunInputs, Runner
from beleidslens.web.store import Store
from test_web import analyse, make_client, new_client, post, token, upload
from test_web_support import SAMPLE_FRAMEWORK, fake_analyze, live_server

# -- a local web server: a slow dripping page, a plain page, a redirect to loopback ------------
DRIP_SECONDS = 8.0


class _Handler(BaseHTTPRequestHandler):
    drips: ClassVar[list[float]] = []

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/drip"):
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            end = time.monotonic() + DRIP_SECONDS
            try:
                while time.monotonic() < end:
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    _Handler.drips.append(time.monotonic())
                    time.sleep(0.2)
            except OSError:
                pass
            return
        if self.path.startswith("/to-loopback"):
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/page.txt")
            self.end_headers()
            return
        body = b"Een eigen proeftekst. Ondernemers in het mkb krijgen een loket.\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def local_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def browser(base: str) -> tuple[httpx.Client, str]:
    """An httpx session on a live workbench and its CSRF token."""
    client = httpx.Client(base_url=base, timeout=60)
    m = re.search(r'<meta name="csrf-token" content="([^"]+)"', client.get("/").text)
    assert m
    return client, m.group(1)


def timed_gets(base: str, until: threading.Thread, n_min: int = 5) -> list[float]:
    """Answer times of GET / while ``until`` runs (at least ``n_min`` of them)."""
    client = httpx.Client(base_url=base, timeout=30)
    times: list[float] = []
    while until.is_alive() or len(times) < n_min:
        t0 = time.perf_counter()
        assert client.get("/new").status_code == 200
        times.append(time.perf_counter() - t0)
        time.sleep(0.1)
        if len(times) > 200:
            break
    client.close()
    return times


# -- blocking work off the event loop ---------------------------------------------------------
def test_a_dripping_url_does_not_hold_up_other_requests(tmp_path: Path) -> None:
    app = create_app(
        tmp_path / "wb.sqlite3",
        analyze=fake_analyze,
        allow_private_urls=True,
        limits=JobLimits(fetch_timeout_s=3.0),
    )
    with local_site() as site, live_server(app) as base:
        client, csrf = browser(base)
        answer: dict[str, Any] = {}

        def submit() -> None:
            t0 = time.perf_counter()
            r = client.post(
                "/documents", data={"url": f"{site}/drip", "csrf_token": csrf}
            )  # fmt: skip
            answer.update(status=r.status_code, text=r.text, seconds=time.perf_counter() - t0)

        _Handler.drips.clear()
        job = threading.Thread(target=submit)
        job.start()
        while not _Handler.drips:  # the fetch is under way
            time.sleep(0.02)
        times = timed_gets(base, job)
        job.join(30)
    assert answer["status"] in (422, 504), answer
    assert "3 s" in answer["text"]  # the fetch's own overall deadline, one line
    assert answer["seconds"] < DRIP_SECONDS
    assert len(times) >= 5 and max(times) < 1.0, times  # was: frozen for the whole drip


def test_the_workbench_can_fetch_its_own_address(tmp_path: Path) -> None:
    app = create_app(tmp_path / "wb.sqlite3", analyze=fake_analyze, allow_private_urls=True)
    with live_server(app) as base:
        client, csrf = browser(base)
        t0 = time.perf_counter()
        r = client.post("/documents", data={"url": f"{base}/new", "csrf_token": csrf})
        assert time.perf_counter() - t0 < 15  # was: a deadlock (the loop waited on itself)
        assert r.status_code in (303, 200), r.text[:300]


def test_a_large_html_upload_does_not_hold_up_other_requests(tmp_path: Path) -> None:
    sentence = "De gemeente investeert in wijken, scholen en ondernemers. "
    html = "<html><body>" + "".join(
        f"<h2>Deel {i}</h2><p>{sentence * 400}</p>\n" for i in range(220)
    )
    data = html.encode()
    assert len(data) >= 5_000_000
    # the parse takes longer than the deadline here: the upload is answered at the deadline,
    # and every other request meanwhile at once
    app = create_app(
        tmp_path / "wb.sqlite3", analyze=fake_analyze, limits=JobLimits(parse_deadline_s=4.0)
    )
    with live_server(app) as base:
        client, csrf = browser(base)
        answer: dict[str, Any] = {}

        def submit() -> None:
            t0 = time.perf_counter()
            r = client.post(
                "/documents",
                files={"file": ("groot.html", data, "text/html")},
                data={"csrf_token": csrf},
            )
            answer.update(status=r.status_code, seconds=time.perf_counter() - t0)

        job = threading.Thread(target=submit)
        job.start()
        time.sleep(0.3)  # the upload is sent and being read
        times = timed_gets(base, job)
        job.join(120)
    assert answer["status"] in (303, 504), answer
    assert answer["seconds"] < 30, answer
    assert len(times) >= 5 and max(times) < 2.0, (times, answer)  # was: blocked for the parse


def test_job_pool_is_bounded_and_has_deadlines() -> None:
    async def scenario() -> None:
        pool = JobPool(workers=1, queue=0)
        gate = threading.Event()
        first = asyncio.ensure_future(pool.run(gate.wait, 10, deadline=5, what="eerste"))
        await asyncio.sleep(0.05)
        with pytest.raises(JobBusyError, match="busy"):
            await pool.run(time.sleep, 0, deadline=1, what="tweede")
        gate.set()
        assert await first is True
        with pytest.raises(JobTimeoutError, match=r"within 0.2 s"):
            await pool.run(time.sleep, 0.6, deadline=0.2, what="traag")
        await asyncio.sleep(0.6)  # the slow job ends by itself and frees its place
        assert await pool.run(lambda: 42, deadline=1, what="weer") == 42
        pool.shutdown()

    asyncio.run(scenario())


def test_an_analysis_past_its_deadline_fails_with_one_line(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    doc = store.add_document(name="a.txt", text="x")
    fw = store.add_framework(key="f", name="F", yaml_text="x: 1", origin="upload")
    aid = store.add_analysis(doc, fw)

    def slow(document: Any, framework: Any, *, progress: Any, **kw: Any) -> Any:
        for _ in range(100):
            time.sleep(0.02)
            progress("scoring", 0.5)
        raise AssertionError("not stopped")

    runner = Runner(store, lambda _a: RunInputs(None, None), slow, deadline_s=0.1)  # type: ignore[arg-type]
    run_id = runner.start(aid)
    runner.wait(run_id, 10)
    run = store.run(run_id)
    assert run.status == "failed" and "longer than 0.1 s" in (run.error or "")


# -- URL fetching: private addresses refused ----------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/page.txt",
        "http://localhost:{port}/page.txt",
        "http://2130706433:{port}/page.txt",
        "http://0.0.0.0:{port}/page.txt",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[::1]:{port}/page.txt",
    ],
)
def test_the_url_form_refuses_private_addresses(tmp_path: Path, url: str) -> None:
    client = make_client(tmp_path)
    with local_site() as site:
        port = site.rsplit(":", 1)[1]
        t0 = time.perf_counter()
        r = post(client, "/documents", data={"url": url.format(port=port)})
    assert r.status_code == 422, r.text[:300]
    assert "geweigerd" in r.text and time.perf_counter() - t0 < 5  # in Dutch


def test_a_redirect_to_loopback_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first address passes the check (a stand-in public name); the redirect does not."""
    real = fetch_module.resolve_public

    def resolve(host: str, port: int, source: str) -> Resolved:
        if host == "docs.example":
            import ipaddress

            return Resolved(host, ipaddress.ip_address("127.0.0.1"))
        return real(host, port, source)

    monkeypatch.setattr(fetch_module, "resolve_public", resolve)
    client = make_client(tmp_path, limits=JobLimits(isolate=False))  # the patch applies here
    with local_site() as site:
        port = site.rsplit(":", 1)[1]
        r = post(client, "/documents", data={"url": f"http://docs.example:{port}/page.txt"})
        assert r.status_code == 303, r.text[:300]  # the stand-in public address is fetched
        r = post(client, "/documents", data={"url": f"http://docs.example:{port}/to-loopback"})
    assert r.status_code == 422 and "loopback" in r.text


def test_private_urls_allowed_when_started_so(tmp_path: Path) -> None:
    client = make_client(tmp_path, allow_private_urls=True)
    with local_site() as site:
        r = post(client, "/documents", data={"url": f"{site}/page.txt"})
    assert r.status_code == 303, r.text[:300]


# -- CSRF, Host, Origin, access token -----------------------------------------------------------
def test_the_csrf_token_is_bound_to_the_session(tmp_path: Path) -> None:
    a = make_client(tmp_path)
    b = new_client(a.app)
    assert token(a) != token(b)
    files = {"file": ("a.txt", b"Een zin over ondernemers.", "text/plain")}
    r = b.post("/documents", files=files, headers={"X-CSRF-Token": token(a)})
    assert r.status_code == 403  # another session's token
    assert "HttpOnly" in a.get("/", headers={"Cookie": ""}).headers["set-cookie"]
    # a planted cookie and the same value as token (the old double-submit) is refused
    forged = "x" * 43
    c = TestClient(a.app, base_url="http://127.0.0.1", cookies={"bl_session": forged})
    r = c.post("/documents", files=files, headers={"X-CSRF-Token": forged})
    assert r.status_code == 403
    r = b.post(
        "/documents", files=files, headers={"X-CSRF-Token": token(b)}, follow_redirects=False
    )
    assert r.status_code == 303


def test_host_and_origin_are_checked(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    r = client.get("/", headers={"Host": "evil.example"})
    assert r.status_code == 400 and "Traceback" not in r.text
    assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200
    files = {"file": ("a.txt", b"Een zin over ondernemers.", "text/plain")}
    r = post(client, "/documents", files=files, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    r = post(client, "/documents", files=files, headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    r = post(client, "/documents", files=files, headers={"Origin": "http://127.0.0.1"})
    assert r.status_code == 303
    # any host when the workbench is served on every interface (it then needs a token)
    other = make_client(tmp_path / "b", allowed_hosts=None)
    assert other.get("/", headers={"Host": "werkbank.intranet"}).status_code == 200


def test_an_access_token_is_required_when_set(tmp_path: Path) -> None:
    app = create_app(tmp_path / "wb.sqlite3", analyze=fake_analyze, auth_token="geheim-123")
    client = TestClient(app, base_url="http://127.0.0.1")
    r = client.get("/")
    assert r.status_code == 401 and 'name="token"' in r.text
    assert client.get("/?token=fout").status_code == 401
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/?token=geheim-123").status_code == 200  # sets the access cookie
    assert client.get("/new").status_code == 200
    bare = TestClient(app, base_url="http://127.0.0.1")
    assert bare.get("/new", headers={"Authorization": "Bearer geheim-123"}).status_code == 200
    fresh = TestClient(app, base_url="http://127.0.0.1")
    assert fresh.get("/new", headers={"Authorization": "Bearer nee"}).status_code == 401


# -- errors -------------------------------------------------------------------------------------
def test_a_500_leaves_the_connection_usable(tmp_path: Path) -> None:
    app = create_app(tmp_path / "wb.sqlite3", analyze=fake_analyze)
    wb = app.state.workbench

    def broken() -> Any:
        raise RuntimeError("kapot")

    wb.store.analyses = broken
    with live_server(app) as base:
        port = int(base.rsplit(":", 1)[1])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/")
        r = conn.getresponse()
        body = r.read().decode()
        assert r.status == 500 and "kapot" not in body and "Traceback" not in body
        sock = conn.sock
        conn.request("GET", "/new")  # the same keep-alive connection
        r = conn.getresponse()
        r.read()
        assert r.status == 200 and conn.sock is sock  # was: the connection was reset
        conn.close()


def test_ids_past_64_bits_are_not_found(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    big = "1" * 30
    for url in (f"/analyses/{big}", f"/documents/{big}", f"/analyses/{big}/framework"):
        r = client.get(url)
        assert r.status_code == 404, (url, r.status_code)
    r = post(client, f"/analyses/{big}/decide", data={"key": "k", "theme": "t", "action": "accept"})
    assert r.status_code == 404


BOMB = """schema: 1
id: bom
name: Bom
a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
themes: [*h]
"""


def test_a_yaml_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    """Refused by the framework loader (no alias expansion) or, failing that, stopped at the
    framework deadline in its child process: never seconds of CPU and gigabytes."""
    client = make_client(tmp_path)
    doc = upload(client)
    for kwargs in (
        {"data": {"framework_yaml": BOMB}},
        {"files": {"framework_file": ("bom.yaml", BOMB.encode(), "application/yaml")}},
    ):
        t0 = time.perf_counter()
        r = post(client, f"/documents/{doc}/analyses", **kwargs)
        assert time.perf_counter() - t0 < 6
        assert r.status_code in (422, 504) and "Traceback" not in r.text
        assert "alias" in r.text.lower() or "binnen 3 s" in r.text
    assert analyse(client, doc, SAMPLE_FRAMEWORK)  # the workbench goes on working


def test_isolated_jobs_are_killed_at_their_deadline_and_capped_in_memory() -> None:
    from beleidslens.web.isolated import IsolatedJobError, run_isolated

    t0 = time.perf_counter()
    with pytest.raises(JobTimeoutError, match=r"within 1 s"):
        run_isolated(time.sleep, 30, deadline=1, what="slaap")
    assert time.perf_counter() - t0 < 5  # the child is killed, not waited for
    with pytest.raises(IsolatedJobError, match="memory"):
        run_isolated(bytearray, 4 * 1024**3, deadline=20, what="groot", memory_bytes=1024**3)
    assert run_isolated(len, "abc", deadline=20, what="klein") == 3
