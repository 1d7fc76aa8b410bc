"""View models of the review page: what the templates get for cards, aspects and the text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import i18n
from .review import ReviewItem, review_items
from .spans import context_of, sentence_spans
from .store import Decision, Verdict

if TYPE_CHECKING:
    from ..analysis.result import Analysis, ThemeResult
    from ..document.model import Document


def card(item: ReviewItem, text: str, doc: Document | None, labels: dict[str, str]) -> dict:
    """One passage card: the passage, its context, and its sentences (for trimming)."""
    p = item.passage
    before, after = context_of(text, p.location.start, p.location.end)
    spans = sentence_spans(p.text, p.location.start, doc)
    sentences = (
        [{"start": s, "end": e, "text": text[s:e]} for s, e in spans] if len(spans) > 1 else []
    )
    return {
        "item": item,
        "p": p,
        "before": before,
        "after": after,
        "sentences": sentences,
        "from_label": labels.get(item.from_theme or "", item.from_theme),
        "to_label": labels.get(item.to_theme or "", item.to_theme),
    }


def clash_text(clash: dict[str, Any], labels: dict[str, str], lang: str) -> str:
    """The notice for a decision made on a stale page: what the other window had set."""
    target = clash.get("target_theme")
    if clash.get("status") == "rejected":
        other = i18n.t("web.rejected", lang)
    elif target:
        other = i18n.t("web.moved_out", lang, theme=labels.get(target, target))
    else:
        other = i18n.t("web.accepted", lang)
    return i18n.t("web.clash", lang, other=other)


def verdict_clash_text(clash: dict[str, Any], lang: str) -> str:
    """The notice for a verdict set on a stale page: what the other window had set."""
    other = i18n.t(str(clash.get("status") or "uncertain"), lang)
    return i18n.t("web.clash", lang, other=other)


def aspect_rows(theme_result: ThemeResult, verdicts: dict[tuple[str, str], Verdict]) -> list[dict]:
    """The aspects of a theme with the reviewer's verdict where there is one."""
    rows = []
    for a in theme_result.aspects:
        v = verdicts.get((theme_result.id, a.id))
        rows.append(
            {
                "a": a,
                "v": v,
                "status": v.status if v else str(a.status),
                "version": v.version if v else 0,
                "clash": None,
            }
        )
    return rows


def segments(text: str, items: list[ReviewItem]) -> list[dict]:
    """The document text cut into plain runs and the theme's passages (for the text view)."""
    spans = sorted(
        (i.passage.location.start, i.passage.location.end, i) for i in items if i.passage
    )
    out: list[dict] = []
    pos = 0
    for start, end, item in spans:
        if start < pos or end > len(text) or end <= start:
            continue
        if start > pos:
            out.append({"text": text[pos:start]})
        out.append({"text": text[start:end], "key": item.key, "selected": item.selected})
        pos = end
    out.append({"text": text[pos:]})
    return out


def theme_rows(analysis: Analysis, decisions: dict[str, Decision]) -> list[dict]:
    """The theme list beside the cards: selected passages and open suggestions per theme."""
    rows = []
    for t in analysis.themes:
        its = review_items(analysis, decisions, t.id)
        rows.append(
            {
                "id": t.id,
                "label": t.label,
                "selected": sum(1 for i in its if i.selected),
                # suggestions still waiting for a decision (other candidates are optional)
                "open": sum(1 for i in its if i.state == "pending" and i.engine_selected),
                "total": len(its),
            }
        )
    return rows
