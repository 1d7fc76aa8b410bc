"""URL fetching: one overall deadline, redirects followed by hand and re-checked, and the
address policy a server uses (``allow_private=False``). Every server here is a local one on
127.0.0.1; nothing leaves the machine."""

from __future__ import annotations

import ipaddress
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from beleidslens.errors import IngestError
from beleidslens.ingest import fetch as fetch_module
from beleidslens.ingest import load_document
from beleidslens.ingest.addresses import Resolved, address_problem, resolve_public
from beleidslens.ingest.fetch import fetch

SCRIPT = str(Path(sys.executable).with_name("beleidslens"))
TEXT = b"Hoofdstuk 1 Wonen\n\nWe bouwen meer huizen in elke gemeente.\n"
SEEN_HOSTS: list[str] = []


def _drip(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.end_headers()
    for _ in range(200):  # one byte every 0.2 s: 40 s in all, each read well within timeout
        try:
            handler.wfile.write(b"a")
            handler.wfile.flush()
        except OSError:
            return
        time.sleep(0.2)


def _stall(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    handler.wfile.write(b"a" * 10)
    handler.wfile.flush()
    time.sleep(6)


def _redirect(location: str) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


def _text(handler: BaseHTTPRequestHandler) -> None:
    SEEN_HOSTS.append(handler.headers.get("Host", ""))
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain; charset=utf-8")
    handler.send_header("Content-Length", str(len(TEXT)))
    handler.end_headers()
    handler.wfile.write(TEXT)


ROUTES: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {
    "/drip.txt": _drip,
    "/stall.txt": _stall,
    "/a.txt": _text,
    "/to-a": _redirect("/a.txt"),
    "/loop": _redirect("/loop"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        ROUTES.get(self.path.split("?")[0], _redirect("/a.txt"))(self)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_dripping_server_stops_at_the_overall_deadline(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(IngestError, match=r"no complete answer within 1\.5 s") as info:
        load_document(f"{server}/drip.txt", timeout=1.5)
    assert time.monotonic() - started < 4
    assert f"{server}/drip.txt" in str(info.value)


def test_stalled_body_stops_at_the_overall_deadline(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(IngestError, match="within 1 s"):
        fetch(f"{server}/stall.txt", max_bytes=10_000, timeout=1)
    assert time.monotonic() - started < 3


def test_cli_ingest_dripping_url_one_line(server: str) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [SCRIPT, "ingest", f"{server}/drip.txt", "--timeout", "2"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert time.monotonic() - started < 15
    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "no complete answer within 2 s" in result.stderr


def test_redirects_followed_and_bounded(server: str) -> None:
    fetched = fetch(f"{server}/to-a", max_bytes=10_000, timeout=5)
    assert fetched.data == TEXT and fetched.url == f"{server}/a.txt"
    with pytest.raises(IngestError, match="more than 10 redirects"):
        fetch(f"{server}/loop", max_bytes=10_000, timeout=5)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://localhost/", "loopback"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://2130706433/", "loopback"),  # 127.0.0.1 as one decimal number
        ("http://0x7f000001/", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://10.1.2.3/", "private"),
        ("http://192.168.0.1/", "private"),
        ("http://[fd00::1]/", "private"),
        ("http://240.0.0.1/", "reserved"),
        ("http://100.64.0.1/", "not public"),
    ],
)
def test_private_addresses_refused(url: str, problem: str) -> None:
    with pytest.raises(IngestError, match=rf"refused: .* is a {problem} address") as info:
        load_document(url, timeout=2, allow_private=False)
    assert str(info.value).startswith(url)
    assert "\n" not in str(info.value)


def test_public_address_has_no_problem() -> None:
    assert address_problem(ipaddress.ip_address("93.184.216.34")) is None
    assert address_problem(ipaddress.ip_address("2606:4700::1111")) is None


def _loopback_allowed_for(
    names: dict[str, str],
) -> Callable[[str, int, str], Resolved]:
    """A policy for tests: the given host names count as public and resolve to 127.0.0.1;
    everything else goes through the real check."""

    def resolve(host: str, port: int, source: str) -> Resolved:
        if host in names:
            return Resolved(host, ipaddress.ip_address(names[host]))
        return resolve_public(host, port, source)

    return resolve


def test_redirect_to_loopback_is_checked_again(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = server.rsplit(":", 1)[1]
    ROUTES["/to-localhost"] = _redirect(f"http://localhost:{port}/a.txt")
    ROUTES["/to-decimal"] = _redirect(f"http://2130706433:{port}/a.txt")
    monkeypatch.setattr(
        fetch_module, "resolve_public", _loopback_allowed_for({"127.0.0.1": "127.0.0.1"})
    )
    assert fetch(f"{server}/a.txt", max_bytes=10_000, timeout=5, allow_private=False).data == TEXT
    for route in ("/to-localhost", "/to-decimal"):
        with pytest.raises(IngestError, match=r"refused: .* is a loopback address") as info:
            fetch(f"{server}{route}", max_bytes=10_000, timeout=5, allow_private=False)
        assert str(info.value).startswith(f"{server}{route}: ")
        # the same redirect is followed when private addresses are allowed (the CLI)
        assert fetch(f"{server}{route}", max_bytes=10_000, timeout=5).data == TEXT


def test_connection_goes_to_the_checked_address(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = server.rsplit(":", 1)[1]
    monkeypatch.setattr(
        fetch_module, "resolve_public", _loopback_allowed_for({"docs.example": "127.0.0.1"})
    )
    SEEN_HOSTS.clear()
    url = f"http://docs.example:{port}/a.txt"
    doc = load_document(url, timeout=5, allow_private=False)
    assert doc.source.name == url
    assert [f"docs.example:{port}"] == SEEN_HOSTS


def test_type_refused_before_the_body(server: str) -> None:
    calls: list[Any] = []

    def refuse(media_type: str, url: str) -> None:
        calls.append((media_type, url))
        raise IngestError("nope", url)

    started = time.monotonic()
    with pytest.raises(IngestError, match="nope"):
        fetch(f"{server}/drip.txt", max_bytes=10_000, timeout=10, accept=refuse)
    assert time.monotonic() - started < 2
    assert calls == [("text/plain", f"{server}/drip.txt")]
