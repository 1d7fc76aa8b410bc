"""The workbench's structure: the Workbench object, routers per resource, the decision state
machine as a library function, and importing an analysis with its full backend name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import beleidslens.web as web_package
from beleidslens.web.importer import import_analysis
from beleidslens.web.review import DecisionError, find_item, next_decision
from beleidslens.web.store import Decision, NotFoundError, Store
from beleidslens.web.workbench import Workbench
from test_web import analyse, cards, export_json, make_client, post, upload
from test_web_support import fake_analyze

WEB = Path(web_package.__file__).resolve().parent


def test_no_web_module_over_400_lines() -> None:
    sizes = {
        str(p.relative_to(WEB)): len(p.read_text(encoding="utf-8").splitlines())
        for p in WEB.rglob("*.py")
    }
    assert sizes and all(n <= 400 for n in sizes.values()), {
        k: v for k, v in sizes.items() if v > 400
    }


def test_app_holds_one_workbench_and_a_router_per_resource(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    wb = client.app.state.workbench  # type: ignore[attr-defined]
    assert isinstance(wb, Workbench)
    assert client.app.state.store is wb.store  # type: ignore[attr-defined]
    from beleidslens.web import routes

    paths = {
        name: {r.path for r in getattr(routes, name).router.routes}  # type: ignore[attr-defined]
        for name in ("documents", "analyses", "review", "export")
    }
    assert "/documents" in paths["documents"] and "/" in paths["documents"]
    assert "/analyses/{analysis_id}/rerun" in paths["analyses"]
    assert "/analyses/{analysis_id:int}/decide" in paths["review"]
    assert "/analyses/{analysis_id}/export" in paths["export"] and "/import" in paths["export"]
    assert len({id(r) for r in routes.ROUTERS}) == 4


def test_import_keeps_the_full_versioned_backend_name(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    aid = analyse(client, upload(client))
    first = export_json(client, aid)
    assert first["backend"] == "lexical.v2"  # the name the store keeps and the run reports
    first["backend"] = "lexical.v7"  # a later version of a backend: its name is kept whole
    r = post(
        client,
        "/import",
        files={"analysis_file": ("a.json", json.dumps(first).encode(), "application/json")},
    )
    assert r.status_code == 303, r.text
    imported = int(r.headers["location"].rsplit("/", 1)[1])
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    assert store.analysis(imported).backend == "lexical.v7"
    assert export_json(client, imported)["backend"] == "lexical.v7"
    assert "<strong>lexical.v7</strong>" in client.get(f"/analyses/{imported}").text


def test_import_is_a_library_function(tmp_path: Path) -> None:
    from beleidslens.analysis.result import Analysis
    from beleidslens.framework.loader import parse_framework
    from beleidslens.ingest import parse_text
    from test_web_support import SAMPLE_FRAMEWORK, SAMPLE_TEXT

    analysis: Analysis = fake_analyze(
        parse_text(SAMPLE_TEXT, name="a.txt"), parse_framework(SAMPLE_FRAMEWORK, "f.yaml")
    )
    analysis.document_text = SAMPLE_TEXT
    store = Store(tmp_path / "lib.sqlite3")
    aid = import_analysis(store, analysis)
    assert store.analysis(aid).backend == analysis.backend
    assert store.latest_result_id(aid) is not None
    analysis.document_text = None
    with pytest.raises(Exception, match="document text"):
        import_analysis(store, analysis)


# -- the decision state machine ------------------------------------------------------------
@pytest.fixture
def wb_item(tmp_path: Path) -> tuple[Workbench, int, TestClient]:
    client = make_client(tmp_path)
    aid = analyse(client, upload(client))
    return client.app.state.workbench, aid, client  # type: ignore[attr-defined]


def test_state_machine_accept_reject_move_trim(
    wb_item: tuple[Workbench, int, TestClient],
) -> None:
    wb, aid, _client = wb_item
    _info, analysis = wb.reviewed(aid)
    themes = {t.id for t in analysis.themes}
    item = next(
        i
        for t in analysis.themes
        for i in [find_item(analysis, {}, t.id, k) for k in _keys(analysis, t.id)]
        if len(i.passage.text.split(". ")) > 1
    )
    home = item.theme_id
    other = next(t for t in sorted(themes) if t != home)
    text = wb.document_text(aid)

    accepted = next_decision(item, None, "accept", theme=home, theme_ids=themes)
    assert (accepted.status, accepted.target_theme, accepted.theme_id) == ("accepted", None, home)
    assert accepted.passage == item.passage.model_dump(mode="json")

    moved = next_decision(item, accepted, "move", theme=home, theme_ids=themes, target=other)
    assert (moved.status, moved.target_theme, moved.theme_id) == ("accepted", other, home)
    back = next_decision(item, moved, "move", theme=home, theme_ids=themes, target=home)
    assert back.target_theme is None  # moving back to the origin undoes the move
    # accepting the passage where it was moved to keeps it there; the origin stays
    there = next_decision(item, moved, "accept", theme=other, theme_ids=themes)
    assert (there.target_theme, there.theme_id) == (other, home)

    rejected = next_decision(item, moved, "reject", theme=home, theme_ids=themes)
    assert (rejected.status, rejected.target_theme) == ("rejected", None)

    s, e = item.passage.location.start, item.passage.location.start + 5
    trimmed = next_decision(
        item, moved, "trim", theme=home, theme_ids=themes, start=s, end=e, text=text
    )
    assert (trimmed.start, trimmed.end, trimmed.text) == (s, e, text[s:e])
    assert (trimmed.status, trimmed.target_theme) == ("accepted", other)

    with pytest.raises(NotFoundError):
        next_decision(item, None, "move", theme=home, theme_ids=themes, target="nope")
    with pytest.raises(DecisionError):
        next_decision(item, None, "trim", theme=home, theme_ids=themes, start=s, text=text)
    with pytest.raises(DecisionError):
        next_decision(
            item, None, "trim", theme=home, theme_ids=themes, start=s - 1, end=e, text=text
        )
    with pytest.raises(DecisionError):
        next_decision(item, None, "explode", theme=home, theme_ids=themes)


def _keys(analysis: object, theme: str) -> list[str]:
    from beleidslens.web.review import key_of

    return [key_of(theme, p) for p in analysis.theme(theme).passages]  # type: ignore[attr-defined]


def test_state_machine_drives_the_decide_route(
    wb_item: tuple[Workbench, int, TestClient],
) -> None:
    wb, aid, client = wb_item
    key = cards(client.get(f"/analyses/{aid}?theme=economie").text)[0]
    r = post(
        client,
        f"/analyses/{aid}/decide",
        data={"key": key, "theme": "economie", "action": "move", "target": "klimaat"},
    )
    assert r.status_code == 200
    d: Decision = wb.store.decisions(aid)[key]
    assert (d.status, d.theme_id, d.target_theme) == ("accepted", "economie", "klimaat")
    r = post(
        client,
        f"/analyses/{aid}/decide",
        data={"key": key, "theme": "economie", "action": "trim", "start": 0, "end": 1},
    )
    assert r.status_code == 400 and "niet binnen de passage" in r.text  # Dutch
