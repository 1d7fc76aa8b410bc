"""The parameter models: every tuned number has a description, a range and a documented origin."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from beleidslens.analysis.options import AnalysisOptions
from beleidslens.audit.options import AuditOptions
from beleidslens.errors import AnalysisError
from beleidslens.evaluate.peers import PeerParams
from beleidslens.evaluate.rules import EvaluationRules
from beleidslens.extract.params import MoneyParams
from beleidslens.ingest.params import HyphenParams, PageParams
from beleidslens.learn.params import LearnParams
from beleidslens.learn.rerank import RerankParams
from beleidslens.learn.simulate import SimulationParams
from beleidslens.nlp.params import CompoundParams, PhraseParams
from beleidslens.scoring.params import EmbeddingParams, LexicalParams, LLMParams

REPO = Path(__file__).resolve().parents[2]
MODELS: list[type[BaseModel]] = [
    LexicalParams,
    EmbeddingParams,
    LLMParams,
    AnalysisOptions,
    AuditOptions,
    CompoundParams,
    PhraseParams,
    PageParams,
    HyphenParams,
    MoneyParams,
    EvaluationRules,
    RerankParams,
    SimulationParams,
    LearnParams,
    PeerParams,
]
DOCS = {
    AuditOptions: "audit.md",
    PageParams: "document-model.md",
    HyphenParams: "document-model.md",
    MoneyParams: "extraction.md",
    EvaluationRules: "evaluation.md",
    RerankParams: "learning.md",
    SimulationParams: "learning.md",
    LearnParams: "learning.md",
    PeerParams: "evaluation.md",
}


def _numeric(model: type[BaseModel], name: str) -> bool:
    return model.model_fields[name].annotation in (int, float)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_is_described_and_numbers_are_bounded(model: type[BaseModel]) -> None:
    assert model.model_config.get("extra") == "forbid"
    for name, info in model.model_fields.items():
        assert info.description, f"{model.__name__}.{name} has no description"
        if _numeric(model, name) and name != "seed":
            kinds = {type(m).__name__ for m in info.metadata}
            assert kinds & {"Ge", "Gt"} and kinds & {"Le", "Lt"}, f"{name} has no range"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_docs_name_every_parameter_with_its_origin(model: type[BaseModel]) -> None:
    """docs/scoring.md (audit.md) has a table per model: every field, a 'chosen by' entry."""
    text = (REPO / "docs" / DOCS.get(model, "scoring.md")).read_text(encoding="utf-8")
    start = re.search(rf"^### .*\(`{model.__name__}`\)$", text, re.M)
    assert start, f"docs/scoring.md has no section for {model.__name__}"
    section = text[start.end() :].split("\n#", 1)[0]
    rows = dict(re.findall(r"^\| `([A-Za-z_0-9]+)` \|[^|]*\|[^|]*\| ([^|]+) \|$", section, re.M))
    for name in model.model_fields:
        if name in ("lexical", "scorer"):
            continue
        assert name in rows, f"docs/scoring.md has no row for {model.__name__}.{name}"
        assert len(rows[name].strip()) > 10
    assert set(rows) <= set(model.model_fields), "documented parameters that do not exist"


def test_strings_from_the_cli_are_typed() -> None:
    p = LexicalParams.from_options({"k1": "1.5", "prf_terms": "4", "phrase_gap": " 2"})
    assert (p.k1, p.prf_terms, p.phrase_gap) == (1.5, 4, 2)
    e = EmbeddingParams.from_options({"blend": "0.25", "disk_cache": "false", "lexical.b": "0.5"})
    assert e.blend == 0.25 and e.disk_cache is False and e.lexical.b == 0.5
    assert "revision" not in e.recorded() and e.recorded()["lexical"]["b"] == 0.5
    llm = LLMParams.from_options({"model": "007", "api_key": "secret", "lang": "en"})
    assert llm.model == "007" and "api_key" not in llm.recorded()


@pytest.mark.parametrize(
    ("model", "options", "message"),
    [
        (LexicalParams, {"k1": "abc"}, r"^lexical backend: option k1='abc' must be float$"),
        (LexicalParams, {"prf_terms": "1.5"}, r"option prf_terms=1\.5 must be int$|must be int"),
        (LexicalParams, {"scale": 0}, r"option scale=0 must be in \(0\.0, 100\.0\]"),
        (LexicalParams, {"common_zipf_low": 6}, r"common_zipf_low must be below"),
        (EmbeddingParams, {"calibration": "magic"}, r"calibration='magic' must be 'quantile'"),
        (EmbeddingParams, {"batch_size": "many"}, r"option batch_size='many' must be int"),
        (EmbeddingParams, {"lexical.k1": "-1"}, r"option lexical\.k1='-1' must be in"),
        (LLMParams, {"bogus": 1}, r"^llm backend: unknown option\(s\) bogus; known: api_key"),
        (LLMParams, {"disk_cache": "perhaps"}, r"option disk_cache='perhaps' must be bool"),
        (EmbeddingParams, {"memory_cache": -1}, r"option memory_cache=-1 must be in \[0, "),
        (CompoundParams, {"min_word": 1}, r"^compound parameter min_word: .*greater than or equal"),
        (CompoundParams, {"min_zipf": 9}, r"^compound parameter min_zipf: .*less than or equal"),
        (CompoundParams, {"split": True}, r"^compound parameter split: extra inputs"),
        (PhraseParams, {"min_words": 3, "max_words": 2}, r"^phrase parameter: min_words must"),
    ],
)
def test_bad_values_are_one_line(model: type, options: dict, message: str) -> None:
    with pytest.raises(AnalysisError, match=message) as info:
        model.from_options(options)
    assert "\n" not in str(info.value)


def test_analyzer_parameters_are_recorded_in_every_analysis() -> None:
    from beleidslens.analysis.pipeline import analyze
    from beleidslens.framework import load_framework
    from beleidslens.ingest import parse_text

    text = "Wonen\n\nWe bouwen meer betaalbare huurwoningen voor starters.\n"
    result = analyze(parse_text(text, name="x.txt"), load_framework("kwetsbaarheden"))
    analyzer = result.parameters["analyzer"]
    assert analyzer["compounds"] == CompoundParams().recorded()
    assert analyzer["phrases"] == {"max_words": 3, "min_words": 2}
    assert result.parameters["options"]["stance_before"] == 4


def test_analysis_options_are_checked() -> None:
    assert AnalysisOptions().to_dict()["min_score"] == 0.25
    with pytest.raises(AnalysisError, match="analysis option min_score"):
        AnalysisOptions.from_options({"min_score": 2})
    with pytest.raises(AnalysisError, match="analysis option bogus"):
        AnalysisOptions.from_options({"bogus": 1})


class _FakeModel:
    """Stands in for a SentenceTransformer (no torch): a vector from the text's letters."""

    def encode(self, texts: list[str], **_kw: object) -> object:
        import numpy as np

        out = np.zeros((len(texts), 26))
        for i, t in enumerate(texts):
            for ch in t.lower():
                if "a" <= ch <= "z":
                    out[i, ord(ch) - 97] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def test_embedding_passes_lexical_options_to_its_lexical_scores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import numpy as np

    from beleidslens.scoring import Query, ScoringUnit
    from beleidslens.scoring import embedding as emb
    from beleidslens.scoring.lexical import LexicalScorer

    monkeypatch.setattr(emb, "load_model", lambda *a, **k: (_FakeModel(), "fake"))
    units = [
        ScoringUnit("1", "We investeren in dijken tegen hoogwater.", "Water", "w"),
        ScoringUnit("2", "De dijken worden versterkt en het water krijgt ruimte.", "Water", "w"),
        ScoringUnit("3", "Scholen krijgen meer geld voor leraren.", "Onderwijs", "o"),
    ]
    queries = [Query("q", (("dijken en water", 3.0),))]
    tuned = LexicalScorer(k1=0.1, section_weight=0.0).score(units, queries)
    assert not np.array_equal(tuned, LexicalScorer().score(units, queries))
    scorer = emb.EmbeddingScorer(
        blend=0.0, disk_cache=False, **{"lexical.k1": "0.1", "lexical.section_weight": "0"}
    )
    assert np.array_equal(scorer.score(units, queries), tuned)
    recorded = scorer.parameters()
    assert recorded["lexical"]["k1"] == 0.1 and "revision" not in recorded


def test_embedding_memory_cache_bounds_the_process_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import numpy as np

    from beleidslens.scoring import embedding as emb

    monkeypatch.setattr(emb, "load_model", lambda *a, **k: (_FakeModel(), "fake"))
    monkeypatch.setattr(emb, "_MEMORY", {})
    texts = ["dijken", "water", "scholen", "leraren", "woningen"]
    expected = emb.EmbeddingScorer(disk_cache=False).embed(texts)
    assert len(emb._MEMORY) == 5  # the default keeps them all
    emb._MEMORY.clear()
    small = emb.EmbeddingScorer(disk_cache=False, memory_cache="2")
    assert np.array_equal(small.embed(texts), expected)  # a call keeps its own vectors
    assert len(emb._MEMORY) == 2
    assert "memory_cache" not in small.parameters()
