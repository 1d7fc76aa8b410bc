"""The commitment grades and shape windows are analysis options: each has its effect, a bad
value is one line, and an analysis records them."""

from __future__ import annotations

import pytest

from beleidslens.analysis.commitments import commitment_strength
from beleidslens.analysis.options import AnalysisOptions
from beleidslens.analysis.pipeline import analyze
from beleidslens.errors import AnalysisError
from beleidslens.ingest import parse_text
from test_analysis_samples import DOCUMENT, framework


def test_weak_commitment_is_the_grade_of_a_wish() -> None:
    wish = "We willen dat elke wijk een huisarts heeft."
    assert commitment_strength(wish) == 0.5
    assert commitment_strength(wish, opts=AnalysisOptions(weak_commitment=0.3)) == 0.3
    # the ends of the scale stay
    assert (
        commitment_strength(
            "Wij voeren een suikertaks in.", opts=AnalysisOptions(weak_commitment=0.3)
        )
        == 1.0
    )


@pytest.mark.parametrize(
    ("field", "small", "sentence", "default_level"),
    [
        ("commitment_head_chars", 2, "We breiden de kinderopvangtoeslag uit.", 1.0),
        (
            "commitment_fronted_chars",
            10,
            "Na lang overleg met alle betrokken partijen in de regio, wij investeren in dijken.",
            1.0,
        ),
        ("commitment_inverted_chars", 10, "Daarom verhogen we de huurtoeslag.", 1.0),
        (
            "passive_gap_chars",
            5,
            "De regels worden op korte termijn en zonder uitzondering aangescherpt.",
            1.0,
        ),
        (
            "priority_gap_chars",
            5,
            "Voor deze coalitie is de zorg voor ouderen van groot belang.",
            0.5,
        ),
        (
            "aim_gap_chars",
            5,
            "Ons belangrijkste doel voor de komende jaren is een rookvrije generatie.",
            0.5,
        ),
    ],
)
def test_a_shorter_window_misses_the_shape(
    field: str, small: int, sentence: str, default_level: float
) -> None:
    assert commitment_strength(sentence) == default_level
    assert commitment_strength(sentence, opts=AnalysisOptions(**{field: small})) == 0.0


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("weak_commitment", 1.0),
        ("weak_commitment", 0),
        ("aim_gap_chars", -1),
        ("commitment_head_chars", 0),
    ],
)
def test_out_of_range_is_one_line(key: str, value: float) -> None:
    with pytest.raises(AnalysisError) as exc:
        AnalysisOptions.from_options({key: value})
    assert str(exc.value).startswith(f"analysis option {key}: ")
    assert "\n" not in str(exc.value)


def test_recorded_and_effective_in_an_analysis() -> None:
    wish = "• We willen dat er meer huurwoningen voor starters komen in elke gemeente.\n"
    doc = parse_text(DOCUMENT + wish, name="proef.txt")
    fw = framework()
    base = analyze(doc, fw, options=AnalysisOptions(include_text=False))
    recorded = base.parameters["options"]
    assert recorded["weak_commitment"] == 0.5 and recorded["passive_gap_chars"] == 90
    other = analyze(doc, fw, options=AnalysisOptions(include_text=False, weak_commitment=0.9))
    assert other.parameters["options"]["weak_commitment"] == 0.9

    def wish_score(analysis: object) -> float:
        wonen = analysis.theme("wonen")  # type: ignore[attr-defined]
        return next(p.score for p in wonen.passages if "We willen" in p.text)

    assert wish_score(other) > wish_score(base)
