from __future__ import annotations

import math

import numpy as np
import pytest

from beleidslens.errors import MissingDependencyError, UnknownNameError
from beleidslens.scoring import SCORERS, Query, ScoringUnit
from beleidslens.scoring.lexical import LexicalScorer, _TermScores


def _reference_bm25(docs: list[list[str]], term: str, k1: float, b: float) -> list[float]:
    """Lucene BM25 written out (the rank_bm25-style reference)."""
    n = len(docs)
    avgdl = sum(len(d) for d in docs) / n
    df = sum(1 for d in docs if term in d)
    idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
    out = []
    for d in docs:
        tf = d.count(term)
        out.append(idf * tf / (tf + k1 * (1 - b + b * len(d) / avgdl)))
    return out


def test_bm25_matches_reference_on_toy_corpus() -> None:
    docs = [
        ["woning", "bouw", "woning"],
        ["zorg", "preventie"],
        ["woning", "zorg", "ouderen", "wijk", "buurt"],
        ["klimaat"],
    ]
    scores = _TermScores(docs, k1=1.2, b=0.75)
    for term in ("woning", "zorg", "klimaat"):
        np.testing.assert_allclose(
            scores.term(term), _reference_bm25(docs, term, 1.2, 0.75), rtol=1e-5
        )
    assert not scores.term("onbekend").any()


def test_term_scores_equal_bm25s_exactly() -> None:
    """The index computes bm25s's figures itself (without its scipy import): same float32
    rounding, so every score is bit-identical, empty units and repeated terms included."""
    import bm25s

    rng = np.random.default_rng(7)
    vocab = [f"w{i}" for i in range(40)]
    for k1, b in ((1.2, 0.75), (1.5, 0.3)):
        docs = [
            [str(t) for t in rng.choice(vocab, size=int(rng.integers(0, 30)))] for _ in range(60)
        ]
        retriever = bm25s.BM25(k1=k1, b=b, method="lucene")
        retriever.index([d or [""] for d in docs], show_progress=False)
        index = _TermScores(docs, k1=k1, b=b)
        for term in sorted({t for d in docs for t in d}):
            expected = np.asarray(retriever.get_scores([term]), dtype=np.float64)
            np.testing.assert_array_equal(index.term(term), expected)


def test_query_terms_weighted_and_normalized() -> None:
    q = Query("q", (("aanpak van cybercriminaliteit", 3.0), ("politie, ransomware", 2.0)))
    terms = LexicalScorer.query_terms(q)
    assert math.isclose(sum(terms.values()), 1.0)
    assert "cybercriminaliteit" in terms and "criminaliteit" in terms  # compound part
    assert terms["cybercriminaliteit"] > terms["politie"]  # label outweighs a keyword
    assert "van" not in terms


def test_scores_in_unit_interval_and_relevant_first() -> None:
    units = [
        ScoringUnit("a", "We pakken cybercriminaliteit en ransomware hard aan.", "Veiligheid"),
        ScoringUnit("b", "We bouwen betaalbare woningen voor starters.", "Wonen"),
        ScoringUnit("c", "De politie krijgt meer geld voor de wijkagent.", "Veiligheid"),
    ]
    q = Query("cyber", (("cybercriminaliteit", 3.0), ("ransomware", 2.0)))
    s = LexicalScorer().score(units, [q])
    assert s.shape == (1, 3)
    assert (s >= 0).all() and (s <= 1).all()
    assert s[0, 0] > s[0, 2] >= s[0, 1]


def test_expansion_adds_distinctive_terms_of_top_units() -> None:
    scorer = LexicalScorer(prf_docs=3, prf_min_docs=2, prf_terms=3)
    docs = [
        ["cyber", "meldpunt", "bedrijf"],
        ["cyber", "meldpunt", "politie"],
        ["woning", "bouw"],
        ["zorg"],
        ["meldpunt", "woning"],
    ]
    index = _TermScores(docs, k1=1.2, b=0.75)
    first = index.weighted({"cyber": 1.0})
    expanded = scorer.expand({"cyber": 1.0}, first, docs, index)
    assert "meldpunt" in expanded and expanded["meldpunt"] < expanded["cyber"]
    assert "woning" not in expanded  # not in the top units


def test_section_context_raises_units_under_a_matching_heading() -> None:
    text = "We maken extra geld vrij voor meldingen."
    units = [
        ScoringUnit("a", text, "Cybercriminaliteit", "s1"),
        ScoringUnit("b", text, "Landbouw", "s2"),
        ScoringUnit("c", "Meldingen van cybercriminaliteit nemen toe.", "Landbouw", "s2"),
    ]
    q = Query("cyber", (("cybercriminaliteit", 3.0),))
    s = LexicalScorer().score(units, [q])
    assert s[0, 0] > s[0, 1]
    no_ctx = LexicalScorer(heading_weight=0.0, section_weight=0.0).score(units, [q])
    assert no_ctx[0, 0] == no_ctx[0, 1] == 0.0


def test_family_damping_discounts_shared_label_words() -> None:
    queries = [
        Query(f"t{i}", ((f"kwetsbaarheid {w}", 3.0),), {"family": f"t{i}"})
        for i, w in enumerate(["economie", "klimaat", "zorg", "digitaal"])
    ]
    terms = [LexicalScorer.query_terms(q) for q in queries]
    damp = LexicalScorer.family_damping(queries, terms)
    assert damp["kwetsbaarheid"] < 0.5 < damp["klimaat"] == 1.0


def test_registry_versions_and_optional_backends() -> None:
    assert SCORERS.resolve("lexical") == "lexical.v2"  # the newest: with the semantic model
    assert {"lexical.v1", "lexical.v2", "embedding.v1", "llm.v1"} <= set(SCORERS.names())
    with pytest.raises(UnknownNameError, match=r"available: .*lexical\.v1"):
        SCORERS.resolve("nope")
    assert SCORERS.resolve("embedding") == "embedding.v1"
    assert SCORERS.resolve("llm") == "llm.v1"


@pytest.mark.parametrize(
    ("name", "extra", "module"),
    [("embedding", "embeddings", "sentence_transformers"), ("llm", "llm", "openai")],
)
def test_backend_without_its_extra_names_the_install_command(
    monkeypatch: pytest.MonkeyPatch, name: str, extra: str, module: str
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda m, *a: None if m == module else real(m, *a)
    )
    with pytest.raises(MissingDependencyError) as info:
        SCORERS.create(name)
    assert f"pip install 'beleidslens[{extra}]'" in str(info.value)
    assert "\n" not in str(info.value)


def test_lexical_options_from_the_cli_are_typed_and_checked() -> None:
    from beleidslens.errors import AnalysisError

    scorer = SCORERS.create("lexical.v1", k1="1.5", prf_terms="4")
    assert scorer.params["k1"] == 1.5 and scorer.params["prf_terms"] == 4
    with pytest.raises(AnalysisError, match=r"lexical backend: unknown option.s. bogus"):
        SCORERS.create("lexical.v1", bogus="1")
    with pytest.raises(AnalysisError, match=r"^lexical backend: option k1='abc' must be float$"):
        SCORERS.create("lexical.v1", k1="abc")
    with pytest.raises(AnalysisError, match=r"option b=2 must be in \[0.0, 1.0\]"):
        SCORERS.create("lexical.v1", b=2)
    # lexical.v2 takes the same options, plus its own, checked the same way
    assert SCORERS.create("lexical", k1="1.5", blend="0.4").params["blend"] == 0.4
    with pytest.raises(AnalysisError, match=r"^lexical.v2 backend: option blend='2' must be in"):
        SCORERS.create("lexical", blend="2")


def test_unknown_parameter_rejected() -> None:
    from beleidslens.errors import AnalysisError

    with pytest.raises(AnalysisError, match="unknown option"):
        LexicalScorer(bogus=1)
