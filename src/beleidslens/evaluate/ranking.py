"""Ranked passages judged against coded rows: P@k per theme, selected precision, and
selections for themes a document barely mentions, and how many themes a document codes
often get a selection at all (see ``docs/evaluation.md``).

A *ranking* is a theme's passages best first, each a character span of the document and
whether the system selected it for the report. Every passage is traced to the coded rows it
is made of (:meth:`~beleidslens.evaluate.coded.CodedDocument.trace`):

* a passage most of whose words (``judged_share``) belong to no coded row — headings, a table
  of contents, text the coders skipped — is **unjudged** and left out of that ranking (for
  every system alike);
* a judged passage is **relevant** to a theme when at least ``relevant_share`` of its
  labelled words come from rows whose code is one of the theme's codes.

**P@k** of a theme in a document: relevant passages among the first ``k`` judged ones,
divided by ``k``; only documents with at least ``min_theme_rows`` rows of the theme count
(a theme a document hardly speaks of cannot fill ten places). A theme's P@k is the mean over
those documents, and the data set's the mean over themes. **Selected precision**: relevant
selected passages / judged selected passages, over all documents and themes. **Barely
mentioned**: document–theme pairs with fewer than ``barely_rows`` rows of the theme; the
number of passages selected there (ideally none). **Covered**: of the document–theme pairs
with at least ``min_theme_rows`` rows (those P@k counts), the share where the system selected
a judged passage (ideally all).

The numbers are fields of :class:`beleidslens.evaluate.rules.EvaluationRules` (``ks`` the
depths k).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .coded import CodedDocument
from .rules import RULES, EvaluationRules


@dataclass(frozen=True, slots=True)
class Ranked:
    start: int
    end: int
    selected: bool


@dataclass
class ThemeTally:
    """Sums for one theme of one system over documents."""

    precision_at: dict[int, list[float]] = field(default_factory=dict)
    selected: int = 0
    selected_relevant: int = 0
    barely_pairs: int = 0
    barely_selected: int = 0
    coded_pairs: int = 0  # document–theme pairs with at least min_theme_rows rows
    coded_covered: int = 0  # …of which the system selected a passage


@dataclass
class Tally:
    """Everything one system scored on one data set (split)."""

    themes: dict[str, ThemeTally] = field(default_factory=dict)
    documents: int = 0
    rules: EvaluationRules = RULES

    def add(
        self,
        doc: CodedDocument,
        rankings: Mapping[str, Sequence[Ranked]],
        codes: Mapping[str, Sequence[str]],
    ) -> None:
        """Judge one document's rankings (theme id → passages best first)."""
        self.documents += 1
        counts = doc.code_counts()
        for theme_id, theme_codes in codes.items():
            tally = self.themes.setdefault(theme_id, ThemeTally({k: [] for k in self.rules.ks}))
            rows = sum(counts.get(c, 0) for c in theme_codes)
            judged: list[tuple[bool, bool]] = []  # (relevant, selected)
            for item in rankings.get(theme_id, ()):
                trace = doc.trace(item.start, item.end)
                total = trace.labelled + trace.unlabelled
                if not total or trace.labelled / total < self.rules.judged_share:
                    continue
                relevant = trace.share(doc.rows, theme_codes) >= self.rules.relevant_share
                judged.append((relevant, item.selected))
            sel = [rel for rel, chosen in judged if chosen]
            tally.selected += len(sel)
            tally.selected_relevant += sum(sel)
            if rows < self.rules.barely_rows:
                tally.barely_pairs += 1
                tally.barely_selected += len(sel)
            if rows >= self.rules.min_theme_rows:
                tally.coded_pairs += 1
                tally.coded_covered += any(chosen for _, chosen in judged)
                for k in self.rules.ks:
                    tally.precision_at[k].append(sum(rel for rel, _ in judged[:k]) / k)

    def precision_at(self, k: int) -> float | None:
        """Mean over themes of the theme's mean P@k over its eligible documents."""
        vals = [sum(v) / len(v) for t in self.themes.values() if (v := t.precision_at.get(k))]
        return sum(vals) / len(vals) if vals else None

    @property
    def selected_precision(self) -> float | None:
        sel = sum(t.selected for t in self.themes.values())
        return sum(t.selected_relevant for t in self.themes.values()) / sel if sel else None

    def summary(self) -> dict[str, Any]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 4)

        ks = self.rules.ks
        barely_pairs = sum(t.barely_pairs for t in self.themes.values())
        barely_sel = sum(t.barely_selected for t in self.themes.values())
        return {
            "documents": self.documents,
            **{f"p@{k}": r(self.precision_at(k)) for k in ks},
            "selected": sum(t.selected for t in self.themes.values()),
            "selected_precision": r(self.selected_precision),
            "barely_pairs": barely_pairs,
            "barely_selected": barely_sel,
            "coded_pairs": sum(t.coded_pairs for t in self.themes.values()),
            "coded_covered": sum(t.coded_covered for t in self.themes.values()),
            "per_theme": {
                tid: {
                    **{
                        f"p@{k}": r(sum(v) / len(v)) if (v := t.precision_at[k]) else None
                        for k in ks
                    },
                    "documents": len(t.precision_at[ks[0]]),
                    "selected": t.selected,
                    "selected_relevant": t.selected_relevant,
                }
                for tid, t in sorted(self.themes.items())
            },
        }
