"""The concept model's optional features, measured and left off by default: a row's
surroundings (``wide_window``) and pairs of adjacent terms (``bigrams``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from beleidslens.nlp.concepts import ConceptModel, DenseSpace, wide_rows
from beleidslens.scoring import ScoringUnit
from beleidslens.scoring.concept import unit_distributions


def _space() -> DenseSpace:
    vocab = ["a", "b", "c", "d"]
    vectors = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0]], dtype=np.float16)
    return DenseSpace(vocab, vectors, np.ones(4, dtype=np.float32))


def test_surroundings_are_the_neighbours_within_the_window_and_the_run() -> None:
    space = _space()
    bags = [{"a": 1.0}, {"b": 1.0}, {"c": 1.0}, {"d": 1.0}, {"a": 1.0}]
    groups = ["s1", "s1", "s1", "s1", "s2"]
    own = space.rows(bags)
    out = wide_rows(space, bags, groups, 1)
    # row 1: rows 0 and 2 (itself left out), at unit length
    assert np.allclose(out[1], (own[0] + own[2]) / np.linalg.norm(own[0] + own[2]))
    assert np.allclose(out[3], own[2])  # row 4 is in another section
    assert not out[4].any()  # alone in its run: no surroundings
    wider = wide_rows(space, bags, groups, 3)
    expected = own[1] + own[2] + own[3]
    assert np.allclose(wider[0], expected / np.linalg.norm(expected))
    # a group that comes back later is another run
    again = wide_rows(space, bags, ["s1", "s2", "s1", "s1", "s1"], 5)
    assert np.allclose(again[0], 0.0) and np.allclose(again[1], 0.0)
    assert wide_rows(space, [], [], 2).shape == (0, 3)


def test_a_model_trained_with_surroundings_reads_a_unit_in_its_section() -> None:
    from beleidslens.nlp.concepts_train import ConceptTrainParams, train_concepts

    crime = [({"politie": 1.0}, "605"), ({"straf": 1.0}, "605"), ({"rechter": 1.0}, "605")]
    school = [({"school": 1.0}, "506"), ({"leraar": 1.0}, "506"), ({"klas": 1.0}, "506")]
    # rows without a telling word of their own, coded as their section is
    rows = [*crime, ({"vandaag": 1.0}, "605"), *school, ({"vandaag": 1.0}, "506")] * 6
    groups = [f"doc{i // 4}" for i in range(len(rows))]  # a section a document
    base = ConceptTrainParams(min_df=1, min_rows=1, max_iter=200, context=0.0)
    wide = ConceptModel(
        train_concepts(
            rows, base.model_copy(update={"wide_window": 3, "wide_weight": 1.0}), groups=groups
        )
    )
    plain = ConceptModel(train_concepts(rows, base, groups=groups))
    assert wide.wide == (3, 1.0) and wide.wide_coef is not None
    assert plain.wide == (0, 0.0) and plain.wide_coef is None
    units = [
        ScoringUnit("0", "politie", "", "s1"),
        ScoringUnit("1", "straf", "", "s1"),
        ScoringUnit("2", "vandaag", "", "s1"),
        ScoringUnit("3", "school", "", "s2"),
        ScoringUnit("4", "klas", "", "s2"),
        ScoringUnit("5", "vandaag", "", "s2"),
    ]
    bags = [{u.text: 1.0} for u in units]
    crime_col = wide.classes.index("605")
    dist = unit_distributions(wide, units, bags, 0.0)
    assert dist[2, crime_col] > dist[5, crime_col] + 0.2  # the same words, read in context
    flat = unit_distributions(plain, units, bags, 0.0)
    assert np.allclose(flat[2], flat[5])
    # alone (a query's text), the unit has no surroundings: read by its own words
    assert np.allclose(wide.proba([{"vandaag": 1.0}])[0], wide.read([{"vandaag": 1.0}], ["x"])[0])


def test_surroundings_need_the_meaning_vectors() -> None:
    from beleidslens.nlp.concepts_train import ConceptTrainParams, train_concepts

    params = ConceptTrainParams(
        min_df=1, min_rows=1, dense_weight=0.0, wide_window=2, wide_weight=0.5
    )
    with pytest.raises(ValueError, match="needs dense_weight"):
        train_concepts([({"a": 1.0}, "605"), ({"b": 1.0}, "506")], params)


def test_bigrams_join_a_bag_at_the_weight_the_model_was_trained_with() -> None:
    from beleidslens.nlp.concepts import bag
    from beleidslens.nlp.concepts_train import ConceptTrainParams, train_concepts

    assert bag(["a", "b", "a"]) == {"a": 2.0, "b": 1.0}
    assert bag(["a", "b", "a", "b"], 0.5) == {"a": 2.0, "b": 2.0, "a b": 1.0, "b a": 0.5}
    assert bag([], 0.5) == {} and bag(["a"], 0.5) == {"a": 1.0}
    # a pair tells what its words alone do not: "vrije markt" against "vrije school"
    params = ConceptTrainParams(min_df=1, min_rows=1, max_iter=200, context=0.0, bigrams=1.0)
    texts = [
        (["vrije", "markt"], "401"),
        (["vrije", "school"], "506"),
        (["markt", "school", "vrije"], "000"),
    ] * 6
    rows = [(bag(t, params.bigrams), c) for t, c in texts]
    model = ConceptModel(train_concepts(rows, params))
    assert model.bigrams == 1.0 and "vrije markt" in model.index
    plain = ConceptModel(
        train_concepts([(bag(t), c) for t, c in texts], params.model_copy(update={"bigrams": 0}))
    )
    assert plain.bigrams == 0.0 and "vrije markt" not in plain.index
    # analysis builds a unit's bag with the model's weight (scoring.concept.concept_blend)
    ours = model.proba([bag(["vrije", "markt"], model.bigrams)])[0]
    assert model.classes[int(ours.argmax())] == "401"


def test_analysis_reads_units_with_the_models_bigrams(tmp_path: Path) -> None:
    from beleidslens.nlp.concepts import bag, with_neighbours
    from beleidslens.nlp.concepts_train import ConceptTrainParams, save, train_concepts
    from beleidslens.nlp.phrases import word_terms
    from beleidslens.scoring import Query
    from beleidslens.scoring.semantic import SemanticScorer

    texts = [
        ("De vrije markt werkt voor ondernemers.", "401"),
        ("Ouders kiezen een vrije school voor hun kind.", "506"),
        ("Meer politie op straat.", "605"),
    ] * 6
    params = ConceptTrainParams(min_df=1, min_rows=1, max_iter=100, bigrams=0.5)
    flat = [[t for w in word_terms(text) for t in w] for text, _ in texts]
    rows = [(bag(t, params.bigrams), c) for t, (_, c) in zip(flat, texts, strict=True)]
    path = tmp_path / "bigrams.npz"
    save(train_concepts(rows, params), path)
    model = ConceptModel.load(path)
    units = [ScoringUnit("0", "Een vrije markt."), ScoringUnit("1", "Een vrije school.")]
    query = Query("q", (("markt", 1.0),), {"codes": ["401"]})
    exact = {"concept_context": 0.0, "concept_text_mix": 0.0}
    got = SemanticScorer(concepts=str(path), concept=1.0, **exact).score(units, [query])[0]
    terms = [[t for w in word_terms(u.text) for t in w] for u in units]
    read = with_neighbours([bag(t, 0.5) for t in terms], ["", ""], model.context)
    expected = model.proba(read)[:, model.columns(["401"])].ravel()
    assert got == pytest.approx(expected, abs=1e-6)
    unpaired = with_neighbours([bag(t) for t in terms], ["", ""], model.context)
    assert not np.allclose(model.proba(unpaired)[:, model.columns(["401"])].ravel(), expected)
