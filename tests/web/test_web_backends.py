"""Workbench: choosing the scoring backend and its options, stored with the analysis."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from beleidslens.errors import AnalysisError
from beleidslens.scoring import SCORERS
from beleidslens.web.backends import backend_choices, parse_options
from beleidslens.web.store import MIGRATIONS, Store
from test_web import analyse, make_client, post, upload, wait_run
from test_web_support import SAMPLE_FRAMEWORK, fake_analyze


class Recorder:
    """The fake engine, remembering the backend and options of every run."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(self, document: Any, framework: Any, **kwargs: Any) -> Any:
        options = kwargs.get("options")
        self.calls.append(
            {"backend": kwargs.get("backend"), "scorer": dict(options.scorer) if options else {}}
        )
        return fake_analyze(document, framework, **kwargs)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def client(tmp_path: Path, recorder: Recorder) -> TestClient:
    return make_client(tmp_path, analyze=recorder)


def _radios(html: str) -> dict[str, bool]:
    """backend name → checked, from the choice's radio buttons."""
    found = re.findall(r'<input type="radio" name="backend" value="([^"]+)" (checked)?', html)
    return {name: bool(checked) for name, checked in found}


def _extra_modules(monkeypatch: pytest.MonkeyPatch, *, torch: bool) -> None:
    """The embedding extra as the availability check sees it, installed here or not: the
    engine in these tests is a fake, so the README's test run needs no extra."""
    real = importlib.util.find_spec

    def find_spec(name: str, *args: Any) -> Any:
        if name == "torch":
            return importlib.machinery.ModuleSpec(name, None) if torch else None
        if name == "sentence_transformers":
            return importlib.machinery.ModuleSpec(name, None)
        return real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)  # as the registry probes it


def _without_torch(monkeypatch: pytest.MonkeyPatch) -> None:
    _extra_modules(monkeypatch, torch=False)


def test_every_registered_backend_is_offered_with_lexical_preselected(
    client: TestClient,
) -> None:
    doc = upload(client)
    html = client.get(f"/documents/{doc}").text
    radios = _radios(html)
    assert sorted(radios) == SCORERS.names()  # the registry, not a hand-written list
    assert [name for name, checked in radios.items() if checked] == ["lexical.v2"]
    assert "Scoringsmethode" in html and 'name="backend_options"' in html
    assert "Scoring backend" in client.get(f"/documents/{doc}?lang=en").text


def test_chosen_backend_and_options_are_stored_shown_used_and_kept_on_rerun(
    client: TestClient, recorder: Recorder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _extra_modules(monkeypatch, torch=True)
    doc = upload(client)
    r = post(
        client,
        f"/documents/{doc}/analyses",
        data={
            "framework_yaml": SAMPLE_FRAMEWORK,
            "backend": "embedding.v1",
            "backend_options": "# model and blend\nmodel = /modellen/robbert\n\nblend=0.5\n",
        },
    )
    assert r.status_code == 303, r.text
    aid = int(r.headers["location"].rsplit("/", 1)[1])
    wait_run(client, aid)
    expected = {"backend": "embedding.v1", "scorer": {"model": "/modellen/robbert", "blend": "0.5"}}
    assert recorder.calls == [expected]
    page = client.get(f"/analyses/{aid}").text
    assert re.search(r'class="run-backend[^>]*>[^<]*<strong>embedding\.v1</strong>', page)
    assert "model=/modellen/robbert" in page and "blend=0.5" in page
    assert _radios(page)["embedding.v1"]  # the re-run form starts from the stored choice
    # a plain re-run keeps backend and options
    assert post(client, f"/analyses/{aid}/rerun").status_code == 303
    wait_run(client, aid)
    assert recorder.calls[-1] == expected
    # a re-run with another choice changes them, for this and later runs
    r = post(client, f"/analyses/{aid}/rerun", data={"backend": "lexical.v1"})
    assert r.status_code == 303
    wait_run(client, aid)
    assert recorder.calls[-1] == {"backend": "lexical.v1", "scorer": {}}
    row = sqlite3.connect(tmp_path / "wb.sqlite3").execute(
        "SELECT backend, backend_options FROM analyses WHERE id = ?", (aid,)
    )
    assert row.fetchone() == ("lexical.v1", "{}")


def test_default_analysis_runs_lexical_without_options(
    client: TestClient, recorder: Recorder
) -> None:
    analyse(client, upload(client))
    assert recorder.calls == [{"backend": "lexical.v2", "scorer": {}}]


def test_backend_without_its_extra_shows_the_message_and_refuses_to_run(
    client: TestClient, recorder: Recorder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _without_torch(monkeypatch)
    doc = upload(client)
    html = client.get(f"/documents/{doc}").text
    choice = re.search(r'value="embedding\.v1".*?</label>', html, re.S)
    assert choice
    assert "niet geïnstalleerd" in choice.group(0)
    assert "pip install &#39;beleidslens[embeddings]&#39;" in choice.group(0)
    assert "torch" in choice.group(0)
    lexical = re.search(r'value="lexical\.v1".*?</label>', html, re.S)
    assert lexical and "missing-dependency" not in lexical.group(0)
    r = post(
        client,
        f"/documents/{doc}/analyses",
        data={"framework_yaml": SAMPLE_FRAMEWORK, "backend": "embedding.v1"},
    )
    assert r.status_code == 422
    assert "Traceback" not in r.text
    error = re.search(r'<p class="error-message backend-error"[^>]*>([^<]*)</p>', r.text)
    assert error and "the embedding backend needs the optional package" in error.group(1)
    assert _radios(r.text)["embedding.v1"]  # the choice and the pasted framework stay
    assert "schema: 1" in r.text
    assert recorder.calls == []
    count = sqlite3.connect(tmp_path / "wb.sqlite3").execute("SELECT count(*) FROM analyses")
    assert count.fetchone()[0] == 0
    # choosing it for a re-run fails with the same message and leaves the backend as it was
    aid = analyse(client, doc)
    r = post(client, f"/analyses/{aid}/rerun", data={"backend": "embedding"})
    assert r.status_code == 501 and "beleidslens[embeddings]" in r.text
    assert "Traceback" not in r.text
    assert len(recorder.calls) == 1


def test_unknown_backend_and_bad_option_lines_are_refused(client: TestClient) -> None:
    doc = upload(client)
    r = post(
        client,
        f"/documents/{doc}/analyses",
        data={"framework_yaml": SAMPLE_FRAMEWORK, "backend": "orakel.v9"},
    )
    assert r.status_code == 422 and "orakel.v9" in r.text and "lexical.v1" in r.text
    r = post(
        client,
        f"/documents/{doc}/analyses",
        data={"framework_yaml": SAMPLE_FRAMEWORK, "backend_options": "blend=0.5\nzonder teken"},
    )
    assert r.status_code == 422
    assert "backend options:2:" in r.text and "is not KEY=VALUE" in r.text
    assert "zonder teken" in r.text  # the analyst's text is kept in the form


def test_run_failure_from_the_backend_is_one_line(tmp_path: Path) -> None:
    """A backend that rejects an option fails the run with its message; the page says so."""

    def strict(document: Any, framework: Any, **kwargs: Any) -> Any:
        options = kwargs.get("options")
        if options and "onbekend" in options.scorer:
            raise AnalysisError("lexical backend: unknown option 'onbekend'")
        return fake_analyze(document, framework, **kwargs)

    client = make_client(tmp_path, analyze=strict)
    doc = upload(client)
    r = post(
        client,
        f"/documents/{doc}/analyses",
        data={"framework_yaml": SAMPLE_FRAMEWORK, "backend_options": "onbekend=1"},
    )
    aid = int(r.headers["location"].rsplit("/", 1)[1])
    wait_run(client, aid)
    page = client.get(f"/analyses/{aid}").text
    assert "unknown option &#39;onbekend&#39;" in page and "Traceback" not in page


def test_parse_options_matches_the_cli_meaning() -> None:
    from beleidslens.cli.options import parse_backend_options

    text = "blend=0.5\nmodel=007\nbase_url=http://127.0.0.1:9/v1?a=b"
    assert parse_options(text) == parse_backend_options(tuple(text.splitlines()))
    assert parse_options("") == {}
    assert parse_options("lexical.k1=1.5") == {"lexical.k1": "1.5"}  # a pre-ranker option
    with pytest.raises(AnalysisError, match=r"backend options:1: .* is not KEY=VALUE"):
        parse_options("=waarde")


def test_availability_check_does_not_import_the_extras() -> None:
    import sys

    before = {m for m in ("torch", "sentence_transformers", "openai") if m in sys.modules}
    backend_choices()
    after = {m for m in ("torch", "sentence_transformers", "openai") if m in sys.modules}
    assert after == before


def test_migration_adds_backend_options_to_an_older_database(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
    for name, sql in MIGRATIONS[:2]:
        conn.executescript(sql)
        conn.execute("INSERT INTO _migrations VALUES (?, 'x')", (name,))
    conn.execute("INSERT INTO documents (name, text, created) VALUES ('a', 'tekst', 'x')")
    conn.execute(
        "INSERT INTO frameworks (key, name, yaml, origin, created) "
        "VALUES ('f', 'F', 'y', 'upload', 'x')"
    )
    conn.execute("INSERT INTO analyses (document_id, framework_id, created) VALUES (1, 1, 'x')")
    conn.commit()
    conn.close()
    store = Store(db)
    assert "0003_backend_options" in store.migrations()
    info = store.analysis(1)
    assert info.backend == "lexical" and info.backend_options == {}
