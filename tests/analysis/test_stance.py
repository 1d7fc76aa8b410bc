"""Stance of evidence and verdicts from the same evidence as the selection."""

from __future__ import annotations

import pytest

from beleidslens.analysis.options import AnalysisOptions
from beleidslens.analysis.pipeline import analyze
from beleidslens.analysis.stance import against, aspect_terms
from beleidslens.framework import load_framework
from beleidslens.ingest import load_document, parse_text
from conftest import shared_path
from test_analysis_samples import DOCUMENT, framework

_TERMS = aspect_terms(["vervuiling beprijzen", "co2-heffing", "vliegbelasting"])


@pytest.mark.parametrize(
    "sentence",
    [
        "Wij zijn tegen een nieuwe co2-heffing voor bedrijven.",
        "De vliegbelasting wordt volgend jaar afgeschaft.",
        "Er komt geen co2-heffing voor de industrie.",
        "We stoppen met de vliegbelasting.",
        "Afschaffing van de vliegbelasting.",
        "We stoppen met alle vormen van de vliegbelasting.",  # a verb reaches its object
        "De co2-heffing wordt volgend jaar ingetrokken.",
        "De vliegbelasting wordt stopgezet.",
        "Daarmee vervalt de co2-heffing als uitgangspunt.",
    ],
)
def test_a_rejected_remedy_is_against(sentence: str) -> None:
    assert against(sentence, _TERMS)


@pytest.mark.parametrize(
    "sentence",
    [
        "We voeren een co2-heffing in voor de industrie.",
        "De strijd tegen vervuiling krijgt voorrang.",  # fights the problem
        "Vervuilers gaan de prijs betalen.",  # no term of the aspect at all
        "Er komt geen uitzondering: de vliegbelasting gaat omhoog.",  # cue too far away
        "We schaffen de subsidie af en voeren een co2-heffing in.",
        "Niet alleen de vliegbelasting gaat omhoog, maar ook de co2-heffing.",  # not only
        "We stoppen met subsidies voor vervuilende bedrijven en voeren een co2-heffing in.",
    ],
)
def test_adopting_or_fighting_is_not_against(sentence: str) -> None:
    assert not against(sentence, _TERMS)


def test_no_terms_no_stance() -> None:
    assert not against("Wij zijn tegen alles.", frozenset())


_FAR = "Er komt geen enkele nieuwe extra vorm van vliegbelasting."  # 'geen': 6 words before
_LATE = "De vliegbelasting voor korte vluchten wordt afgeschaft."  # 'afgeschaft': 5 after


def test_the_window_decides_which_cue_is_found() -> None:
    assert not against(_FAR, _TERMS)  # the default window: 4 words
    assert against(_FAR, _TERMS, before=6) and not against(_FAR, _TERMS, before=5)
    assert not against(_LATE, _TERMS) and against(_LATE, _TERMS, after=5)
    assert against(_LATE, _TERMS, after=5, before=0)  # a cue after needs no window before
    assert not against("Geen vliegbelasting.", _TERMS, before=0)


def test_a_rejecting_verb_reaches_further_than_a_negation() -> None:
    verb = "We stoppen met alle vormen van de vliegbelasting."  # 'stoppen': 6 words before
    negation = "Er komt geen enkele nieuwe extra vorm van vliegbelasting."  # 'geen': 6 before
    assert against(verb, _TERMS) and not against(negation, _TERMS)
    assert not against(verb, _TERMS, verb_before=5)
    assert AnalysisOptions().stance_verb_before == 6


def test_the_analysis_option_sets_the_window() -> None:
    doc = (
        "Wonen\n\nEr komen geen nieuwe grote dure projecten van woningbouw in het "
        "buitengebied.\n\nWe bouwen meer betaalbare woningen voor starters en ouderen.\n"
    )

    def stances(**options: int) -> list[str | None]:
        opts = AnalysisOptions(**options)
        result = analyze(parse_text(doc, name="proef.txt"), framework(), options=opts)
        (theme,) = [t for t in result.themes if t.id == "wonen"]
        (bouwen,) = [a for a in theme.aspects if a.id == "bouwen"]
        return [e.stance for e in bouwen.evidence if "woningbouw" in e.text]

    assert stances() == [None]  # 'geen' is 6 words before 'woningbouw'
    assert stances(stance_before=6) == ["against"]
    assert AnalysisOptions().to_dict()["stance_before"] == 4


def _contradictions(analysis) -> list[str]:  # type: ignore[no-untyped-def]
    """Aspects printed NIET although a selected passage serves them or holds their evidence."""
    out = []
    for theme in analysis.themes:
        selected = {p.id for p in theme.selected}
        served = {a for p in theme.selected for a in p.aspects}
        for v in theme.aspects:
            if str(v.status) != "not_addressed":
                continue
            if v.id in served or any(e.passage_id in selected for e in v.evidence):
                out.append(f"{theme.id}:{v.id}")
    return out


def test_sample_report_never_says_niet_beside_its_own_passage() -> None:
    analysis = analyze(parse_text(DOCUMENT, name="proef.txt"), framework())
    assert _contradictions(analysis) == []


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("parts", "framework_id"),
    [
        (("coalitieakkoord-2021-2025.txt",), "kwetsbaarheden"),
        (("coalitieakkoord-2021-2025.txt",), "sdg"),
        (("nl-manifestos-txt-wouterbakker", "GroenLinksPvdA_2023.txt"), "kwetsbaarheden"),
        (("nl-manifestos-txt-wouterbakker", "D66_2021.txt"), "sdg"),
        (("nl-manifestos-2025-pdf-zweefhulp", "PVV_Programma_Digi_2025.txt"), "kwetsbaarheden"),
        # a framework with codes: the concept step reorders the candidates
        (("coalitieakkoord-2021-2025.txt",), "marpor"),
        (("nl-manifestos-txt-wouterbakker", "GroenLinksPvdA_2023.txt"), "marpor"),
    ],
)
def test_no_report_prints_niet_for_an_aspect_it_selects(
    parts: tuple[str, ...], framework_id: str
) -> None:
    doc = load_document(shared_path("corpus", *parts))
    analysis = analyze(doc, load_framework(framework_id))
    assert _contradictions(analysis) == []
    # enough candidates for a reviewer: max_candidates per theme, or the list runs down to
    # the passage floor (every block with evidence is there)
    opts = AnalysisOptions()
    assert opts.max_candidates >= 50
    for t in analysis.themes:
        assert len(t.passages) >= opts.max_candidates or (
            t.passages and t.passages[-1].score <= 2 * opts.passage_floor
        ), (t.id, len(t.passages))
