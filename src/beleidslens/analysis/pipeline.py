"""The analysis pipeline: document + framework → :class:`Analysis`.

1. **Units** — every sentence of every non-heading block is scored (its heading path as
   context, its section as group) against one query per theme and one per aspect.
2. **Relevance** — a sentence's relevance to a theme mixes the theme query's score with its
   best aspect score; commitments keep their score, background prose is discounted.
3. **Passages** — per block, the best sentence for the theme plus the neighbouring
   sentences that are relevant too or that continue it (``Dat…``, ``Daarom…``); a block
   whose sentences all qualify is the passage as a whole. Never cut mid-sentence.
4. **Selection** — a passage must pass an absolute threshold and a fraction of the theme's
   best; then a greedy pick favours aspects not yet covered and skips near-duplicates,
   up to ``max_selected``. A theme without evidence gets nothing.
5. **Verdicts** — per aspect the best sentence score decides ``addressed`` /
   ``uncertain`` / ``not_addressed``, with its best evidence.

This module runs the steps; each lives in its own module: units and passages in
:mod:`.passages`, relevance in :mod:`.relevance`, selection in :mod:`.selection`, verdicts in
:mod:`.verdicts`; every number in :class:`~beleidslens.analysis.options.AnalysisOptions`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from .. import __version__
from ..document.model import Document
from ..document.trace import inside
from ..errors import AnalysisError
from ..extract import params as money_params
from ..nlp.params import recorded as analyzer_parameters
from ..scoring.base import DEFAULT_BACKEND
from .options import AnalysisOptions
from .passages import Unit, build_passages, candidates, normalize_ws, sentence_units
from .relevance import theme_relevance
from .result import Amount, Analysis, DocumentRef, FrameworkRef, Target, ThemeResult
from .selection import coded_pool, rival_scores, select, served
from .verdicts import aspect_verdicts

if TYPE_CHECKING:
    import numpy as np

    from ..framework import Framework, Theme

__all__ = ["Progress", "analyze", "build_queries", "normalize_ws"]

Progress = Callable[[str, float], None]


def build_queries(framework: Framework, options: AnalysisOptions | None = None) -> list:
    """One query per theme (``theme:ID``) and per aspect (``aspect:THEME:ID``), weighted
    fields from labels, keywords and descriptions; list fields joined by commas so that
    multi-word keywords stay phrases."""
    from ..scoring import Query

    o = options or AnalysisOptions()
    label, keywords, description = o.label_weight, o.keyword_weight, o.description_weight
    queries = []
    for theme in framework.themes:
        aspect_text = "; ".join(a.label for a in theme.aspects)
        aspect_kw = ", ".join(k for a in theme.aspects for k in a.keywords)
        queries.append(
            Query(
                f"theme:{theme.id}",
                (
                    (theme.label, label),
                    (", ".join(theme.keywords), keywords),
                    (theme.description, description),
                    (aspect_text, o.aspect_field_weight),
                    (aspect_kw, o.aspect_field_weight),
                ),
                {"family": theme.id, "codes": list(theme.all_codes)},
            )
        )
        for aspect in theme.aspects:
            queries.append(
                Query(
                    f"aspect:{theme.id}:{aspect.id}",
                    (
                        (aspect.label, label),
                        (", ".join(aspect.keywords), keywords),
                        (aspect.description, description),
                    ),
                    {"family": theme.id, "codes": list(aspect.codes)},
                )
            )
    return queries


def analyze(
    document: Document,
    framework: Framework,
    *,
    backend: str = DEFAULT_BACKEND,
    options: AnalysisOptions | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Analyse ``document`` against ``framework`` with the named scoring backend."""
    import numpy as np

    from ..framework.loader import framework_digest
    from ..scoring import SCORERS, ScoringUnit

    opts = options or AnalysisOptions()
    report = progress or (lambda _stage, _fraction: None)
    backend_name = SCORERS.resolve(backend)
    report("units", 0.05)
    units = sentence_units(document, opts)
    queries = build_queries(framework, opts)
    scorer = SCORERS.create(backend_name, **opts.scorer)
    report("scoring", 0.15)
    scoring_units = [
        ScoringUnit(str(u.index), u.node.text, u.block.section, u.block.section) for u in units
    ]
    scores = scorer.score(scoring_units, queries) if units else np.zeros((len(queries), 0))
    if scores.shape != (len(queries), len(units)):
        raise AnalysisError(f"backend {backend_name} returned scores of shape {scores.shape}")
    row = {q.id: i for i, q in enumerate(queries)}
    report("selection", 0.75)
    themes = []
    rival = rival_scores(
        [row[f"theme:{t.id}"] for t in framework.themes if t.all_codes], scores, opts
    )
    for n, theme in enumerate(framework.themes):
        themes.append(_theme_result(document, theme, units, scores, row, opts, rival))
        report("selection", 0.75 + 0.2 * (n + 1) / len(framework.themes))
    amounts, targets = _money(document)
    for tr in themes:
        spans = [(p.location.start, p.location.end) for p in tr.selected]
        tr.amounts = [a for a in amounts if inside(a.location, spans)]
        tr.targets = [t for t in targets if inside(t.location, spans)]
    src = document.source
    analysis = Analysis(
        generator=f"beleidslens {__version__}",
        created=datetime.now(UTC).replace(microsecond=0).isoformat(),
        document=DocumentRef(
            name=src.name,
            title=src.title,
            format=src.format,
            sha256=src.sha256,
            page_count=src.page_count,
            characters=len(document.text),
            notes=list(src.notes),
        ),
        framework=FrameworkRef(
            id=framework.id,
            name=framework.name,
            version=framework.version,
            digest=framework_digest(framework),
        ),
        backend=backend_name,
        parameters={
            "options": {k: v for k, v in sorted(opts.to_dict().items()) if k != "scorer"},
            "scorer": scorer.parameters(),
            "analyzer": analyzer_parameters(),
            "money": money_params.PARAMS.recorded(),
        },
        themes=themes,
        amounts=amounts,
        targets=targets,
        document_text=document.text if opts.include_text else None,
    )
    report("done", 1.0)
    return analysis


def _money(document: Document) -> tuple[list[Amount], list[Target]]:
    """The document's amounts and targets (its tables are not part of an analysis)."""
    from ..extract.document import find_document_amounts, find_document_targets

    amounts = find_document_amounts(document)
    return amounts, find_document_targets(document, amounts)


# a coded theme (coded_sentences) reads as the codebook's coders code: single sentences —
# no lead-in, continuation, elaboration or joined statement — ranked by the theme query
# alone, the probability of the theme's codes (aspect_mix 0: its best aspect adds nothing),
# background prose as high as a commitment (background_factor 1; bench_quality.py, no
# TF-IDF peer, MARPOR dev P@5/P@10 .722/.680 -> .732/.694, set-aside .696/.640 ->
# .717/.638, PImPo dev .713/.662 -> .725/.650; with coded_min_score 0.55; docs/scoring.md)
CODED_THEME_OPTIONS = {
    "run_ratio": 1.0,
    "lead_ratio": 0.0,
    "lead_in": False,
    "continuations": False,
    "aspect_mix": 0.0,
    "elaboration_ratio": 2.0,
    "join_ratio": 1.0,
    "background_factor": 1.0,  # coders code observations as they code promises
}


def _theme_result(
    document: Document,
    theme: Theme,
    units: list[Unit],
    scores: np.ndarray,
    row: dict[str, int],
    opts: AnalysisOptions,
    rival: np.ndarray | None = None,
) -> ThemeResult:
    """relevance → candidates → passages → verdicts, for one theme."""
    unit_opts = (
        opts.model_copy(update=CODED_THEME_OPTIONS)
        if theme.all_codes and opts.coded_sentences
        else opts
    )
    rel = theme_relevance(theme, units, scores, row, unit_opts)
    ranked = candidates(units, rel.relevance, rel.weighted, rel.aspect_rows, unit_opts)
    pool = ranked
    if rival is not None and theme.all_codes:
        pool = coded_pool(ranked, scores[row[f"theme:{theme.id}"]], rival, opts)
    selected = select(pool, rel.best_evidence(), opts, ranked[0].score if ranked else None)
    passages = build_passages(
        document, theme.id, units, ranked, selected, lambda c: served(c, opts), opts
    )
    return ThemeResult(
        id=theme.id,
        label=theme.label,
        description=normalize_ws(theme.description),
        passages=passages,
        aspects=aspect_verdicts(document, theme, units, rel.verdict_rows, passages, opts),
    )
