from __future__ import annotations

import pytest

from beleidslens.analysis.commitments import is_commitment
from beleidslens.analysis.options import AnalysisOptions
from beleidslens.analysis.pipeline import analyze, normalize_ws
from beleidslens.analysis.result import Analysis
from beleidslens.ingest import parse_text
from test_analysis_samples import DOCUMENT, framework


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyze(parse_text(DOCUMENT, name="proef.txt"), framework())


@pytest.mark.parametrize(
    "sentence",
    [
        "We investeren in de zorg.",
        "Er komt een fonds voor innovatie.",
        "We verhogen het minimumloon.",
        "Het kabinet gaat de lasten verlagen.",
        "We zetten in op preventie.",
        "De opkoopbescherming wordt ingevoerd.",
        "Daarom investeren we in onderzoek.",
        "Om de integratie te bevorderen, gaan we door met de wet.",
    ],
)
def test_commitments(sentence: str) -> None:
    assert is_commitment(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Nederland is een welvarend land.",
        "De afgelopen jaren is veel gebeurd.",
        "We zien dat jongeren minder lezen.",
        "Criminelen werken steeds vaker online.",
    ],
)
def test_background_is_not_a_commitment(sentence: str) -> None:
    assert not is_commitment(sentence)


def test_theme_without_evidence_gets_nothing(analysis: Analysis) -> None:
    space = analysis.theme("ruimtevaart")
    assert space.selected == []
    assert [a.status for a in space.aspects] == ["not_addressed"]


def test_near_duplicates_are_merged(analysis: Analysis) -> None:
    texts = [p.text for p in analysis.theme("digitaal").selected]
    assert sum("cyberteam" in t for t in texts) == 1


def test_background_prose_not_selected_and_aspects_covered(analysis: Analysis) -> None:
    wonen = analysis.theme("wonen")
    selected = wonen.selected
    assert all(p.commitment for p in selected)
    assert not any("wachtlijsten" in p.text for p in selected)
    served = {a for p in selected for a in p.aspects}
    assert served == {"bouwen", "dakloosheid"}  # both remedies, not one repeated
    # unselected candidates stay in the result, ranked after the selected ones
    assert any(not p.selected for p in wonen.passages)
    flags = [p.selected for p in wonen.passages]
    assert flags == sorted(flags, reverse=True)


def test_passages_are_exact_document_units(analysis: Analysis) -> None:
    doc = parse_text(DOCUMENT, name="proef.txt")
    for theme in analysis.themes:
        for p in theme.passages:
            loc = p.location
            assert p.text == normalize_ws(doc.text[loc.start : loc.end])
            assert p.text[-1] in ".!?:;" or p.kind == "table_row"  # never cut mid-sentence
            assert loc.section and loc.block_id


def test_selection_respects_max_and_thresholds() -> None:
    doc = parse_text(DOCUMENT, name="proef.txt")
    one = analyze(doc, framework(), options=AnalysisOptions(max_selected=1))
    assert all(len(t.selected) <= 1 for t in one.themes)
    strict = analyze(
        doc, framework(), options=AnalysisOptions(addressed_score=0.99, uncertain_score=0.98)
    )
    assert all(not t.selected for t in strict.themes)
    assert all(a.status == "not_addressed" for t in strict.themes for a in t.aspects)
