"""Options of the analysis: every tuned number of selection and verdicts, one model.

All fields are recorded in ``Analysis.parameters.options`` (``scorer`` separately, as the
backend's validated parameters, in ``Analysis.parameters.scorer``). ``docs/scoring.md``
names the measurement that chose each value.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import AnalysisError


def _f(default: Any, description: str, **bounds: float) -> Any:
    return Field(default, description=description, **bounds)  # type: ignore[call-overload]


class AnalysisOptions(BaseModel):
    """Selection, passage and verdict parameters of :func:`beleidslens.analysis.analyze`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # queries (analysis.pipeline.build_queries)
    label_weight: float = _f(3.0, "query weight of a theme's or aspect's label", ge=0.0, le=100.0)
    keyword_weight: float = _f(2.0, "query weight of its keyword list", ge=0.0, le=100.0)
    description_weight: float = _f(1.0, "query weight of its description", ge=0.0, le=100.0)
    aspect_field_weight: float = _f(
        1.0,
        "weight in a theme's query of its aspects' labels and of their keywords",
        ge=0.0,
        le=100.0,
    )
    # units and passages
    min_unit_words: int = _f(3, "sentences shorter than this are not scored", ge=1, le=100)
    passage_floor: float = _f(
        0.05, "a block's best sentence must exceed this to give a passage", ge=0.0, le=1.0
    )
    run_ratio: float = _f(
        0.55, "sentences before the best one join its passage at this fraction", ge=0.0, le=1.0
    )
    lead_ratio: float = _f(
        0.55,
        "…or from the block's lead when it is a commitment this relevant (0: off)",
        ge=0.0,
        le=1.0,
    )
    # with lead_stands, bench_quality.py full: 2 (off) MARPOR dev P@5/P@10 .651/.593, dev
    # gold .818/.583 (unit .545/.583); 1.0 .658/.598, gold unchanged; 0.5 .656/.598, gold
    # .818/.667 (unit .636/.667), PImPo dev P@10 .537 -> .544. Without lead_stands 0.5 cost
    # the gold a bullet: the lead alone ranked under the rest of its block
    continuations: bool = _f(
        True, "continuations (Dat doen we door…) join the passage of the sentence before"
    )
    lead_in: bool = _f(
        True, "a block's only sentence before its best joins it when it is no full commitment"
    )
    lead_alone: float = _f(
        0.5,
        "a lead taken by lead_ratio that is a commitment this strong is quoted alone (with its "
        "continuations); above 1: off",
        ge=0.0,
        le=2.0,
    )
    # bench_quality.py full, MARPOR dev P@5/P@10/selP, set-aside P@5/P@10/selP, PImPo dev
    # P@5/P@10: off .653/.595/.738 .613/.531/.745 .600/.562; best sentence with its
    # continuations and lead-in .658/.609/.751 .640/.578/.731 .625/.581; without the lead-in
    # .670/.621/.763 .660/.601/.781 .637/.600; the sentence alone (chosen) .689/.648/.790
    # .673/.612/.800 .662/.625 (PImPo set-aside .450/.375 -> .400/.425; covered 400 -> 373
    # of 524, the TF-IDF peer 340); dev gold unchanged (no codes). Ranked by the theme query
    # alone too (aspect_mix 0 for coded themes): .696/.655/.801 .670/.608/.814 .675/.637
    # (PImPo set-aside P@10 .425 -> .450; covered 375 of 524)
    coded_sentences: bool = _f(
        True,
        "a theme naming codebook codes quotes single sentences, the unit coders code (no "
        "lead-in, continuation, elaboration or joined statement), ranked by its theme query "
        "alone (aspect_mix 0)",
    )
    lead_stands: bool = _f(
        True, "a lead quoted alone (lead_alone) scores, and serves aspects, as its whole block"
    )
    elaboration_ratio: float = _f(
        0.55,
        "a sentence after the best that elaborates (no new commitment) joins at this fraction",
        ge=0.0,
        le=2.0,
    )
    join_ratio: float = _f(
        0.85, "a fresh statement after the best joins only at this fraction", ge=0.0, le=1.0
    )
    # bench_quality.py full, MARPOR dev P@5/P@10/selP (selected):
    # 1 .624/.549/.651 (1354), 3 .647/.585/.643 (1400), 10 .651/.592/.643 (1399); set-aside
    # .597/.498 -> .612/.534; PImPo dev P@10 .475 -> .506; dev gold unchanged (with
    # max_per_block 1; at 2 MARPOR selP .637 and the gold loses a bullet to a further run)
    block_runs: int = _f(
        10,
        "most passages one block gives a theme: after its first run, the sentences outside "
        "it give further runs the same way (a long paragraph with several statements)",
        ge=1,
        le=100,
    )
    # at block_runs 10: 0 .651/.592, 0.5 .646/.583
    further_ratio: float = _f(
        0.0,
        "a further run's best sentence must reach this fraction of the block's best",
        ge=0.0,
        le=1.0,
    )
    whole_block_slack: int = _f(
        2,
        "characters a passage may miss at either end and still be the whole block",
        ge=0,
        le=100,
    )
    # relevance
    aspect_mix: float = _f(
        0.5, "theme relevance = (1 - mix) × theme query + mix × best aspect", ge=0.0, le=1.0
    )
    # commitments (analysis.commitments)
    weak_commitment: float = _f(
        0.5,
        "grade of a weaker commitment (wish, norm, continuity, priority, aim, provision, verbless "
        "list item) between background (0) and a commitment (1): its score multiplier lies this "
        "far from background_factor to commitment_factor",
        gt=0.0,
        lt=1.0,
    )
    commitment_head_chars: int = _f(
        200, "characters of a clause searched for its subject and verb", ge=1, le=10_000
    )
    commitment_fronted_chars: int = _f(
        100, "characters of a fronted phrase before the subject ('In 2026, we …')", ge=0, le=1000
    )
    commitment_inverted_chars: int = _f(
        160, "characters of a clause searched for an inverted 'verb we' ('Daarom …')", ge=0,
        le=10_000,
    )  # fmt: skip
    passive_gap_chars: int = _f(
        90, "characters between 'wordt/worden' and the participle of a passive announcement",
        ge=0, le=1000,
    )  # fmt: skip
    priority_gap_chars: int = _f(
        80, "characters between 'voor ons/deze coalitie' and 'belangrijk/prioriteit/…'", ge=0,
        le=1000,
    )  # fmt: skip
    aim_gap_chars: int = _f(
        40, "characters between 'ons doel/onze aanpak' and its verb ('is', 'richt zich')", ge=0,
        le=1000,
    )  # fmt: skip
    commitment_factor: float = _f(1.0, "score multiplier of a commitment", ge=0.0, le=10.0)
    background_factor: float = _f(0.70, "…and of background prose", ge=0.0, le=10.0)
    bullet_prior: float = _f(1.05, "score multiplier of a bullet item", ge=0.0, le=10.0)
    background_section_prior: float = _f(
        0.80, "…of a passage in an introduction, annex or financial overview", ge=0.0, le=10.0
    )
    section_affinity: float = _f(
        0.2, "relevance × [1 - a, 1 + a] by how on-theme the section is", ge=0.0, le=1.0
    )
    section_min_units: int = _f(
        3, "sections this large define the theme's densest section", ge=1, le=1000
    )
    support_weight: float = _f(
        0.10, "each further sentence of a passage adds this × its relevance", ge=0.0, le=1.0
    )
    support_cap: float = _f(0.12, "most the further sentences add", ge=0.0, le=1.0)
    # selection
    max_selected: int = _f(8, "cap; how many are selected adapts to the evidence", ge=0, le=1000)
    min_score: float = _f(
        0.25, "absolute evidence threshold for a selected passage", ge=0.0, le=1.0
    )
    # coded themes only (a codebook's categories are exclusive). bench_quality.py full, MARPOR
    # dev selP (selected): 0 .643 (1399), 0.6 .648 (1387), 0.8 .650 (1382), 1.0 .651 (1374);
    # with coded_min_score 0.45 .731 (941), barely-mentioned selections 13 -> 6 of 42 pairs
    rival_ratio: float = _f(
        1.0,
        "coded themes: a passage is selected only when one of its sentences scores for the "
        "theme at least this fraction of the best coded theme there (0: off)",
        ge=0.0,
        le=1.0,
    )
    # with rival_ratio 1, MARPOR dev selP (selected): 0 .651 (1374), 0.35 .684 (1183), 0.45
    # .731 (941; set-aside .730, 222), 0.55 .756 (731), 0.65 .787 (493); P@k, dev gold and
    # the coded verdicts unchanged (67 % / 14 % / 19 %). 0.45, the theme gate's level: an
    # item more likely the theme's than not, without thinning the report to one a theme.
    # Again at the end of issue 8, selP / pairs with >= 10 coded rows covered: 0.45 .738 /
    # 400 of 524, 0.55 .761 / 340, 0.65 .794 / 251 (TF-IDF peer .797 / 340). With the
    # concept model's meaning vectors (dense_weight 0.3), no TF-IDF peer, dev selP (selected,
    # pairs covered) | set-aside: 0.45 .801 (906, 387) | .798 (213, 90); 0.475 .809 (828,
    # 372) | .812 (202, 89); 0.5 .819 (753, 348) | .801 (186, 84). 0.475 keeps the coverage
    # of the model before (375 | 88) at a higher precision. With units read as training
    # rows are (every term of a word counted once): 0.475 .794 (909, 398) | .801 (196, 89);
    # 0.5 .805 (822, 377) | .812 (181, 84); 0.525 .819 (751, 357) | .817 (175, 83): 0.525,
    # the 0.80 with a margin on both parts, still above the TF-IDF peer's coverage.
    # With no commitment discount for coded themes (background_factor 1, CODED_THEME_OPTIONS):
    # 0.525 .811 (856, 380) | .821 (190, 86); 0.55 .827 (785, 364) | .819 (182, 82): 0.55
    coded_min_score: float = _f(
        0.55,
        "coded themes (when rival_ratio is on): a selected passage needs this score",
        ge=0.0,
        le=1.0,
    )
    # rival_ratio 1: 2 .653 (1350), 4 .658 (1278), 8 .673 (1113) MARPOR dev selP: off
    coded_min_mass: float = _f(
        0.0,
        "coded themes (when rival_ratio is on): the theme's scores summed over the sentences "
        "it leads must reach this for any selection",
        ge=0.0,
        le=1000.0,
    )
    gate_score: float = _f(
        0.45,
        "a theme gets passages only when an aspect's evidence reaches this",
        ge=0.0,
        le=1.0,
    )
    relative_score: float = _f(
        0.55, "…and at least this fraction of the theme's best passage", ge=0.0, le=1.0
    )
    aspect_min_score: float = _f(
        0.22, "a passage picked for a clearly addressed aspect needs this", ge=0.0, le=1.0
    )
    max_per_aspect: int = _f(
        2, "passages serving only already-covered aspects are capped at this", ge=0, le=1000
    )
    max_per_block: int = _f(
        1, "most selected passages from one block (its further runs rank, block_runs)", ge=1,
        le=100,
    )  # fmt: skip
    duplicate_overlap: float = _f(
        0.60, "token overlap above which passages count as duplicates", ge=0.0, le=1.0
    )
    served_ratio: float = _f(
        0.7,
        "a passage serves the aspects scoring at least this fraction of its best one",
        ge=0.0,
        le=1.0,
    )
    max_candidates: int = _f(
        50,
        "candidates kept per theme in the JSON (ranked), so a reviewer can take what the "
        "selection left out",
        ge=0,
        le=10000,
    )
    # aspect verdicts
    addressed_score: float = _f(0.50, "best evidence for 'addressed'", ge=0.0, le=1.0)
    uncertain_score: float = _f(0.35, "best evidence for 'uncertain'", ge=0.0, le=1.0)
    max_evidence: int = _f(3, "evidence sentences kept per aspect", ge=0, le=100)
    evidence_ratio: float = _f(
        0.5, "evidence below this fraction of uncertain_score is not shown", ge=0.0, le=1.0
    )
    stance: bool = _f(
        True,
        "evidence that rejects the aspect's remedy (analysis.stance) does not make it addressed",
    )
    stance_before: int = _f(
        4,
        "a negation or rejection cue at most this many words before an aspect's term rejects it",
        ge=0,
        le=50,
    )
    stance_after: int = _f(4, "…and a rejection cue at most this many words after it", ge=0, le=50)
    # benchmarks/sweep_stance.py --verb-before (MARPOR dev rows, 689 against / 4,627 for),
    # flagged against / for (before this option and the new cues: 47 / 63): 0 (the verbs
    # reach no further than stance_before) 47 / 60, 4: 47 / 61, 5: 47 / 64, 6: 49 / 65
    # (the two more against rows at 3.4x the rate of the four more for rows), 8: 49 / 66
    stance_verb_before: int = _f(
        6,
        "a rejecting verb ('stoppen met', 'afschaffen', 'intrekken', …) at most this many words "
        "before an aspect's term rejects it (its object can be long)",
        ge=0,
        le=50,
    )
    # output
    include_text: bool = _f(True, "store the normalized document text in the analysis")
    scorer: dict[str, Any] = Field(
        default_factory=dict,
        description="backend parameters (validated by the backend's own parameter model)",
    )

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump()

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> AnalysisOptions:
        """Validate ``options`` into one line on error (as the backends do)."""
        try:
            return cls.model_validate(options)
        except ValidationError as exc:
            e = exc.errors()[0]
            key = ".".join(map(str, e["loc"]))
            raise AnalysisError(f"analysis option {key}: {e['msg'].lower()}") from None
