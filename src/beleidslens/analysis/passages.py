"""Passages: the units an expert would quote, built per block, and their scores.

A passage is one of the document's own units — a block's leading run of sentences, or the
run around its best sentence — never cut mid-sentence (``docs/scoring.md``, Passages).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from ..document.model import Document, Node, NodeKind
from .commitments import STRONG, commitment_strength
from .options import AnalysisOptions
from .result import Passage

if TYPE_CHECKING:
    import numpy as np

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
class Unit:
    index: int
    node: Node  # the sentence
    block: Node
    commitment: float  # 1 commitment, weak_commitment (wish, norm, continuity), 0 background


class Run(NamedTuple):
    """A passage's sentences, and whether it is a lead quoted alone that stands for its
    block (``lead_stands``: it is scored with the whole block's sentences)."""

    units: list[Unit]
    stands: bool


@dataclass
class Candidate:
    block: Node
    units: list[Unit]
    score: float
    aspect_scores: dict[str, float] = field(default_factory=dict)
    scored: list[Unit] = field(default_factory=list)  # what it is scored on; [] = its units

    @property
    def basis(self) -> list[Unit]:
        """The sentences its score and aspects come from: its own, or its block's when it
        is a lead that stands for the block (``lead_stands``)."""
        return self.scored or self.units

    @property
    def commitment(self) -> float:
        return max(u.commitment for u in self.units)

    @property
    def start(self) -> int:
        return self.units[0].node.start

    @property
    def end(self) -> int:
        return self.units[-1].node.end


def sentence_units(document: Document, opts: AnalysisOptions) -> list[Unit]:
    """The scored units: every sentence of every paragraph and bullet (headings and table
    rows are not quotable, except a statement heading — a sentence set as a heading, which
    carries a sentence child), with its commitment strength."""
    out: list[Unit] = []
    for block in document.blocks():
        sentences = [c for c in block.children if c.kind == NodeKind.SENTENCE]
        if block.kind is NodeKind.TABLE_ROW or (block.kind is NodeKind.HEADING and not sentences):
            continue  # tables are not quotable
        if not sentences:
            sentences = [block]
        for s in sentences:
            if len(s.text.split()) < opts.min_unit_words:
                continue
            strength = commitment_strength(s.text, bullet=block.kind == NodeKind.BULLET, opts=opts)
            out.append(Unit(len(out), s, block, strength))
    return out


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:12]


def passage_run(
    block_units: list[Unit], weighted: np.ndarray | list[float], opts: AnalysisOptions
) -> Run | None:
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
    stands = False
    lo = b
    if all(relevant[:b]) or (opts.lead_in and b == 1 and block_units[0].commitment < STRONG):
        lo = 0
    elif opts.lead_ratio and w[0] >= opts.lead_ratio * best and block_units[0].commitment:
        lo = 0  # the block's lead states the matter (a commitment on it): quote from there
    else:
        while opts.continuations and lo > 0 and _CONTINUES.match(block_units[lo].node.text):
            lo -= 1
    if (
        lo == 0
        and b > 0
        and block_units[0].commitment >= opts.lead_alone
        and w[0] >= opts.lead_ratio * best
    ):
        b = 0  # a committing lead is what an analyst quotes; the rest elaborates it
        stands = opts.lead_stands
    hi = b
    while hi + 1 < len(idx):
        nxt = block_units[hi + 1]
        if not (
            (opts.continuations and _CONTINUES.match(nxt.node.text))
            # an elaboration, wish or norm that is relevant enough
            or (w[hi + 1] >= opts.elaboration_ratio * best and nxt.commitment < STRONG)
            or w[hi + 1] >= opts.join_ratio * best  # a new statement as relevant as the best
        ):
            break
        hi += 1
    return Run(block_units[lo : hi + 1], stands)


def passage_runs(
    block_units: list[Unit], weighted: list[float], opts: AnalysisOptions
) -> list[Run]:
    """The block's passages for a theme: its :func:`passage_run`, then up to
    ``block_runs - 1`` further runs from the sentences before and after it, each found the
    same way, whose best sentence reaches ``further_ratio`` of the block's best."""
    first = passage_run(block_units, weighted, opts)
    if first is None:
        return []
    runs = [first]
    if opts.block_runs == 1:
        return runs
    floor = opts.further_ratio * max(weighted[u.index] for u in block_units)
    at = {id(u): i for i, u in enumerate(block_units)}
    pending = [block_units[: at[id(first.units[0])]], block_units[at[id(first.units[-1])] + 1 :]]
    found: list[Run] = []
    while pending and len(runs) + len(found) < opts.block_runs:
        seg = pending.pop(0)
        if not seg or max(weighted[u.index] for u in seg) < floor:
            continue
        run = passage_run(seg, weighted, opts)
        if run is None:
            continue
        found.append(Run(run.units, False))  # only a block's own lead stands for it
        lo, hi = at[id(run.units[0])] - at[id(seg[0])], at[id(run.units[-1])] - at[id(seg[0])]
        pending += [seg[:lo], seg[hi + 1 :]]
    found.sort(key=lambda r: -max(weighted[u.index] for u in r.units))
    return runs + found[: opts.block_runs - 1]


def commitment_weight(strength: float, opts: AnalysisOptions) -> float:
    """Score multiplier of a commitment strength: background prose (0) gets
    ``background_factor``, a full commitment (1) ``commitment_factor``, in between linear."""
    return opts.background_factor + (opts.commitment_factor - opts.background_factor) * strength


def prior(block: Node, opts: AnalysisOptions) -> float:
    """Prior of a block kind and section type: bullets are where commitments live;
    introductions, annexes and financial tables are background."""
    prior = opts.bullet_prior if block.kind == NodeKind.BULLET else 1.0
    if block.heading_path and _BACKGROUND_SECTION.search(block.heading_path[0]):
        prior *= opts.background_section_prior
    return prior


def candidates(
    units: list[Unit],
    relevance: np.ndarray,
    weighted: np.ndarray,
    aspect_rows: dict[str, np.ndarray],
    opts: AnalysisOptions,
) -> list[Candidate]:
    """Every block's passages for a theme (:func:`passage_runs`: its first run, then further
    runs), scored and with their aspect scores, best first."""
    out: list[Candidate] = []
    # plain floats: indexing them one by one is cheaper than indexing numpy arrays
    weights, rel = weighted.tolist(), relevance.tolist()
    rows = {aid: arow.tolist() for aid, arow in aspect_rows.items()}
    for block_units in by_block(units).values():
        for found in passage_runs(block_units, weights, opts):
            run = found.units
            # the passage is a commitment when one of its sentences is (a background lead-in
            # before "We investeren daarom…" belongs to it): one factor for the whole unit
            unit_factor = commitment_weight(max(u.commitment for u in run), opts)
            # a lead quoted alone stands for its block (lead_stands): it scores as the block
            source = block_units if found.stands else run
            if found.stands:
                top = max(block_units, key=lambda u: weights[u.index])
                unit_factor = max(unit_factor, commitment_weight(top.commitment, opts))
            raw = [rel[u.index] for u in source]
            best = max(raw)
            # sustained relevance: the other sentences of the passage add a little evidence
            support = sum(raw) - best
            score = (
                (best + min(opts.support_cap, opts.support_weight * support))
                * unit_factor
                * prior(run[0].block, opts)
            )
            cand = Candidate(
                block_units[0].block, run, score, scored=source if found.stands else []
            )
            for aid, arow in rows.items():
                cand.aspect_scores[aid] = max(arow[u.index] for u in source) * unit_factor
            out.append(cand)
    out.sort(key=lambda c: (-c.score, c.start))
    return out


def by_block(units: list[Unit]) -> dict[int, list[Unit]]:
    """The units of each block, in document order (keyed by the block's identity)."""
    out: dict[int, list[Unit]] = {}
    for u in units:
        out.setdefault(id(u.block), []).append(u)
    return out


def build_passages(
    document: Document,
    theme_id: str,
    units: list[Unit],
    ranked: list[Candidate],
    selected: list[Candidate],
    served: Callable[[Candidate], list[str]],
    opts: AnalysisOptions,
) -> list[Passage]:
    """The analysis's passages of a theme: the ``max_candidates`` best candidates plus every
    selected one, each once, best first by the score shown."""
    blocks = by_block(units)
    chosen = {id(c) for c in selected}
    passages: list[Passage] = []
    for c in ranked[: max(opts.max_candidates, len(selected))] + [
        c for c in selected if c not in ranked[: opts.max_candidates]
    ]:
        if any(p.location.start == c.start and p.location.end == c.end for p in passages):
            continue
        whole = (
            c.units[0].node.start <= c.block.start + opts.whole_block_slack
            and c.end >= c.block.end - opts.whole_block_slack
            and len(c.units) == len(blocks[id(c.block)])
        )
        text = normalize_ws(document.text[c.start : c.end])
        passages.append(
            Passage(
                id=f"{theme_id}-{_digest(str(c.start), str(c.end))}",
                text=text,
                score=round(c.score, 4),
                selected=id(c) in chosen,
                location=document.location(c.start, c.end, c.block),
                aspects=served(c),
                kind=str(c.block.kind) if whole else "sentence",
                commitment=any(u.commitment > 0 for u in c.units),
            )
        )
    passages.sort(key=lambda p: (-p.score, p.location.start))  # best first, by the score shown
    return passages
