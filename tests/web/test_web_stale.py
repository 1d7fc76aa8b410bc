"""Workbench: a decision made on a stale page (two tabs on the same passage) is recorded and
answered with a visible notice and the current state."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from beleidslens.web.store import Store
from test_web import analyse, cards, export_json, post, theme_of, upload
from test_web import client as client

NOTICE_NL = "Dit oordeel is intussen in een ander venster gewijzigd"
NOTICE_EN = "This decision was changed in another window in the meantime"


@pytest.fixture
def analysis(client: TestClient) -> int:
    return analyse(client, upload(client))


def _card_version(html: str, key: str) -> int:
    m = re.search(rf'id="c-{key}" data-key="{key}" data-version="(\d+)"', html)
    assert m, html[:400]
    return int(m.group(1))


def _store(client: TestClient) -> Store:
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    return store


def test_card_carries_the_version_the_page_saw(client: TestClient, analysis: int) -> None:
    html = client.get(f"/analyses/{analysis}?theme=economie").text
    key = cards(html)[0]
    assert _card_version(html, key) == 0
    assert 'name="seen_version" value="0"' in html
    assert 'name="seen_version">' in html  # the move form gets it from the card (app.js)
    r = post(
        client,
        f"/analyses/{analysis}/decide",
        data={"key": key, "theme": "economie", "action": "accept", "seen_version": "0"},
    )
    assert r.status_code == 200
    assert NOTICE_NL not in r.text
    assert _card_version(r.text, key) == 1  # the next decision from this card sends 1
    html = client.get(f"/analyses/{analysis}?theme=economie").text
    assert _card_version(html, key) == 1


def test_two_tabs_same_seen_version_both_recorded_second_sees_the_clash(
    client: TestClient,
    analysis: int,
) -> None:
    key = cards(client.get(f"/analyses/{analysis}?theme=economie").text)[0]
    url = f"/analyses/{analysis}/decide"
    # both tabs loaded the page before any decision: both send seen_version 0
    first = post(
        client, url, data={"key": key, "theme": "economie", "action": "accept", "seen_version": 0}
    )
    assert first.status_code == 200 and NOTICE_NL not in first.text
    second = post(
        client, url, data={"key": key, "theme": "economie", "action": "reject", "seen_version": 0}
    )
    assert second.status_code == 200
    notice = re.search(r'<p class="clash" role="alert">([^<]*)</p>', second.text)
    assert notice, second.text[:600]
    assert NOTICE_NL in notice.group(1)
    assert "geaccepteerd" in notice.group(1)  # what the other window had decided
    # …and the card shows the current state: the second decision, version 2
    assert "state-rejected" in second.text and _card_version(second.text, key) == 2
    # nothing lost: both in the history, the current state is the newest history row
    rows = _store(client).history(analysis, "passage")
    mine = [json.loads(r["payload"])["status"] for r in rows if r["key"] == key]
    assert mine == ["accepted", "rejected"]
    assert [r["version"] for r in rows if r["key"] == key] == [1, 2]
    assert _store(client).decisions(analysis)[key].status == "rejected"
    stored = _store(client).decisions(analysis)[key]
    exported = theme_of(export_json(client, analysis), "economie")["passages"]
    same = [p for p in exported if p["location"]["start"] == stored.start]
    assert same and not any(p["selected"] for p in same)  # the export has the current state
    # the first tab, still on version 1, moves it: recorded, and told about the rejection
    third = post(
        client,
        url,
        data={
            "key": key,
            "theme": "economie",
            "action": "move",
            "target": "klimaat",
            "seen_version": 1,
        },
    )
    assert third.status_code == 200 and NOTICE_NL in third.text and "verworpen" in third.text
    assert _card_version(third.text, key) == 3
    # a page that is up to date gets no notice
    fourth = post(
        client, url, data={"key": key, "theme": "economie", "action": "accept", "seen_version": 3}
    )
    assert fourth.status_code == 200 and NOTICE_NL not in fourth.text
    assert len([r for r in _store(client).history(analysis, "passage") if r["key"] == key]) == 4


def test_clash_notice_in_english_and_moved_state(client: TestClient, analysis: int) -> None:
    key = cards(client.get(f"/analyses/{analysis}?theme=economie").text)[0]
    url = f"/analyses/{analysis}/decide"
    form = {"key": key, "theme": "economie", "seen_version": 0}
    assert post(client, url, data={**form, "action": "move", "target": "klimaat"}).status_code
    r = post(client, f"{url}?lang=en", data={**form, "action": "accept"})
    assert r.status_code == 200
    assert NOTICE_EN in r.text and "moved to Klimaat" in r.text


def test_without_seen_version_last_write_wins_quietly(client: TestClient, analysis: int) -> None:
    """Clients that send no version (older pages, scripts) keep the old behaviour."""
    key = cards(client.get(f"/analyses/{analysis}?theme=economie").text)[0]
    url = f"/analyses/{analysis}/decide"
    for action in ("accept", "reject"):
        r = post(client, url, data={"key": key, "theme": "economie", "action": action})
        assert r.status_code == 200 and NOTICE_NL not in r.text
    assert _store(client).decisions(analysis)[key].version == 2
