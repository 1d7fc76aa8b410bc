"""The concept model's surroundings (``wide_window``): the meaning of the rows around a row."""

from __future__ import annotations

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
