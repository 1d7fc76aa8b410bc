"""The workbench re-ranks a theme's open cards after decisions ("meer zoals deze"), and with
consent learns from the framework's other analyses. Own small sample."""

from __future__ import annotations

import re
from pathlib import Path

from test_web import analyse, make_client, post, upload

TEXT = """Akkoord van de proefgemeente

1. Wonen

Wij bouwen woning na woning, elke woning telt voor starters en jonge gezinnen.

Het huis van de gemeente en het huis van de burgemeester krijgen een nieuw dak.

Elke woning in de binnenstad krijgt een groene tuin met bomen.

Het nieuwe huis voor de jeugd gaat open in de zomer.

Jonge gezinnen en starters krijgen voorrang bij een huurwoning in de wijk.
"""

FRAMEWORK = """schema: 1
id: proefwonen
name: Proefkader wonen
themes:
  - id: wonen
    label: Wonen
    keywords: [woning, huis]
    aspects:
      - id: bouw
        label: bouwen
        keywords: [bouwen]
"""


def _cards(html: str) -> list[tuple[str, str]]:
    """(key, text) of the cards in page order."""
    return re.findall(r'id="c-([0-9a-f]{16})".*?<mark class="hit">(.*?)</mark>', html, flags=re.S)


def _key(cards: list[tuple[str, str]], word: str) -> str:
    return next(k for k, t in cards if word in t)


def test_decisions_rerank_the_open_cards_and_say_why(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    aid = analyse(client, upload(client, TEXT), FRAMEWORK)
    page = client.get(f"/analyses/{aid}?theme=wonen").text
    before = _cards(page)
    assert len(before) == 5 and "Volgorde aangepast" not in page
    assert [t for _, t in before].index(next(t for _, t in before if "voorrang" in t)) == 4
    for word, action in (("woning na woning", "accept"), ("burgemeester", "reject")):
        r = post(
            client,
            f"/analyses/{aid}/decide",
            data={"key": _key(before, word), "theme": "wonen", "action": action},
        )
        assert r.status_code == 200
    page = client.get(f"/analyses/{aid}?theme=wonen").text
    after = _cards(page)
    assert "Volgorde aangepast aan uw beslissingen" in page
    texts = [t for _, t in after]
    # decided cards keep their places; the starters passage is the first open card now
    assert "woning na woning" in texts[0] and "burgemeester" in texts[1]
    assert "voorrang" in texts[2]
    assert re.search(r"2 plaatsen omhoog: lijkt op wat u accepteerde \([^)]*gezin", page)
    assert re.search(r"1 plaats omlaag: lijkt op wat u afwees \(\w", page)


def test_consent_lets_the_next_analysis_learn(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    doc = upload(client, TEXT)
    first = analyse(client, doc, FRAMEWORK)
    cards = _cards(client.get(f"/analyses/{first}?theme=wonen").text)
    post(
        client,
        f"/analyses/{first}/decide",
        data={"key": _key(cards, "woning na woning"), "theme": "wonen", "action": "accept"},
    )
    second = analyse(client, doc, FRAMEWORK)
    page = client.get(f"/analyses/{second}?theme=wonen").text
    assert "Geleerd van eerdere beslissingen" not in page  # no consent yet
    assert [t for _, t in _cards(page)] == [t for _, t in cards]
    r = post(client, f"/analyses/{second}/learning", data={"consent": "1", "theme": "wonen"})
    assert r.status_code == 303 and r.headers["location"].endswith("?theme=wonen")
    page = client.get(f"/analyses/{second}?theme=wonen").text
    assert "Geleerd van eerdere beslissingen bij dit kader (1)" in page
    assert 'name="consent" value="1" checked' in page
    texts = [t for _, t in _cards(page)]
    assert texts.index(next(t for t in texts if "voorrang" in t)) < 4  # moved up
    post(client, f"/analyses/{second}/learning", data={"theme": "wonen"})  # consent off
    page = client.get(f"/analyses/{second}?theme=wonen").text
    assert "Geleerd van eerdere beslissingen" not in page


def test_max_examples_bounds_the_decisions_learned_from(tmp_path: Path) -> None:
    from beleidslens.learn.rerank import RerankParams
    from beleidslens.web.learning import framework_examples

    client = make_client(tmp_path)
    doc = upload(client, TEXT)
    first = analyse(client, doc, FRAMEWORK)
    cards = _cards(client.get(f"/analyses/{first}?theme=wonen").text)
    for text in ("woning na woning", "voorrang"):
        key = _key(cards, text)
        post(
            client,
            f"/analyses/{first}/decide",
            data={"key": key, "theme": "wonen", "action": "accept"},
        )
    second = analyse(client, doc, FRAMEWORK)
    store = client.app.state.workbench.store  # type: ignore[attr-defined]
    fw_key = str(store.read("SELECT key FROM frameworks")[0]["key"])
    assert len(framework_examples(store, fw_key, "wonen", second)) == 2
    one = framework_examples(store, fw_key, "wonen", second, RerankParams(max_examples=1))
    assert len(one) == 1
