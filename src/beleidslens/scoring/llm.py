"""``llm.v1``: an OpenAI-compatible language model grades the lexical scorer's top candidates.

1. **Pre-ranking** — ``lexical.v1`` scores every unit against every query.
2. **Grading** — per query, the ``max_candidates`` best units with a lexical score above 0
   go to the model (``batch_size`` passages per request) with a prompt (Dutch by default,
   ``lang=en`` for English) describing the query from its fields and asking for a JSON object
   ``{"grades": [g1, g2, …]}``, one grade per passage: 0 not relevant, 1 marginal,
   2 relevant, 3 a direct, concrete contribution. ``temperature=0`` and a fixed ``seed``.
3. **Scores** — grade ``g`` becomes ``g / 3``; a candidate scores
   ``(1 - blend) × lexical + blend × g / 3``; a unit that was not a candidate scores
   ``(1 - blend) × lexical`` (as if graded 0), so it never outranks a graded one it trailed.
4. **Errors** — an answer that is not a JSON list of ``n`` grades in 0–3, a timeout, a
   connection failure or a 5xx status is retried once, then raises a one-line
   :class:`~beleidslens.errors.AnalysisError` naming the server.
5. **Cache** — answers are cached by ``sha256(model, seed, messages)`` in memory and on disk
   (``$BELEIDSLENS_HOME/cache/llm/``, atomic writes) unless ``disk_cache=false``: a second
   analysis of unchanged text sends no request.

Options default from the environment: ``base_url`` ← ``BELEIDSLENS_LLM_BASE_URL``, ``model``
← ``BELEIDSLENS_LLM_MODEL``, ``api_key`` ← ``OPENAI_API_KEY``. The key is never recorded in
the analysis parameters.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from ..errors import AnalysisError, BeleidslensError
from ..fsutil import atomic_write
from .base import Query, Scorer, ScoringUnit
from .params import LLMParams, cache_root, content_hash

MAX_GRADE = 3

PROMPTS: dict[str, dict[str, str]] = {
    "nl": {
        "system": (
            "Je beoordeelt passages uit een Nederlands beleidsdocument op hun bijdrage aan "
            "een onderwerp. Antwoord uitsluitend met JSON, zonder uitleg."
        ),
        "topic": "Onderwerp",
        "details": "Toelichting",
        "scale": (
            "Geef elke passage een cijfer: 0 = niet relevant, 1 = zijdelings, "
            "2 = relevant, 3 = draagt direct en concreet bij aan het onderwerp."
        ),
        "format": (
            'Antwoord met een JSON-object {{"grades": [...]}} met precies {n} gehele '
            "getallen (0-3), in de volgorde van de passages."
        ),
        "passages": "Passages",
    },
    "en": {
        "system": (
            "You grade passages from a Dutch policy document by their contribution to a "
            "topic. Answer with JSON only, no explanation."
        ),
        "topic": "Topic",
        "details": "Details",
        "scale": (
            "Grade each passage: 0 = not relevant, 1 = marginal, 2 = relevant, "
            "3 = contributes directly and concretely to the topic."
        ),
        "format": (
            'Answer with a JSON object {{"grades": [...]}} holding exactly {n} integers '
            "(0-3), in the order of the passages."
        ),
        "passages": "Passages",
    },
}

_MEMORY: dict[str, list[int]] = {}
_LOCK = threading.Lock()
_FENCE = re.compile(r"^```[a-zA-Z]*\s*|\s*```\s*$")


class BadAnswer(ValueError):
    """The model's answer is not a valid list of grades."""


def parse_grades(content: str, n: int) -> list[int]:
    """Grades from a model answer: ``{"grades": [...]}`` or a bare list; items are integers
    0–3 (or numeric strings, or objects with a ``grade``). Raises :class:`BadAnswer`."""
    text = _FENCE.sub("", (content or "").strip())
    starts = [i for i in (text.find("{"), text.find("[")) if i >= 0]
    if not starts:
        raise BadAnswer("no JSON in the answer")
    try:
        data, _end = json.JSONDecoder().raw_decode(text[min(starts) :])
    except json.JSONDecodeError as exc:
        raise BadAnswer(f"invalid JSON ({exc.msg})") from None
    if isinstance(data, dict):
        data = data.get("grades", data.get("scores"))
    if not isinstance(data, list):
        raise BadAnswer('expected {"grades": [...]}')
    if len(data) != n:
        raise BadAnswer(f"expected {n} grades, got {len(data)}")
    grades = []
    for item in data:
        if isinstance(item, dict):
            item = item.get("grade", item.get("score"))
        if isinstance(item, str) and item.strip().lstrip("-").isdigit():
            item = int(item.strip())
        if isinstance(item, float) and item.is_integer():
            item = int(item)
        if isinstance(item, bool) or not isinstance(item, int) or not 0 <= item <= MAX_GRADE:
            raise BadAnswer(f"grade {item!r} is not an integer 0-{MAX_GRADE}")
        grades.append(item)
    return grades


def build_messages(query: Query, passages: Sequence[str], lang: str) -> list[dict[str, str]]:
    """The chat messages asking for grades of ``passages`` against ``query``."""
    t = PROMPTS[lang]
    fields = [text.strip() for text, w in sorted(query.fields, key=lambda f: -f[1]) if w > 0]
    fields = [f for f in fields if f]
    lines = [f"{t['topic']}: {fields[0] if fields else query.id}"]
    if len(fields) > 1:
        lines.append(f"{t['details']}:")
        lines.extend(f"- {f}" for f in fields[1:])
    lines += ["", t["scale"], t["format"].format(n=len(passages)), "", f"{t['passages']}:"]
    lines.extend(f"[{i}] {' '.join(p.split())}" for i, p in enumerate(passages, 1))
    return [
        {"role": "system", "content": t["system"]},
        {"role": "user", "content": "\n".join(lines)},
    ]


class LLMScorer(Scorer):
    name: ClassVar[str] = "llm.v1"

    def __init__(self, **params: Any) -> None:
        env = {
            "base_url": os.environ.get("BELEIDSLENS_LLM_BASE_URL") or None,
            "model": os.environ.get("BELEIDSLENS_LLM_MODEL") or None,
            "api_key": os.environ.get("OPENAI_API_KEY") or None,
        }
        given = {k: v for k, v in params.items() if v is not None}
        self.settings = LLMParams.from_options({**{k: v for k, v in env.items() if v}, **given})
        p = self.settings.model_dump()
        if not p["base_url"]:
            raise AnalysisError(
                "llm backend needs a server: --backend-option base_url=http://host:port/v1 "
                "or BELEIDSLENS_LLM_BASE_URL"
            )
        if not p["model"]:
            raise AnalysisError(
                "llm backend needs a model name: --backend-option model=NAME "
                "or BELEIDSLENS_LLM_MODEL"
            )
        self._api_key = p.pop("api_key") or "not-needed"
        super().__init__(**p)
        self.requests = 0  # requests actually sent (the rest came from a cache)
        self._client: Any = None

    def parameters(self) -> dict[str, Any]:
        return dict(sorted(self.params.items()))  # the api key is never in self.params

    # -- transport ------------------------------------------------------------------------
    def _get_client(self) -> Any:
        if self._client is None:
            from openai import OpenAI

            self._client = OpenAI(
                base_url=self.params["base_url"],
                api_key=self._api_key,
                timeout=self.params["timeout"],
                max_retries=0,
            )
        return self._client

    def _fail(self, message: str) -> AnalysisError:
        return AnalysisError(f"llm backend: {message}", self.params["base_url"])

    def _ask(self, messages: list[dict[str, str]], n: int) -> list[int]:
        import openai

        client = self._get_client()
        last = ""
        for _attempt in range(2):  # one retry
            with _LOCK:
                self.requests += 1
            try:
                response = client.chat.completions.create(
                    model=self.params["model"],
                    messages=messages,
                    temperature=0,
                    seed=self.params["seed"],
                )
                content = response.choices[0].message.content if response.choices else ""
                return parse_grades(content or "", n)
            except BadAnswer as exc:
                last = f"model {self.params['model']} gave no valid grades: {exc}"
            except openai.APITimeoutError:
                last = f"no answer within {self.params['timeout']:g} s"
            except openai.APIConnectionError as exc:
                cause = exc.__cause__ or exc
                last = f"cannot reach the server ({str(cause).splitlines()[0][:150]})"
            except openai.APIStatusError as exc:
                detail = f"HTTP {exc.status_code}"
                if exc.status_code < 500:  # bad key, unknown model: retrying will not help
                    raise self._fail(
                        f"server refused the request ({detail}) for model {self.params['model']}"
                    ) from None
                last = f"server error ({detail})"
            except (AttributeError, IndexError, TypeError, ValueError) as exc:
                last = f"unexpected answer ({type(exc).__name__})"
        raise self._fail(f"{last} (after one retry)")

    # -- cache ----------------------------------------------------------------------------
    def _key(self, messages: list[dict[str, str]]) -> str:
        return content_hash(
            "llm.v1",
            self.params["model"],
            str(self.params["seed"]),
            json.dumps(messages, ensure_ascii=False, sort_keys=True),
        )

    @staticmethod
    def _disk_path(key: str) -> Path:
        return cache_root() / "llm" / key[:2] / f"{key}.json"

    def _cached(self, key: str, n: int) -> list[int] | None:
        with _LOCK:
            hit = _MEMORY.get(key)
        if hit is not None:
            return hit
        if not self.params["disk_cache"]:
            return None
        try:
            grades = parse_grades(self._disk_path(key).read_text(encoding="utf-8"), n)
        except (OSError, BadAnswer):
            return None
        with _LOCK:
            _MEMORY[key] = grades
        return grades

    def _store(self, key: str, grades: list[int]) -> None:
        with _LOCK:
            _MEMORY[key] = grades
        if not self.params["disk_cache"]:
            return
        path = self._disk_path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, json.dumps({"grades": grades}))
        except (BeleidslensError, OSError):  # a cache that cannot be written only costs time
            pass

    def _grade(self, messages: list[dict[str, str]], n: int) -> list[int]:
        key = self._key(messages)
        grades = self._cached(key, n)
        if grades is None:
            grades = self._ask(messages, n)
            self._store(key, grades)
        return grades

    # -- the batch method -----------------------------------------------------------------
    def candidates(self, lexical_row: np.ndarray) -> list[int]:
        """The units sent to the model for one query: best lexical first, score > 0."""
        order = np.argsort(-lexical_row, kind="stable")[: self.params["max_candidates"]]
        return [int(i) for i in order if lexical_row[i] > 0]

    def score(self, units: Sequence[ScoringUnit], queries: Sequence[Query]) -> np.ndarray:
        from .lexical import LexicalScorer

        n_q, n_u = len(queries), len(units)
        if not n_q or not n_u:
            return np.zeros((n_q, n_u), dtype=np.float64)
        p = self.params
        lexical = LexicalScorer(**self.settings.lexical.recorded()).score(units, queries)
        graded = np.zeros((n_q, n_u), dtype=np.float64)
        jobs: list[tuple[int, list[int], list[dict[str, str]]]] = []
        for qi, query in enumerate(queries):
            cands = self.candidates(lexical[qi])
            for start in range(0, len(cands), p["batch_size"]):
                batch = cands[start : start + p["batch_size"]]
                messages = build_messages(query, [units[i].text for i in batch], p["lang"])
                jobs.append((qi, batch, messages))
        if p["concurrency"] > 1 and len(jobs) > 1:
            with ThreadPoolExecutor(max_workers=p["concurrency"]) as pool:
                futures = [pool.submit(self._grade, m, len(b)) for _qi, b, m in jobs]
                try:
                    answers = [f.result() for f in futures]
                except BaseException:
                    for f in futures:  # fail fast: requests not yet sent are dropped
                        f.cancel()
                    raise
        else:
            answers = [self._grade(messages, len(batch)) for _qi, batch, messages in jobs]
        for (qi, batch, _messages), grades in zip(jobs, answers, strict=True):
            graded[qi, batch] = np.asarray(grades, dtype=np.float64) / MAX_GRADE
        w = p["blend"]
        return np.clip((1.0 - w) * lexical + w * graded, 0.0, 1.0)
