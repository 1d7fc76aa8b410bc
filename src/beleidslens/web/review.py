"""Review logic: the passages a reviewer sees per theme, and the reviewed analysis.

Decisions are matched to engine passages by :func:`~beleidslens.web.store.passage_key`
(theme + offsets + text hash), so they survive a re-run. A decision whose passage the new
run no longer suggests is kept: accepted, moved, trimmed and added passages still go into
the export.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..analysis.result import Analysis, AspectStatus, Location, Passage, ThemeResult
from .store import Decision, Verdict, passage_key

if TYPE_CHECKING:
    from ..document.model import Document

CONTEXT_CHARS = 140
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z0-9€\"'(\u00c0-\u00de•-])")


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


def locate(document: Document | None, start: int, end: int) -> Location:
    """A :class:`Location` for a span, with page, section and block where the model knows them."""
    if document is None:
        return Location(start=start, end=end)
    block = document.block_at(start)
    return Location(
        start=start,
        end=end,
        page=document.page_at(start),
        section=block.section if block is not None else "",
        block_id=block.id if block is not None and block.id else None,
    )


def sentence_spans(text: str, start: int, document: Document | None) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets) inside the passage ``text`` that begins at ``start``."""
    end = start + len(text)
    spans: list[tuple[int, int]] = []
    if document is not None:
        sentences = _sentences(document)
        starts = [s[0] for s in sentences]
        i = max(0, bisect.bisect_right(starts, start) - 1)
        while i < len(sentences) and sentences[i][0] < end:
            s, e = sentences[i]
            s, e = max(s, start), min(e, end)
            if e > s and document.text[s:e].strip():
                spans.append((s, e))
            i += 1
        if spans:
            return spans
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start + pos, start + m.start()))
        pos = m.end()
    spans.append((start + pos, end))
    return [(s, e) for s, e in spans if e > s]


_SENTENCE_CACHE: dict[int, list[tuple[int, int]]] = {}


def _sentences(document: Document) -> list[tuple[int, int]]:
    cached = _SENTENCE_CACHE.get(id(document))
    if cached is None:
        from ..document.model import NodeKind

        cached = sorted((n.start, n.end) for n in document.iter(NodeKind.SENTENCE))
        if len(_SENTENCE_CACHE) > 16:
            _SENTENCE_CACHE.clear()
        _SENTENCE_CACHE[id(document)] = cached
    return cached


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
    items: list[ReviewItem] = []
    seen: set[str] = set()
    for p in theme.passages:
        key = key_of(theme.id, p)
        seen.add(key)
        d = decisions.get(key)
        if d is None:
            items.append(ReviewItem(key, p, theme.id, "pending", p.selected, p.origin))
            continue
        items.append(_item_from_decision(d, p, theme.id, p.selected))
    all_keys = {key_of(t.id, p) for t in analysis.themes for p in t.passages}
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
    suggested = {key_of(t.id, p) for t in analysis.themes for p in t.passages if p.selected}
    beyond = {k for k in decisions if k not in suggested}
    total_p = len(suggested) + len(beyond)
    decided_p = sum(1 for k in decisions if k in suggested) + len(beyond)
    aspects = {(t.id, a.id) for t in analysis.themes for a in t.aspects}
    decided_a = sum(1 for k in verdicts if k in aspects)
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

        def inside(loc: Location | None, spans: list[tuple[int, int]] = spans) -> bool:
            return loc is not None and any(s <= loc.start < e for s, e in spans)

        t.amounts = [a for a in result.amounts if inside(a.location)]
        t.targets = [x for x in result.targets if inside(x.location)]


def make_human_passage(
    theme_id: str, start: int, end: int, text: str, document: Document | None
) -> tuple[str, Passage]:
    key = passage_key(theme_id, start, end, text)
    passage = Passage(
        id=f"h-{key[:10]}",
        text=text,
        score=0.0,
        selected=True,
        location=locate(document, start, end),
        kind="sentence" if len(sentence_spans(text, start, document)) == 1 else "paragraph",
        origin="human",
    )
    return key, passage


def context_of(
    text: str | None, start: int, end: int, chars: int = CONTEXT_CHARS
) -> tuple[str, str]:
    """Surrounding text before and after a span (trimmed to whole words)."""
    if not text:
        return "", ""
    before = text[max(0, start - chars) : start]
    after = text[end : end + chars]
    if start - chars > 0 and " " in before:
        before = "…" + before.split(" ", 1)[1]
    if end + chars < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + "…"
    return before, after
