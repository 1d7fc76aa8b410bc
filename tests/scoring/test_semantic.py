"""The shipped semantic model, its training (``--tiny``), and ``lexical.v2``'s use of it."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from beleidslens.nlp.semantic import DEFAULT_MODEL_PATH, SemanticModel, load_model
from beleidslens.nlp.semantic_corpus import is_held_out, sample_blocks, text_files
from beleidslens.scoring import SCORERS, Query, ScoringUnit
from beleidslens.scoring.lexical import LexicalScorer
from beleidslens.scoring.semantic import SemanticScorer
from conftest import REPO, shared_path

SAMPLE = REPO / "tests" / "data" / "semantic_sample.md"


def _needs_scipy() -> None:
    if importlib.util.find_spec("scipy") is None:
        if os.environ.get("CI"):
            pytest.fail("scipy is missing, and CI is set: the tiny training must run in CI")
        pytest.skip("scipy not installed (pip install 'beleidslens[train]')")


# -- training -------------------------------------------------------------------------------
def test_tiny_training_is_deterministic_and_the_artifact_loads_and_scores(tmp_path: Path) -> None:
    _needs_scipy()
    script = REPO / "scripts" / "train_semantic.py"
    outs = [tmp_path / "a.npz", tmp_path / "b.npz"]
    for out in outs:
        subprocess.run(
            [sys.executable, str(script), "--tiny", "--out", str(out)],
            check=True,
            capture_output=True,
            timeout=120,
        )
    assert outs[0].read_bytes() == outs[1].read_bytes()  # same inputs, same bytes
    model = SemanticModel.load(outs[0])
    assert "gedetineerden" in model.index and "student" in model.index
    assert model.space("window").shape == (len(model.vocab), 8)
    meta = model.meta
    assert meta["sources"] == ["semantic_sample.md"] and meta["format"] == 1
    scorer = SemanticScorer(model=str(outs[0]))
    units = [
        ScoringUnit("a", "Gedetineerden krijgen scholing in de gevangenis."),
        ScoringUnit("b", "Het minimumloon gaat omhoog."),
    ]
    scores = scorer.score(units, [Query("q", (("gevangenis", 1.0),))])
    assert scores.shape == (1, 2) and scores[0, 0] > scores[0, 1]


def test_sample_blocks_keep_the_heading_of_each_paragraph() -> None:
    blocks = list(sample_blocks([SAMPLE.read_text(encoding="utf-8")]))
    heading, terms = blocks[3]
    assert "justitie" in heading and "gedetineerden" in terms


def test_a_2017_programme_is_never_training_text() -> None:
    assert is_held_out("CDA_2017.txt") and is_held_out("GroenLinks_2017.txt")
    assert not is_held_out("sp_verkiezingsprogramma_2023-2027.txt")
    assert not is_held_out("D66-Concept-verkiezingsprogramma-2025-2030.txt")


@pytest.mark.corpus
def test_the_corpus_selection_has_no_2017_programme() -> None:
    files = text_files(shared_path("corpus"))
    assert len(files) > 100
    assert not any("2017" in f.name for f in files)
    assert files == text_files(shared_path("corpus"))  # the same list, in the same order
    first = [f for f in files if f.parent.name == "nl-manifestos-txt-wouterbakker"]
    assert first == sorted(first) and len(first) > 100


# -- the shipped artifact -------------------------------------------------------------------
def test_shipped_model_is_small_and_holds_single_terms() -> None:
    """(Its load time is measured by benchmarks/bench_semantic.py, not here.)"""
    assert DEFAULT_MODEL_PATH.stat().st_size <= 25 * 1024 * 1024
    model = SemanticModel.load(DEFAULT_MODEL_PATH)
    assert len(model.vocab) > 10_000
    assert all(" " not in t and 0 < len(t) <= 40 for t in model.vocab)  # no sentences
    assert not any("2017" in s for s in model.meta["sources"])
    assert (DEFAULT_MODEL_PATH.parent / "semantic-nl.NOTICE.md").exists()


def test_the_analysis_imports_no_torch_sklearn_or_training_code(tmp_path: Path) -> None:
    """numpy only: (scipy may come in through bm25s, as it does for lexical.v1)."""
    code = (
        "import sys\n"
        "from beleidslens.ingest import load_document\n"
        "from beleidslens.framework.loader import load_framework\n"
        "from beleidslens.analysis.pipeline import analyze\n"
        "a = analyze(load_document('examples/voorbeeldakkoord.txt'), "
        "load_framework('kwetsbaarheden'))\n"
        "assert a.backend == 'lexical.v2', a.backend\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('torch', 'sklearn', 'sentence_transformers') or 'semantic_train' in m))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.stdout.strip() == "[]"


def test_domain_neighbours_make_sense() -> None:
    model = load_model()
    near = [t for t, _ in model.neighbours("werkloosheid", model.vocab, k=10)]
    assert {"werkloos", "ww"} & set(near)
    near = [t for t, _ in model.neighbours("gedetineerden", model.vocab, k=10)]
    assert {"gevangenis", "ex-gedetineerden", "recidive"} & set(near)


# -- lexical.v2 -----------------------------------------------------------------------------
def _units() -> list[ScoringUnit]:
    return [
        ScoringUnit(
            "w1", "Wie een uitkering heeft, krijgt begeleiding naar werk.", "Werk en inkomen", "g1"
        ),
        ScoringUnit(
            "w2",
            "De re-integratie van werklozen op de arbeidsmarkt krijgt meer geld.",
            "Werk en inkomen",
            "g1",
        ),
        ScoringUnit(
            "j1",
            "De re-integratie van gedetineerden begint in de gevangenis.",
            "Veiligheid en justitie",
            "g2",
        ),
        ScoringUnit(
            "j2",
            "Criminelen worden sneller berecht door de rechter.",
            "Veiligheid en justitie",
            "g2",
        ),
        ScoringUnit(
            "s1",
            "Gelijke behandeling van studenten bij de toelating tot een opleiding.",
            "Onderwijs",
            "g3",
        ),
        ScoringUnit(
            "e1", "Gelijke behandeling van vrouwen en mannen op de werkvloer.", "Emancipatie", "g4"
        ),
        ScoringUnit("k1", "Er komen meer windmolens op zee.", "Klimaat en energie", "g5"),
    ]


def test_switched_off_it_is_exactly_lexical_v1() -> None:
    units = _units()
    queries = [
        Query("q", (("re-integratie", 3.0), ("werk, arbeidsmarkt", 2.0))),
        Query("c", (("werk", 1.0),), {"codes": ["701"]}),  # the concept step would apply
    ]
    switched_off = {"blend": 0.0, "expand_terms": 0, "sense_penalty": 0.0, "concept": 0.0}
    off = SemanticScorer(**switched_off).score(units, queries)
    assert np.array_equal(off, LexicalScorer().score(units, queries))
    on = SemanticScorer(**{**switched_off, "concept": 0.5}).score(units, queries)
    assert np.array_equal(on[0], off[0]) and not np.array_equal(on[1], off[1])


def test_bare_lexical_resolves_to_v2_and_v1_keeps_its_meaning() -> None:
    assert SCORERS.resolve("lexical") == "lexical.v2"
    assert SCORERS.create("lexical.v1").name == "lexical.v1"


def test_recorded_parameters_name_the_model() -> None:
    params = SemanticScorer().parameters()
    assert params["model"].startswith("semantic-nl.npz:") and "blend" in params
    json.dumps(params)


def test_unknown_or_bad_options_are_one_line_errors() -> None:
    from beleidslens.errors import AnalysisError

    with pytest.raises(AnalysisError, match="blend"):
        SCORERS.create("lexical.v2", blend="2")
    with pytest.raises(AnalysisError, match="unknown"):
        SCORERS.create("lexical.v2", bogus="1")


def test_word_sense_labour_reintegration_is_not_prison_reintegration() -> None:
    """Item 6: the same keyword under another section, among other words, ranks lower."""
    units = _units()
    query = Query(
        "aspect:werk:reintegratie",
        (
            ("Re-integratie naar werk", 3.0),
            ("re-integratie, werkloosheid, uitkering, arbeidsmarkt", 2.0),
        ),
    )
    v1 = LexicalScorer().score(units, [query])[0]
    v2 = SemanticScorer().score(units, [query])[0]
    w2, j1 = 1, 2
    assert v2[w2] > v2[j1]
    # the prison sentence loses more of its lexical score than the labour one
    assert v2[j1] / v1[j1] < v2[w2] / v1[w2]


def test_word_sense_equal_treatment_of_students_is_not_gender_equality() -> None:
    units = _units()
    query = Query(
        "aspect:emancipatie:gelijk",
        (
            ("Gelijke behandeling van vrouwen en mannen", 3.0),
            ("emancipatie, gelijke behandeling, discriminatie, gender", 2.0),
        ),
    )
    v1 = LexicalScorer().score(units, [query])[0]
    v2 = SemanticScorer().score(units, [query])[0]
    s1, e1 = 4, 5
    assert v2[e1] > v2[s1]
    assert v2[s1] / v1[s1] < v2[e1] / v1[e1]


# our own sentences: a keyword whose query's other lexical matches mostly carry other senses
# too (the compound part 'integratie' of newcomers), so that only the theme's meaning and
# the document's most on-theme passages tell the sense
_SENSE_UNITS = [
    ("Werk en inkomen", "Wie een uitkering heeft, krijgt hulp van de gemeente bij het vinden van een baan."),
    ("Werk en inkomen", "Werkzoekenden met een arbeidsbeperking krijgen loonkostensubsidie en een jobcoach."),
    (
        "Werk en inkomen",
        "Bij langdurige ziekte richt de re-integratie zich op terugkeer naar het eigen werk of "
        "een andere werkgever.",
    ),
    ("Werk en inkomen", "Het minimumloon stijgt en de bijstand gaat mee omhoog."),
    (
        "Veiligheid en justitie",
        "Om recidive te voorkomen is re-integratie in de samenleving een vast onderdeel van het "
        "gevangenisregime.",
    ),
    ("Veiligheid en justitie", "De politie krijgt meer wijkagenten en de rechter straft criminelen sneller."),
    ("Veiligheid en justitie", "Gedetineerden krijgen in de gevangenis een plan voor wonen en schulden."),
    ("Inburgering", "De integratie van nieuwkomers begint met taallessen vanaf de eerste dag."),
    ("Inburgering", "Integratie vraagt inzet van nieuwkomers en van de samenleving."),
    ("Inburgering", "Statushouders krijgen snel een woning in een gemeente met werk."),
    ("Klimaat", "Er komen meer windmolens op zee en zonnepanelen op daken."),
]  # fmt: skip
_SENSE_QUERIES = [
    Query(
        "theme:werk",
        (("Werk en inkomen", 3.0), ("werkloosheid, uitkering, baan, arbeidsmarkt, bijstand", 2.0)),
        {"family": "werk"},
    ),
    Query(
        "aspect:werk:re",
        (
            ("begeleiding naar werk en re-integratie", 3.0),
            ("re-integratie, begeleiding, participatie", 2.0),
        ),
        {"family": "werk"},
    ),
    Query("theme:veilig", (("Veiligheid", 3.0), ("politie, criminaliteit, straf", 2.0)), {"family": "v"}),
    Query("theme:klimaat", (("Klimaat", 3.0), ("windmolens, uitstoot", 2.0)), {"family": "k"}),
]  # fmt: skip
_OLD_SENSE = {"sense_family": 0.0, "sense_doc_quantile": 0.0, "sense_margin": 0.15}


def test_word_sense_from_the_theme_when_the_other_matches_mislead() -> None:
    """Item 6: labour re-integration (unit 2) against prisoners' re-integration (unit 4)
    under an aspect of a labour theme. Lexically the prison sentence scores highest; checked
    only against the query's other matches (mostly 'integratie' of newcomers, another sense
    as well) it keeps most of its score; checked against the theme's meaning and what the
    document's most on-theme passages reach, it loses about half."""
    units = [ScoringUnit(str(i), t, c, c) for i, (c, t) in enumerate(_SENSE_UNITS)]
    v1 = LexicalScorer().score(units, _SENSE_QUERIES)[1]
    old = SemanticScorer(**_OLD_SENSE).score(units, _SENSE_QUERIES)[1]
    new = SemanticScorer().score(units, _SENSE_QUERIES)[1]
    labour, prison, newcomers = 2, 4, (7, 8)
    assert v1[prison] > v1[labour]  # the lexical scores alone get the sense wrong
    assert old[prison] > 0.8 * old[labour]  # the matches' own quartile barely moves it
    assert new[prison] < 0.6 * new[labour]
    assert new[labour] == pytest.approx(v1[labour], abs=0.02)  # the right sense keeps its score
    for i in newcomers:  # 'integratie' of newcomers is another sense too
        assert new[i] < old[i]
    # without a family (a query of its own) the theme's meaning cannot help
    alone = [Query(q.id, q.fields) for q in _SENSE_QUERIES]
    no_family = SemanticScorer().score(units, alone)[1]
    assert no_family[prison] > new[prison]


# our own sentences: a right-sense match whose other words are odd ('alle zeilen bijzetten')
# in a section about the theme, and a wrong-sense one ('vestigingsklimaat') elsewhere
_SECTION_UNITS = [
    ("Klimaat en energie", "De uitstoot van broeikasgassen moet in 2030 met de helft omlaag."),
    ("Klimaat en energie", "Er komen meer windmolens op zee en zonnepanelen op daken."),
    ("Klimaat en energie", "Een CO2-heffing voor de industrie maakt vervuiling duurder."),
    ("Klimaat en energie", "We zetten alle zeilen bij zodat Nederland in 2040 klimaatneutraal is."),
    ("Klimaat en energie", "Huishoudens krijgen subsidie om hun huis te isoleren."),
    ("Economie en ondernemen", "Het vestigingsklimaat voor ondernemers en het mkb wordt beter met minder regels."),
    ("Economie en ondernemen", "Ondernemers krijgen sneller een vergunning van de gemeente."),
    ("Economie en ondernemen", "De winstbelasting voor kleine bedrijven gaat omlaag."),
    ("Onderwijs", "Leraren krijgen een hoger salaris en scholen krijgen geld voor kleinere klassen."),
    ("Onderwijs", "Studenten krijgen een basisbeurs."),
    ("Zorg", "De huisarts blijft dichtbij en de eigen bijdrage gaat omlaag."),
    ("Zorg", "Er komen meer verpleegkundigen in de ouderenzorg."),
]  # fmt: skip
_SECTION_QUERIES = [
    Query(
        "theme:klimaat",
        (("Klimaat", 3.0), ("klimaat, uitstoot, CO2, broeikasgassen, klimaatneutraal", 2.0)),
        {"family": "klimaat"},
    ),
    Query(
        "aspect:klimaat:doel",
        (("doelen voor een klimaatneutraal land", 3.0), ("klimaatneutraal, klimaat", 2.0)),
        {"family": "klimaat"},
    ),
    Query("theme:economie", (("Economie", 3.0), ("ondernemers, mkb", 2.0)), {"family": "e"}),
    Query("theme:zorg", (("Zorg", 3.0), ("huisarts, verpleegkundigen", 2.0)), {"family": "z"}),
]


def test_a_match_in_a_section_that_fits_the_sense_keeps_its_score() -> None:
    """The sense check spares a match whose surroundings (heading path, section) reach the
    0.9 quantile of the document's (``sense_section_quantile``): odd words in a climate
    section are no other sense; the business climate under an economy section still is."""
    units = [ScoringUnit(str(i), t, c, c) for i, (c, t) in enumerate(_SECTION_UNITS)]
    off = SemanticScorer(sense_penalty=0).score(units, _SECTION_QUERIES)[1]
    words_only = SemanticScorer(sense_section_quantile=0).score(units, _SECTION_QUERIES)[1]
    new = SemanticScorer().score(units, _SECTION_QUERIES)[1]
    odd_words, business = 3, 5
    assert words_only[odd_words] < 0.95 * off[odd_words]  # without the section: penalized
    assert new[odd_words] == pytest.approx(off[odd_words])
    assert new[business] < 0.6 * off[business]
    assert new[business] == pytest.approx(words_only[business])
