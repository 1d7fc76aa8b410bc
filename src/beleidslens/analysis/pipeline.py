"""The analysis pipeline: document + framework → :class:`Analysis`.

1. **Units** — every sentence of every non-heading block is scored (its heading path as
   context, its section as group) against one query per theme and one per aspect.
2. **Relevance** — a sentence's relevance to a theme mixes the theme query's score with its
   best aspect score; commitments keep their score, background prose is discounted.
3. **Passages** — per block, the best sentence for the theme plus the neighbouring
   sentences that are relevant too or that continue it (``Dat…``, ``Daarom…``); a block
   whose sentences all qualify is the passage as a whole. Never cut mid-sentence.
4. **Selection** — a passage must pass an absolute threshold and a fraction of the theme's
   best; then a greedy MMR pick favours aspects not yet covered and skips near-duplicates,
   up to ``max_selected``. A theme without evidence gets nothing.
5. **Verdicts** — per aspect the best sentence score decides ``addressed`` /
   ``uncertain`` / ``not_addressed``, with its best evidence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import __version__
from ..document.model import Document, Node, NodeKind
from ..document.trace import inside
from ..errors import AnalysisError
from .commitments import commitment_strength
from .options import AnalysisOptions
from .result import (
    Amount,
    Analysis,
    AspectStatus,
    AspectVerdict,
    DocumentRef,
    Evidence,
    FrameworkRef,
    Passage,
    Target,
    ThemeResult,
)

if TYPE_CHECKING:
    import numpy as np

    from ..framework import Framework, Theme

Progress = Callable[[str, float], None]

_WS = re.compile(r"\s+")
# sentences that continue the previous one (anaphora, connectives): they belong to its passage
_CONTINUES = re.compile(
    r"^\s*(?:dat|dit|daarbij|daarom|daarmee|daarvoor|daartoe|daardoor|hierbij|hiermee|"
    r"hiervoor|hiertoe|hierdoor|zo|en|door|andersom|tegelijk|bovendien|zij|ze|die|deze|"
    r"te denken|bijvoorbeeld|zoals|waarbij|waardoor|daarin|hierin|denk aan)\b"
    # "We investeren daarom…", "Het kabinet gaat hiertoe…": an anaphoric adverb early on
    r"|^\s*(?:\w+\s+){1,3}(?:daarom|daarbij|daarmee|daarvoor|daartoe|hiertoe|hiervoor|"
    r"hiermee|hierbij|hierin|daarin|dit|deze)\b",
    re.IGNORECASE,
)
# sections experts rarely quote for a policy theme: introductions, annexes, financial tables
_BACKGROUND_SECTION = re.compile(
    r"\b(?:inleiding|voorwoord|preambule|bijlage|bijlagen|annex|financieel overzicht|"
    r"financiële bijlage|budgettaire|tabel|ondertekening|verantwoording)\b",
    re.IGNORECASE,
)


def normalize_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


@dataclass
class _Unit:
    index: int
    node: Node  # the sentence
    block: Node
    commitment: float  # 1 commitment, 0.5 weaker (wish, norm, continuity), 0 background


@dataclass
class _Candidate:
    block: Node
    units: list[_Unit]
    score: float
    aspect_scores: dict[str, float] = field(default_factory=dict)

    @property
    def commitment(self) -> float:
        return max(u.commitment for u in self.units)

    @property
    def start(self) -> int:
        return self.units[0].node.start

    @property
    def end(self) -> int:
        return self.units[-1].node.end


def _units(document: Document, opts: AnalysisOptions) -> list[_Unit]:
    out: list[_Unit] = []
    for block in document.blocks():
        if block.kind in (NodeKind.HEADING, NodeKind.TABLE_ROW):  # tables are not quotable
            continue
        sentences = [c for c in block.children if c.kind == NodeKind.SENTENCE]
        if not sentences:
            sentences = [block]
        for s in sentences:
            if len(s.text.split()) < opts.min_unit_words:
                continue
            strength = commitment_strength(s.text, bullet=block.kind == NodeKind.BULLET)
            out.append(_Unit(len(out), s, block, strength))
    return out


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
                {"family": theme.id},
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
                    {"family": theme.id},
                )
            )
    return queries


@lru_cache(maxsize=50_000)
def _tokens(text: str) -> frozenset[str]:
    from ..nlp import content_tokens

    return frozenset(content_tokens(text))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:12]


def _passage_unit(
    block_units: list[_Unit], weighted: np.ndarray, opts: AnalysisOptions
) -> list[_Unit] | None:
    """The block's passage for a theme, never cut mid-sentence.

    Experts quote a bullet whole or as its leading run of sentences: the lead states the
    matter, continuations (``Dat doen we door…``, ``We investeren daarom…``) belong to it,
    and a fresh statement joins only when it is as relevant as the best. So: from the best
    sentence, go back to the start of the block when every sentence before it is relevant
    too — or when the only one before it is a lead-in that sets the scene rather than a
    commitment on another matter — else only through continuations; then go forward through
    continuations, relevant sentences that elaborate (no new commitment of their own), and
    new commitments only when they are about as relevant as the best.
    """
    idx = [u.index for u in block_units]
    w = [float(weighted[i]) for i in idx]
    b = max(range(len(idx)), key=lambda i: (w[i], -i))
    best = w[b]
    if best <= opts.passage_floor:
        return None
    relevant = [x >= opts.run_ratio * best for x in w]
    lo = b
    if all(relevant[:b]) or (b == 1 and block_units[0].commitment < 1.0):
        lo = 0
    elif opts.lead_ratio and w[0] >= opts.lead_ratio * best and block_units[0].commitment:
        lo = 0  # the block's lead states the matter (a commitment on it): quote from there
    else:
        while lo > 0 and _CONTINUES.match(block_units[lo].node.text):
            lo -= 1
    hi = b
    while hi + 1 < len(idx):
        nxt = block_units[hi + 1]
        if not (
            _CONTINUES.match(nxt.node.text)
            or (relevant[hi + 1] and nxt.commitment < 1.0)  # elaboration, wish, norm
            or w[hi + 1] >= opts.join_ratio * best  # a new statement as relevant as the best
        ):
            break
        hi += 1
    return block_units[lo : hi + 1]


def _commitment_weight(strength: float, opts: AnalysisOptions) -> float:
    """Score multiplier of a commitment strength: background prose (0) gets
    ``background_factor``, a full commitment (1) ``commitment_factor``, in between linear."""
    return opts.background_factor + (opts.commitment_factor - opts.background_factor) * strength


def _prior(block: Node, opts: AnalysisOptions) -> float:
    """Prior of a block kind and section type: bullets are where commitments live;
    introductions, annexes and financial tables are background."""
    prior = opts.bullet_prior if block.kind == NodeKind.BULLET else 1.0
    if block.heading_path and _BACKGROUND_SECTION.search(block.heading_path[0]):
        prior *= opts.background_section_prior
    return prior


def analyze(
    document: Document,
    framework: Framework,
    *,
    backend: str = "lexical",
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
    units = _units(document, opts)
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
    for n, theme in enumerate(framework.themes):
        themes.append(_theme_result(document, theme, units, scores, row, opts))
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


def _theme_result(
    document: Document,
    theme: Theme,
    units: list[_Unit],
    scores: np.ndarray,
    row: dict[str, int],
    opts: AnalysisOptions,
) -> ThemeResult:
    import numpy as np

    n = len(units)
    theme_scores = scores[row[f"theme:{theme.id}"]] if n else np.zeros(0)
    aspect_rows = {a.id: scores[row[f"aspect:{theme.id}:{a.id}"]] for a in theme.aspects}
    verdict_rows = aspect_rows  # verdicts weigh the evidence itself, wherever it stands
    if aspect_rows:
        best_aspect = np.max(np.vstack(list(aspect_rows.values())), axis=0)
        relevance = (1 - opts.aspect_mix) * theme_scores + opts.aspect_mix * best_aspect
    else:
        relevance = theme_scores.copy()
    if n and opts.section_affinity:  # selection: discount off-topic sections, favour on-topic
        affinity = _section_affinity(units, relevance, opts)
        relevance = relevance * affinity
        aspect_rows = {aid: arow * affinity for aid, arow in aspect_rows.items()}
    factor = np.array([_commitment_weight(u.commitment, opts) for u in units])
    weighted = relevance * factor if n else relevance

    # passages: one unit per block — its leading run, or the run around its best sentence
    by_block: dict[int, list[_Unit]] = {}
    for u in units:
        by_block.setdefault(id(u.block), []).append(u)
    candidates: list[_Candidate] = []
    for block_units in by_block.values():
        run = _passage_unit(block_units, weighted, opts)
        if run is None:
            continue
        # the passage is a commitment when one of its sentences is (a background lead-in
        # before "We investeren daarom…" belongs to it): one factor for the whole unit
        unit_factor = _commitment_weight(max(u.commitment for u in run), opts)
        raw = [float(relevance[u.index]) for u in run]
        best = max(raw)
        # sustained relevance: the other sentences of the passage add a little evidence
        support = sum(raw) - best
        score = (
            (best + min(opts.support_cap, opts.support_weight * support))
            * unit_factor
            * _prior(run[0].block, opts)
        )
        cand = _Candidate(block_units[0].block, run, score)
        for aid, arow in aspect_rows.items():
            cand.aspect_scores[aid] = float(max(arow[u.index] for u in run)) * unit_factor
        candidates.append(cand)
    candidates.sort(key=lambda c: (-c.score, c.start))

    tokens = {id(c): _tokens(" ".join(u.node.text for u in c.units)) for c in candidates}
    # absolute evidence, as the verdicts see it: the best sentence per aspect
    best_by_aspect = {aid: float(arow.max()) if n else 0.0 for aid, arow in verdict_rows.items()}
    selected = _select(candidates, tokens, best_by_aspect, opts)
    chosen = {id(c) for c in selected}

    passages: list[Passage] = []
    for c in candidates[: max(opts.max_candidates, len(selected))] + [
        c for c in selected if c not in candidates[: opts.max_candidates]
    ]:
        if any(p.location.start == c.start and p.location.end == c.end for p in passages):
            continue
        whole = (
            c.units[0].node.start <= c.block.start + opts.whole_block_slack
            and c.end >= c.block.end - opts.whole_block_slack
            and len(c.units) == len(by_block[id(c.block)])
        )
        text = normalize_ws(document.text[c.start : c.end])
        passages.append(
            Passage(
                id=f"{theme.id}-{_digest(str(c.start), str(c.end))}",
                text=text,
                score=round(c.score, 4),
                selected=id(c) in chosen,
                location=document.location(c.start, c.end, c.block),
                aspects=_served(c, opts),
                kind=str(c.block.kind) if whole else "sentence",
                commitment=any(u.commitment > 0 for u in c.units),
            )
        )
    passages.sort(key=lambda p: (-p.score, p.location.start))  # best first, by the score shown

    verdicts = []
    for aspect in theme.aspects:
        arow = verdict_rows[aspect.id]
        order = sorted(range(n), key=lambda i: (-float(arow[i]), i))[: opts.max_evidence]
        best = float(arow[order[0]]) if order else 0.0
        status = (
            AspectStatus.ADDRESSED
            if best >= opts.addressed_score
            else AspectStatus.UNCERTAIN
            if best >= opts.uncertain_score
            else AspectStatus.NOT_ADDRESSED
        )
        evidence = []
        for i in order:
            if float(arow[i]) < opts.uncertain_score * opts.evidence_ratio:
                break
            u = units[i]
            pid = next(
                (
                    p.id
                    for p in passages
                    if p.location.start <= u.node.start and u.node.end <= p.location.end
                ),
                None,
            )
            evidence.append(
                Evidence(
                    passage_id=pid,
                    text=normalize_ws(u.node.text),
                    score=round(float(arow[i]), 4),
                    location=document.location(u.node.start, u.node.end, u.block),
                )
            )
        verdicts.append(
            AspectVerdict(
                id=aspect.id,
                label=aspect.label,
                status=status,
                score=round(best, 4),
                evidence=evidence,
            )
        )
    return ThemeResult(
        id=theme.id,
        label=theme.label,
        description=normalize_ws(theme.description),
        passages=passages,
        aspects=verdicts,
    )


def _section_affinity(
    units: list[_Unit], relevance: np.ndarray, opts: AnalysisOptions
) -> np.ndarray:
    """Per unit, a factor around 1 from how much the rest of its section is about the theme.

    A word can carry another sense in another section (``re-integratie`` of prisoners under
    a safety chapter, ``schuld`` as state debt in the budget annex): a match that the
    sentences around it do not share is weaker evidence than one in a section that keeps
    returning to it. So: the mean relevance of the *other* sentences of the unit's section,
    relative to the theme's densest section, maps linearly onto
    ``[1 - section_affinity, 1 + section_affinity]``.
    """
    import numpy as np

    sections: dict[str, list[int]] = {}
    for u in units:
        sections.setdefault(u.block.section, []).append(u.index)
    loo = np.zeros(len(units))
    dens: list[float] = []
    for idx in sections.values():
        vals = relevance[idx]
        total = float(vals.sum())
        k = len(idx)
        if k >= opts.section_min_units:
            dens.append(total / k)
        for i in idx:
            loo[i] = (total - relevance[i]) / (k - 1) if k > 1 else 0.0
    top = max(dens) if dens else 0.0
    if top <= 0:
        return np.ones(len(units))
    g = np.minimum(1.0, loo / top)
    d = opts.section_affinity
    return 1.0 - d + 2.0 * d * g


def _select(
    candidates: list[_Candidate],
    tokens: dict[int, frozenset[str]],
    evidence: dict[str, float],
    opts: AnalysisOptions,
) -> list[_Candidate]:
    """Pick the report's passages (see the module docstring, step 4)."""
    if not candidates:
        return []
    top = candidates[0].score
    # absolute evidence: a theme none of whose remedies has real evidence gets nothing
    if evidence and max(evidence.values()) < opts.gate_score:
        return []
    if not evidence and top < opts.addressed_score:
        return []
    addressed = sorted(
        (a for a, sc in evidence.items() if sc >= opts.addressed_score),
        key=lambda a: (-evidence[a], a),
    )
    selected: list[_Candidate] = []

    def duplicate(c: _Candidate) -> bool:
        return any(
            _overlap(tokens[id(c)], tokens[id(s)]) >= opts.duplicate_overlap for s in selected
        )

    # 1. one passage per clearly addressed aspect, strongest aspects first
    for aid in addressed:
        if len(selected) >= opts.max_selected:
            break
        if any(aid in _served(s, opts) for s in selected):
            continue
        pool = [
            c
            for c in candidates
            if c not in selected and c.commitment and c.score >= opts.aspect_min_score
        ]
        if not pool:
            break
        best = max(pool, key=lambda c: (c.aspect_scores.get(aid, 0.0), c.score, -c.start))
        if best.aspect_scores.get(aid, 0.0) >= opts.uncertain_score and not duplicate(best):
            selected.append(best)
    # 2. then the strongest remaining passages, while they stay close to the best
    floor = max(opts.min_score, opts.relative_score * top)
    for c in candidates:
        if len(selected) >= opts.max_selected or c.score < floor:
            break
        if c in selected or not c.commitment or duplicate(c):
            continue
        served = set(_served(c, opts))
        repeats = sum(1 for s in selected if served and served <= set(_served(s, opts)))
        if repeats >= opts.max_per_aspect:
            continue
        selected.append(c)
    return selected


def _served(c: _Candidate, opts: AnalysisOptions) -> list[str]:
    if not c.aspect_scores:
        return []
    best = max(c.aspect_scores.values())
    return sorted(
        a
        for a, s in c.aspect_scores.items()
        if s >= opts.uncertain_score and s >= opts.served_ratio * best
    )
