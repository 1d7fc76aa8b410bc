"""The rules of the evaluation: when a passage matches an expert's bullet or a coded row, which
documents count for P@k, and how coded rows are located (``docs/evaluation.md``).

These numbers define the measures rather than tune the engine: they are not chosen on any
result, not recorded in an analysis, and changing one makes figures incomparable with those
reported before (the quality benchmark's tables in ``docs/evaluation.md`` use the defaults).
:data:`RULES` is the one instance the evaluation reads; the functions and :class:`Tally` take
another for experiments and tests.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import field_validator

from ..params import Params
from ..params import field as _f


class EvaluationRules(Params):
    """Matching thresholds (``evaluate.metrics``), judging coded rows (``evaluate.ranking``),
    and aligning coded rows with a document (``evaluate.coded``)."""

    label: ClassVar[str] = "evaluation rule"

    # matching against an expert analysis (evaluate.metrics)
    min_run: int = _f(
        3, "a token lies inside another text when part of a common run this long", ge=1, le=100
    )
    passage_inside: float = _f(
        0.6, "a passage is a hit when this share of its tokens lie inside one gold bullet",
        gt=0.0, le=1.0,
    )  # fmt: skip
    bullet_covered: float = _f(
        0.6, "a gold bullet is found when the selected passages cover this share of its tokens",
        gt=0.0, le=1.0,
    )  # fmt: skip
    unit_inside: float = _f(
        0.9, "unit rule: a passage is a unit hit when this share lies inside one bullet",
        gt=0.0, le=1.0,
    )  # fmt: skip
    unit_covered: float = _f(
        0.8, "unit rule: …and the bullet is unit-found when one such passage covers this share",
        gt=0.0, le=1.0,
    )  # fmt: skip
    # judging against coded rows (evaluate.ranking)
    judged_share: float = _f(
        0.5, "a passage with less than this share of its words in coded rows is unjudged",
        ge=0.0, le=1.0,
    )  # fmt: skip
    relevant_share: float = _f(
        0.5, "a judged passage is relevant when this share of its labelled words has a theme's code",
        gt=0.0, le=1.0,
    )  # fmt: skip
    min_theme_rows: int = _f(
        10, "a document counts for a theme's P@k only with this many rows of the theme", ge=1,
        le=100_000,
    )  # fmt: skip
    barely_rows: int = _f(
        3, "a document with fewer rows of a theme barely mentions it", ge=0, le=100_000
    )
    ks: tuple[int, ...] = _f((5, 10), "the depths k of P@k")
    # aligning coded rows with a document (evaluate.coded.align_rows)
    max_trigram_hits: int = _f(
        40, "a word trigram this frequent in the document carries no position", ge=1,
        le=1_000_000,
    )  # fmt: skip
    max_voting_trigrams: int = _f(
        12, "a row votes for its start with at most this many of its trigrams", ge=1, le=10_000
    )
    min_vote_share: float = _f(
        0.3, "…and is placed only when this share of them agree", ge=0.0, le=1.0
    )

    @field_validator("ks")
    @classmethod
    def _depths(cls, ks: tuple[int, ...]) -> tuple[int, ...]:
        if not ks or any(k < 1 or k > 1000 for k in ks):
            raise ValueError("depths must be 1 to 1000, at least one")
        return ks


RULES = EvaluationRules()
