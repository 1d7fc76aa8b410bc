"""Review details a reader meets (issue 12 item 6, server side): added passages in whole
words, one upload limit with the CLI, stale-page notices for aspect verdicts, and the
workbench's messages in Dutch from the catalogue."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import beleidslens.web as web_package
from beleidslens import limits
from beleidslens.ingest import DEFAULT_MAX_BYTES
from beleidslens.web.app import DEFAULT_MAX_UPLOAD
from beleidslens.web.messages import message_in
from beleidslens.web.spans import snap_to_words
from beleidslens.web.store import Store
from test_web import analyse, cards, make_client, new_client, post, upload
from test_web_support import SAMPLE_TEXT

WEB = Path(web_package.__file__).resolve().parent


def test_added_passages_are_whole_words(client: TestClient) -> None:
    aid = analyse(client, upload(client))
    phrase = "zonnepanelen op alle scholen"
    at = SAMPLE_TEXT.index(phrase)
    start, end = at + 5, at + len("zonnepanelen op alle sch")  # "epanelen op alle sch"
    text = SAMPLE_TEXT[start:end]
    r = post(
        client,
        f"/analyses/{aid}/passages",
        data={"theme": "klimaat", "start": start, "end": end, "text": text},
    )
    assert r.status_code == 303
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    added = [d for d in store.decisions(aid).values() if d.origin == "human"]
    assert [d.text for d in added] == [phrase]
    assert (added[0].start, added[0].end) == (at, at + len(phrase))


def test_snap_to_words() -> None:
    text = "De gemeente bewaakt de dijken. Daarna: niets."
    assert text[slice(*snap_to_words(text, 5, 22))] == "gemeente bewaakt de"
    assert text[slice(*snap_to_words(text, 3, 11))] == "gemeente"  # already whole
    assert text[slice(*snap_to_words(text, 30, 40))] == "Daarna: niets"
    assert snap_to_words(text, 0, len(text)) == (0, len(text))


def test_one_upload_limit_shared_with_the_cli_and_shown(client: TestClient) -> None:
    assert DEFAULT_MAX_UPLOAD == DEFAULT_MAX_BYTES == limits.MAX_INPUT_BYTES == 50_000_000
    from beleidslens.cli import cli

    result = CliRunner().invoke(cli, ["ingest", "--help"])
    assert "50MB" in result.output  # the CLI's default comes from the same constant
    html = client.get("/new").text
    assert html.count("50 MB") == 2  # document upload and analysis import
    doc = upload(client)
    assert "50 MB" in client.get(f"/documents/{doc}").text  # the framework upload


def test_a_stale_aspect_verdict_is_recorded_with_a_notice(client: TestClient) -> None:
    aid = analyse(client, upload(client))
    other = new_client(client.app)
    page = client.get(f"/analyses/{aid}?theme=klimaat").text
    seen = re.search(r'id="a-energie" data-version="(\d+)"', page)
    assert seen and seen.group(1) == "0"
    url = f"/analyses/{aid}/verdicts"
    form = {"theme": "klimaat", "aspect": "energie", "note": ""}
    r = post(other, url, data={**form, "status": "not_addressed", "seen_version": "0"})
    assert r.status_code == 200 and 'class="clash"' not in r.text
    r = post(client, url, data={**form, "status": "uncertain", "seen_version": "0"})
    assert r.status_code == 200
    assert 'class="clash"' in r.text and "ander venster" in r.text and "niet geadresseerd" in r.text
    assert 'data-version="2"' in r.text  # the answer carries the current version
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    assert store.verdicts(aid)[("klimaat", "energie")].status == "uncertain"
    payloads = [json.loads(h["payload"])["status"] for h in store.history(aid, "verdict")]
    assert payloads == ["not_addressed", "uncertain"]  # both kept
    r = post(client, url, data={**form, "status": "addressed", "seen_version": "2"})
    assert 'class="clash"' not in r.text


def _literal_messages() -> list[tuple[str, str]]:
    """Every plain-string message the web modules raise a BeleidslensError with."""
    found: list[tuple[str, str]] = []
    for path in WEB.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if not name.endswith("Error") or name == "AssertionError" or not node.exc.args:
                continue
            first = node.exc.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append((path.name, first.value))
    return found


def test_every_message_the_workbench_raises_is_in_the_catalogue() -> None:
    messages = _literal_messages()
    assert len(messages) > 15
    missing = [(f, m) for f, m in messages if message_in(m, "nl") is None]
    assert missing == []
    for _f, m in messages:
        dutch = message_in(m, "nl")
        assert dutch and dutch != m, m  # a Dutch text, not the English one
        assert message_in(m, "en") is not None


def test_workbench_errors_are_dutch_by_default_and_english_on_request(
    client: TestClient,
) -> None:
    aid = analyse(client, upload(client))
    key = cards(client.get(f"/analyses/{aid}?theme=economie").text)[0]
    url = f"/analyses/{aid}/decide"
    r = post(client, url, data={"key": key, "theme": "nergens", "action": "accept"})
    assert r.status_code == 404 and "onbekend thema" in r.text and "no such" not in r.text
    r = post(client, url, data={"key": "0" * 16, "theme": "economie", "action": "accept"})
    assert "staat niet bij dit thema" in r.text
    r = post(client, "/documents", data={"url": "ftp://example.org/a.txt"})
    assert "alleen http(s)" in r.text and "only http" not in r.text
    r = post(client, "/documents", files={"file": ("a.exe", b"MZ", "application/octet-stream")})
    assert r.status_code == 415 and "niet toegestaan" in r.text
    r = post(client, url, data={"key": key, "theme": "economie", "action": "explode"})
    assert r.status_code == 422 and "ongeldige waarde" in r.text and "should match" not in r.text
    assert client.get("/analyses/12345").status_code == 404
    r = post(client, url + "?lang=en", data={"key": key, "theme": "nergens", "action": "accept"})
    assert "no such theme" in r.text


def test_a_failed_run_shows_its_error_in_dutch(tmp_path: Path) -> None:
    from beleidslens.web.runner import RunDeadlineError

    def slow(*_a: object, **_k: object) -> object:
        raise RunDeadlineError("the analysis took longer than 5 s and was stopped", "run 1")

    client = make_client(tmp_path, analyze=slow)
    doc = upload(client)
    r = post(client, f"/documents/{doc}/analyses", data={"builtin": "kwetsbaarheden"})
    aid = int(r.headers["location"].rsplit("/", 1)[1])
    client.app.state.runner.wait(1, 10)  # type: ignore[attr-defined]
    html = client.get(f"/analyses/{aid}/progress").text
    assert "duurde langer dan 5 s" in html


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path)
