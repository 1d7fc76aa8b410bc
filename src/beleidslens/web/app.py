"""The review workbench: FastAPI + server-rendered Jinja2 + htmx.

``create_app(db_path)`` builds the app; ``beleidslens serve`` runs it with uvicorn. Every
state-changing request needs the CSRF token; every decision is saved at once in its own
transaction; analyses run in background threads (see :mod:`.runner`).
"""

from __future__ import annotations

import json
import logging
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeGuard, TypeVar

import yaml
from fastapi import Depends, FastAPI, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import UploadFile as StarletteUploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import i18n
from ..analysis.result import Analysis
from ..errors import AnalysisError, BeleidslensError, FrameworkError, IngestError
from ..framework.loader import builtin_frameworks, parse_framework
from . import labels as _labels  # registers the labels
from .backends import (
    DEFAULT_BACKEND,
    backend_choices,
    check_backend,
    format_options,
    parse_options,
)
from .review import (
    ReviewItem,
    apply_review,
    context_of,
    make_human_passage,
    progress,
    review_items,
    sentence_spans,
)
from .runner import AnalyzeFn, RunInputs, Runner
from .security import (
    ANALYSIS_TYPES,
    CSRF_COOKIE,
    DOCUMENT_TYPES,
    FRAMEWORK_TYPES,
    CsrfError,
    UploadTooLargeError,
    check_csrf,
    csrf_token,
    extension_of,
    human_size,
    new_token,
    safe_display_name,
    slug,
)
from .store import Decision, NotFoundError, Store, Verdict

if TYPE_CHECKING:
    from ..document.model import Document
    from ..framework.schema import Framework

K = TypeVar("K")
V = TypeVar("V")

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_UPLOAD = 25 * 1024 * 1024
LANG_COOKIE = "bl_lang"

__all__ = ["create_app"]
_ = _labels


class WorkbenchError(BeleidslensError):
    """A request the workbench cannot carry out (shown as a Dutch error page)."""

    http_status = 400


class _Cache(Generic[K, V]):
    """A small LRU for parsed analyses and documents (keyed by immutable row ids)."""

    def __init__(self, size: int = 8):
        self.size = size
        self._data: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, make: Callable[[], V]) -> V:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        value = make()
        with self._lock:
            self._data[key] = value
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value


def create_app(
    db_path: str | Path,
    *,
    analyze: AnalyzeFn | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
) -> FastAPI:
    """Build the workbench app on the SQLite file ``db_path`` (created if missing)."""
    store = Store(db_path)
    store.recover()  # runs left 'running' by a crash: failed; earlier results stay reviewable
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True
    results: _Cache[tuple[str, int], Analysis] = _Cache(8)
    documents: _Cache[int, Document | None] = _Cache(4)
    texts: _Cache[int, str] = _Cache(8)

    def document_model(document_id: int) -> Document | None:
        def make() -> Document | None:
            row = store.document(document_id)
            if not row["model_json"]:
                return None
            from ..document.model import Document

            return Document.from_dict(json.loads(row["model_json"]))

        return documents.get(document_id, make)

    def load_inputs(analysis_id: int) -> RunInputs:
        info = store.analysis(analysis_id)
        document = document_model(info.document_id)
        if document is None:
            from ..ingest import parse_text

            row = store.document(info.document_id)
            document = parse_text(row["text"], name=row["name"])
        fw_row = store.framework(info.framework_id)
        framework = parse_framework(fw_row["yaml"], f"framework:{fw_row['key']}")
        return RunInputs(document, framework, info.backend, info.backend_options)

    runner = Runner(store, load_inputs, analyze)

    app = FastAPI(
        title="beleidslens",
        dependencies=[Depends(check_csrf)],
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.store = store
    app.state.runner = runner
    app.state.max_upload_bytes = max_upload_bytes
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    # -- helpers ------------------------------------------------------------------------------
    def lang_of(request: Request) -> str:
        lang = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE) or "nl"
        return lang if lang in i18n.LANGUAGES else "nl"

    def page(
        request: Request, name: str, context: dict[str, Any], status_code: int = 200
    ) -> HTMLResponse:
        lang = lang_of(request)
        ctx = {
            "request": request,
            "lang": lang,
            "t": _labels.translator(lang),
            "csrf": csrf_token(request),
            "other_lang": "en" if lang == "nl" else "nl",
            **context,
        }
        return templates.TemplateResponse(request, name, ctx, status_code=status_code)

    def analysis_result(analysis_id: int) -> tuple[int, Analysis] | None:
        run_id = store.latest_result_id(analysis_id)
        if run_id is None:
            return None
        # the parsed result is cached per run: read its JSON only on a cache miss
        return run_id, results.get(
            ("run", run_id),
            lambda: Analysis.from_json(store.result_json(run_id), f"run {run_id}"),
        )

    def document_text(analysis_id: int) -> str:
        info = store.analysis(analysis_id)
        return texts.get(info.document_id, lambda: str(store.document(info.document_id)["text"]))

    async def read_upload(
        upload: StarletteUploadFile, allowed: tuple[str, ...]
    ) -> tuple[bytes, str]:
        ext = extension_of(upload.filename or "", allowed)
        data = await upload.read(max_upload_bytes + 1)
        if len(data) > max_upload_bytes:
            raise UploadTooLargeError(
                f"file too large (at most {human_size(max_upload_bytes)})",
                safe_display_name(upload.filename),
            )
        return data, ext

    def has_file(value: object) -> TypeGuard[StarletteUploadFile]:
        return isinstance(value, StarletteUploadFile) and bool(value.filename)

    # -- middleware and errors ----------------------------------------------------------------
    @app.middleware("http")
    async def session_middleware(request: Request, call_next: Any) -> Response:
        token = request.cookies.get(CSRF_COOKIE)
        fresh = not token or len(token) < 20
        request.state.csrf = new_token() if fresh else token
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > max_upload_bytes + 64 * 1024:
            response: Response = error_page(
                request,
                UploadTooLargeError(f"request too large (at most {human_size(max_upload_bytes)})"),
            )
        else:
            response = await call_next(request)
        if fresh:
            response.set_cookie(
                CSRF_COOKIE, request.state.csrf, httponly=False, samesite="strict", path="/"
            )
        if "lang" in request.query_params and request.query_params["lang"] in i18n.LANGUAGES:
            response.set_cookie(LANG_COOKIE, request.query_params["lang"], samesite="lax", path="/")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    def error_page(request: Request, exc: BeleidslensError) -> HTMLResponse:
        lang = lang_of(request)
        if isinstance(exc, CsrfError):
            message = i18n.t("web.error_csrf", lang)
        elif isinstance(exc, UploadTooLargeError):
            message = i18n.t("web.error_too_large", lang, size=human_size(max_upload_bytes))
        else:
            message = exc.one_line()
        if not hasattr(request.state, "csrf"):
            request.state.csrf = request.cookies.get(CSRF_COOKIE, "")
        status = exc.http_status
        if request.headers.get("hx-request"):
            return HTMLResponse(
                templates.get_template("_error_inline.html").render(
                    message=message, t=_labels.translator(lang)
                ),
                status_code=status,
                headers={"HX-Reswap": "none", "HX-Trigger": json.dumps({"bl-error": message})},
            )
        return page(
            request, "error.html", {"message": message, "status": status}, status_code=status
        )

    @app.exception_handler(BeleidslensError)
    async def domain_error(request: Request, exc: BeleidslensError) -> HTMLResponse:
        return error_page(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> HTMLResponse:
        lang = lang_of(request)
        err = WorkbenchError(
            i18n.t("web.error_not_found", lang)
            if exc.status_code == 404
            else str(exc.detail or exc.status_code)
        )
        err.http_status = exc.status_code
        return error_page(request, err)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> HTMLResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        detail = f"{where}: {first.get('msg', '')}".strip(": ")
        err = WorkbenchError(i18n.t("web.error_bad_request", lang_of(request), detail=detail))
        err.http_status = 422
        return error_page(request, err)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> HTMLResponse:
        log.exception("internal error on %s", request.url.path)
        err = WorkbenchError(i18n.t("web.error_internal", lang_of(request)))
        err.http_status = 500
        return error_page(request, err)

    # -- overview -----------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse)
    def overview(request: Request) -> HTMLResponse:
        rows = []
        infos = store.analyses()
        for info in infos:
            run = store.latest_run(info.id)
            res = analysis_result(info.id)
            prog = None
            if res is not None:
                prog = progress(res[1], store.decisions(info.id), store.verdicts(info.id))
            rows.append({"info": info, "run": run, "progress": prog})
        analysed = {info.document_id for info in infos}
        loose = [d for d in store.documents() if d["id"] not in analysed]
        return page(request, "overview.html", {"rows": rows, "loose": loose})

    # -- new document -------------------------------------------------------------------------
    def new_page(request: Request, error: str | None = None, status: int = 200) -> HTMLResponse:
        return page(
            request,
            "new.html",
            {
                "error": error,
                "types": ", ".join(DOCUMENT_TYPES),
                "max_size": human_size(max_upload_bytes),
            },
            status_code=status,
        )

    @app.get("/new", response_class=HTMLResponse)
    def new_document_form(request: Request) -> HTMLResponse:
        return new_page(request)

    @app.post("/documents")
    async def upload_document(request: Request) -> Response:
        form = await request.form()
        upload = form.get("file")
        url = str(form.get("url") or "").strip()
        from ..ingest import load_document

        if has_file(upload):
            data, ext = await read_upload(upload, DOCUMENT_TYPES)
            display = safe_display_name(upload.filename)
            with tempfile.TemporaryDirectory(prefix="beleidslens-upload-") as tmp:
                path = Path(tmp) / f"upload{ext}"  # never the user's name as a path
                path.write_bytes(data)
                try:
                    document = load_document(path)
                except BeleidslensError as exc:  # name the upload, not the temporary file
                    raise type(exc)(exc.message, display, exc.line) from None
            document.source.name = display
            if document.source.title in (None, "", "upload", path.name, str(path)):
                document.source.title = None
        elif url:
            if not url.lower().startswith(("http://", "https://")):
                raise IngestError("only http(s) web addresses are accepted", url[:200])
            document = load_document(url)
        else:
            return new_page(request, i18n.t("web.error_no_input", lang_of(request)), 422)
        doc_id = store.add_document(
            name=document.source.name,
            title=document.source.title,
            format=document.source.format,
            sha256=document.source.sha256,
            size=document.source.size,
            text=document.text,
            model_json=json.dumps(document.to_dict(), ensure_ascii=False),
        )
        return RedirectResponse(f"/documents/{doc_id}", status_code=303)

    # -- framework choice ---------------------------------------------------------------------
    def framework_page(
        request: Request,
        doc_id: int,
        *,
        error: FrameworkError | None = None,
        yaml_text: str = "",
        status: int = 200,
        backend: str | None = None,
        options_text: str = "",
        backend_error: str | None = None,
    ) -> HTMLResponse:
        row = store.document(doc_id)
        builtins = []
        for key, text in builtin_frameworks().items():
            try:
                fw = parse_framework(text, f"builtin:{key}")
                builtins.append({"key": key, "name": fw.name, "themes": len(fw.themes)})
            except FrameworkError:
                continue
        return page(
            request,
            "framework.html",
            {
                "doc": row,
                "builtins": builtins,
                "error": error,
                "yaml_lines": yaml_text.splitlines() if yaml_text else [],
                "yaml_text": yaml_text,
                **backend_context(backend, options_text, backend_error),
            },
            status_code=status,
        )

    def backend_context(
        backend: str | None, options_text: str, error: str | None = None
    ) -> dict[str, Any]:
        """Template context of the backend choice (``_backend.html``)."""
        choices = backend_choices()
        names = {c.name for c in choices}
        chosen = backend
        if chosen not in names:
            try:
                from ..scoring import SCORERS

                chosen = SCORERS.resolve(backend or DEFAULT_BACKEND)
            except BeleidslensError:
                chosen = None
        return {
            "backends": choices,
            "chosen_backend": chosen,
            "options_text": options_text,
            "backend_error": error,
        }

    def backend_from_form(form: Any) -> tuple[str, dict[str, str]]:
        """(registered backend name, options) from the form; raises a one-line error."""
        name = str(form.get("backend") or DEFAULT_BACKEND).strip()[:64]
        options = parse_options(str(form.get("backend_options") or "")[:20_000])
        return check_backend(name), options

    @app.get("/documents/{doc_id}", response_class=HTMLResponse)
    def choose_framework(request: Request, doc_id: int) -> HTMLResponse:
        return framework_page(request, doc_id)

    async def framework_from_form(form: Any) -> tuple[Framework, str, str]:
        """(framework, yaml text, origin) from a builtin choice, an uploaded file or pasted YAML."""
        upload = form.get("framework_file")
        pasted = str(form.get("framework_yaml") or "")
        if has_file(upload):
            data, _ext = await read_upload(upload, FRAMEWORK_TYPES)
            display = safe_display_name(upload.filename)
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise FrameworkError("not UTF-8 text", display) from None
            return parse_framework(text, display), text, "upload"
        if pasted.strip():
            if len(pasted.encode()) > max_upload_bytes:
                raise UploadTooLargeError("framework text too large")
            return parse_framework(pasted, "framework.yaml"), pasted, "upload"
        key = str(form.get("builtin") or "")
        builtins = builtin_frameworks()
        if key not in builtins:
            raise FrameworkError(
                f"no such built-in framework (built-in: {', '.join(sorted(builtins))})",
                key or "(none chosen)",
            )
        return parse_framework(builtins[key], f"builtin:{key}"), builtins[key], "builtin"

    async def yaml_of(form: Any) -> str:
        upload = form.get("framework_file")
        if has_file(upload):
            await upload.seek(0)
            data = await upload.read(max_upload_bytes)
            return str(data.decode("utf-8-sig", errors="replace"))
        return str(form.get("framework_yaml") or "")

    @app.post("/documents/{doc_id}/analyses")
    async def create_analysis(request: Request, doc_id: int) -> Response:
        store.document(doc_id)
        form = await request.form()
        chosen = str(form.get("backend") or "")[:64] or None
        options_text = str(form.get("backend_options") or "")[:20_000]
        try:
            backend, backend_options = backend_from_form(form)
        except BeleidslensError as exc:  # unknown, not installed, or a bad KEY=VALUE line
            return framework_page(
                request,
                doc_id,
                yaml_text=await yaml_of(form),
                status=422,
                backend=chosen,
                options_text=options_text,
                backend_error=exc.one_line(),
            )
        try:
            framework, text, origin = await framework_from_form(form)
        except FrameworkError as exc:
            return framework_page(
                request,
                doc_id,
                error=exc,
                yaml_text=await yaml_of(form),
                status=422,
                backend=chosen,
                options_text=options_text,
            )
        fw_id = store.add_framework(
            key=framework.id, name=framework.name, yaml_text=text, origin=origin
        )
        analysis_id = store.add_analysis(doc_id, fw_id, backend, backend_options)
        runner.start(analysis_id)
        return RedirectResponse(f"/analyses/{analysis_id}", status_code=303)

    # -- analysis: progress and review --------------------------------------------------------
    @app.get("/analyses/{analysis_id}/progress", response_class=HTMLResponse)
    def run_progress(request: Request, analysis_id: int) -> HTMLResponse:
        run = store.latest_run(analysis_id)
        response = page(request, "_progress.html", {"run": run, "analysis_id": analysis_id})
        if run is None or run.status != "running":
            response.headers["HX-Refresh"] = "true"
        return response

    @app.get("/analyses/{analysis_id}", response_class=HTMLResponse)
    def review(request: Request, analysis_id: int, theme: str | None = None) -> HTMLResponse:
        info = store.analysis(analysis_id)
        run = store.latest_run(analysis_id)
        res = analysis_result(analysis_id)
        if res is None:
            return page(request, "running.html", {"info": info, "run": run})
        _run_id, analysis = res
        theme_ids = [t.id for t in analysis.themes]
        current = theme if theme in theme_ids else info.position_theme
        if current not in theme_ids:
            current = theme_ids[0]
        if theme and theme == current and theme != info.position_theme:
            store.set_position(analysis_id, theme)
        decisions = store.decisions(analysis_id)
        verdicts = store.verdicts(analysis_id)
        doc = document_model(info.document_id)
        text = document_text(analysis_id)
        items = review_items(analysis, decisions, current)
        theme_result = analysis.theme(current)
        labels = {t.id: t.label for t in analysis.themes}
        from ..render.base import RENDERERS

        formats = sorted({name.rsplit(".v", 1)[0] for name in RENDERERS.names()})
        theme_rows = []
        for t in analysis.themes:
            its = review_items(analysis, decisions, t.id)
            theme_rows.append(
                {
                    "id": t.id,
                    "label": t.label,
                    "selected": sum(1 for i in its if i.selected),
                    # suggestions still waiting for a decision (other candidates are optional)
                    "open": sum(1 for i in its if i.state == "pending" and i.engine_selected),
                    "total": len(its),
                }
            )
        return page(
            request,
            "review.html",
            {
                "info": info,
                "run": run,
                "analysis": analysis,
                "theme": theme_result,
                "themes": theme_rows,
                "labels": labels,
                "cards": [card(i, text, doc, labels) for i in items],
                "aspects": aspect_rows(theme_result, verdicts),
                "segments": segments(text, items),
                "progress": progress(analysis, decisions, verdicts),
                "formats": formats,
                "position_key": info.position_key,
                **backend_context(info.backend, format_options(info.backend_options)),
            },
        )

    def card(item: ReviewItem, text: str, doc: Document | None, labels: dict[str, str]) -> dict:
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

    def aspect_rows(theme_result: Any, verdicts: dict[tuple[str, str], Verdict]) -> list[dict]:
        rows = []
        for a in theme_result.aspects:
            v = verdicts.get((theme_result.id, a.id))
            rows.append({"a": a, "v": v, "status": v.status if v else str(a.status)})
        return rows

    def segments(text: str, items: list[ReviewItem]) -> list[dict]:
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

    def find_item(
        analysis: Analysis, decisions: dict[str, Decision], theme: str, key: str
    ) -> ReviewItem:
        if theme not in {t.id for t in analysis.themes}:
            raise NotFoundError("no such theme", theme[:80])
        for item in review_items(analysis, decisions, theme):
            if item.key == key:
                return item
        raise NotFoundError("no such passage in this theme", key[:40])

    def reviewed(analysis_id: int) -> tuple[Any, Analysis]:
        info = store.analysis(analysis_id)
        res = analysis_result(analysis_id)
        if res is None:
            raise AnalysisError(
                "the analysis has no finished result yet", f"analysis {analysis_id}"
            )
        return info, res[1]

    @app.post("/analyses/{analysis_id}/decide", response_class=HTMLResponse)
    def decide(
        request: Request,
        analysis_id: int,
        key: str = Form(..., max_length=64),
        theme: str = Form(..., max_length=64),
        action: str = Form(..., pattern="^(accept|reject|move|trim)$"),
        target: str = Form("", max_length=64),
        start: int | None = Form(None),
        end: int | None = Form(None),
        seen_version: int | None = Form(None, ge=0),
    ) -> HTMLResponse:
        """Record a decision. ``seen_version`` is the card's version as the page showed it;
        when another window decided since, the decision is still saved and the answer is the
        card with a notice of the clash and the current state."""
        info, analysis = reviewed(analysis_id)
        decisions = store.decisions(analysis_id)
        item = find_item(analysis, decisions, theme, key)
        old = decisions.get(key)
        theme_ids = {t.id for t in analysis.themes}
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
            text = document_text(analysis_id)
            if start is None or end is None:
                raise WorkbenchError("trim needs start and end", "trim")
            if not (span_start <= start < end <= span_end):
                raise WorkbenchError("the sentence is not inside the passage", "trim")
            span_start, span_end, span_text = start, end, text[start:end]
        decision = Decision(
            key=key,
            theme_id=origin_theme,
            status=status,
            target_theme=target_theme,
            start=span_start,
            end=span_end,
            text=span_text,
            origin=old.origin if old else item.origin,
            passage=base_passage,
        )
        store.save_decision(analysis_id, decision, position_theme=theme, seen_version=seen_version)
        decisions = store.decisions(analysis_id)  # the current state, after this decision
        new_item = find_item(analysis, decisions, theme, key)
        doc = document_model(info.document_id)
        labels = {t.id: t.label for t in analysis.themes}
        text = document_text(analysis_id)
        shown = card(new_item, text, doc, labels)
        if decision.clash is not None:
            shown["clash"] = clash_text(decision.clash, labels, lang_of(request))
        return page(
            request,
            "_decision.html",
            {
                "c": shown,
                "progress": progress(analysis, decisions, store.verdicts(analysis_id)),
                "theme": analysis.theme(theme),
                "labels": labels,
                "info": info,
                "oob": True,
            },
        )

    @app.post("/analyses/{analysis_id}/passages")
    def add_passage(
        request: Request,
        analysis_id: int,
        theme: str = Form(..., max_length=64),
        start: int = Form(...),
        end: int = Form(...),
        text: str = Form(..., max_length=100_000),
    ) -> Response:
        info, analysis = reviewed(analysis_id)
        if theme not in {t.id for t in analysis.themes}:
            raise NotFoundError("no such theme", theme[:80])
        doc_text = document_text(analysis_id)
        if not (0 <= start < end <= len(doc_text)) or doc_text[start:end] != text:
            raise WorkbenchError(i18n.t("web.error_selection", lang_of(request)), "selection")
        while start < end and doc_text[start].isspace():
            start += 1
        while end > start and doc_text[end - 1].isspace():
            end -= 1
        if start >= end:
            raise WorkbenchError(i18n.t("web.error_selection", lang_of(request)), "selection")
        doc = document_model(info.document_id)
        key, passage = make_human_passage(theme, start, end, doc_text[start:end], doc)
        store.save_decision(
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

    @app.post("/analyses/{analysis_id}/verdicts", response_class=HTMLResponse)
    def set_verdict(
        request: Request,
        analysis_id: int,
        theme: str = Form(..., max_length=64),
        aspect: str = Form(..., max_length=64),
        status: str = Form(..., pattern="^(addressed|not_addressed|uncertain)$"),
        note: str = Form("", max_length=4000),
    ) -> HTMLResponse:
        info, analysis = reviewed(analysis_id)
        try:
            theme_result = analysis.theme(theme)
        except KeyError:
            raise NotFoundError("no such theme", theme[:80]) from None
        if aspect not in {a.id for a in theme_result.aspects}:
            raise NotFoundError("no such aspect", aspect[:80])
        store.save_verdict(analysis_id, Verdict(theme, aspect, status, note.strip() or None))
        verdicts = store.verdicts(analysis_id)
        row = next(r for r in aspect_rows(theme_result, verdicts) if r["a"].id == aspect)
        return page(
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

    @app.post("/analyses/{analysis_id}/rerun")
    async def rerun(request: Request, analysis_id: int) -> Response:
        """Run the analysis again; a form with ``backend`` changes the backend and its
        options first (without it, the stored ones are kept)."""
        store.analysis(analysis_id)
        form = await request.form()
        if form.get("backend"):
            backend, backend_options = backend_from_form(form)
            store.set_backend(analysis_id, backend, backend_options)
        run = store.latest_run(analysis_id)
        if run is None or run.status != "running":
            runner.start(analysis_id)
        return RedirectResponse(f"/analyses/{analysis_id}", status_code=303)

    @app.get("/analyses/{analysis_id}/framework", response_class=HTMLResponse)
    def edit_framework(request: Request, analysis_id: int) -> HTMLResponse:
        info = store.analysis(analysis_id)
        fw = store.framework(info.framework_id)
        return page(
            request,
            "edit_framework.html",
            {"info": info, "yaml_text": fw["yaml"], "error": None, "yaml_lines": []},
        )

    @app.post("/analyses/{analysis_id}/framework", response_class=HTMLResponse)
    def save_framework(
        request: Request, analysis_id: int, framework_yaml: str = Form(..., max_length=2_000_000)
    ) -> Response:
        info = store.analysis(analysis_id)
        try:
            framework = parse_framework(framework_yaml, "framework.yaml")
        except FrameworkError as exc:
            return page(
                request,
                "edit_framework.html",
                {
                    "info": info,
                    "yaml_text": framework_yaml,
                    "error": exc,
                    "yaml_lines": framework_yaml.splitlines(),
                },
                status_code=422,
            )
        fw_id = store.add_framework(
            key=framework.id, name=framework.name, yaml_text=framework_yaml, origin="upload"
        )
        store.set_framework(analysis_id, fw_id)
        runner.start(analysis_id)
        return RedirectResponse(f"/analyses/{analysis_id}", status_code=303)

    # -- export and import --------------------------------------------------------------------
    @app.get("/analyses/{analysis_id}/export")
    def export(request: Request, analysis_id: int, format: str = "markdown") -> Response:
        from ..render.base import RENDERERS, RenderOptions

        info, analysis = reviewed(analysis_id)
        renderer = RENDERERS.create(format)
        doc = document_model(info.document_id)
        result = apply_review(
            analysis, store.decisions(analysis_id), store.verdicts(analysis_id), doc
        )
        if result.document_text is None:
            result.document_text = document_text(analysis_id)
        payload = renderer.render(result, RenderOptions(lang=lang_of(request)), doc)
        stem = info.title.rsplit(".", 1)[0] if "." in info.title[-6:] else info.title
        filename = f"{slug(stem)}-{info.framework_key}.{renderer.extension}"
        media = renderer.media_type
        if isinstance(payload, str):
            if "charset" not in media and media.startswith("text/"):
                media += "; charset=utf-8"
            body = payload.encode("utf-8")
        else:
            body = payload
        return Response(
            body,
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    @app.post("/import")
    async def import_analysis(request: Request) -> Response:
        form = await request.form()
        upload = form.get("analysis_file")
        if not has_file(upload):
            return new_page(request, i18n.t("web.error_no_input", lang_of(request)), 422)
        data, _ext = await read_upload(upload, ANALYSIS_TYPES)
        display = safe_display_name(upload.filename)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise AnalysisError("not UTF-8 text", display) from None
        analysis = Analysis.from_json(text, display)
        if not analysis.document_text:
            raise AnalysisError(i18n.t("web.error_no_text", lang_of(request)), display)
        analysis_id = import_into_store(analysis)
        return RedirectResponse(f"/analyses/{analysis_id}", status_code=303)

    def import_into_store(analysis: Analysis) -> int:
        doc_text = analysis.document_text or ""
        model_json = None
        try:
            from ..ingest import parse_text

            document = parse_text(doc_text, name=analysis.document.name)
            if document.text == doc_text:
                model_json = json.dumps(document.to_dict(), ensure_ascii=False)
        except (ImportError, BeleidslensError):
            model_json = None
        doc_id = store.add_document(
            name=analysis.document.name,
            title=analysis.document.title,
            format=analysis.document.format,
            sha256=analysis.document.sha256,
            size=len(doc_text.encode()),
            text=doc_text,
            model_json=model_json,
        )
        fw_yaml, origin = framework_yaml_for(analysis)
        framework = parse_framework(fw_yaml, f"import:{analysis.framework.id}")
        fw_id = store.add_framework(
            key=framework.id, name=framework.name, yaml_text=fw_yaml, origin=origin
        )
        analysis_id = store.add_analysis(doc_id, fw_id, analysis.backend.split(".v")[0])
        store.add_finished_run(analysis_id, analysis.to_json())
        return analysis_id

    def framework_yaml_for(analysis: Analysis) -> tuple[str, str]:
        """The built-in framework the analysis used, or one rebuilt from its themes."""
        builtins = builtin_frameworks()
        text = builtins.get(analysis.framework.id)
        if text is not None:
            fw = parse_framework(text, f"builtin:{analysis.framework.id}")
            if [t.id for t in fw.themes] == [t.id for t in analysis.themes]:
                return text, "builtin"
        data = {
            "schema": 1,
            "id": analysis.framework.id,
            "name": analysis.framework.name,
            "version": analysis.framework.version,
            "themes": [
                {
                    "id": t.id,
                    "label": t.label,
                    "description": t.description,
                    "aspects": [{"id": a.id, "label": a.label} for a in t.aspects],
                }
                for t in analysis.themes
            ],
        }
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "import"

    app.state.import_analysis = import_into_store
    return app
