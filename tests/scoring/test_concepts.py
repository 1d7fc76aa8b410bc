"""The shipped concept model, its training (``--tiny``), and ``lexical.v2``'s concept step."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from beleidslens.errors import AnalysisError
from beleidslens.nlp.concepts import (
    DEFAULT_CONCEPTS_PATH,
    ConceptModel,
    bag,
    load_concepts,
    with_neighbours,
)
from beleidslens.nlp.grams import text_words
from beleidslens.nlp.phrases import word_terms
from beleidslens.scoring import Query, ScoringUnit
from beleidslens.scoring.concept import concept_scores, query_concepts, unit_distributions
from beleidslens.scoring.semantic import SemanticScorer, _bag
from conftest import REPO

SCRIPT = REPO / "scripts" / "train_concepts.py"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny model, trained twice: the same rows give the same bytes."""
    outs = [tmp_path_factory.mktemp("concepts") / f"{n}.npz" for n in "ab"]
    for out in outs:
        subprocess.run(
            [sys.executable, str(SCRIPT), "--tiny", "--out", str(out)],
            check=True,
            capture_output=True,
            timeout=120,
        )
    assert outs[0].read_bytes() == outs[1].read_bytes()
    return outs[0]


def test_tiny_training_gives_a_model_that_classifies_its_own_topics(tiny: Path) -> None:
    model = ConceptModel.load(tiny)
    assert model.classes == ["501", "504", "506", "605"]
    assert model.meta["sources"] == ["concepts_sample.tsv"]
    texts = ["Meer agenten en strengere straffen", "Kleinere klassen"]
    p = model.proba([_bag(t) for t in texts], words=[text_words(t) for t in texts])
    assert p.shape == (2, 4) and np.allclose(p.sum(axis=1), 1.0)
    assert model.classes[int(p[0].argmax())] == "605"
    assert model.classes[int(p[1].argmax())] == "506"
    assert model.columns(["605.1", "999", "501"]) == [3, 0]  # sub-code → main code; unknown left


def test_coded_queries_rank_by_the_probability_of_their_codes(tiny: Path) -> None:
    units = [
        ScoringUnit("0", "We planten bossen aan voor de natuur.", "Milieu", "s1"),
        ScoringUnit("1", "Er komt meer politie op straat.", "Veiligheid", "s2"),
        ScoringUnit("2", "Agenten krijgen meer tijd voor de wijk.", "Veiligheid", "s2"),
    ]
    queries = [
        Query("q", (("veiligheid", 1.0),), {"codes": ["605"]}),
        Query("u", (("natuur bossen", 1.0),), {"codes": []}),
    ]
    model = ConceptModel.load(tiny)
    dist = unit_distributions(model, units, [_bag(u.text) for u in units], 0.0)
    concepts = query_concepts(model, queries, [_bag(q.fields[0][0]) for q in queries])
    scores, coded = concept_scores(dist, *concepts)
    assert list(coded) == [True, False]
    assert scores[0, 1] > scores[0, 0] and scores[0, 2] > scores[0, 0]
    assert scores[1, 0] > scores[1, 1]  # uncoded: the query text's own distribution
    # the section's mean pulls units of one section together
    mixed = unit_distributions(model, units, [_bag(u.text) for u in units], 1.0)
    assert np.allclose(mixed[1], mixed[2])


def test_the_concept_step_changes_the_ranking_of_a_coded_query(tiny: Path) -> None:
    units = [
        ScoringUnit("0", "Veiligheid op het werk: betere bescherming tegen vervuilde lucht."),
        ScoringUnit("1", "Meer politie op straat en hogere straffen voor criminelen."),
    ]
    query = Query("q", (("veiligheid", 1.0),), {"codes": ["605"]})
    off = SemanticScorer(concepts=str(tiny), concept=0.0).score(units, [query])
    quantile = {"concept_calibration": "quantile"}
    on = SemanticScorer(concepts=str(tiny), concept=1.0, **quantile).score(units, [query])
    assert off[0, 0] > off[0, 1]  # the word alone prefers the wrong sense
    assert on[0, 1] > on[0, 0]  # the codebook category corrects it
    assert sorted(on[0]) == pytest.approx(sorted(off[0]))  # quantile: the same score levels
    # the default takes the probability as it is: a sure passage reaches the gates
    exact = {"concept_context": 0.0, "concept_text_mix": 0.0}
    prob = SemanticScorer(concepts=str(tiny), concept=1.0, **exact).score(units, [query])
    model = ConceptModel.load(tiny)
    assert model.context > 0  # trained with its rows' neighbours: units are read alike
    read = [bag([t for w in word_terms(u.text) for t in w]) for u in units]  # as trained
    bags = with_neighbours(read, ["", ""], model.context)
    words = with_neighbours([text_words(u.text) for u in units], ["", ""], model.context)
    expected = model.proba(bags, words=words)[:, model.columns(["605"])].ravel()
    assert prob[0] == pytest.approx(expected, abs=1e-6) and prob[0, 1] > 0.5
    recorded = SemanticScorer(concepts=str(tiny), concept=1.0).parameters()
    assert recorded["concepts"].startswith(tiny.name + ":")


def test_a_coded_query_mixes_in_its_own_texts_categories(tiny: Path) -> None:
    """concept_text_mix: (1 - m) × P(codes) + m × the query text's distribution matched."""
    units = [
        ScoringUnit("0", "We planten bossen aan voor de natuur."),
        ScoringUnit("1", "Er komt meer politie op straat."),
    ]
    # the query's text speaks of nature, its code of safety
    query = Query("q", (("natuur en bossen", 1.0),), {"codes": ["605"]})

    def score(mix: float) -> np.ndarray:
        opts = {"concept": 1.0, "concept_context": 0.0, "concept_text_mix": mix}
        return SemanticScorer(concepts=str(tiny), **opts).score(units, [query])[0]

    by_code, by_text, half = score(0.0), score(1.0), score(0.5)
    assert by_code[1] > by_code[0] and by_text[0] > by_text[1]
    assert half == pytest.approx((by_code + by_text) / 2, abs=1e-6)


def test_a_missing_or_broken_concept_model_is_one_line(tmp_path: Path) -> None:
    units = [ScoringUnit("0", "tekst")]
    query = Query("q", (("tekst", 1.0),), {"codes": ["605"]})
    with pytest.raises(AnalysisError, match="concept model not found"):
        SemanticScorer(concepts=str(tmp_path / "nope.npz"), concept=1.0).score(units, [query])
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(AnalysisError, match="not a concept model"):
        SemanticScorer(concepts=str(bad), concept=1.0).score(units, [query])


def test_the_shipped_model_is_small_loads_fast_and_has_its_notice() -> None:
    assert DEFAULT_CONCEPTS_PATH.stat().st_size <= 25_000_000
    t = time.perf_counter()
    model = ConceptModel.load(DEFAULT_CONCEPTS_PATH)
    assert time.perf_counter() - t < 0.3
    assert len(model.classes) >= 40
    # it reads the character n-grams of a text's words (and no index terms: term_weight 0)
    assert model.gram_block is not None and len(model.gram_block.vocab) > 10_000
    meta = model.meta
    assert meta["sources"] == ["marpor_nl_2006-2012_combined.csv"]
    notice = DEFAULT_CONCEPTS_PATH.with_name("concepts-nl.NOTICE.md").read_text(encoding="utf-8")
    assert "CC BY-NC-SA 4.0" in notice and "2017" in notice
    assert load_concepts() is load_concepts()  # loaded once
    json.dumps(meta)


def test_analysis_time_imports_no_training_library() -> None:
    code = (
        "import sys; from beleidslens.scoring.semantic import SemanticScorer, _bag;"
        "from beleidslens.nlp.concepts import load_concepts;"
        "from beleidslens.nlp.grams import text_words;"
        "load_concepts().proba([_bag('meer politie')], words=[text_words('meer politie')]);"
        "print(any(m.split('.')[0] in ('sklearn', 'scipy', 'torch') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_a_framework_without_codes_is_scored_as_without_the_concept_step(tiny: Path) -> None:
    units = [ScoringUnit("0", "Meer politie op straat."), ScoringUnit("1", "Bossen en natuur.")]
    queries = [Query("q", (("natuur", 1.0),), {"codes": []})]
    on = SemanticScorer(concepts=str(tiny)).score(units, queries)
    off = SemanticScorer(concepts=str(tiny), concept=0.0).score(units, queries)
    assert np.array_equal(on, off)


def test_uncoded_queries_use_the_concepts_only_when_the_framework_fits_the_codebook(
    tiny: Path,
) -> None:
    units = [
        ScoringUnit("0", "Veiligheid op het werk en schone lucht in de fabriek.", "", "s1"),
        ScoringUnit("1", "Meer politie op straat en hogere straffen.", "", "s2"),
    ]
    queries = [Query("q", (("veiligheid", 1.0), ("politie agenten straffen", 1.0)))]
    base = {"concepts": str(tiny), "concept_context": 0.0}
    off = SemanticScorer(**base, concept_uncoded=0.0).score(units, queries)
    fits = SemanticScorer(**base, concept_uncoded=1.0, concept_fit=0.0).score(units, queries)
    model = ConceptModel.load(tiny)
    text = "veiligheid politie agenten straffen"
    sure = float(model.proba([_bag(text)], words=[text_words(text)]).max())
    no_fit = SemanticScorer(**base, concept_uncoded=1.0, concept_fit=min(1.0, sure + 0.01))
    assert not np.array_equal(fits, off) and fits[0, 1] > fits[0, 0]
    assert np.array_equal(no_fit.score(units, queries), off)  # below concept_fit: untouched


def test_neighbours_join_a_bag_only_within_its_group() -> None:
    bags = [{"a": 1.0}, {"b": 2.0}, {"c": 1.0}]
    out = with_neighbours(bags, ["s1", "s1", "s2"], 0.5)
    assert out[0] == {"a": 1.0, "b": 1.0}
    assert out[1] == {"b": 2.0, "a": 0.5}  # "c" is in another section
    assert out[2] == {"c": 1.0}
    assert with_neighbours(bags, ["s"] * 3, 0.0) == bags
    assert bags[0] == {"a": 1.0}  # the input is left as it was


def test_a_model_trained_with_context_reads_units_with_their_neighbours() -> None:
    from beleidslens.nlp.concepts_train import ConceptTrainParams, train_concepts

    rows = [
        ({"agent": 1.0}, "605"),
        ({"straf": 1.0}, "605"),
        ({"klas": 1.0}, "506"),
        ({"school": 1.0}, "506"),
        ({"bos": 1.0}, "501"),
        ({"natuur": 1.0}, "501"),
    ] * 4
    params = ConceptTrainParams(
        min_df=1, min_rows=1, max_iter=50, context=0.5, term_weight=1.0, gram_weight=0.0
    )
    model = ConceptModel(train_concepts(rows, params, groups=[str(i // 2) for i in range(24)]))
    assert model.context == 0.5
    units = [
        ScoringUnit("0", "agent", "", "s1"),
        ScoringUnit("1", "vandaag", "", "s1"),  # no term of its own: its neighbour speaks
        ScoringUnit("2", "vandaag", "", "s2"),
    ]
    bags = [{"agent": 1.0}, {"vandaag": 1.0}, {"vandaag": 1.0}]
    dist = unit_distributions(model, units, bags, 0.0)
    col = model.classes.index("605")
    assert dist[1, col] > dist[2, col] + 0.05
    plain = ConceptModel(train_concepts(rows, params.model_copy(update={"context": 0.0})))
    assert plain.context == 0.0
    flat = unit_distributions(plain, units, bags, 0.0)
    assert np.allclose(flat[1], flat[2])


def test_the_dense_space_reads_words_the_training_rows_never_had() -> None:
    from beleidslens.nlp.concepts_train import ConceptTrainParams, train_concepts

    rows = [
        ({"politie": 1.0, "agent": 1.0}, "605"),
        ({"straf": 1.0, "criminaliteit": 1.0}, "605"),
        ({"school": 1.0, "leraar": 1.0}, "506"),
        ({"onderwijs": 1.0, "leerling": 1.0}, "506"),
    ] * 5
    params = ConceptTrainParams(
        min_df=1, min_rows=1, max_iter=100, context=0.0, term_weight=1.0, gram_weight=0.0
    )
    dense = ConceptModel(train_concepts(rows, params))
    terms = ConceptModel(train_concepts(rows, params.model_copy(update={"dense_weight": 0.0})))
    assert dense.dense is not None and terms.dense is None
    assert dense.meta["dense"]["space"] == "window+heading" and dense.meta["dense"]["terms"] > 1000
    assert dense.dense.blocks == [160, 96]  # each space at unit length, side by side
    unseen = [{"gevangenis": 1.0, "rechter": 1.0}, {"docent": 1.0, "klaslokaal": 1.0}]
    assert not any(t in terms.index for bag in unseen for t in bag)
    flat = terms.proba(unseen)
    assert np.allclose(flat[0], flat[1])  # no known term: the intercepts alone
    p = dense.proba(unseen)
    assert dense.classes[int(p[0].argmax())] == "605"
    assert dense.classes[int(p[1].argmax())] == "506"


def test_dense_rows_are_the_semantic_models_bag_vectors() -> None:
    from beleidslens.nlp.concepts import DenseSpace
    from beleidslens.nlp.semantic import load_model

    sm = load_model()
    space = DenseSpace(sm.vocab, sm.space("window"), sm.sif)
    bags = [{"politie": 2.0, "straat": 1.0}, {"onbekendwoord": 1.0}, {}, {"school": 0.5}]
    assert np.allclose(space.rows(bags), sm.bag_vectors(bags, "window"), atol=1e-5)
    with pytest.raises(ValueError, match="do not match"):
        DenseSpace(sm.vocab[:-1], sm.space("window"), sm.sif)
    # two spaces side by side: each block is that space's unit vector
    window, heading = sm.space("window"), sm.space("heading")
    both = DenseSpace(sm.vocab, np.hstack([window, heading]), sm.sif, [160, 96])
    rows = both.rows(bags)
    assert np.allclose(rows[:, :160], sm.bag_vectors(bags, "window"), atol=1e-5)
    assert np.allclose(rows[:, 160:], sm.bag_vectors(bags, "heading"), atol=1e-5)
    with pytest.raises(ValueError, match="blocks"):
        DenseSpace(sm.vocab, np.hstack([window, heading]), sm.sif, [160, 95])


def test_units_are_read_with_the_bags_the_model_was_trained_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import beleidslens.scoring.concept as concept

    seen: list[list[dict[str, float]]] = []
    real = concept.unit_distributions

    def spy(model, units, unit_bags, *args):  # type: ignore[no-untyped-def]
        seen.append([dict(b) for b in unit_bags])
        return real(model, units, unit_bags, *args)

    monkeypatch.setattr(concept, "unit_distributions", spy)
    text = "Kleinere klaslokalen en meer leraren voor de klas."
    coded = Query("q", (("klas", 1.0),), {"codes": ["506"]})
    SemanticScorer().score([ScoringUnit("0", text)], [coded])
    expected = bag([t for word in word_terms(text) for t in word])
    assert seen == [[expected]]
    # a query the step does not read (no codes, not codebook-like): it returns before units
    SemanticScorer().score([ScoringUnit("0", text)], [Query("q", (("klas", 1.0),))])
    assert len(seen) == 1
    assert any(len(w) > 1 for w in word_terms(text))  # a compound: its parts count 1 each
    assert expected != _bag(text)  # the lexical bag shares a word's weight among its terms
