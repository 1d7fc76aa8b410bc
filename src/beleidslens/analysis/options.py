"""Options of the analysis (recorded in ``Analysis.parameters``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class AnalysisOptions:
    # selection
    max_selected: int = 8  # cap; how many are selected adapts to the evidence
    min_score: float = 0.25  # absolute evidence threshold for a selected passage
    gate_score: float = 0.45  # a theme gets passages only when an aspect's evidence reaches this
    relative_score: float = 0.55  # …and at least this fraction of the theme's best passage
    aspect_mix: float = 0.5  # theme relevance = (1 - mix) × theme query + mix × best aspect
    commitment_factor: float = 1.0  # score multiplier of a commitment
    background_factor: float = 0.70  # …and of background prose
    aspect_min_score: float = 0.22  # a passage picked for a clearly addressed aspect needs this
    support_weight: float = 0.10  # each further sentence of a passage adds this × its relevance
    support_cap: float = 0.12
    max_per_aspect: int = 2  # passages serving only already-covered aspects are capped
    duplicate_overlap: float = 0.60  # token overlap above which passages count as duplicates
    run_ratio: float = 0.55  # sentences before the best one join its passage at this fraction
    lead_ratio: float = 0.55  # …or from the block's lead when it is a commitment this relevant
    join_ratio: float = 0.85  # …a fresh statement after it only at this fraction
    bullet_prior: float = 1.05  # score multiplier of a bullet item
    background_section_prior: float = 0.80  # …of a passage in an introduction or annex
    section_affinity: float = 0.2  # relevance × [1 - a, 1 + a] by how on-theme the section is
    section_min_units: int = 3  # sections this large define the theme's densest section
    max_candidates: int = 25  # candidates kept per theme in the JSON (ranked)
    # aspect verdicts
    addressed_score: float = 0.50
    uncertain_score: float = 0.35
    max_evidence: int = 3
    include_text: bool = True  # store the normalized document text in the analysis
    scorer: dict[str, Any] = field(default_factory=dict)  # backend parameters

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
