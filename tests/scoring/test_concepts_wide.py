"""The concept model's optional features, measured and left off by default: a row's
surroundings (``wide_window``) and pairs of adjacent terms (``bigrams``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from beleidslens.nlp.concepts import ConceptModel, DenseSpace, wide_rows
from beleidslens.scoring import ScoringUnit
from beleidslens.scoring.concept import unit_distributions

# the index-term model these tests are about (the shipped one reads n-grams instead)
TERMS = {"term_weight": 1.0, "gram_weight": 0.0}


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
    base = ConceptTrainParams(min_df=1, min_rows=1, max_iter=200, context=0.0, **TERMS)
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
    params = ConceptTrainParams(
        min_df=1, min_rows=1, max_iter=200, context=0.0, bigrams=1.0, **TERMS
    )
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
    params = ConceptTrainParams(min_df=1, min_rows=1, max_iter=100, bigrams=0.5, **TERMS)
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


def test_a_terms_character_ngrams_are_scikit_learns_char_wb_ngrams() -> None:
    from sklearn.feature_extraction.text import CountVectorizer

    from beleidslens.nlp.grams import gram_bag, term_grams

    for term in ("zorgverzekering", "ov", "a", "klas", "b&w"):
        ours = sorted(term_grams(term, 3, 5))
        theirs = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()(term)
        assert ours == sorted(theirs), term
    assert term_grams("ov", 3, 5) == (" ov", "ov ", " ov ")  # the whole once, then no more
    assert term_grams("a", 3, 5) == (" a ",)
    # each n-gram × its term's count, summed over the terms sharing it
    assert gram_bag({"ov": 2.0, "ovv": 0.5}, 3, 3) == {
        " ov": 2.5,
        "ov ": 2.0,
        "ovv": 0.5,
        "vv ": 0.5,
    }


def test_character_ngrams_carry_a_category_to_a_word_no_row_used(tmp_path: Path) -> None:
    from beleidslens.nlp.concepts import load_concepts
    from beleidslens.nlp.concepts_train import ConceptTrainParams, save, train_concepts
    from beleidslens.nlp.grams import text_words

    texts = [
        ("De zorgverzekering", "504"),
        ("Zorgpremies omlaag", "504"),
        ("Meer huisartsenzorg", "504"),
        ("De politieagent", "605"),
        ("Hogere straffen", "605"),
        ("Een snellere rechtbank", "605"),
    ] * 4
    # one index term every row shares: what tells the codes apart is the words' n-grams
    rows = [({"x": 1.0}, code) for _, code in texts]
    words = [text_words(t) for t, _ in texts]
    base = ConceptTrainParams(
        min_df=1, min_rows=1, max_iter=300, context=0.0, dense_weight=0, **TERMS
    )
    with pytest.raises(ValueError, match="needs each row's words"):
        train_concepts(rows, base.model_copy(update={"gram_weight": 1.0}))
    params = base.model_copy(update={"gram_weight": 1.0})
    save(train_concepts(rows, params, words=words), tmp_path / "g.npz")
    grams = load_concepts(tmp_path / "g.npz")
    plain = ConceptModel(train_concepts(rows, base))
    assert grams.grams == (3, 5, 1.0) and grams.gram_block is not None
    assert plain.grams == (0, 0, 0.0) and plain.gram_block is None
    care, crime = grams.classes.index("504"), grams.classes.index("605")
    unseen = ["Zorgkosten", "het politiebureau"]
    p = grams.proba([{"x": 1.0}] * 2, words=[text_words(t) for t in unseen])
    assert p[0, care] > 0.6 and p[1, crime] > 0.6
    with pytest.raises(ValueError, match="words"):
        grams.proba([{}])
    # without n-grams the unseen words carry nothing: the prior alone
    q = plain.proba([{"x": 1.0}] * 2)
    assert np.allclose(q[0], q[1])
    # analysis reads a unit's n-grams from its text, its neighbours' joined as trained
    units = [ScoringUnit("0", unseen[0], "", "s"), ScoringUnit("1", unseen[1], "", "s")]
    dist = unit_distributions(grams, units, [{"x": 1.0}] * 2, context=0.0)
    assert dist[0, care] > 0.5 and dist[1, crime] > 0.5


def test_a_model_of_ngrams_and_meaning_alone_reads_no_index_term() -> None:
    from beleidslens.nlp.concepts_train import ConceptTrainParams, train_concepts
    from beleidslens.nlp.grams import text_words

    texts = [("zorg premie", "504"), ("politie straf", "605")] * 3
    rows = [({t.split()[0]: 1.0}, c) for t, c in texts]
    params = ConceptTrainParams(
        min_df=1, min_rows=1, context=0.0, dense_weight=0, term_weight=0, gram_weight=1
    )
    model = ConceptModel(train_concepts(rows, params, words=[text_words(t) for t, _ in texts]))
    assert model.vocab == [] and model.coef.shape == (0, 2) and model.term_weight == 0.0
    p = model.proba([{"zorg": 1.0}], words=[text_words("premie")])
    assert p[0, model.classes.index("504")] > 0.5


def test_the_ngram_block_reads_a_bag_as_gram_bag_counts_it_in_any_batch() -> None:
    from beleidslens.nlp.concepts import add_tfidf_logits
    from beleidslens.nlp.grams import GramBlock, gram_bag

    rng = np.random.default_rng(0)
    words = ["zorg", "zorgpremie", "premie", "ov", "a", "politie", "agent", "politieagent"]
    vocab = sorted({g for w in words for g in gram_bag({w: 1.0}, 3, 5)})[::2]  # some unknown
    index = {g: i for i, g in enumerate(vocab)}
    idf = rng.uniform(1, 3, len(vocab)).astype(np.float32)
    coef = rng.normal(size=(len(vocab), 4)).astype(np.float32)
    block = GramBlock(vocab, idf, coef, 3, 5, 0.7)
    bags = [
        {w: float(rng.choice([0.3, 1.0, 2.0])) for w in rng.choice(words, 3)} for _ in range(40)
    ]
    bags[5] = {}
    bags[9] = {"xyz": 1.0}  # no known n-gram
    rows, cols, counts = block.entries(bags)
    expected = [
        (i, index[g], c)
        for i, b in enumerate(bags)
        for g, c in sorted(gram_bag(b, 3, 5).items(), key=lambda gc: index.get(gc[0], -1))
        if g in index
    ]
    assert [(int(r), int(c)) for r, c in zip(rows, cols, strict=True)] == [
        (i, j) for i, j, _ in expected
    ]
    assert np.allclose(counts, [c for _, _, c in expected])
    whole = np.zeros((len(bags), 4))
    block.add_logits(whole, bags)
    small = np.zeros((len(bags), 4))
    block.add_logits(small, bags, batch=7)  # a batch reads as the whole
    reference = np.zeros((len(bags), 4))
    add_tfidf_logits(reference, index, idf, coef, [gram_bag(b, 3, 5) for b in bags], 0.7)
    assert np.allclose(whole, reference) and np.allclose(small, reference)
    assert "coef_t" not in vars(block)  # few entries: the weights' rows, no transposed copy
    from beleidslens.nlp import grams

    many = np.zeros((len(bags), 4))
    old, grams._GATHER = grams._GATHER, 0  # every batch read one class at a time
    try:
        block.add_logits(many, bags, batch=7)
    finally:
        grams._GATHER = old
    assert np.allclose(many, reference) and "coef_t" in vars(block)
    assert not whole[5].any() and not whole[9].any()
