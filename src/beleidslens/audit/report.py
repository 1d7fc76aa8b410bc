"""Audit a human analysis (expert Markdown format) against its source document.

Checks, per bullet and per ``NIET:`` line:

* **location** — where each bullet is in the source: exact (whitespace/quote-normalized),
  exact as a composite of several passages, altered (with a word diff against the closest
  original) or not found; with section and page;
* **duplicates** — bullets pasted twice, within or across themes;
* **wrong theme** — bullets filed under a theme where the scorer clearly prefers another;
* **contradicted NIET** — ``NIET:`` claims for an aspect the engine finds addressed, with the
  evidence quoted and located;
* **left out** — per theme the strongest passages the engine selects that no bullet covers.

The result is a :class:`AuditReport` (JSON schema ``beleidslens.audit/1``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from .locate import MatchKind, SourceIndex, normalize, word_diff_ops

if TYPE_CHECKING:
    from ..analysis.result import Analysis, Location
    from ..document import Document
    from ..evaluate.gold import ExpertAnalysis
    from ..framework import Framework

SCHEMA_VERSION = "beleidslens.audit/1"

# wrong theme: the best theme's score must reach this and beat the human's theme clearly
WRONG_THEME_MIN_SCORE = 0.25
WRONG_THEME_MARGIN = 1.5  # best >= margin × score of the human's theme (+ a small floor)
LEFT_OUT_PER_THEME = 3
DUPLICATE_MIN_OVERLAP = 0.9


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Where(_Model):
    start: int
    end: int
    page: int | None = None
    section: str = ""


class SegmentFinding(_Model):
    text: str = Field(description="the segment as the human wrote it")
    status: MatchKind
    where: Where | None = None
    ratio: float = Field(0.0, description="word similarity with the closest original, 0..1")
    original: str | None = Field(None, description="the source text compared with")
    diff: list[tuple[str, str]] = Field(
        default_factory=list, description="word diff ops: '=', '-' (source only), '+' (human)"
    )


class ThemeScore(_Model):
    theme_id: str
    label: str
    score: float


class BulletFinding(_Model):
    line: int
    text: str
    status: MatchKind
    passages: int = Field(0, description="number of separate source passages it was found in")
    segments: list[SegmentFinding] = Field(default_factory=list)
    where: Where | None = None
    duplicate_of: list[int] = Field(default_factory=list, description="lines of its copies")
    better_theme: ThemeScore | None = Field(
        None, description="set when the scorer clearly prefers another theme"
    )
    own_theme_score: float | None = None


class EvidenceFinding(_Model):
    text: str
    score: float
    where: Where


class NietFinding(_Model):
    line: int
    text: str
    aspect_id: str | None = None
    aspect_label: str | None = None
    engine_status: str | None = Field(None, description="the engine's verdict for the aspect")
    contradicted: bool = False
    doubtful: bool = Field(
        False, description="the engine finds the aspect uncertain: evidence shown, not counted"
    )
    evidence: list[EvidenceFinding] = Field(default_factory=list)


class LeftOutPassage(_Model):
    text: str
    score: float
    where: Where


class ThemeAudit(_Model):
    heading: str
    line: int
    theme_id: str | None = Field(None, description="framework theme; None when unmatched")
    theme_label: str | None = None
    empty: bool = False
    bullets: list[BulletFinding] = Field(default_factory=list)
    niet: list[NietFinding] = Field(default_factory=list)
    left_out: list[LeftOutPassage] = Field(default_factory=list)


class Duplicate(_Model):
    text: str
    lines: list[int]
    headings: list[str]


class Summary(_Model):
    bullets: int = 0
    exact: int = 0
    composite: int = 0
    altered: int = 0
    not_found: int = 0
    duplicates: int = 0
    wrong_theme: int = 0
    niet_claims: int = 0
    niet_contradicted: int = 0
    niet_doubtful: int = 0
    left_out: int = 0
    unmatched_headings: int = 0


class AuditReport(_Model):
    schema_: str = Field(SCHEMA_VERSION, alias="schema")
    human: str = Field(description="the human analysis file")
    document: str
    framework: str
    backend: str | None = None
    checks_skipped: list[str] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)
    themes: list[ThemeAudit] = Field(default_factory=list)
    duplicates: list[Duplicate] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2) + "\n"

    def bullets(self) -> list[tuple[ThemeAudit, BulletFinding]]:
        return [(th, b) for th in self.themes for b in th.bullets]


def _where(document: Document, start: int, end: int) -> Where:
    block = document.block_at(start)
    return Where(
        start=start,
        end=end,
        page=document.page_at(start),
        section=block.section if block is not None else "",
    )


def _where_of(loc: Location) -> Where:
    """The engine's location of a passage or evidence, as the audit reports it."""
    return Where(start=loc.start, end=loc.end, page=loc.page, section=loc.section)


def _dup_key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", normalize(text).casefold()).strip()


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _theme_queries(framework: Framework) -> list[Any]:
    """The engine's own theme queries, so "filed under another theme" means: where the
    engine would put it."""
    from ..analysis.pipeline import build_queries

    by_id = {q.id: q for q in build_queries(framework)}
    return [by_id[f"theme:{theme.id}"] for theme in framework.themes]


def _score_bullets(
    document: Document,
    framework: Framework,
    texts: dict[int, tuple[str, str]],
    backend: str,
    scorer_options: Mapping[str, str] | None = None,
) -> dict[int, dict[str, float]]:
    """Score each bullet (by line) against every theme; document blocks give the statistics."""
    from ..scoring.base import SCORERS, ScoringUnit

    units = [
        ScoringUnit(id=f"b{i}", text=b.text, context=b.section, group=b.section)
        for i, b in enumerate(document.blocks())
        if b.kind != "heading"
    ]
    first = len(units)
    order = list(texts)
    for line in order:
        text, section = texts[line]
        units.append(ScoringUnit(id=f"h{line}", text=text, context=section, group=f"h{line}"))
    scorer = SCORERS.create(backend, **dict(scorer_options or {}))
    matrix = scorer.score(units, _theme_queries(framework))
    out: dict[int, dict[str, float]] = {}
    for k, line in enumerate(order):
        out[line] = {th.id: float(matrix[q, first + k]) for q, th in enumerate(framework.themes)}
    return out


def _default_analysis(
    document: Document,
    framework: Framework,
    backend: str,
    scorer_options: Mapping[str, str] | None = None,
) -> Analysis:
    from ..analysis.options import AnalysisOptions
    from ..analysis.pipeline import analyze

    options = AnalysisOptions(scorer=dict(scorer_options or {}))
    return analyze(document, framework, backend=backend, options=options)


def audit(
    expert: ExpertAnalysis,
    document: Document,
    framework: Framework,
    *,
    analysis: Analysis | None = None,
    backend: str = "lexical",
    scorer_options: Mapping[str, str] | None = None,
    run_engine: bool = True,
) -> AuditReport:
    """Check ``expert`` against ``document``. ``analysis`` (the engine's view of the same
    document) is computed with ``backend`` when not given and ``run_engine`` is true."""
    from ..evaluate.gold import match_aspect, match_theme, require_matching_themes

    require_matching_themes(expert, framework)  # before the costly analysis
    index = SourceIndex(document.text)
    report = AuditReport(
        human=expert.source,
        document=document.source.name,
        framework=framework.id,
    )
    if analysis is None and run_engine:
        analysis = _default_analysis(document, framework, backend, scorer_options)
    if analysis is not None:
        report.backend = analysis.backend

    # -- locate every bullet --------------------------------------------------------------
    for et in expert.themes:
        theme = match_theme(et.heading, framework)
        ta = ThemeAudit(
            heading=et.heading,
            line=et.line,
            theme_id=theme.id if theme else None,
            theme_label=theme.label if theme else None,
            empty=et.empty,
        )
        for eb in et.bullets:
            m = index.locate(eb.text)
            segs = []
            for s in m.segments:
                where = (
                    _where(document, s.start, s.end)
                    if s.start is not None and s.end is not None
                    else None
                )
                diff = (
                    word_diff_ops(normalize(s.original), normalize(s.text))
                    if s.kind is MatchKind.ALTERED and s.original
                    else []
                )
                segs.append(
                    SegmentFinding(
                        text=s.text,
                        status=s.kind,
                        where=where,
                        ratio=s.ratio,
                        original=s.original if s.kind is not MatchKind.EXACT else None,
                        diff=diff,
                    )
                )
            first = next((s.where for s in segs if s.where is not None), None)
            ta.bullets.append(
                BulletFinding(
                    line=eb.line,
                    text=eb.text,
                    status=m.kind,
                    passages=m.passages,
                    segments=segs,
                    where=first,
                )
            )
        report.themes.append(ta)

    # -- duplicates -----------------------------------------------------------------------
    groups: dict[str, list[tuple[ThemeAudit, BulletFinding]]] = defaultdict(list)
    for ta, bf in report.bullets():
        groups[_dup_key(bf.text)].append((ta, bf))
    # also: different wording, same source span (e.g. one copy slightly edited)
    located = [(ta, bf) for ta, bf in report.bullets() if bf.where is not None]
    for i, (_ta, bf) in enumerate(located):
        for tb, bg in located[i + 1 :]:
            if _dup_key(bf.text) == _dup_key(bg.text):
                continue
            a, b = bf.where, bg.where
            assert a is not None and b is not None
            inter = min(a.end, b.end) - max(a.start, b.start)
            shortest = min(a.end - a.start, b.end - b.start)
            if shortest > 0 and inter / shortest >= DUPLICATE_MIN_OVERLAP:
                groups[_dup_key(bf.text)].append((tb, bg))
    for members in groups.values():
        if len(members) < 2:
            continue
        lines = [bf.line for _, bf in members]
        for _, bf in members:
            bf.duplicate_of = [x for x in lines if x != bf.line]
        report.duplicates.append(
            Duplicate(
                text=members[0][1].text, lines=lines, headings=[ta.heading for ta, _ in members]
            )
        )

    # -- wrong theme ----------------------------------------------------------------------
    texts = {
        bf.line: (
            " ".join(s.original or s.text for s in bf.segments) or bf.text,
            bf.where.section if bf.where else "",
        )
        for ta, bf in report.bullets()
        if ta.theme_id is not None
    }
    if texts:
        try:
            scores = _score_bullets(document, framework, texts, backend, scorer_options)
        except Exception as exc:  # a missing optional backend must not sink the audit
            report.checks_skipped.append(f"wrong_theme: {exc}")
            scores = {}
        labels = {th.id: th.label for th in framework.themes}
        for ta, bf in report.bullets():
            if bf.line not in scores or ta.theme_id is None:
                continue
            per_theme = scores[bf.line]
            own = per_theme.get(ta.theme_id, 0.0)
            best_id = max(per_theme, key=lambda k: per_theme[k])
            best = per_theme[best_id]
            bf.own_theme_score = round(own, 4)
            if (
                best_id != ta.theme_id
                and best >= WRONG_THEME_MIN_SCORE
                and best >= WRONG_THEME_MARGIN * own + 0.05
            ):
                bf.better_theme = ThemeScore(
                    theme_id=best_id, label=labels[best_id], score=round(best, 4)
                )

    # -- NIET claims and left-out passages (need the engine's analysis) --------------------
    if analysis is None:
        report.checks_skipped += ["niet", "left_out"]
    human_spans = [
        (s.where.start, s.where.end)
        for _, bf in report.bullets()
        for s in bf.segments
        if s.where is not None
    ]
    for ta, et in zip(report.themes, expert.themes, strict=True):
        theme = framework.theme(ta.theme_id) if ta.theme_id else None
        result = None
        if analysis is not None and ta.theme_id is not None:
            try:
                result = analysis.theme(ta.theme_id)
            except KeyError:
                result = None
        for en in et.niet:
            aspect_id = match_aspect(en.text, theme) if theme else None
            nf = NietFinding(line=en.line, text=en.text, aspect_id=aspect_id)
            if theme and aspect_id:
                nf.aspect_label = next(a.label for a in theme.aspects if a.id == aspect_id)
            if result is not None and aspect_id:
                verdict = next((v for v in result.aspects if v.id == aspect_id), None)
                if verdict is not None:
                    nf.engine_status = str(verdict.status)
                    nf.contradicted = str(verdict.status) == "addressed"
                    nf.doubtful = str(verdict.status) == "uncertain"
                    # for an aspect the engine finds not addressed, the closest passage
                    # (below the threshold) still helps the analyst judge the claim
                    shown = 1 if str(verdict.status) == "not_addressed" else 2
                    nf.evidence = [
                        EvidenceFinding(
                            text=e.text,
                            score=round(e.score, 4),
                            where=_where_of(e.location),
                        )
                        for e in verdict.evidence[:shown]
                    ]
            ta.niet.append(nf)
        if result is not None:
            left = [
                p
                for p in sorted(result.passages, key=lambda p: -p.score)
                if p.selected
                and not any(
                    _overlaps((p.location.start, p.location.end), span) for span in human_spans
                )
            ]
            ta.left_out = [
                LeftOutPassage(
                    text=p.text,
                    score=round(p.score, 4),
                    where=_where_of(p.location),
                )
                for p in left[:LEFT_OUT_PER_THEME]
            ]

    # -- summary --------------------------------------------------------------------------
    summary = report.summary
    for _ta, bf in report.bullets():
        summary.bullets += 1
        setattr(summary, str(bf.status), getattr(summary, str(bf.status)) + 1)
        summary.wrong_theme += bf.better_theme is not None
    summary.duplicates = len(report.duplicates)
    summary.niet_claims = sum(len(ta.niet) for ta in report.themes)
    summary.niet_contradicted = sum(nf.contradicted for ta in report.themes for nf in ta.niet)
    summary.niet_doubtful = sum(nf.doubtful for ta in report.themes for nf in ta.niet)
    summary.left_out = sum(len(ta.left_out) for ta in report.themes)
    summary.unmatched_headings = sum(ta.theme_id is None for ta in report.themes)
    return report
