"""Replay an analyst screening each theme against an expert analysis.

For every theme the expert quotes passages for, the analyst reads the theme's candidates
top-down — the engine's ranked passages (every block the engine finds relevant), then the
document's remaining blocks in document order — accepting a passage that lies inside one of
the expert's bullets (the hit rule of :mod:`beleidslens.evaluate.metrics`) or that holds at
least ``accept_cover`` (:class:`SimulationParams`) of a bullet (the expert quoted part of it: a bullet taken from a
longer block), and rejecting the rest. *Recall* is the share of the expert's bullets found by the accepted passages (the
found rule of the same module). Three readers:

* ``engine`` — the engine's order, never changed;
* ``learning`` — after every decision the remaining candidates re-rank
  (:class:`beleidslens.learn.rerank.Reranker`, "meer zoals deze");
* ``document`` — every block in document order (what ``wss_90`` is measured against).

Per theme: ``screened_50`` / ``screened_90`` / ``screened_all`` — passages read until 50 %,
90 % and all of the bullets are found (``None`` when never reached), and ``wss_90`` = 1 −
screened_90 / screened_90 in document order (work saved over reading the document).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from ..params import Params
from ..params import field as _f
from ..scoring.base import DEFAULT_BACKEND
from .rerank import Candidate, Reranker, RerankParams

MAX_CANDIDATES = 10_000  # every block the engine scores is a candidate (the option's cap)


class SimulationParams(Params):
    """The replayed analyst's acceptance rule and the goal (docs/learning.md)."""

    label: ClassVar[str] = "simulation parameter"

    # on the dev gold 3 of 16 bullets are one sentence of a longer block, covered 1.0 by it,
    # and one bullet is covered 0.55 + 0.45 by two passages; at 0.6 that bullet is never found
    accept_cover: float = _f(
        0.5,
        "a passage holding this share of a bullet's tokens (in runs, evaluate's rule) is accepted",
        gt=0.0,
        le=1.0,
    )
    goal_factor: float = _f(
        2.5, "the goal: 90 % of the bullets found after screening ≤ this × their number",
        gt=0.0, le=1000.0,
    )  # fmt: skip


#: the parameters ``simulate`` and its renderers use
SIMULATION = SimulationParams()


@dataclass
class Curve:
    screened_50: int | None
    screened_90: int | None
    screened_all: int | None
    recall: list[float]  # after each passage screened

    def to_dict(self) -> dict[str, Any]:
        return {
            "screened_50": self.screened_50,
            "screened_90": self.screened_90,
            "screened_all": self.screened_all,
        }


@dataclass
class ThemeReplay:
    id: str
    heading: str
    gold: int
    candidates: int
    curves: dict[str, Curve] = field(default_factory=dict)
    goal_factor: float = SIMULATION.goal_factor

    def wss_90(self, reader: str) -> float | None:
        mine = self.curves[reader].screened_90
        base = self.curves["document"].screened_90
        if mine is None or not base:
            return None
        return round(1.0 - mine / base, 4)

    def within_goal(self, reader: str) -> bool:
        s = self.curves[reader].screened_90
        return s is not None and s <= self.goal_factor * self.gold

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "heading": self.heading,
            "gold": self.gold,
            "candidates": self.candidates,
        }
        for reader in ("engine", "learning"):
            out[reader] = {
                **self.curves[reader].to_dict(),
                "wss_90": self.wss_90(reader),
                "within_goal": self.within_goal(reader),
            }
        out["document"] = self.curves["document"].to_dict()
        return out


def _curve(order_hits: Sequence[tuple[bool, list[str]]], bullets: list[list[str]]) -> Curve:
    """Recall after each passage, given (hit?, tokens) in screening order."""
    from ..evaluate.metrics import bullet_found

    found = [False] * len(bullets)
    accepted: list[list[str]] = []
    recall: list[float] = []
    marks: dict[float, int | None] = {0.5: None, 0.9: None, 1.0: None}
    for n, (hit, tokens) in enumerate(order_hits, start=1):
        if hit:
            accepted.append(tokens)
            for b, bullet in enumerate(bullets):
                if not found[b] and bullet_found(bullet, accepted):
                    found[b] = True
        r = sum(found) / len(bullets) if bullets else 1.0
        recall.append(r)
        for m in marks:
            if marks[m] is None and r >= m - 1e-9:
                marks[m] = n
    return Curve(marks[0.5], marks[0.9], marks[1.0], recall)


class _Feedback:
    """Incremental centroid similarities for the replay (one Gram column per decision)."""

    def __init__(self, rr: Reranker) -> None:
        self.rr = rr
        n = len(rr.candidates)
        self.sums = {True: np.zeros(n), False: np.zeros(n)}
        self.norm2 = {True: 0.0, False: 0.0}

    def decide(self, i: int, accepted: bool) -> None:
        s = self.sums[accepted]
        self.norm2[accepted] += 2.0 * float(s[i]) + float(self.rr.gram[i, i])
        s += self.rr.gram[:, i]

    def scores(self) -> np.ndarray:
        p = self.rr.params
        out = p.engine_weight * self.rr.engine
        if self.norm2[True] > 0:
            out = out + p.accept_weight * self.sums[True] / math.sqrt(self.norm2[True])
        if self.norm2[False] > 0:
            out = out - p.reject_weight * self.sums[False] / math.sqrt(self.norm2[False])
        return out


def replay_learning(rr: Reranker, hits: Sequence[bool], stop: int | None = None) -> list[int]:
    """The order in which a re-ranking analyst screens the candidates (indices)."""
    fb = _Feedback(rr)
    left = np.ones(len(rr.candidates), dtype=bool)
    tiebreak = np.array([rr.engine_rank[c.id] for c in rr.candidates], dtype=np.float64)
    order: list[int] = []
    limit = len(hits) if stop is None else min(stop, len(hits))
    while len(order) < limit:
        s = np.round(fb.scores(), 9)
        s[~left] = -np.inf
        best = np.flatnonzero(s == s.max())
        i = int(best[np.argmin(tiebreak[best])])
        order.append(i)
        left[i] = False
        fb.decide(i, bool(hits[i]))
    return order


def accepts(
    tokens: list[str], bullets: list[list[str]], params: SimulationParams = SIMULATION
) -> bool:
    """Would the replayed analyst accept this passage? (see the module docstring)"""
    from ..evaluate.metrics import _covered, passage_hit

    if passage_hit(tokens, bullets) is not None:
        return True
    cover = params.accept_cover
    return any(b and sum(_covered(b, tokens)) / len(b) >= cover for b in bullets)


def theme_pool(document: Any, theme_result: Any) -> list[Candidate]:
    """A theme's candidates: its ranked passages, then the uncovered blocks in order."""
    from ..analysis.passages import normalize_ws
    from ..document.model import NodeKind

    pool = [Candidate(p.id, p.text, float(p.score)) for p in theme_result.passages]
    spans = sorted((p.location.start, p.location.end) for p in theme_result.passages)
    for block in document.blocks():
        if block.kind in (NodeKind.HEADING, NodeKind.TABLE_ROW):
            continue
        if any(s < block.end and block.start < e for s, e in spans):
            continue
        text = normalize_ws(document.text[block.start : block.end])
        if len(text.split()) >= 3:
            pool.append(Candidate(f"block-{block.start}", text, 0.0))
    return pool


def _doc_position(document: Any, theme_result: Any, pool: list[Candidate]) -> list[float]:
    starts = {p.id: p.location.start for p in theme_result.passages}
    return [float(starts[c.id]) if c.id in starts else float(c.id.split("-", 1)[1]) for c in pool]


def simulate(
    document_path: Path | str,
    framework: str,
    gold_path: Path,
    *,
    backend: str = DEFAULT_BACKEND,
    params: RerankParams | None = None,
    scorer_options: dict[str, Any] | None = None,
    simulation: SimulationParams = SIMULATION,
) -> list[ThemeReplay]:
    """Replay every theme of ``gold_path`` that has bullets (see the module docstring)."""
    from ..analysis.options import AnalysisOptions
    from ..analysis.pipeline import analyze
    from ..errors import AnalysisError
    from ..evaluate.gold import match_theme, read_expert_markdown
    from ..framework import load_framework
    from ..ingest import load_document
    from ..nlp import content_tokens

    fw = load_framework(framework)
    expert = read_expert_markdown(gold_path)
    if not expert.themes:
        raise AnalysisError("no theme headings found in the expert analysis", gold_path)
    document = load_document(document_path)
    opts = AnalysisOptions(scorer=dict(scorer_options or {}), max_candidates=MAX_CANDIDATES)
    analysis = analyze(document, fw, backend=backend, options=opts)
    out: list[ThemeReplay] = []
    for et in expert.themes:
        theme = match_theme(et.heading, fw)
        if theme is None or not et.bullets:
            continue
        result = analysis.theme(theme.id)
        bullets = [content_tokens(b.text) for b in et.bullets]
        pool = theme_pool(document, result)
        tokens = [content_tokens(c.text) for c in pool]
        hits = [accepts(t, bullets, simulation) for t in tokens]
        rr = Reranker(pool, params)
        replay = ThemeReplay(
            theme.id, et.heading, len(bullets), len(pool), goal_factor=simulation.goal_factor
        )
        engine = list(range(len(pool)))  # the pool is in the engine's order
        pos = _doc_position(document, result, pool)
        doc_order = sorted(range(len(pool)), key=lambda i: (pos[i], i))
        learning = replay_learning(rr, hits)
        for name, order in (("engine", engine), ("learning", learning), ("document", doc_order)):
            replay.curves[name] = _curve([(hits[i], tokens[i]) for i in order], bullets)
        out.append(replay)
    return out


def format_text(replays: Sequence[ThemeReplay]) -> str:
    def f(x: object) -> str:
        return "-" if x is None else str(x)

    goal_factor = replays[0].goal_factor if replays else SIMULATION.goal_factor
    lines = [
        f"{'theme':<28} {'gold':>4} {'cand':>5}  {'engine 50/90/all':>18}  "
        f"{'learning 50/90/all':>18}  {'document 90':>11}  goal≤{goal_factor:g}×"
    ]
    for r in replays:
        e, le, d = r.curves["engine"], r.curves["learning"], r.curves["document"]
        goal = f"{r.goal_factor * r.gold:.0f}"
        lines.append(
            f"{r.id[:28]:<28} {r.gold:>4} {r.candidates:>5}  "
            f"{f(e.screened_50):>5}/{f(e.screened_90):>5}/{f(e.screened_all):>5}  "
            f"{f(le.screened_50):>5}/{f(le.screened_90):>5}/{f(le.screened_all):>5}  "
            f"{f(d.screened_90):>11}  {goal:>4} "
            f"{'yes' if r.within_goal('learning') else 'no'} (engine "
            f"{'yes' if r.within_goal('engine') else 'no'})"
        )
    met = sum(r.within_goal("learning") for r in replays)
    met_e = sum(r.within_goal("engine") for r in replays)
    lines.append(f"within the goal: learning {met}/{len(replays)}, engine {met_e}/{len(replays)}")
    return "\n".join(lines) + "\n"
