"""The evaluation's rules (EvaluationRules): each has its effect, bad values are one line."""

from __future__ import annotations

import pytest

from beleidslens.errors import AnalysisError
from beleidslens.evaluate.coded import CodedRow, align_rows
from beleidslens.evaluate.metrics import bullet_found, passage_hit, unit_found, unit_hit
from beleidslens.evaluate.ranking import Ranked, Tally
from beleidslens.evaluate.rules import RULES, EvaluationRules
from beleidslens.ingest import parse_text

BULLET = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]


def test_the_defaults_are_the_documented_rules() -> None:
    # docs/evaluation.md and the quality benchmark's figures use these values
    assert RULES.recorded() == {
        "barely_rows": 3,
        "bullet_covered": 0.6,
        "judged_share": 0.5,
        "ks": (5, 10),
        "max_trigram_hits": 40,
        "max_voting_trigrams": 12,
        "min_run": 3,
        "min_theme_rows": 10,
        "min_vote_share": 0.3,
        "passage_inside": 0.6,
        "relevant_share": 0.5,
        "unit_covered": 0.8,
        "unit_inside": 0.9,
    }


def test_min_run() -> None:
    # a run of two shared tokens
    passage = ["x", "a", "b", "y"]
    assert passage_hit(passage, [BULLET]) is None
    assert passage_hit(passage, [BULLET], EvaluationRules(min_run=2, passage_inside=0.5)) == 0


def test_passage_inside_and_bullet_covered() -> None:
    # 7 of 10 inside the bullet, covering 7 of 10
    passage = ["a", "b", "c", "d", "e", "f", "g", "x", "y", "z"]
    assert passage_hit(passage, [BULLET]) == 0
    assert passage_hit(passage, [BULLET], EvaluationRules(passage_inside=0.8)) is None
    assert bullet_found(BULLET, [passage])
    assert not bullet_found(BULLET, [passage], EvaluationRules(bullet_covered=0.8))


def test_unit_inside_and_unit_covered() -> None:
    # 8 of 9 inside; covers 8 of 10
    passage = ["a", "b", "c", "d", "e", "f", "g", "h", "x"]
    assert unit_hit(passage, [BULLET]) is None
    assert unit_hit(passage, [BULLET], EvaluationRules(unit_inside=0.85)) == 0
    loose = EvaluationRules(unit_inside=0.85)
    assert unit_found(BULLET, [passage], loose)
    assert not unit_found(BULLET, [passage], EvaluationRules(unit_inside=0.85, unit_covered=0.9))


def _coded(text: str, rows: list[str], rules: EvaluationRules = RULES):  # type: ignore[no-untyped-def]
    doc = parse_text(text, name="regels.txt")
    return align_rows("regels", doc, [CodedRow(r, "504", i) for i, r in enumerate(rows)], rules)


def test_max_voting_trigrams_and_max_trigram_hits() -> None:
    text = "alfa beta gamma kilo lima mike alfa beta gamma delta echo foxtrot golf\n"
    row = "alfa beta gamma delta echo foxtrot golf"
    second = text.index("alfa", 1)
    assert _coded(text, [row]).trace(second, len(text)).labelled == 7
    # voting with the first trigram alone: a tie, the first copy wins
    first = _coded(text, [row], EvaluationRules(max_voting_trigrams=1))
    assert first.trace(0, second).labelled > 0
    # every trigram that occurs twice is ignored: still placed by the rest
    assert _coded(text, [row], EvaluationRules(max_trigram_hits=1)).placed == 1
    assert _coded(text + text, [row], EvaluationRules(max_trigram_hits=1)).placed == 0


def test_min_vote_share() -> None:
    text = "papa quebec romeo sierra tango uniform victor whiskey\n"
    row = "papa quebec romeo tango uniform victor"  # two trigrams found, voting apart
    assert _coded(text, [row]).placed == 1
    assert _coded(text, [row], EvaluationRules(min_vote_share=0.9)).placed == 0


def test_ranking_rules() -> None:
    text = "Inhoud\n\nWe bouwen meer woningen voor starters in elke gemeente.\n"
    coded = _coded(text, ["We bouwen meer woningen voor starters in elke gemeente."])
    start = text.index("We")
    passage = [Ranked(start, len(text) - 1, True)]
    heading = [Ranked(0, 6, True)]

    def summary(rules: EvaluationRules, ranking: list[Ranked], code: str = "504") -> dict:  # type: ignore[type-arg]
        tally = Tally(rules=rules)
        tally.add(coded, {"t": ranking}, {"t": [code]})
        return tally.summary()

    assert summary(RULES, passage)["selected_precision"] == 1.0
    assert summary(RULES, passage, "703")["selected_precision"] == 0.0
    assert summary(EvaluationRules(relevant_share=1.0), passage, "703")["selected"] == 1
    assert summary(RULES, heading)["selected"] == 0  # unjudged
    assert summary(EvaluationRules(judged_share=0.0), heading)["selected"] == 1
    assert summary(RULES, passage)["barely_pairs"] == 1  # one row of the theme
    assert summary(EvaluationRules(barely_rows=1), passage)["barely_pairs"] == 0
    assert summary(RULES, passage)["p@5"] is None  # fewer than min_theme_rows rows
    few = summary(EvaluationRules(min_theme_rows=1, ks=(1, 2)), passage)
    assert (few["p@1"], few["p@2"]) == (1.0, 0.5) and "p@5" not in few


@pytest.mark.parametrize(
    ("key", "value"),
    [("min_run", 0), ("passage_inside", 1.5), ("ks", [0]), ("ks", []), ("min_vote_share", -1)],
)
def test_out_of_range_is_one_line(key: str, value: object) -> None:
    with pytest.raises(AnalysisError) as exc:
        EvaluationRules.from_options({key: value})
    assert str(exc.value).startswith(f"evaluation rule {key}")
    assert "\n" not in str(exc.value)
