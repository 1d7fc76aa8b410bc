from __future__ import annotations

import itertools

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
    # unselected candidates stay in the result; the ranking is best first by the score shown
    assert any(not p.selected for p in wonen.passages)
    for theme in analysis.themes:
        scores = [p.score for p in theme.passages]
        assert scores == sorted(scores, reverse=True)


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
        doc,
        framework(),
        options=AnalysisOptions(addressed_score=0.99, uncertain_score=0.98, gate_score=0.99),
    )
    assert all(not t.selected for t in strict.themes)
    assert all(a.status == "not_addressed" for t in strict.themes for a in t.aspects)


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        ("We breiden de kinderopvangtoeslag uit.", 1.0),
        ("Wij voeren een suikertaks in.", 1.0),
        ("In 2026 verhogen we de huurtoeslag.", 1.0),
        ("Er komen meer wijkagenten.", 1.0),
        ("De regels voor tijdelijke contracten worden aangescherpt.", 1.0),
        ("De gemeente zet een loket op voor mantelzorgers.", 1.0),
        ("Inwoners krijgen meer zeggenschap: we voeren een burgerbegroting in.", 1.0),
        ("We willen dat elke wijk een huisarts heeft.", 0.5),
        ("Het openbaar vervoer moet betaalbaar blijven.", 0.5),
        ("Voor ons is de boerenstand van groot belang.", 0.5),
        ("Ons doel is een rookvrije generatie in 2040.", 0.5),
        ("Meer groen in de wijk.", 0.0),  # verbless: a commitment only as a list item
        ("In ons land leven we langer dan ooit.", 0.0),
        ("Onze haven draait op handel en logistiek.", 0.0),
        ("De vergrijzing zal leiden tot hogere zorgkosten.", 0.0),
        ("Het is een land waarin we graag wonen.", 0.0),
        ("We weten dat schulden stress geven.", 0.0),
        ("Wij zijn trots op onze vrijwilligers.", 0.0),
        ("Dat realiseren we ons elke dag.", 0.0),
        ("Daarom realiseren we extra woningen.", 1.0),
    ],
)
def test_commitment_strength(sentence: str, level: float) -> None:
    from beleidslens.analysis.commitments import commitment_strength

    assert commitment_strength(sentence) == level


def test_verbless_list_item_is_a_weak_commitment() -> None:
    from beleidslens.analysis.commitments import commitment_strength

    assert commitment_strength("Meer groen in de wijk.", bullet=True) == 0.5
    assert commitment_strength("De wijk is groen.", bullet=True) == 0.0


UNITS_FRAMEWORK = """\
schema: 1
id: eenheden
name: Eenheden
themes:
  - id: water
    label: Schoon water
    keywords: [water, drinkwater, waterkwaliteit, zuivering]
    aspects:
      - {id: drinkwater, label: veilig drinkwater, keywords: [drinkwater, waterleiding]}
  - id: fiets
    label: Fietsen
    keywords: [fiets, fietspaden, fietsers]
    aspects:
      - {id: paden, label: meer fietspaden, keywords: [fietspaden, fietsenstallingen]}
"""

UNITS_DOCUMENT = """\
1. Leefomgeving

Water en fiets

• Schoon drinkwater is niet vanzelfsprekend. We investeren daarom in de zuivering van \
drinkwater en vervangen oude waterleidingen.
• We verbeteren de waterkwaliteit in sloten en plassen. Dat doen we door de lozing van \
meststoffen te beperken. We leggen daarnaast nieuwe fietspaden aan langs de dijken.
• We vernieuwen de haven en de kades. We beschermen het drinkwater tegen vervuiling door \
industrie en landbouw. We verlagen de parkeertarieven in het centrum.
"""


def _units_analysis() -> Analysis:
    from beleidslens.framework import parse_framework

    fw = parse_framework(UNITS_FRAMEWORK, "eenheden.yaml")
    return analyze(parse_text(UNITS_DOCUMENT, name="eenheden.txt"), fw)


def test_passage_is_a_leading_run_or_the_sentence_that_matters() -> None:
    water = {p.text for p in _units_analysis().theme("water").passages}
    # a background lead-in belongs to the commitment that follows it (the whole bullet)
    assert (
        "Schoon drinkwater is niet vanzelfsprekend. We investeren daarom in de zuivering van "
        "drinkwater en vervangen oude waterleidingen." in water
    )
    # the leading run with its continuation, without the trailing sentence on another matter
    assert (
        "We verbeteren de waterkwaliteit in sloten en plassen. Dat doen we door de lozing van "
        "meststoffen te beperken." in water
    )
    # a relevant sentence in the middle of a bullet on other matters stands alone
    assert "We beschermen het drinkwater tegen vervuiling door industrie en landbouw." in water


def test_passages_of_a_block_do_not_overlap_and_one_is_selected() -> None:
    analysis = _units_analysis()
    further = 0
    for theme in analysis.themes:
        spans = sorted((p.location.start, p.location.end) for p in theme.passages)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
        chosen = [p.location.block_id for p in theme.selected]
        assert len(chosen) == len(set(chosen))  # max_per_block
        blocks = [p.location.block_id for p in theme.passages]
        further += len(blocks) - len(set(blocks))
    assert further  # a bullet on several matters gives further runs (block_runs)
    # the sentences outside a block's first run rank as passages of their own
    water = {p.text for p in analysis.theme("water").passages}
    assert "We leggen daarnaast nieuwe fietspaden aan langs de dijken." in water


def test_block_runs_one_gives_one_passage_per_block() -> None:
    from beleidslens.framework import parse_framework

    fw = parse_framework(UNITS_FRAMEWORK, "eenheden.yaml")
    one = analyze(
        parse_text(UNITS_DOCUMENT, name="eenheden.txt"), fw, options=AnalysisOptions(block_runs=1)
    )
    for theme in one.themes:
        blocks = [p.location.block_id for p in theme.passages]
        assert len(blocks) == len(set(blocks))


def test_bundled_sample_fills_the_themes_it_has_passages_on() -> None:
    from pathlib import Path

    from beleidslens.framework import load_framework
    from beleidslens.ingest import load_document

    sample = Path(__file__).resolve().parents[2] / "examples" / "voorbeeldakkoord.txt"
    a = analyze(load_document(sample), load_framework("kwetsbaarheden"))
    for theme_id in ("digitaal", "bestuurlijk", "gezondheid", "ecologisch"):
        selected = a.theme(theme_id).selected
        assert selected, theme_id
        assert all(p.commitment for p in selected)
    assert "cybersecurity" in " ".join(p.text for p in a.theme("digitaal").selected)


AFFINITY_FRAMEWORK = """\
schema: 1
id: affiniteit
name: Affiniteit
themes:
  - id: werk
    label: Werk en inkomen
    keywords: [werk, baan, uitkering, re-integratie, arbeidsmarkt]
    aspects:
      - {id: reintegratie, label: begeleiding naar werk en re-integratie, keywords: [re-integratie]}
"""

AFFINITY_DOCUMENT = """\
1. Werk

Arbeidsmarkt

• We helpen mensen met een uitkering aan een baan op de arbeidsmarkt.
• We investeren in werk voor jongeren zonder baan en in scholing voor werkzoekenden.
• We versterken de re-integratie van mensen met een uitkering naar werk.

2. Veiligheid

Gevangenissen

• We bouwen een nieuwe gevangenis met meer cellen.
• We versterken de re-integratie van gedetineerden in de samenleving.
• We nemen extra gevangenisbewaarders aan voor de nachtdienst.
"""


def test_section_affinity_favours_the_on_topic_section() -> None:
    from beleidslens.framework import parse_framework

    fw = parse_framework(AFFINITY_FRAMEWORK, "affiniteit.yaml")
    doc = parse_text(AFFINITY_DOCUMENT, name="affiniteit.txt")

    def score(options: AnalysisOptions, start: str) -> float:
        passages = analyze(doc, fw, options=options).theme("werk").passages
        return next(p.score for p in passages if p.text.startswith(start))

    plain = AnalysisOptions(section_affinity=0.0)
    default = AnalysisOptions()
    assert default.section_affinity > 0
    # the same words in a section that is not about the theme count for less…
    assert score(default, "We versterken de re-integratie van gedetineerden") < score(
        plain, "We versterken de re-integratie van gedetineerden"
    )
    # …and for more in a section that keeps returning to it
    assert score(default, "We versterken de re-integratie van mensen") > score(
        plain, "We versterken de re-integratie van mensen"
    )
    analysis = analyze(doc, fw)
    ranked = [p.text for p in analysis.theme("werk").passages]
    assert ranked.index(
        "We versterken de re-integratie van mensen met een uitkering naar werk."
    ) < ranked.index("We versterken de re-integratie van gedetineerden in de samenleving.")
    # verdicts weigh the evidence itself, wherever it stands
    verdict = analysis.theme("werk").aspects[0]
    assert verdict.score == analyze(doc, fw, options=plain).theme("werk").aspects[0].score


LEAD_DOCUMENT = """\
1. Water

Drinkwater

• We beschermen het drinkwater. Veel sloten zijn vervuild door meststoffen uit de landbouw. \
We vervangen alle oude waterleidingen door nieuwe waterleidingen voor veilig drinkwater.
"""


def test_passage_starts_at_a_relevant_lead_commitment() -> None:
    from beleidslens.framework import parse_framework

    fw = parse_framework(UNITS_FRAMEWORK, "eenheden.yaml")
    doc = parse_text(LEAD_DOCUMENT, name="lead.txt")
    run = AnalysisOptions(lead_alone=2.0)  # the lead is not quoted alone (tested below)
    with_lead = {p.text for p in analyze(doc, fw, options=run).theme("water").passages}
    no_lead = run.model_copy(update={"lead_ratio": 0.0})
    without = {p.text for p in analyze(doc, fw, options=no_lead).theme("water").passages}
    whole = normalize_ws(LEAD_DOCUMENT.split("• ")[1])
    assert whole in with_lead
    assert whole not in without
    # by default the committing lead is quoted alone, the rest of the bullet elaborates it
    default = {p.text for p in analyze(doc, fw).theme("water").passages}
    assert "We beschermen het drinkwater." in default and whole not in default


def test_selection_takes_at_most_max_per_block_from_one_block() -> None:
    from beleidslens.analysis.passages import Candidate, sentence_units
    from beleidslens.analysis.selection import select

    doc = parse_text(UNITS_DOCUMENT, name="eenheden.txt")
    units = sentence_units(doc, AnalysisOptions())
    third = [u for u in units if u.block is units[-1].block]  # the bullet on three matters
    cands = [
        Candidate(u.block, [u], score, {"a": score})
        for u, score in ((third[0], 0.9), (third[2], 0.85), (units[1], 0.5))
    ]
    for per_block, expected in ((1, [0, 2]), (2, [0, 1, 2])):
        opts = AnalysisOptions(max_per_block=per_block, relative_score=0.1, max_per_aspect=5)
        chosen = select(cands, {"a": 0.9}, opts)
        assert sorted(cands.index(c) for c in chosen) == expected


def test_a_coded_theme_selects_only_passages_it_leads() -> None:
    """marpor's categories are exclusive: a passage goes to the coded theme it scores best
    for (rival_ratio), with at least coded_min_score; the candidates keep every passage."""
    import numpy as np

    from beleidslens.analysis.passages import Candidate, sentence_units
    from beleidslens.analysis.selection import coded_pool, rival_scores

    doc = parse_text(UNITS_DOCUMENT, name="eenheden.txt")
    units = sentence_units(doc, AnalysisOptions())
    scores = np.array([[0.9, 0.2, 0.6], [0.5, 0.8, 0.6], [0.1, 0.1, 0.1]])  # 3 themes × 3 units
    opts = AnalysisOptions(coded_min_score=0.45)  # the candidates below score 0.5
    rival = rival_scores([0, 1], scores, opts)  # two coded themes; the third names no code
    assert rival is not None and list(rival) == [0.9, 0.8, 0.6]
    cands = [Candidate(u.block, [u], 0.5, {}) for u in units[:3]]
    assert coded_pool(cands, scores[0], rival, opts) == [cands[0], cands[2]]  # a tie holds
    assert coded_pool(cands, scores[1], rival, opts) == [cands[1], cands[2]]
    low = AnalysisOptions(coded_min_score=0.6)
    assert coded_pool(cands, scores[0], rival, low) == []
    assert rival_scores([0], scores, opts) is None  # one coded theme: nothing to rival
    assert rival_scores([0, 1], scores, AnalysisOptions(rival_ratio=0)) is None


def test_the_coded_check_thins_marpor_selection_and_spares_uncoded_frameworks() -> None:
    from pathlib import Path

    from beleidslens.framework import load_framework
    from beleidslens.ingest import load_document

    sample = load_document(
        Path(__file__).resolve().parents[2] / "examples" / "voorbeeldakkoord.txt"
    )
    off = AnalysisOptions(rival_ratio=0)
    marpor = load_framework("marpor")
    on_sel = {(t.id, p.id) for t in analyze(sample, marpor).themes for p in t.selected}
    off_sel = {
        (t.id, p.id) for t in analyze(sample, marpor, options=off).themes for p in t.selected
    }
    assert on_sel < off_sel  # fewer, and none that the unchecked run did not select
    kw = load_framework("kwetsbaarheden")
    plain = [[p.id for p in t.selected] for t in analyze(sample, kw).themes]
    assert plain == [[p.id for p in t.selected] for t in analyze(sample, kw, options=off).themes]


STANDS_DOCUMENT = """\
1. Water

• Schoon water blijft een belangrijk doel van ons beleid. Het waterschap krijgt een nieuwe \
taak bij de dijken. We investeren fors in de zuivering van drinkwater.
"""


def test_a_committing_lead_is_quoted_alone_and_stands_for_its_block() -> None:
    import numpy as np

    from beleidslens.analysis.passages import candidates, sentence_units

    units = sentence_units(parse_text(STANDS_DOCUMENT, name="lead.txt"), AnalysisOptions())
    assert [u.commitment for u in units] == [0.5, 0.5, 1.0]  # continuity, provision, action
    rel = np.array([0.40, 0.05, 0.50])
    aspect = {"a": np.array([0.10, 0.0, 0.60])}

    def ranked(opts: AnalysisOptions) -> list[tuple[list[int], float, float]]:
        factor = np.array([0.85, 0.85, 1.0])  # commitment_weight of the strengths above
        out = candidates(units, rel, rel * factor, aspect, opts)
        return [([u.index for u in c.units], round(c.score, 4), c.aspect_scores["a"]) for c in out]

    stands = ranked(AnalysisOptions())
    # the lead alone, scored (and serving aspects) as its block; the rest a further run
    assert [r[0] for r in stands] == [[0], [1, 2]]
    assert stands[0][1] >= stands[1][1] and stands[0][2] == 0.6
    alone = ranked(AnalysisOptions(lead_stands=False))
    assert [r[0] for r in alone] == [[1, 2], [0]]  # by its own words the lead ranks under the rest
    whole = ranked(AnalysisOptions(lead_alone=2.0))
    assert whole[0][0] == [0, 1, 2]  # off: the leading run through the best sentence


def test_an_aspect_whose_best_passage_is_refused_takes_the_next_best() -> None:
    """Step 1: another run of a chosen block is refused (max_per_block), so the aspect goes
    to the best passage elsewhere rather than to nothing."""
    from beleidslens.analysis.passages import Candidate, sentence_units
    from beleidslens.analysis.selection import select

    text = (
        "1. Water\n\n• We beschermen het drinkwater tegen vervuiling. We leggen nieuwe "
        "fietspaden aan langs de dijken.\n\n• We leggen ook fietspaden aan in de steden en "
        "dorpen van het land.\n"
    )
    a, b, c = sentence_units(parse_text(text, name="x.txt"), AnalysisOptions())
    cands = [
        Candidate(a.block, [a], 0.9, {"A": 0.9, "B": 0.1}),
        Candidate(b.block, [b], 0.6, {"A": 0.0, "B": 0.8}),  # same block as the first
        Candidate(c.block, [c], 0.45, {"A": 0.0, "B": 0.6}),
    ]
    chosen = select(cands, {"A": 0.9, "B": 0.8}, AnalysisOptions())
    assert [cands.index(s) for s in chosen] == [0, 2]


def test_a_coded_theme_quotes_sentences_and_an_uncoded_one_the_analysts_unit() -> None:
    """coded_sentences: marpor's passages are single sentences; kwetsbaarheden keeps its
    runs (leads, continuations)."""
    from pathlib import Path

    from beleidslens.document.sentences import sentences
    from beleidslens.framework import load_framework
    from beleidslens.ingest import load_document

    sample = load_document(
        Path(__file__).resolve().parents[2] / "examples" / "voorbeeldakkoord.txt"
    )
    marpor = analyze(sample, load_framework("marpor"))
    runs = [sentences(p.text) for t in marpor.themes for p in t.passages]
    assert runs and all(len(r) == 1 for r in runs)
    off = analyze(sample, load_framework("marpor"), options=AnalysisOptions(coded_sentences=False))
    assert any(len(sentences(p.text)) > 1 for t in off.themes for p in t.passages)
    kw = load_framework("kwetsbaarheden")
    plain = [[p.id for p in t.passages] for t in analyze(sample, kw).themes]
    unset = AnalysisOptions(coded_sentences=False)
    assert plain == [[p.id for p in t.passages] for t in analyze(sample, kw, options=unset).themes]
    assert any(len(sentences(p.text)) > 1 for t in analyze(sample, kw).themes for p in t.passages)


def test_lead_in_and_continuations_can_be_switched_off() -> None:
    from beleidslens.framework import parse_framework

    fw = parse_framework(UNITS_FRAMEWORK, "eenheden.yaml")
    doc = parse_text(UNITS_DOCUMENT, name="eenheden.txt")
    lead = (
        "Schoon drinkwater is niet vanzelfsprekend. We investeren daarom in de zuivering van "
        "drinkwater en vervangen oude waterleidingen."
    )
    cont = (
        "We verbeteren de waterkwaliteit in sloten en plassen. Dat doen we door de lozing van "
        "meststoffen te beperken."
    )
    on = {p.text for p in analyze(doc, fw).theme("water").passages}
    assert lead in on and cont in on
    from beleidslens.analysis.pipeline import CODED_THEME_OPTIONS

    bare = AnalysisOptions(**CODED_THEME_OPTIONS)  # what a coded theme uses
    off = {p.text for p in analyze(doc, fw, options=bare).theme("water").passages}
    assert lead not in off and cont not in off
    assert "Dat doen we door de lozing van meststoffen te beperken." in off
    # each switch on its own
    # a lead-in is background before a commitment: seen where background is discounted
    discounted = {**CODED_THEME_OPTIONS, "background_factor": AnalysisOptions().background_factor}
    lead_in = AnalysisOptions(**{**discounted, "lead_in": True})
    assert lead in {p.text for p in analyze(doc, fw, options=lead_in).theme("water").passages}
    joined = AnalysisOptions(**{**CODED_THEME_OPTIONS, "continuations": True})
    assert cont in {p.text for p in analyze(doc, fw, options=joined).theme("water").passages}


def _sample_scores(fw_id: str, opts: AnalysisOptions | None = None) -> list[list[float]]:
    """Every theme's candidate scores on the bundled sample agreement."""
    from pathlib import Path

    from beleidslens.framework import load_framework
    from beleidslens.ingest import load_document

    sample = load_document(
        Path(__file__).resolve().parents[2] / "examples" / "voorbeeldakkoord.txt"
    )
    fw = load_framework(fw_id)
    return [[p.score for p in t.passages] for t in analyze(sample, fw, options=opts).themes]


def test_a_coded_theme_is_ranked_by_its_theme_query_alone() -> None:
    """coded_sentences sets aspect_mix 0 for coded themes: the framework-wide aspect_mix
    does not move them, while it moves an uncoded framework's ranking."""
    mixed = AnalysisOptions(aspect_mix=0.9)
    assert _sample_scores("marpor") == _sample_scores("marpor", mixed)
    assert _sample_scores("kwetsbaarheden") != _sample_scores("kwetsbaarheden", mixed)


def test_a_coded_theme_ranks_background_prose_as_a_coder_codes_it() -> None:
    """coded_sentences sets background_factor 1 for coded themes: coders code a programme's
    observations as they code its promises, so the framework-wide commitment discount does
    not move a coded theme's candidates, while it moves an uncoded framework's."""
    steep = AnalysisOptions(background_factor=0.3)
    assert _sample_scores("marpor") == _sample_scores("marpor", steep)
    assert _sample_scores("kwetsbaarheden") != _sample_scores("kwetsbaarheden", steep)
