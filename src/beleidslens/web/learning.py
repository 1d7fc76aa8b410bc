"""The workbench learns from its analyst ("meer zoals deze", docs/learning.md).

* **Within a theme** — once the analyst has accepted or rejected passages of a theme, its
  open candidates are re-ranked by :class:`beleidslens.learn.rerank.Reranker` (the engine's
  score plus the likeness to accepted and rejected passages); decided cards keep their
  places, open cards fill the open places in the new order, and each moved card says how far
  it moved and which words carried it.
* **Across analyses** — decisions accumulate per framework (the store keeps every decision
  with its analysis, and an analysis names its framework). With the analyst's consent (one
  setting per framework, table ``framework_learning``) the decisions on a theme made in the
  framework's *other* analyses join the re-ranker as examples, so a new analysis with that
  framework opens in the order they teach; the page says so.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..learn import labels as _labels  # noqa: F401  (registers the reader's labels)
from ..learn.rerank import PARAMS, Candidate, Ranked, Reranker, RerankParams

if TYPE_CHECKING:
    from .review import ReviewItem
    from .store import Store

EXPLAIN = 50  # cards whose move is explained


@dataclass
class Reranking:
    items: list[ReviewItem]
    changed: bool = False  # the order differs from the engine's
    examples: int = 0  # decisions of other analyses used
    moves: dict[str, Ranked] = field(default_factory=dict)  # key → how and why it moved


def consent(store: Store, framework_key: str) -> bool:
    rows = store.read(
        "SELECT consent FROM framework_learning WHERE framework_key = ?", (framework_key,)
    )
    return bool(rows and rows[0]["consent"])


def set_consent(store: Store, framework_key: str, on: bool) -> None:
    from .records import now

    def up(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT INTO framework_learning (framework_key, consent, updated) VALUES (?, ?, ?) "
            "ON CONFLICT(framework_key) DO UPDATE SET consent = excluded.consent, "
            "updated = excluded.updated",
            (framework_key, 1 if on else 0, now()),
        )

    store.write(up)


def framework_examples(
    store: Store,
    framework_key: str,
    theme_id: str,
    exclude_analysis: int,
    params: RerankParams = PARAMS,
) -> list[tuple[str, bool]]:
    """(text, accepted) of the ``params.max_examples`` most recent decisions on ``theme_id``
    in the framework's other analyses: accepted (and not moved away) is a positive, rejected
    or moved away a negative."""
    rows = store.read(
        "SELECT d.text, d.status, d.theme_id, d.target_theme FROM decisions d "
        "JOIN analyses a ON a.id = d.analysis_id JOIN frameworks f ON f.id = a.framework_id "
        "WHERE f.key = ? AND d.analysis_id != ? AND (d.theme_id = ? OR d.target_theme = ?) "
        "ORDER BY d.updated DESC LIMIT ?",
        (framework_key, exclude_analysis, theme_id, theme_id, params.max_examples),
    )
    out = []
    for r in rows:
        moved_here = r["status"] == "accepted" and r["target_theme"] == theme_id
        kept = r["status"] == "accepted" and r["target_theme"] in (None, "", theme_id)
        out.append((str(r["text"]), bool(moved_here or (r["theme_id"] == theme_id and kept))))
    return out


def rerank_items(
    items: list[ReviewItem], examples: list[tuple[str, bool]] | None = None
) -> Reranking:
    """Re-rank the open items of one theme by the decisions on it (and ``examples``)."""
    decided: dict[str, bool] = {}
    for i in items:
        if i.state in ("accepted", "moved_in"):
            decided[i.key] = True
        elif i.state in ("rejected", "moved_out"):
            decided[i.key] = False
    examples = examples or []
    pending = [i for i in items if i.state == "pending"]
    if not pending or not (decided or examples):
        return Reranking(items)
    candidates = [Candidate(i.key, i.passage.text, float(i.passage.score)) for i in items]
    for n, (text, ok) in enumerate(examples):
        candidates.append(Candidate(f"example-{n}", text, 0.0))
        decided[f"example-{n}"] = ok
    ranked = Reranker(candidates).rank(decided, explain=EXPLAIN)
    by_key = {i.key: i for i in pending}
    order = [by_key[r.id] for r in ranked if r.id in by_key]
    moves = {r.id: r for r in ranked if r.id in by_key}
    slots = iter(order)
    new_items = [next(slots) if i.state == "pending" else i for i in items]
    changed = any(r.moved for r in moves.values())
    return Reranking(new_items, changed, len(examples), moves)


def move_note(ranked: Ranked | None, lang: str) -> str:
    """ "3 plaatsen omhoog: lijkt op wat u accepteerde (woning, starter)"; empty if unmoved."""
    from .. import i18n

    if ranked is None or not ranked.moved:
        return ""
    n = abs(ranked.moved)
    places = i18n.t("learn_place" if n == 1 else "learn_places", lang)
    if ranked.moved > 0 and ranked.like:
        return i18n.t("learn_moved_up", lang, n=n, places=places, terms=", ".join(ranked.like))
    if ranked.moved < 0 and ranked.unlike:
        terms = ", ".join(ranked.unlike)
        return i18n.t("learn_moved_down", lang, n=n, places=places, terms=terms)
    return ""  # moved only because others moved past it
