"""The audit's checks, one function each (``docs/audit.md``).

Each takes the report built so far and adds its findings: :func:`locate_bullets` (where each
bullet is), :func:`find_duplicates`, :func:`check_themes` (filed under the wrong theme),
:func:`check_niet` (NIET claims the engine contradicts), :func:`find_left_out` (strong
passages no bullet covers) and :func:`summarize`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .locate import MatchKind, SourceIndex, normalize, word_diff_ops
from .model import (
    AuditReport,
    BulletFinding,
    Duplicate,
    EvidenceFinding,
    LeftOutPassage,
    NietFinding,
    SegmentFinding,
    ThemeAudit,
    ThemeScore,
    Where,
)
from .options import AuditOptions

if TYPE_CHECKING:
    from ..analysis.result import Analysis, Location, ThemeResult
    from ..document import Document
    from ..evaluate.gold import ExpertAnalysis
    from ..framework import Framework


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


def default_analysis(
    document: Document,
    framework: Framework,
    backend: str,
    scorer_options: Mapping[str, str] | None = None,
) -> Analysis:
    from ..analysis.options import AnalysisOptions
    from ..analysis.pipeline import analyze

    options = AnalysisOptions(scorer=dict(scorer_options or {}))
    return analyze(document, framework, backend=backend, options=options)


def locate_bullets(
    report: AuditReport,
    expert: ExpertAnalysis,
    document: Document,
    framework: Framework,
    opts: AuditOptions,
) -> None:
    """Per expert theme its framework theme, and where each bullet is in the source."""
    from ..evaluate.gold import match_theme

    index = SourceIndex(document.text, opts.altered_min_ratio)
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


def find_duplicates(report: AuditReport, opts: AuditOptions) -> None:
    """Bullets pasted twice: the same words, or different words over the same source span."""
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
            if shortest > 0 and inter / shortest >= opts.duplicate_min_overlap:
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


def check_themes(
    report: AuditReport,
    document: Document,
    framework: Framework,
    backend: str,
    scorer_options: Mapping[str, str] | None,
    opts: AuditOptions,
) -> None:
    """Bullets filed under a theme where the scorer clearly prefers another."""
    texts = {
        bf.line: (
            " ".join(s.original or s.text for s in bf.segments) or bf.text,
            bf.where.section if bf.where else "",
        )
        for ta, bf in report.bullets()
        if ta.theme_id is not None
    }
    if not texts:
        return
    try:
        scores = _score_bullets(document, framework, texts, backend, scorer_options)
    except Exception as exc:  # a missing optional backend must not sink the audit
        report.checks_skipped.append(f"wrong_theme: {exc}")
        return
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
            and best >= opts.wrong_theme_min_score
            and best >= opts.wrong_theme_margin * own + opts.wrong_theme_floor
        ):
            bf.better_theme = ThemeScore(
                theme_id=best_id, label=labels[best_id], score=round(best, 4)
            )


def _engine_theme(analysis: Analysis | None, ta: ThemeAudit) -> ThemeResult | None:
    if analysis is None or ta.theme_id is None:
        return None
    try:
        return analysis.theme(ta.theme_id)
    except KeyError:
        return None


def check_niet(
    report: AuditReport,
    expert: ExpertAnalysis,
    framework: Framework,
    analysis: Analysis | None,
    opts: AuditOptions,
) -> None:
    """Each NIET claim's aspect, and whether the engine finds that aspect addressed (with the
    evidence quoted and located)."""
    from ..evaluate.gold import match_aspect

    for ta, et in zip(report.themes, expert.themes, strict=True):
        theme = framework.theme(ta.theme_id) if ta.theme_id else None
        result = _engine_theme(analysis, ta)
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
                    shown = (
                        opts.niet_evidence_not_addressed
                        if str(verdict.status) == "not_addressed"
                        else opts.niet_evidence
                    )
                    nf.evidence = [
                        EvidenceFinding(
                            text=e.text,
                            score=round(e.score, 4),
                            where=_where_of(e.location),
                        )
                        for e in verdict.evidence[:shown]
                    ]
            ta.niet.append(nf)


def find_left_out(report: AuditReport, analysis: Analysis | None, opts: AuditOptions) -> None:
    """Per theme the strongest passages the engine selects that no bullet covers."""
    human_spans = [
        (s.where.start, s.where.end)
        for _, bf in report.bullets()
        for s in bf.segments
        if s.where is not None
    ]
    for ta in report.themes:
        result = _engine_theme(analysis, ta)
        if result is None:
            continue
        left = [
            p
            for p in sorted(result.passages, key=lambda p: -p.score)
            if p.selected
            and not any(_overlaps((p.location.start, p.location.end), span) for span in human_spans)
        ]
        ta.left_out = [
            LeftOutPassage(
                text=p.text,
                score=round(p.score, 4),
                where=_where_of(p.location),
            )
            for p in left[: opts.left_out_per_theme]
        ]


def summarize(report: AuditReport) -> None:
    """The counts of the summary, from the findings."""
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
