"""Review: the review page of an analysis, passage decisions, added passages, verdicts."""

from __future__ import annotations

import time
from contextlib import suppress
from typing import TypeVar
from urllib.parse import parse_qsl

from fastapi import APIRouter, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from ... import i18n
from ..backends import backend_context, format_options
from ..review import (
    ACTION_PATTERN,
    find_item,
    next_decision,
    passage_index,
    progress,
    review_items,
)
from ..security import CSRF_FIELD, CSRF_HEADER, check_csrf_token
from ..spans import make_human_passage, snap_to_words
from ..store import Decision, NotFoundError, Verdict
from ..views import aspect_rows, card, clash_text, segments, theme_rows, verdict_clash_text
from ..workbench import (
    WB,
    NotCachedError,
    Workbench,
    WorkbenchError,
    get_workbench,
    lang_of,
)

router = APIRouter()
M = TypeVar("M", bound=BaseModel)


@router.get("/analyses/{analysis_id}", response_class=HTMLResponse)
def review(request: Request, analysis_id: int, wb: WB, theme: str | None = None) -> HTMLResponse:
    store = wb.store
    info = store.analysis(analysis_id)
    run = store.latest_run(analysis_id)
    res = wb.analysis_result(analysis_id)
    if res is None:
        return wb.page(request, "running.html", {"info": info, "run": run})
    _run_id, analysis = res
    theme_ids = [t.id for t in analysis.themes]
    current = theme if theme in theme_ids else info.position_theme
    if current not in theme_ids:
        current = theme_ids[0]
    if theme and theme == current and theme != info.position_theme:
        store.set_position(analysis_id, theme)
    decisions = store.decisions(analysis_id)
    verdicts = store.verdicts(analysis_id)
    doc = wb.document_model(info.document_id)
    text = wb.document_text(analysis_id)
    from ..learning import consent, framework_examples, move_note, rerank_items

    learn_on = consent(store, info.framework_key)
    examples = (
        framework_examples(store, info.framework_key, current, analysis_id) if learn_on else []
    )
    reranked = rerank_items(review_items(analysis, decisions, current), examples)
    items = reranked.items
    theme_result = analysis.theme(current)
    labels = {t.id: t.label for t in analysis.themes}
    from ...render.base import RENDERERS

    formats = RENDERERS.base_names()
    lang = lang_of(request)
    return wb.page(
        request,
        "review.html",
        {
            "info": info,
            "run": run,
            "analysis": analysis,
            "theme": theme_result,
            "themes": theme_rows(analysis, decisions),
            "labels": labels,
            "cards": [
                _with_trim(
                    wb,
                    lang,
                    analysis_id,
                    current,
                    {
                        **card(i, text, doc, labels),
                        "rerank": move_note(reranked.moves.get(i.key), lang),
                    },
                )
                for i in items
            ],
            "reranked": reranked.changed,
            "learn_examples": reranked.examples,
            "learn_consent": learn_on,
            "aspects": aspect_rows(theme_result, verdicts),
            "segments": segments(text, items),
            "progress": progress(analysis, decisions, verdicts),
            "formats": formats,
            "position_key": info.position_key,
            **backend_context(info.backend, format_options(info.backend_options)),
        },
    )


def _with_trim(wb: Workbench, lang: str, analysis_id: int, theme_id: str, shown: dict) -> dict:
    """A card view with its (cached) trim list."""
    shown["trim"] = wb.trim_block(
        lang, analysis_id, theme_id, shown["item"].key, shown["sentences"]
    )
    return shown


class DecisionForm(BaseModel):
    """The fields of a decision (parsed by hand: FastAPI's per-field form machinery costs more
    than the decision itself)."""

    model_config = ConfigDict(extra="ignore")

    key: str = Field(max_length=64)
    theme: str = Field(max_length=64)
    action: str = Field(pattern=ACTION_PATTERN)
    target: str = Field("", max_length=64)
    start: int | None = None
    end: int | None = None
    seen_version: int | None = Field(None, ge=0)


def form_model(model: type[M], form: FormData | dict[str, str]) -> M:
    """``model`` from a submitted form; a 422 naming the field as FastAPI's own would."""
    data = {k: v for k, v in form.items() if isinstance(v, str)}
    for name, field in model.model_fields.items():
        if field.annotation is not str and data.get(name) == "":
            del data[name]  # an empty optional number is absent, not an error
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None


SMALL_FORM_BYTES = 64 * 1024  # a decision form is well under 1 kB


async def _small_form(request: Request) -> dict[str, str]:
    """The fields of a small form: an URL-encoded body is parsed here, in one C-backed call
    (the multipart machinery costs more than the decision); anything else the usual way."""
    if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        body = await request.body()
        if len(body) <= SMALL_FORM_BYTES:
            text = body.decode("utf-8", "replace")
            with suppress(ValueError):  # more fields than any decision form has
                return dict(parse_qsl(text, keep_blank_values=True, max_num_fields=64))
        detail = i18n.t("web.error_bad_request", lang_of(request), detail="form")
        raise WorkbenchError(detail, "form")
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


async def decide(request: Request) -> HTMLResponse:
    """Record a decision. ``seen_version`` is the card's version as the page showed it; when
    another window decided since, the decision is still saved and the answer is the card with
    a notice of the clash and the current state.

    The hot path of the workbench, so a plain Starlette route: FastAPI's dependency and
    parameter machinery would cost more than the decision itself. It does by hand what the
    app-wide dependency does for the other routes (the CSRF check)."""
    fields = await _small_form(request)
    check_csrf_token(request, request.headers.get(CSRF_HEADER) or fields.get(CSRF_FIELD, ""))
    analysis_id = int(request.path_params["analysis_id"])
    form = form_model(DecisionForm, fields)
    wb = get_workbench(request)
    try:
        # Right here on the event loop when everything it needs is parsed and cached: the
        # decision is then under a millisecond of indexed SQLite work and rendering, and a
        # hand-off to a worker thread (two wake-ups, GIL hand-overs) cost more than that
        # (bench_web_load at saturation: 350 -> 611 decisions/s, server CPU 2.65 -> 1.38 ms
        # per decision). A cold cache (the first decision after a run) parses in a thread.
        response = _decide(wb, request, analysis_id, form, cached_only=True)
    except NotCachedError:
        response = await run_in_threadpool(_decide, wb, request, analysis_id, form)
    # acknowledged only once on disk; the flush waits in a thread (the loop serves others)
    # and is shared by the decisions committed meanwhile (group commit, Database.sync)
    started = time.perf_counter()
    await wb.on_disk(wb.store.commits)
    request.state.disk_ms = (time.perf_counter() - started) * 1000
    return response


router.add_route("/analyses/{analysis_id:int}/decide", decide, methods=["POST"])


def _decide(
    wb: Workbench,
    request: Request,
    analysis_id: int,
    form: DecisionForm,
    *,
    cached_only: bool = False,
) -> HTMLResponse:
    """The decision itself: a constant number of indexed store queries (the review state is
    cached and brought along by the write), whatever the number of decisions stored.
    ``cached_only``: :class:`NotCachedError` before anything is written when a parse would
    be needed."""
    store = wb.store
    theme, key = form.theme, form.key
    info, analysis = wb.reviewed(analysis_id, cached_only=cached_only)
    text = wb.text_of(info.document_id, cached_only=cached_only)
    doc = wb.document_model(info.document_id, cached_only=cached_only)
    decisions = store.review(analysis_id).decisions
    item = find_item(analysis, decisions, theme, key)
    decision = next_decision(
        item,
        decisions.get(key),
        form.action,
        theme=theme,
        theme_ids=passage_index(analysis).theme_ids,
        target=form.target,
        start=form.start,
        end=form.end,
        text=text,
    )
    store.save_decision(
        analysis_id, decision, position_theme=theme, seen_version=form.seen_version, sync=False
    )  # the caller syncs before the answer leaves
    state = store.review(analysis_id)  # the current state, after this decision
    new_item = find_item(analysis, state.decisions, theme, key)
    labels = {t.id: t.label for t in analysis.themes}
    lang = lang_of(request)
    shown = _with_trim(wb, lang, analysis_id, theme, card(new_item, text, doc, labels))
    if decision.clash is not None:
        shown["clash"] = clash_text(decision.clash, labels, lang)
    return wb.page(
        request,
        "_decision.html",
        {
            "c": shown,
            "progress": progress(analysis, state.decisions, state.verdicts),
            "theme": analysis.theme(theme),
            "labels": labels,
            "info": info,
            "oob": True,
        },
    )


@router.post("/analyses/{analysis_id}/passages")
def add_passage(
    request: Request,
    analysis_id: int,
    wb: WB,
    theme: str = Form(..., max_length=64),
    start: int = Form(...),
    end: int = Form(...),
    text: str = Form(..., max_length=100_000),
) -> Response:
    """Add the reviewer's own passage (a text selection) to a theme, accepted."""
    info, analysis = wb.reviewed(analysis_id)
    if theme not in {t.id for t in analysis.themes}:
        raise NotFoundError("no such theme", theme[:80])
    doc_text = wb.document_text(analysis_id)
    if not (0 <= start < end <= len(doc_text)) or doc_text[start:end] != text:
        raise WorkbenchError(i18n.t("web.error_selection", lang_of(request)), "selection")
    start, end = snap_to_words(doc_text, start, end)
    if start >= end:
        raise WorkbenchError(i18n.t("web.error_selection", lang_of(request)), "selection")
    doc = wb.document_model(info.document_id)
    key, passage = make_human_passage(theme, start, end, doc_text[start:end], doc)
    wb.store.save_decision(
        analysis_id,
        Decision(
            key=key,
            theme_id=theme,
            status="accepted",
            target_theme=None,
            start=start,
            end=end,
            text=passage.text,
            origin="human",
            passage=passage.model_dump(mode="json"),
        ),
    )
    url = f"/analyses/{analysis_id}?theme={theme}"
    if request.headers.get("hx-request"):
        return Response(status_code=204, headers={"HX-Location": url})
    return RedirectResponse(url, status_code=303)


@router.post("/analyses/{analysis_id}/verdicts", response_class=HTMLResponse)
def set_verdict(
    request: Request,
    analysis_id: int,
    wb: WB,
    theme: str = Form(..., max_length=64),
    aspect: str = Form(..., max_length=64),
    status: str = Form(..., pattern="^(addressed|not_addressed|uncertain)$"),
    note: str = Form("", max_length=4000),
    seen_version: int | None = Form(None, ge=0),
) -> HTMLResponse:
    """The reviewer's verdict on one aspect of a theme; ``seen_version`` as for decisions
    (a verdict set meanwhile in another window is reported on the answer)."""
    store = wb.store
    info, analysis = wb.reviewed(analysis_id)
    try:
        theme_result = analysis.theme(theme)
    except KeyError:
        raise NotFoundError("no such theme", theme[:80]) from None
    if aspect not in {a.id for a in theme_result.aspects}:
        raise NotFoundError("no such aspect", aspect[:80])
    saved = store.save_verdict(
        analysis_id, Verdict(theme, aspect, status, note.strip() or None), seen_version=seen_version
    )
    verdicts = store.verdicts(analysis_id)
    row = next(r for r in aspect_rows(theme_result, verdicts) if r["a"].id == aspect)
    if saved.clash is not None:
        row["clash"] = verdict_clash_text(saved.clash, lang_of(request))
    return wb.page(
        request,
        "_aspect.html",
        {
            "r": row,
            "theme": theme_result,
            "info": info,
            "progress": progress(analysis, store.decisions(analysis_id), verdicts),
            "oob": True,
            "saved": True,
        },
    )


@router.post("/analyses/{analysis_id}/learning")
async def learning(request: Request, analysis_id: int, wb: WB) -> Response:
    """Learning from this framework's decisions (docs/learning.md): checkbox ``consent``."""
    from urllib.parse import quote

    from ..learning import set_consent

    info = await run_in_threadpool(wb.store.analysis, analysis_id)
    form = await request.form()
    await run_in_threadpool(set_consent, wb.store, info.framework_key, form.get("consent") == "1")
    theme = str(form.get("theme") or "")[:64]
    target = f"/analyses/{analysis_id}" + (f"?theme={quote(theme)}" if theme else "")
    return RedirectResponse(target, status_code=303)
