"""Multi-word terms: phrases read from label/keyword fields, matched in text, scored."""

from __future__ import annotations

import math

import pytest

from beleidslens.nlp.phrases import (
    count_phrases,
    field_phrases,
    is_term_field,
    phrase_key,
    word_terms,
)
from beleidslens.scoring import Query, ScoringUnit
from beleidslens.scoring.lexical import LexicalScorer
from beleidslens.scoring.params import LexicalParams

ZEKERHEID = ("sociaal", "zekerheid")


def _count(text: str, phrase: tuple[str, ...], gap: int = 1) -> int:
    return count_phrases(word_terms(text), [phrase], gap=gap).get(phrase, 0)


def test_phrases_of_a_keyword_list_and_a_label() -> None:
    assert field_phrases("sociale zekerheid, bijstand, vangnet") == [(ZEKERHEID, (0, 1))]
    # stop words end a phrase: a coordination gives two phrases
    got = [p for p, _ in field_phrases("eerlijke concurrentie en een gelijk speelveld")]
    assert got == [("eerlijk", "concurrentie"), ("gelijk", "speelveld")]
    # the word positions count across items
    assert field_phrases("armoede; vaste contracten") == [(("vast", "contract"), (1, 2))]


def test_prose_and_long_runs_give_no_phrases() -> None:
    assert not is_term_field("Huishoudens hebben weinig buffers. Dat maakt ze kwetsbaar.")
    assert field_phrases("Gemeenten bieden sociale zekerheid aan wie dat nodig heeft.") == []
    # a run of more than three content words is a list written without commas
    assert field_phrases("armoede schulden bijstand uitkering toeslagen") == []
    assert field_phrases("armoede") == []


@pytest.mark.parametrize(
    ("text", "phrase", "n"),
    [
        ("We versterken de sociale zekerheid.", ZEKERHEID, 1),
        ("De sociale veiligheid op school gaat voor.", ZEKERHEID, 0),
        ("Zekerheid en sociale contacten.", ZEKERHEID, 0),  # order matters
        # compound forms: the phrase inside one word, or its head as a compound's part
        ("Het socialezekerheidsstelsel wordt eenvoudiger.", ZEKERHEID, 1),
        ("We steunen lokale productieketens.", ("lokaal", "productie"), 1),
        # a hyphen
        ("Het sociale-zekerheidsstelsel wordt eenvoudiger.", ZEKERHEID, 1),
        ("Regels voor kunstmatige-intelligentiesystemen.", ("kunstmatig", "intelligentie"), 1),
        # a short gap: one word between
        ("Bedrijven krijgen een gelijk Europees speelveld.", ("gelijk", "speelveld"), 1),
        ("Een gelijk en eerlijk Europees speelveld.", ("gelijk", "speelveld"), 0),
        # inflection through the lemmas
        ("Meer werknemers krijgen vaste contracten.", ("vast", "contract"), 1),
        ("Sociale zekerheid is sociale zekerheid.", ZEKERHEID, 2),
    ],
)
def test_phrase_occurrences(text: str, phrase: tuple[str, ...], n: int) -> None:
    assert _count(text, phrase) == n


def test_gap_is_a_parameter() -> None:
    text = "Een gelijk en eerlijk Europees speelveld."
    assert _count(text, ("gelijk", "speelveld"), gap=3) == 1
    assert _count("een gelijk Europees speelveld", ("gelijk", "speelveld"), gap=0) == 0


def test_phrase_weight_moves_from_its_words_and_common_words_keep_less() -> None:
    q = Query("q", (("sociale zekerheid, bijstand", 2.0),))
    terms = LexicalScorer.query_terms(q)
    assert math.isclose(sum(terms.values()), 1.0)
    assert terms[phrase_key(ZEKERHEID)] > terms["zekerheid"] > terms["sociaal"]
    assert terms["bijstand"] > terms["zekerheid"]  # a single-word keyword keeps its weight
    # the adjective before the head keeps less than the head (with a modifier factor below
    # 1); a very common word less still
    strong = {"phrase_share": 0.5, "phrase_share_common": 0.2, "phrase_modifier": 0.6}
    share = LexicalScorer.token_share
    assert share("sociale", True, strong) < share("sociale", False, strong)
    assert share("eigen", False) < share("leefstijl", False)
    assert share("leefstijl", False, strong) == pytest.approx(0.5)
    assert share("leefstijl", False) == pytest.approx(LexicalParams().phrase_share)


def test_without_phrases_terms_are_as_before() -> None:
    q = Query("q", (("armoede", 3.0), ("bijstand, schulden", 2.0)))
    terms = LexicalScorer.query_terms(q)
    assert not any(" " in t for t in terms)
    assert terms["armoede"] > terms["bijstand"] == terms["schuld"]


def _units() -> list[ScoringUnit]:
    return [
        ScoringUnit("adj", "We waarborgen de sociale veiligheid op iedere school.", "Onderwijs"),
        ScoringUnit("phrase", "We hervormen de sociale zekerheid voor werkenden.", "Werk"),
        ScoringUnit("head", "Ondernemers krijgen meer zekerheid over hun vergunning.", "Economie"),
        ScoringUnit("other", "We bouwen meer woningen voor starters.", "Wonen"),
        ScoringUnit("other2", "De politie krijgt meer wijkagenten.", "Veiligheid"),
    ]


STRONG = {"phrase_share": 0.5, "phrase_share_common": 0.2, "phrase_modifier": 0.6}


def test_phrase_beats_a_shared_adjective_and_a_shared_head() -> None:
    q = Query("q", (("sociale zekerheid", 3.0),))
    s = LexicalScorer(prf_terms=0, **STRONG).score(_units(), [q])[0]
    assert s[1] > 2 * max(s[0], s[2])
    assert s[0] < s[2]  # the adjective alone weighs less than the head alone
    assert s[0] > 0  # …but still counts a little
    # at the default (milder) shares the phrase still wins clearly
    d = LexicalScorer(prf_terms=0).score(_units(), [q])[0]
    assert d[1] > 1.3 * max(d[0], d[2])
    assert d[0] < d[2]


def test_phrase_in_a_compound_scores_like_the_phrase() -> None:
    units = [
        *_units(),
        ScoringUnit("compound", "We vereenvoudigen het socialezekerheidsstelsel.", "Werk"),
    ]
    q = Query("q", (("sociale zekerheid", 3.0),))
    s = LexicalScorer(prf_terms=0).score(units, [q])[0]
    assert s[5] > 2 * s[0]


def test_phrase_in_a_heading_counts_as_context() -> None:
    text = "We maken extra geld vrij voor uitvoering."
    units = [
        ScoringUnit("a", text, "Sociale zekerheid", "s1"),
        ScoringUnit("b", text, "Sociale veiligheid", "s2"),
        ScoringUnit("c", "Kinderen leren lezen en schrijven.", "Onderwijs", "s3"),
    ]
    q = Query("q", (("sociale zekerheid", 3.0),))
    s = LexicalScorer(prf_terms=0).score(units, [q])[0]
    assert s[0] > s[1]


def test_phrase_options_are_typed_and_recorded() -> None:
    from beleidslens.scoring import SCORERS

    scorer = SCORERS.create("lexical", phrase_gap="2", phrase_share="0.4")
    assert scorer.params["phrase_gap"] == 2 and scorer.params["phrase_share"] == 0.4
    assert {"phrase_gap", "phrase_share", "phrase_share_common", "phrase_modifier"} <= set(
        scorer.parameters()
    )


def test_degree_words_comparatives_and_frame_words_make_no_phrase() -> None:
    assert field_phrases("minder uitstoot") == []
    assert field_phrases("voldoende capaciteit in ziekenhuizen") == []
    assert field_phrases("kleinere verschillen") == []  # a comparative
    assert [p for p, _ in field_phrases("bijzondere bijstand")] == [("bijzonder", "bijstand")]
    # a word every theme of the framework uses is the frame, not part of a term
    assert field_phrases("Economische kwetsbaarheid", frozenset({"kwetsbaarheid"})) == []
    assert field_phrases("Economische kwetsbaarheid") != []


def test_frame_words_are_found_from_the_queries() -> None:
    queries = [
        Query(f"t{i}", ((f"{w} kwetsbaarheid", 3.0),), {"family": f"t{i}"})
        for i, w in enumerate(["economische", "ecologische", "digitale", "sociale"])
    ]
    units = [
        ScoringUnit("a", "De digitale kwetsbaarheid neemt toe.", ""),
        ScoringUnit("b", "We investeren in digitale vaardigheden.", ""),
        ScoringUnit("c", "De economie groeit.", ""),
    ]
    s = LexicalScorer(prf_terms=0, **STRONG).score(units, queries)[2]
    alone = LexicalScorer(prf_terms=0, **STRONG).score(units, queries[2:3])[0]  # a phrase here
    # among the four, "digitale kwetsbaarheid" is no phrase: "digitale" keeps its weight
    assert s[1] / s[0] > 2 * alone[1] / alone[0]


def test_scores_are_deterministic_with_phrases() -> None:
    q = Query("q", (("sociale zekerheid, gelijk speelveld", 3.0),))
    a = LexicalScorer().score(_units(), [q])
    b = LexicalScorer().score(_units(), [q])
    assert (a == b).all()


def test_word_frequency_is_wordfreq_zipf_and_cached() -> None:
    from beleidslens.nlp import analyzer
    from beleidslens.nlp.compounds import zipf

    assert analyzer.word_frequency("sociale") == zipf("sociale") > 4
    assert analyzer.word_frequency("xqzvw") == 0.0
    assert "\x00zipf\x00sociale" in analyzer._load_cache()
