"""Review logic: the passages a reviewer sees per theme, and the reviewed analysis.

Decisions are matched to engine passages by :func:`~beleidslens.web.store.passage_key`
(theme + offsets + text hash), so they survive a re-run. A decision whose passage the new
run no longer suggests is kept: accepted, moved, trimmed and added passages still go into
the export.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..analysis.result import Analysis, AspectStatus, Passage, ThemeResult
from ..document.trace import inside
from ..errors import BeleidslensError
from .spans import locate
from .store import Decision, NotFoundError, Verdict, passage_key

if TYPE_CHECKING:
    from ..document.model import Document


@dataclass
class ReviewItem:
    """One passage as the reviewer sees it in a theme."""

    key: str
    passage: Passage  # current form: trimmed/added text and offsets
    theme_id: str  # theme it is listed under now
    state: str  # pending | accepted | rejected | moved_out | moved_in
    engine_selected: bool
    origin: str
    from_theme: str | None = None  # moved_in: where it came from
    to_theme: str | None = None  # moved_out: where it went
    trimmed: bool = False
    orphan: bool = False  # decided earlier, not suggested by the current run
    version: int = 0

    @property
    def selected(self) -> bool:
        if self.state == "pending":
            return self.engine_selected
        return self.state in ("accepted", "moved_in")


def key_of(theme_id: str, passage: Passage) -> str:
    return passage_key(theme_id, passage.location.start, passage.location.end, passage.text)


@dataclass(frozen=True)
class PassageIndex:
    """The passage keys of one (immutable) analysis result, computed once."""

    by_theme: dict[str, list[tuple[str, Passage]]]
    lookup: dict[tuple[str, str], Passage]  # (theme, key) -> the engine's passage
    all_keys: frozenset[str]
    suggested: frozenset[str]  # keys of the passages the engine selected
    aspects: frozenset[tuple[str, str]]  # (theme, aspect) of every aspect
    theme_ids: frozenset[str]


_INDEX: dict[int, tuple[Analysis, PassageIndex]] = {}
_INDEX_SIZE = 16


def passage_index(analysis: Analysis) -> PassageIndex:
    """The keys of every passage of ``analysis``: hashed once per result, not per request.

    A parsed result is never changed once loaded (the workbench caches it per run), so the
    index is kept per object; :func:`apply_review` works on a copy and hashes its own.
    """
    entry = _INDEX.get(id(analysis))
    if entry is not None and entry[0] is analysis:
        return entry[1]
    by_theme = {t.id: [(key_of(t.id, p), p) for p in t.passages] for t in analysis.themes}
    index = PassageIndex(
        by_theme=by_theme,
        lookup={(t, k): p for t, pairs in by_theme.items() for k, p in pairs},
        all_keys=frozenset(k for pairs in by_theme.values() for k, _ in pairs),
        suggested=frozenset(k for pairs in by_theme.values() for k, p in pairs if p.selected),
        aspects=frozenset((t.id, a.id) for t in analysis.themes for a in t.aspects),
        theme_ids=frozenset(by_theme),
    )
    if len(_INDEX) >= _INDEX_SIZE:
        _INDEX.clear()
    _INDEX[id(analysis)] = (analysis, index)
    return index


def _current(decision: Decision, base: Passage) -> tuple[Passage, bool]:
    """The passage as the decision left it (trimmed span), and whether it was trimmed."""
    if (decision.start, decision.end) == (base.location.start, base.location.end):
        return base, False
    passage = base.model_copy(deep=True)
    passage.text = decision.text
    loc = base.location.model_copy()
    loc.start, loc.end = decision.start, decision.end
    passage.location = loc
    return passage, True


def _passage_from_snapshot(decision: Decision) -> Passage:
    return Passage.model_validate(decision.passage)


def review_items(
    analysis: Analysis, decisions: dict[str, Decision], theme_id: str
) -> list[ReviewItem]:
    """The passages listed under ``theme_id``: engine suggestions, kept, moved-in and added."""
    theme = analysis.theme(theme_id)
    index = passage_index(analysis)
    items: list[ReviewItem] = []
    seen: set[str] = set()
    for key, p in index.by_theme[theme.id]:
        seen.add(key)
        d = decisions.get(key)
        if d is None:
            items.append(ReviewItem(key, p, theme.id, "pending", p.selected, p.origin))
            continue
        items.append(_item_from_decision(d, p, theme.id, p.selected))
    all_keys = index.all_keys
    for d in sorted(decisions.values(), key=lambda d: (d.start, d.key)):
        if d.key in seen:
            continue
        here = d.theme_id == theme_id
        moved_here = d.status == "accepted" and d.target_theme == theme_id
        if not (here or moved_here):
            continue
        if d.key in all_keys and not moved_here:
            continue
        if here and d.status == "rejected" and d.origin == "engine":
            continue  # a rejected suggestion the engine no longer makes: nothing to show
        base = _passage_from_snapshot(d)
        item = _item_from_decision(d, base, theme_id, False)
        item.orphan = d.key not in all_keys and d.origin == "engine"
        items.append(item)
    return items


def _item_from_decision(
    d: Decision, base: Passage, listed_under: str, engine_selected: bool
) -> ReviewItem:
    passage, trimmed = _current(d, base)
    if d.status == "rejected":
        state = "rejected"
    elif d.target_theme and d.target_theme != d.theme_id:
        state = "moved_in" if listed_under == d.target_theme else "moved_out"
    else:
        state = "accepted"
    return ReviewItem(
        key=d.key,
        passage=passage,
        theme_id=listed_under,
        state=state,
        engine_selected=engine_selected,
        origin=d.origin,
        from_theme=d.theme_id if state == "moved_in" else None,
        to_theme=d.target_theme if state == "moved_out" else None,
        trimmed=trimmed,
        version=d.version,
    )


def progress(analysis: Analysis, decisions: dict[str, Decision], verdicts: dict) -> dict[str, int]:
    """How far the review is.

    What needs a reviewer's decision is every passage the engine suggests (selected) and
    every aspect verdict. A decision on any other candidate, or a passage a reviewer added,
    is work done beyond that and counts on both sides, so the review is complete when every
    suggestion and every verdict has been settled.
    """
    index = passage_index(analysis)
    suggested, aspects = index.suggested, index.aspects
    settled = len(decisions.keys() & suggested)  # set operations: no Python loop per row
    beyond = len(decisions) - settled
    total_p = len(suggested) + beyond
    decided_p = settled + beyond
    decided_a = len(verdicts.keys() & aspects)
    return {
        "passages_decided": decided_p,
        "passages_total": total_p,
        "aspects_decided": decided_a,
        "aspects_total": len(aspects),
        "decided": decided_p + decided_a,
        "total": total_p + len(aspects),
    }


def apply_review(
    analysis: Analysis,
    decisions: dict[str, Decision],
    verdicts: dict[tuple[str, str], Verdict],
    document: Document | None = None,
) -> Analysis:
    """The analysis as reviewed: what an export contains.

    accepted → selected; rejected → not; moved → unselected in its theme and selected in the
    target theme; trimmed → trimmed text and offsets; added → origin ``human``; verdict
    overrides carry the reviewer's note.
    """
    result = analysis.model_copy(deep=True)
    themes = {t.id: t for t in result.themes}
    by_key: dict[str, tuple[ThemeResult, Passage]] = {}
    for t in result.themes:
        for p in t.passages:
            by_key[key_of(t.id, p)] = (t, p)
    used_ids = {p.id for t in result.themes for p in t.passages}

    def fresh_id(base: str) -> str:
        candidate, n = base, 1
        while candidate in used_ids:
            n += 1
            candidate = f"{base}-{n}"
        used_ids.add(candidate)
        return candidate

    for d in sorted(decisions.values(), key=lambda d: (d.start, d.key)):
        if d.key in by_key:
            theme, passage = by_key[d.key]
        else:
            home = themes.get(d.theme_id)
            if home is None or d.status == "rejected":
                continue
            theme, passage = home, _passage_from_snapshot(d)
            passage.id = fresh_id(passage.id or f"h-{d.key[:10]}")
            theme.passages.append(passage)
        if d.status == "rejected":
            passage.selected = False
            continue
        current, trimmed = _current(d, passage)
        if trimmed:
            passage.text = current.text
            passage.location = (
                locate(document, d.start, d.end) if document is not None else current.location
            )
        target = themes.get(d.target_theme or "")
        if target is not None and target is not theme:
            passage.selected = False
            moved = passage.model_copy(deep=True)
            moved.id = fresh_id(f"{passage.id}-{target.id}")
            moved.selected = True
            moved.aspects = []
            target.passages.append(moved)
        else:
            passage.selected = True

    for t in result.themes:
        for a in t.aspects:
            v = verdicts.get((t.id, a.id))
            if v is not None:
                a.status = AspectStatus(v.status)
                a.note = v.note or None

    _refresh_money(result)
    return result


def _refresh_money(result: Analysis) -> None:
    """Recompute each theme's amounts and targets from its selected passages after review."""
    if not (result.amounts or result.targets):
        return
    if any(a.location is None for a in result.amounts) or any(
        t.location is None for t in result.targets
    ):
        return
    for t in result.themes:
        spans = [(p.location.start, p.location.end) for p in t.passages if p.selected]

        t.amounts = [a for a in result.amounts if inside(a.location, spans)]
        t.targets = [x for x in result.targets if inside(x.location, spans)]


# -- the decision state machine ---------------------------------------------------------------
ACTIONS = ("accept", "reject", "move", "trim")
ACTION_PATTERN = "^(" + "|".join(ACTIONS) + ")$"


class DecisionError(BeleidslensError):
    """A decision that cannot be applied to its passage (a trim outside it, say)."""

    http_status = 400


def find_item(
    analysis: Analysis, decisions: dict[str, Decision], theme: str, key: str
) -> ReviewItem:
    """The passage ``key`` as listed under ``theme``; NotFoundError when it is not there."""
    index = passage_index(analysis)
    if theme not in index.theme_ids:
        raise NotFoundError("no such theme", theme[:80])
    engine = index.lookup.get((theme, key))
    if engine is not None:  # one of the theme's own suggestions: no need to list them all
        d = decisions.get(key)
        if d is None:
            return ReviewItem(key, engine, theme, "pending", engine.selected, engine.origin)
        return _item_from_decision(d, engine, theme, engine.selected)
    for item in review_items(analysis, decisions, theme):
        if item.key == key:
            return item
    raise NotFoundError("no such passage in this theme", key[:40])


def next_decision(
    item: ReviewItem,
    old: Decision | None,
    action: str,
    *,
    theme: str,
    theme_ids: AbstractSet[str],
    target: str = "",
    start: int | None = None,
    end: int | None = None,
    text: str = "",
) -> Decision:
    """The state a passage is in after ``action``, taken on it as listed under ``theme``.

    - accept: selected; listed under another theme than its origin, it is moved there.
    - reject: not selected anywhere (an earlier move is undone).
    - move: selected in ``target`` (moving back to the origin theme undoes the move).
    - trim: accepted, with the span shrunk to ``start``–``end`` of the document ``text``
      (which must lie inside the passage); an earlier move is kept.

    The origin theme, the engine's passage snapshot and the origin are those of the first
    decision, so a passage keeps its identity however often it is decided.
    """
    origin_theme = old.theme_id if old else theme
    base_passage = old.passage if old else item.passage.model_dump(mode="json")
    span_start, span_end, span_text = (
        item.passage.location.start,
        item.passage.location.end,
        item.passage.text,
    )
    target_theme = old.target_theme if old else None
    status = "accepted"
    if action == "accept":
        target_theme = theme if theme != origin_theme else None
    elif action == "reject":
        status, target_theme = "rejected", None
    elif action == "move":
        if target not in theme_ids:
            raise NotFoundError("no such theme", target[:80] or "(none)")
        target_theme = target if target != origin_theme else None
    elif action == "trim":
        if start is None or end is None:
            raise DecisionError("trim needs start and end", "trim")
        if not (span_start <= start < end <= span_end):
            raise DecisionError("the sentence is not inside the passage", "trim")
        span_start, span_end, span_text = start, end, text[start:end]
    else:
        raise DecisionError(f"unknown action {action[:20]!r}", "action")
    return Decision(
        key=item.key,
        theme_id=origin_theme,
        status=status,
        target_theme=target_theme,
        start=span_start,
        end=span_end,
        text=span_text,
        origin=old.origin if old else item.origin,
        passage=base_passage,
    )
