"""``llm.v1`` against a stub OpenAI-compatible server on 127.0.0.1 (ephemeral port)."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("openai")

from beleidslens.analysis.options import AnalysisOptions
from beleidslens.analysis.pipeline import analyze
from beleidslens.cli import main
from beleidslens.errors import AnalysisError
from beleidslens.framework import load_framework
from beleidslens.ingest import load_document
from beleidslens.scoring import SCORERS, Query, ScoringUnit
from beleidslens.scoring import llm as llm_mod
from beleidslens.scoring.lexical import LexicalScorer
from beleidslens.scoring.llm import BadAnswer, build_messages, parse_grades
from conftest import EXAMPLES

_PASSAGE = re.compile(r"^\[(\d+)\] (.*)$", re.M)
_WORD = re.compile(r"\w{5,}")


def keyword_grades(user_message: str) -> list[int]:
    """Deterministic stand-in for a model: a passage's grade is how many words (5+ letters)
    of the topic line it shares, at most 3."""
    first = user_message.splitlines()[0]
    topic = {w.lower() for w in _WORD.findall(first.split(":", 1)[1])}
    grades = []
    for _n, text in _PASSAGE.findall(user_message):
        words = {w.lower() for w in _WORD.findall(text)}
        grades.append(min(3, len(topic & words)))
    return grades


@dataclass
class Stub:
    url: str
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    # "ok", "garbage", "garbage-once", "wrong-count", "500", "401", "slow"
    mode: str = "ok"
    fenced: bool = False


def _serve(stub: Stub) -> ThreadingHTTPServer:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with lock:
                stub.requests.append({"path": self.path, **body})
                stub.headers.append({k.lower(): v for k, v in self.headers.items()})
                count = len(stub.requests)
            if self.path != "/v1/chat/completions":
                return self._send(404, {"error": {"message": "not found"}})
            if stub.mode == "500":
                return self._send(500, {"error": {"message": "boom"}})
            if stub.mode == "401":
                return self._send(401, {"error": {"message": "bad key"}})
            if stub.mode == "slow":
                time.sleep(2)
            user = body["messages"][-1]["content"]
            grades = keyword_grades(user)
            content = json.dumps({"grades": grades})
            if stub.mode == "garbage" or (stub.mode == "garbage-once" and count == 1):
                content = "Hier zijn de cijfers: heel relevant!"
            elif stub.mode == "wrong-count":
                content = json.dumps({"grades": [*grades, 1]})
            elif stub.fenced:
                content = f"```json\n{content}\n```"
            self._send(
                200,
                {
                    "id": f"chatcmpl-{count}",
                    "object": "chat.completion",
                    "created": 0,
                    "model": body["model"],
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": content},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                },
            )

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                pass

    return ThreadingHTTPServer(("127.0.0.1", 0), Handler)


@pytest.fixture
def stub() -> Iterator[Stub]:
    stub = Stub(url="")
    server = _serve(stub)
    stub.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield stub
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> None:
    llm_mod._MEMORY.clear()
    for var in ("BELEIDSLENS_LLM_BASE_URL", "BELEIDSLENS_LLM_MODEL", "OPENAI_API_KEY"):
        monkeypatch.delenv(var, raising=False)


SENTENCES = [
    "We investeren in energienetwerken en duurzame energie voor iedereen.",
    "Het kabinet verhoogt het budget voor cybersecurity en digitale weerbaarheid.",
    "Er komt een aanpak van problematische schulden voor gezinnen.",
    "De zorg blijft toegankelijk en betaalbaar, ook in de regio.",
    "Gemeenten krijgen meer geld voor woningbouw en betaalbare huur.",
    "Schulden van gezinnen worden sneller opgelost met een schuldenaanpak.",
]


def _units() -> list[ScoringUnit]:
    return [ScoringUnit(str(i), s, "", f"g{i}") for i, s in enumerate(SENTENCES)]


def _queries() -> list[Query]:
    return [
        Query("schulden", (("problematische schulden gezinnen", 3.0), ("schuldenaanpak", 2.0))),
        Query("energie", (("duurzame energie energienetwerken", 3.0),)),
        Query("ruimte", (("ruimtevaart satelliet", 3.0),)),  # no lexical match: no request
    ]


def _scorer(stub: Stub, **extra: Any) -> Any:
    return SCORERS.create(
        "llm", base_url=stub.url, model="stub-model", api_key="sk-test-secret", **extra
    )


def test_request_shape(stub: Stub) -> None:
    scorer = _scorer(stub, seed=7, concurrency=1)
    scorer.score(_units(), _queries())
    assert len(stub.requests) == 2  # one per query with lexical candidates
    req = stub.requests[0]
    assert req["path"] == "/v1/chat/completions"
    assert req["model"] == "stub-model"
    assert req["temperature"] == 0 and req["seed"] == 7
    roles = [m["role"] for m in req["messages"]]
    assert roles == ["system", "user"]
    user = req["messages"][1]["content"]
    assert user.startswith("Onderwerp: problematische schulden gezinnen")
    assert "JSON" in user and '"grades"' in user
    assert stub.headers[0]["authorization"] == "Bearer sk-test-secret"


def test_prompt_in_english_and_candidates_numbered() -> None:
    q = Query("q", (("Schulden", 3.0), ("", 2.0), ("aanpak", 1.0)))
    messages = build_messages(q, ["Eerste  zin.", "Tweede\nzin."], "en")
    user = messages[1]["content"]
    assert user.splitlines()[0] == "Topic: Schulden"
    assert "- aanpak" in user and "exactly 2 integers" in user
    assert user.endswith("[1] Eerste zin.\n[2] Tweede zin.")


def test_grades_become_scores_blended_with_lexical(stub: Stub) -> None:
    units, queries = _units(), _queries()
    lexical = LexicalScorer().score(units, queries)
    scores = _scorer(stub, blend=0.7).score(units, queries)
    assert scores.shape == (3, len(units)) and (scores >= 0).all() and (scores <= 1).all()
    graded = np.zeros_like(lexical)
    for req in stub.requests:
        user = req["messages"][1]["content"]
        qi = 0 if "schulden" in user.splitlines()[0] else 1
        for (_n, text), g in zip(_PASSAGE.findall(user), keyword_grades(user), strict=True):
            graded[qi, SENTENCES.index(text)] = g / 3
    assert np.allclose(scores, 0.3 * lexical + 0.7 * graded)
    assert np.array_equal(scores[2], 0.3 * lexical[2])  # no candidates: lexical scaled


def test_candidates_and_batches_are_bounded(stub: Stub) -> None:
    _scorer(stub, max_candidates=3, batch_size=2, concurrency=1).score(_units(), _queries())
    sizes = [len(_PASSAGE.findall(r["messages"][1]["content"])) for r in stub.requests]
    assert all(s <= 2 for s in sizes)
    assert sum(sizes) <= 3 * 2  # at most 3 candidates for each of the two matching queries


def test_parse_grades() -> None:
    assert parse_grades('{"grades": [0, 3, 2]}', 3) == [0, 3, 2]
    assert parse_grades("```json\n[1, 2]\n```", 2) == [1, 2]
    assert parse_grades('Zie: {"grades": ["2", 1.0]} klaar', 2) == [2, 1]
    assert parse_grades('[{"id": 1, "grade": 3}]', 1) == [3]
    for bad, n in [
        ("geen json", 1),
        ('{"grades": [1, 2]}', 3),
        ('{"grades": [4]}', 1),
        ('{"grades": [true]}', 1),
        ('{"grades": [1.5]}', 1),
        ('{"other": 1}', 1),
        ("[1, 2", 2),
    ]:
        with pytest.raises(BadAnswer):
            parse_grades(bad, n)


def test_fenced_answers_are_accepted(stub: Stub) -> None:
    stub.fenced = True
    scores = _scorer(stub).score(_units(), _queries())
    assert scores.max() > 0


def test_malformed_answer_is_retried_once(stub: Stub) -> None:
    stub.mode = "garbage-once"
    _scorer(stub, concurrency=1, disk_cache=False).score(_units(), _queries()[:1])
    assert len(stub.requests) == 2
    stub.requests.clear()
    stub.mode = "wrong-count"
    llm_mod._MEMORY.clear()
    with pytest.raises(AnalysisError, match=r"expected 2 grades, got 3 .after one retry.$") as info:
        _scorer(stub, concurrency=1).score(_units(), _queries()[:1])
    assert len(stub.requests) == 2
    assert str(info.value).startswith(f"{stub.url}: llm backend: model stub-model")


def test_server_errors(stub: Stub) -> None:
    stub.mode = "500"
    with pytest.raises(AnalysisError, match=r"server error \(HTTP 500\) \(after one retry\)"):
        _scorer(stub, concurrency=1).score(_units(), _queries()[:1])
    assert len(stub.requests) == 2
    stub.requests.clear()
    stub.mode = "401"
    with pytest.raises(AnalysisError, match=r"refused the request \(HTTP 401\)") as info:
        _scorer(stub).score(_units(), _queries()[:1])
    assert len(stub.requests) == 1  # no retry for a client error
    assert "sk-test-secret" not in str(info.value)


def test_timeout(stub: Stub) -> None:
    stub.mode = "slow"
    with pytest.raises(AnalysisError, match=r"no answer within 0.3 s \(after one retry\)"):
        _scorer(stub, timeout=0.3, concurrency=1).score(_units(), _queries()[:1])


def test_options_and_environment(monkeypatch: pytest.MonkeyPatch, stub: Stub) -> None:
    with pytest.raises(AnalysisError, match="needs a server"):
        SCORERS.create("llm", model="m")
    with pytest.raises(AnalysisError, match="needs a model"):
        SCORERS.create("llm", base_url=stub.url)
    with pytest.raises(AnalysisError, match="unknown option"):
        _scorer(stub, temperature=1)
    with pytest.raises(AnalysisError, match="blend"):
        _scorer(stub, blend="2")
    monkeypatch.setenv("BELEIDSLENS_LLM_BASE_URL", stub.url)
    monkeypatch.setenv("BELEIDSLENS_LLM_MODEL", "env-model")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env-secret")
    scorer = SCORERS.create("llm", max_candidates="5")
    params = scorer.parameters()
    assert params["base_url"] == stub.url and params["model"] == "env-model"
    assert params["max_candidates"] == 5
    assert "api_key" not in params and "sk-env-secret" not in json.dumps(params)
    scorer.score(_units(), _queries()[:1])
    assert stub.requests[0]["model"] == "env-model"
    assert stub.headers[0]["authorization"] == "Bearer sk-env-secret"


def test_cache_memory_and_disk(stub: Stub) -> None:
    first = _scorer(stub).score(_units(), _queries())
    sent = len(stub.requests)
    assert sent == 2
    again = _scorer(stub)
    assert np.array_equal(first, again.score(_units(), _queries()))
    assert len(stub.requests) == sent and again.requests == 0
    llm_mod._MEMORY.clear()  # a new process: answers come from the disk cache
    cold = _scorer(stub)
    assert np.array_equal(first, cold.score(_units(), _queries()))
    assert len(stub.requests) == sent and cold.requests == 0
    # the cache key includes the model: another model asks again
    _scorer(stub, disk_cache=False, seed=1).score(_units(), _queries())
    assert len(stub.requests) == 2 * sent


def test_analyze_end_to_end_twice_without_new_requests(stub: Stub, tmp_path: Path) -> None:
    doc = load_document(EXAMPLES / "voorbeeldakkoord.txt")
    fw = load_framework("kwetsbaarheden")
    opts = AnalysisOptions(
        scorer={"base_url": stub.url, "model": "stub-model", "api_key": "sk-test-secret"}
    )
    result = analyze(doc, fw, backend="llm", options=opts)
    assert result.backend == "llm.v1"
    recorded = result.parameters["scorer"]
    assert recorded["model"] == "stub-model" and recorded["base_url"] == stub.url
    assert "sk-test-secret" not in result.model_dump_json()
    assert len(result.themes) == len(fw.themes)
    passages = [p for t in result.themes for p in t.passages]
    assert passages and all(0 <= p.score <= 1 for p in passages)
    sent = len(stub.requests)
    assert sent > 0
    again = analyze(doc, fw, backend="llm", options=opts)
    assert len(stub.requests) == sent
    strip = {"created"}
    assert again.model_dump(exclude=strip) == result.model_dump(exclude=strip)


def test_cli_with_options_and_server_down(
    stub: Stub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a.json"
    args = ["analyze", str(EXAMPLES / "voorbeeldakkoord.txt"), "-f", "kwetsbaarheden"]
    main(
        [
            *args,
            "--backend",
            "llm",
            "--backend-option",
            f"base_url={stub.url}",
            "--backend-option",
            "model=stub-model",
            "--backend-option",
            "max_candidates=4",
            "-o",
            str(out),
        ]
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["backend"] == "llm.v1"
    assert data["parameters"]["scorer"]["max_candidates"] == 4
    capsys.readouterr()

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        down = f"http://127.0.0.1:{s.getsockname()[1]}/v1"
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                *args,
                "--backend",
                "llm",
                f"--backend-option=base_url={down}",
                "--backend-option=model=m",
            ]
        )
    assert exit_info.value.code == 5
    err = capsys.readouterr().err
    assert err.startswith(f"beleidslens: error: {down}: llm backend: cannot reach the server")
    assert err.count("\n") == 1 and "Traceback" not in err

    with pytest.raises(SystemExit):
        main([*args, "--backend", "llm", "--backend-option", "novalue"])
    assert "is not KEY=VALUE" in capsys.readouterr().err


def test_cli_values_reach_the_backend_as_typed_options(stub: Stub) -> None:
    from beleidslens.cli.options import parse_backend_options

    raw = parse_backend_options(("model=007", f"base_url={stub.url}", "blend=0.5", "seed= 3"))
    assert raw["model"] == "007"  # a name stays a name
    params = SCORERS.create("llm", **raw).parameters()
    assert params["model"] == "007" and params["blend"] == 0.5 and params["seed"] == 3
    with pytest.raises(AnalysisError, match=r"option seed='x' must be int"):
        SCORERS.create("llm", **{**raw, "seed": "x"})


def test_lexical_options_reach_the_pre_ranker(stub: Stub) -> None:
    units, queries = _units(), _queries()
    tuned = LexicalScorer(k1=0.1, section_weight=0.0).score(units, queries)
    assert not np.array_equal(tuned, LexicalScorer().score(units, queries))
    scorer = _scorer(stub, blend=0.0, **{"lexical.k1": "0.1", "lexical.section_weight": "0"})
    assert np.allclose(scorer.score(units, queries), tuned)
    recorded = scorer.parameters()["lexical"]
    assert recorded["k1"] == 0.1 and recorded["section_weight"] == 0.0
    with pytest.raises(AnalysisError, match=r"option lexical\.k1='x' must be float"):
        _scorer(stub, **{"lexical.k1": "x"})
    with pytest.raises(AnalysisError, match=r"unknown option\(s\) lexical\.bogus"):
        _scorer(stub, **{"lexical.bogus": "1"})
