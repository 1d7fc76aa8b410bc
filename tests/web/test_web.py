"""Endpoints of the review workbench, with FastAPI's TestClient and a fake analysis engine."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from beleidslens.web.app import create_app
from test_web_support import SAMPLE_FRAMEWORK, SAMPLE_TEXT, fake_analyze


def make_client(tmp_path: Path, **kwargs: Any) -> TestClient:
    kwargs.setdefault("analyze", fake_analyze)
    return new_client(create_app(tmp_path / "wb.sqlite3", **kwargs))


def new_client(app: Any) -> TestClient:
    """A browser session on ``app`` (its own session cookie), on the loopback address."""
    client = TestClient(app, base_url="http://127.0.0.1")
    token(client)  # receive the session cookie and its CSRF token
    return client


def token(client: TestClient) -> str:
    """The CSRF token of the client's session, as the pages carry it."""
    cached: str | None = getattr(client, "_bl_csrf", None)
    if cached is None:
        m = re.search(r'<meta name="csrf-token" content="([^"]+)"', client.get("/").text)
        assert m, "the page carries the CSRF token"
        cached = m.group(1)
        client._bl_csrf = cached  # type: ignore[attr-defined]
    return cached


def post(client: TestClient, url: str, **kwargs: Any) -> Any:
    headers = {"X-CSRF-Token": token(client), **kwargs.pop("headers", {})}
    return client.post(url, headers=headers, follow_redirects=False, **kwargs)


def upload(client: TestClient, text: str = SAMPLE_TEXT, name: str = "akkoord.txt") -> int:
    r = post(client, "/documents", files={"file": (name, text.encode(), "text/plain")})
    assert r.status_code == 303, r.text
    return int(r.headers["location"].rsplit("/", 1)[1])


def wait_run(client: TestClient, analysis_id: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = client.get(f"/analyses/{analysis_id}/progress")
        if "HX-Refresh" in r.headers:
            return
        time.sleep(0.05)
    raise AssertionError("analysis did not finish")


def analyse(client: TestClient, doc_id: int, yaml_text: str = SAMPLE_FRAMEWORK) -> int:
    r = post(client, f"/documents/{doc_id}/analyses", data={"framework_yaml": yaml_text})
    assert r.status_code == 303, r.text
    aid = int(r.headers["location"].rsplit("/", 1)[1])
    wait_run(client, aid)
    return aid


def cards(html: str) -> list[str]:
    return re.findall(r'<article class="passage[^"]*" id="c-([0-9a-f]{16})"', html)


def export_json(client: TestClient, aid: int) -> dict[str, Any]:
    r = client.get(f"/analyses/{aid}/export?format=json")
    assert r.status_code == 200, r.text
    assert "attachment" in r.headers["content-disposition"]
    data: dict[str, Any] = json.loads(r.text)
    return data


def theme_of(data: dict[str, Any], theme_id: str) -> dict[str, Any]:
    return next(t for t in data["themes"] if t["id"] == theme_id)


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path)


@pytest.fixture
def analysis(client: TestClient) -> int:
    return analyse(client, upload(client))


# -- safety ---------------------------------------------------------------------------------
def test_state_changes_need_the_csrf_token(client: TestClient, analysis: int) -> None:
    files = {"file": ("a.txt", SAMPLE_TEXT.encode(), "text/plain")}
    r = client.post("/documents", files=files, follow_redirects=False)
    assert r.status_code == 403
    assert "CSRF" in r.text and "Traceback" not in r.text
    r = client.post(
        "/documents", files=files, data={"csrf_token": "x" * 43}, follow_redirects=False
    )
    assert r.status_code == 403
    key = cards(client.get(f"/analyses/{analysis}?theme=economie").text)[0]
    form = {"key": key, "theme": "economie", "action": "reject"}
    assert client.post(f"/analyses/{analysis}/decide", data=form).status_code == 403
    assert client.post(f"/analyses/{analysis}/rerun").status_code == 403
    # the same request with the form field (no header) is accepted
    r = client.post(f"/analyses/{analysis}/decide", data={**form, "csrf_token": token(client)})
    assert r.status_code == 200


def test_upload_size_and_type_limits(tmp_path: Path) -> None:
    client = make_client(tmp_path, max_upload_bytes=2_000)
    big = ("Een zin over ondernemers. " * 200).encode()
    r = post(client, "/documents", files={"file": ("groot.txt", big, "text/plain")})
    assert r.status_code == 413
    assert "te groot" in r.text
    r = post(client, "/documents", files={"file": ("virus.exe", b"MZ...", "application/x")})
    assert r.status_code == 415
    assert ".exe" in r.text
    r = post(client, "/documents", data={"url": ""})
    assert r.status_code == 422
    r = post(client, "/documents", data={"url": "file:///etc/passwd"})
    assert r.status_code == 422


def test_bad_framework_yaml_shows_the_offending_line(client: TestClient) -> None:
    doc = upload(client)
    bad = SAMPLE_FRAMEWORK.replace("    label: Klimaat\n", "    label: Klimaat\n    kleur: groen\n")
    line = bad.splitlines().index("    kleur: groen") + 1
    r = post(client, f"/documents/{doc}/analyses", data={"framework_yaml": bad})
    assert r.status_code == 422
    assert f"regel {line}" in r.text
    bad_line = re.search(r'<li value="(\d+)" class="bad-line"><code>([^<]*)</code>', r.text)
    assert bad_line and int(bad_line.group(1)) == line and "kleur" in bad_line.group(2)
    assert "unknown key" in r.text
    # syntax errors too, from an uploaded file
    r = post(
        client,
        f"/documents/{doc}/analyses",
        files={"framework_file": ("k.yaml", b"schema: 1\nid: [unclosed\n", "text/yaml")},
    )
    assert r.status_code == 422 and "bad-line" in r.text


def test_no_path_traversal(client: TestClient, tmp_path: Path) -> None:
    r = post(
        client,
        "/documents",
        files={"file": ("../../../evil.txt", SAMPLE_TEXT.encode(), "text/plain")},
    )
    assert r.status_code == 303
    page = client.get(r.headers["location"]).text
    assert "evil.txt" in page and "../" not in page
    assert not (tmp_path.parent / "evil.txt").exists()
    assert not list(tmp_path.parent.parent.glob("evil.txt"))
    for url in ("/static/../store.py", "/static/%2e%2e/store.py", "/static/..%2fapp.py"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert "Store" not in r.text
    r = client.get("/analyses/1/export?format=../../etc/passwd")
    assert r.status_code in (404, 422)


def test_document_text_is_escaped(client: TestClient, analysis: int) -> None:
    html = client.get(f"/analyses/{analysis}?theme=klimaat").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert '<script>alert("x")' not in html


def test_errors_are_dutch_pages_with_status(client: TestClient) -> None:
    r = client.get("/analyses/999")
    assert r.status_code == 404
    assert "Er ging iets mis" in r.text and "Traceback" not in r.text
    r = client.get("/bestaat-niet")
    assert r.status_code == 404 and "Niet gevonden" in r.text
    r = post(client, "/analyses/999/decide", data={"key": "x", "theme": "y", "action": "zap"})
    assert r.status_code == 422 and "Ongeldig verzoek" in r.text
    r = client.get("/bestaat-niet?lang=en")
    assert "Something went wrong" in r.text


def test_english_on_request(client: TestClient, analysis: int) -> None:
    html = client.get(f"/analyses/{analysis}?lang=en").text
    assert "Accept" in html and "Accepteren" not in html
    # the choice sticks (cookie)
    assert "Reviewed" in client.get(f"/analyses/{analysis}").text


# -- the flow -------------------------------------------------------------------------------
def test_overview_lists_documents_and_review_progress(client: TestClient, analysis: int) -> None:
    html = client.get("/").text
    m = re.search(r'data-decided="(\d+)" data-total="(\d+)"', html)
    assert m and m.group(1) == "0" and int(m.group(2)) > 0
    key = cards(client.get(f"/analyses/{analysis}?theme=economie").text)[0]
    post(
        client,
        f"/analyses/{analysis}/decide",
        data={"key": key, "theme": "economie", "action": "accept"},
    )
    m2 = re.search(r'data-decided="(\d+)"', client.get("/").text)
    assert m2 and m2.group(1) == "1"


def test_decisions_shape_the_export(client: TestClient, analysis: int) -> None:
    html = client.get(f"/analyses/{analysis}?theme=economie").text
    k1, k2 = cards(html)[:2]
    url = f"/analyses/{analysis}/decide"
    assert (
        post(client, url, data={"key": k1, "theme": "economie", "action": "reject"}).status_code
        == 200
    )
    r = post(
        client, url, data={"key": k2, "theme": "economie", "action": "move", "target": "veiligheid"}
    )
    assert r.status_code == 200 and "verplaatst naar Veiligheid" in r.text
    # trim a two-sentence passage in klimaat to its second sentence
    html = client.get(f"/analyses/{analysis}?theme=klimaat").text
    kk = cards(html)[0]
    sent = re.search(
        rf'name="key" value="{kk}">.*?name="start" value="(\d+)"><input type="hidden" name="end" value="(\d+)">.*?name="start" value="(\d+)"><input type="hidden" name="end" value="(\d+)">',
        html,
        re.S,
    )
    assert sent, "a two-sentence passage offers trimming"
    s2, e2 = int(sent.group(3)), int(sent.group(4))
    r = post(
        client, url, data={"key": kk, "theme": "klimaat", "action": "trim", "start": s2, "end": e2}
    )
    assert r.status_code == 200 and "ingekort" in r.text
    # add a passage by selection (offsets in the normalized text)
    doc_text = export_json(client, analysis)["document_text"]
    chosen = "Cybercriminaliteit krijgt een eigen team."
    start = doc_text.index(chosen)
    r = post(
        client,
        f"/analyses/{analysis}/passages",
        data={"theme": "economie", "start": start, "end": start + len(chosen), "text": chosen},
    )
    assert r.status_code == 303
    # a selection that does not match the text is refused
    r = post(
        client,
        f"/analyses/{analysis}/passages",
        data={"theme": "economie", "start": start, "end": start + 5, "text": "anders"},
    )
    assert r.status_code == 400
    # verdict override with a note
    r = post(
        client,
        f"/analyses/{analysis}/verdicts",
        data={"theme": "economie", "aspect": "buffers", "status": "addressed", "note": "zie p. 2"},
    )
    assert r.status_code == 200 and "vastgelegd" in r.text

    data = export_json(client, analysis)
    eco, klim, veil = (theme_of(data, t) for t in ("economie", "klimaat", "veiligheid"))
    by_text = {p["text"]: p for p in eco["passages"]}
    original = {p["id"]: p for p in export_json_plain(client, analysis)["economie"]}
    assert len(original) >= 2
    rejected = [p for p in eco["passages"] if p["text"].startswith("We helpen ondernemers")]
    moved_src = [p for p in eco["passages"] if p["text"].startswith("Werkenden")]
    assert rejected and not rejected[0]["selected"]
    assert moved_src and not moved_src[0]["selected"]
    assert any(p["text"].startswith("Werkenden") and p["selected"] for p in veil["passages"])
    trimmed = [p for p in klim["passages"] if p["text"] == doc_text[s2:e2]]
    assert trimmed and trimmed[0]["selected"]
    assert trimmed[0]["location"]["start"] == s2 and trimmed[0]["location"]["end"] == e2
    human = by_text[chosen]
    assert human["origin"] == "human" and human["selected"]
    assert human["location"]["start"] == start
    buffers = next(a for a in eco["aspects"] if a["id"] == "buffers")
    assert buffers["status"] == "addressed" and buffers["note"] == "zie p. 2"
    # the other formats reflect the same review
    md = client.get(f"/analyses/{analysis}/export?format=markdown").text
    assert "Cybercriminaliteit krijgt een eigen team." in md
    assert "We helpen ondernemers" not in md
    for fmt in ("html", "docx"):
        r = client.get(f"/analyses/{analysis}/export?format={fmt}")
        assert r.status_code == 200 and len(r.content) > 500, fmt


def export_json_plain(client: TestClient, aid: int) -> dict[str, list[dict[str, Any]]]:
    data = export_json(client, aid)
    return {t["id"]: t["passages"] for t in data["themes"]}


def test_export_import_round_trip(client: TestClient, analysis: int) -> None:
    html = client.get(f"/analyses/{analysis}?theme=economie").text
    k1 = cards(html)[0]
    post(
        client,
        f"/analyses/{analysis}/decide",
        data={"key": k1, "theme": "economie", "action": "reject"},
    )
    post(
        client,
        f"/analyses/{analysis}/verdicts",
        data={"theme": "klimaat", "aspect": "energie", "status": "uncertain", "note": "twijfel"},
    )
    first = export_json(client, analysis)
    r = post(
        client,
        "/import",
        files={"analysis_file": ("analyse.json", json.dumps(first).encode(), "application/json")},
    )
    assert r.status_code == 303
    imported = int(r.headers["location"].rsplit("/", 1)[1])
    assert imported != analysis
    again = export_json(client, imported)
    for key in ("themes", "document_text", "framework", "backend"):
        assert again[key] == first[key], key
    # an analysis without document text cannot be reviewed
    first["document_text"] = None
    r = post(
        client,
        "/import",
        files={"analysis_file": ("a.json", json.dumps(first).encode(), "application/json")},
    )
    assert r.status_code == 422 and "document_text" in r.text
    r = post(client, "/import", files={"analysis_file": ("a.json", b"{nope", "application/json")})
    assert r.status_code == 422 and "JSON" in r.text


def test_rerun_after_editing_the_framework_keeps_decisions(
    client: TestClient, analysis: int
) -> None:
    html = client.get(f"/analyses/{analysis}?theme=economie").text
    k1, k2 = cards(html)[:2]
    post(
        client,
        f"/analyses/{analysis}/decide",
        data={"key": k1, "theme": "economie", "action": "reject"},
    )
    post(
        client,
        f"/analyses/{analysis}/decide",
        data={"key": k2, "theme": "economie", "action": "accept"},
    )
    before = export_json(client, analysis)
    edited = SAMPLE_FRAMEWORK.replace("[ondermijning,", "[starters, ondermijning,")
    r = post(client, f"/analyses/{analysis}/framework", data={"framework_yaml": edited})
    assert r.status_code == 303
    wait_run(client, analysis)
    after = export_json(client, analysis)
    assert after["themes"] != before["themes"]  # the new keyword found another passage
    assert theme_of(after, "economie") == theme_of(before, "economie")
    html = client.get(f"/analyses/{analysis}?theme=economie").text
    assert f'state-rejected" id="c-{k1}"' in html
    assert f'id="c-{k2}"' in html and "state-accepted is-selected" in html
    # an invalid edit is refused with the line and changes nothing
    r = post(client, f"/analyses/{analysis}/framework", data={"framework_yaml": "schema: 2\n"})
    assert r.status_code == 422 and "regel" in r.text


def test_crash_during_analysis_leaves_previous_results_reviewable(tmp_path: Path) -> None:
    state = {"crash": False}

    def flaky(document: Any, framework: Any, **kw: Any) -> Any:
        if state["crash"]:
            kw["progress"]("score", 0.5)
            raise RuntimeError("engine exploded")
        return fake_analyze(document, framework, **kw)

    client = make_client(tmp_path, analyze=flaky)
    aid = analyse(client, upload(client))
    key = cards(client.get(f"/analyses/{aid}?theme=economie").text)[0]
    post(
        client,
        f"/analyses/{aid}/decide",
        data={"key": key, "theme": "economie", "action": "reject"},
    )
    state["crash"] = True
    assert post(client, f"/analyses/{aid}/rerun").status_code == 303
    wait_run(client, aid)
    html = client.get(f"/analyses/{aid}?theme=economie").text
    assert "De analyse is mislukt" in html and "Traceback" not in html
    assert f'state-rejected" id="c-{key}"' in html
    assert export_json(client, aid)["themes"]

    # a server killed mid-run: the stale 'running' row is failed on the next start-up
    db = tmp_path / "wb.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO runs (analysis_id, status, stage, progress, started) "
        "VALUES (?, 'running', 'score', 0.3, 'x')",
        (aid,),
    )
    conn.commit()
    conn.close()
    client2 = make_client(tmp_path, analyze=flaky)
    statuses = [r[0] for r in sqlite3.connect(db).execute("SELECT status FROM runs ORDER BY id")]
    assert statuses == ["done", "failed", "failed"]
    html = client2.get(f"/analyses/{aid}?theme=economie").text
    assert f'state-rejected" id="c-{key}"' in html


def test_two_tabs_lose_no_decision(client: TestClient, analysis: int, tmp_path: Path) -> None:
    other = new_client(client.app)
    key = cards(client.get(f"/analyses/{analysis}?theme=economie").text)[0]
    url = f"/analyses/{analysis}/decide"
    post(client, url, data={"key": key, "theme": "economie", "action": "accept"})
    post(other, url, data={"key": key, "theme": "economie", "action": "reject"})
    store = client.app.state.store
    assert store.decisions(analysis)[key].status == "rejected"
    assert store.decisions(analysis)[key].version == 2
    assert [json.loads(r["payload"])["status"] for r in store.history(analysis, "passage")] == [
        "accepted",
        "rejected",
    ]


def test_reload_resumes_on_the_last_theme(client: TestClient, analysis: int) -> None:
    key = cards(client.get(f"/analyses/{analysis}?theme=klimaat").text)[0]
    post(
        client,
        f"/analyses/{analysis}/decide",
        data={"key": key, "theme": "klimaat", "action": "accept"},
    )
    html = client.get(f"/analyses/{analysis}").text
    assert 'data-theme="klimaat"' in html and f'data-position="{key}"' in html


def test_serve_command_defaults_to_loopback_and_warns_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    import uvicorn
    from click.testing import CliRunner

    from beleidslens.cli import cli
    from beleidslens.cli import serve as serve_module

    calls: list[dict[str, Any]] = []

    def fake_bind(host: str, port: int) -> socket.socket:
        calls.append({"host": host, "port": port})
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))  # never the fixed port itself
        return sock

    served: list[list[socket.socket]] = []
    monkeypatch.setattr(serve_module, "bind_socket", fake_bind)
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: served.append(sockets))
    runner = CliRunner()
    result = runner.invoke(cli, ["serve", "--db", str(tmp_path / "a.sqlite3")])
    assert result.exit_code == 0, result.output
    assert calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == 8000
    assert served and served[-1][0].fileno() == -1  # the socket is closed after the server
    assert (tmp_path / "a.sqlite3").exists()
    # elsewhere than loopback: refused without an access token, before binding
    result = runner.invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "9000"])
    assert result.exit_code != 0 and "--auth" in str(result.exception)
    assert calls[-1]["host"] == "127.0.0.1"
    result = runner.invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "9000", "--auth", "auto"])
    assert result.exit_code == 0 and "warning" in result.output
    assert calls[-1]["host"] == "0.0.0.0"
    printed = re.search(r"access token: (\S+)", result.output)
    assert printed and len(printed.group(1)) >= 20  # the generated token is printed at start
    # without --db: $BELEIDSLENS_HOME (set for every test by conftest)
    import os

    assert (Path(os.environ["BELEIDSLENS_HOME"]) / "workbench.sqlite3").exists()


@pytest.mark.corpus
def test_reviewing_the_2021_agreement_with_the_real_pipeline(
    tmp_path: Path, agreement_path: Path
) -> None:
    client = new_client(create_app(tmp_path / "wb.sqlite3"))  # the real analysis pipeline
    r = post(
        client,
        "/documents",
        files={"file": (agreement_path.name, agreement_path.read_bytes(), "text/plain")},
    )
    assert r.status_code == 303
    doc = int(r.headers["location"].rsplit("/", 1)[1])
    r = post(client, f"/documents/{doc}/analyses", data={"builtin": "kwetsbaarheden"})
    aid = int(r.headers["location"].rsplit("/", 1)[1])
    wait_run(client, aid, timeout=300)
    html = client.get(f"/analyses/{aid}").text
    theme = re.search(r'data-theme="([a-z0-9_]+)"', html)
    keys = cards(html)
    assert theme and len(keys) >= 2
    url = f"/analyses/{aid}/decide"
    post(client, url, data={"key": keys[0], "theme": theme.group(1), "action": "reject"})
    post(client, url, data={"key": keys[1], "theme": theme.group(1), "action": "accept"})
    data = export_json(client, aid)
    passages = theme_of(data, theme.group(1))["passages"]
    assert sum(1 for p in passages if p["selected"]) >= 1
    for fmt in ("markdown", "html", "docx"):
        assert client.get(f"/analyses/{aid}/export?format={fmt}").status_code == 200


def test_progress_counts_suggestions_and_verdicts_not_every_candidate() -> None:
    """The review is complete when every suggested passage and every aspect verdict is
    settled; deciding an unsuggested candidate is extra work that counts on both sides."""
    from beleidslens.web.review import key_of, progress
    from fixtures_analysis import make_analysis

    result = make_analysis()
    suggested = sum(p.selected for t in result.themes for p in t.passages)
    candidates = sum(len(t.passages) for t in result.themes)
    assert candidates > suggested > 0
    p0 = progress(result, {}, {})
    assert p0["passages_total"] == suggested and p0["passages_decided"] == 0
    theme = next(t for t in result.themes if any(not p.selected for p in t.passages))
    extra = next(p for p in theme.passages if not p.selected)

    class _D:  # a decision on an unsuggested candidate
        status = "accepted"

    p1 = progress(result, {key_of(theme.id, extra): _D()}, {})  # type: ignore[dict-item]
    assert p1["passages_total"] == suggested + 1 and p1["passages_decided"] == 1
