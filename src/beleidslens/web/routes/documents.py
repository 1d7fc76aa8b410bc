"""Documents: the overview, uploading a document (file or web address), choosing a framework
and a backend, and starting its analysis."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ... import i18n
from ...errors import BeleidslensError, FrameworkError, IngestError
from ...framework.loader import builtin_frameworks, parse_framework
from .. import isolated
from ..backends import backend_context, backend_from_form
from ..isolated import run_isolated
from ..review import progress
from ..security import (
    DOCUMENT_TYPES,
    FRAMEWORK_TYPES,
    UploadTooLargeError,
    human_size,
    safe_display_name,
)
from ..workbench import WB, Workbench, has_file, lang_of

if TYPE_CHECKING:
    from ...framework.schema import Framework

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, wb: WB) -> HTMLResponse:
    store = wb.store
    rows = []
    infos = store.analyses()
    for info in infos:
        run = store.latest_run(info.id)
        res = wb.analysis_result(info.id)
        prog = None
        if res is not None:
            prog = progress(res[1], store.decisions(info.id), store.verdicts(info.id))
        rows.append({"info": info, "run": run, "progress": prog})
    analysed = {info.document_id for info in infos}
    loose = [d for d in store.documents() if d["id"] not in analysed]
    return wb.page(request, "overview.html", {"rows": rows, "loose": loose})


def new_page(
    wb: Workbench, request: Request, error: str | None = None, status: int = 200
) -> HTMLResponse:
    """The form for a new document (and for importing an analysis)."""
    return wb.page(
        request,
        "new.html",
        {
            "error": error,
            "types": ", ".join(DOCUMENT_TYPES),
            "max_size": human_size(wb.max_upload_bytes),
        },
        status_code=status,
    )


@router.get("/new", response_class=HTMLResponse)
def new_document_form(request: Request, wb: WB) -> HTMLResponse:
    return new_page(wb, request)


@router.post("/documents")
async def upload_document(request: Request, wb: WB) -> Response:
    """A document from an uploaded file or a web address, read in a worker (never on the
    event loop: a slow server or a large file does not hold up other requests)."""
    form = await request.form()
    upload = form.get("file")
    url = str(form.get("url") or "").strip()
    if has_file(upload):
        data, ext = await wb.read_upload(upload, DOCUMENT_TYPES)
        display = safe_display_name(upload.filename)
        doc_id = await wb.jobs.run(
            _store_upload,
            wb,
            data,
            ext,
            display,
            deadline=wb.limits.parse_deadline_s + 5,
            what=display,
        )
    elif url:
        if not url.lower().startswith(("http://", "https://")):
            raise IngestError("only http(s) web addresses are accepted", url[:200])
        doc_id = await wb.jobs.run(
            _store_url, wb, url, deadline=wb.limits.fetch_deadline_s + 5, what=url[:200]
        )
    else:
        return new_page(wb, request, i18n.t("web.error_no_input", lang_of(request)), 422)
    return RedirectResponse(f"/documents/{doc_id}", status_code=303)


def _store_upload(wb: Workbench, data: bytes, ext: str, display: str) -> int:
    fields = run_isolated(
        isolated.read_upload,
        data,
        ext,
        display,
        wb.max_upload_bytes,
        deadline=wb.limits.parse_deadline_s,
        what=display,
        isolate=wb.limits.isolate,
    )
    return wb.store.add_document(**fields)


def _store_url(wb: Workbench, url: str) -> int:
    fields = run_isolated(
        isolated.read_url,
        url,
        wb.max_upload_bytes,
        wb.limits.fetch_timeout_s,
        wb.allow_private_urls,
        deadline=wb.limits.fetch_deadline_s,
        what=url[:200],
        isolate=wb.limits.isolate,
    )
    return wb.store.add_document(**fields)


def framework_page(
    wb: Workbench,
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
    """The page to choose (or upload, or paste) a framework and a backend for a document."""
    row = wb.store.document(doc_id)
    builtins = []
    for key, text in builtin_frameworks().items():
        try:
            fw = parse_framework(text, f"builtin:{key}")
            builtins.append({"key": key, "name": fw.name, "themes": len(fw.themes)})
        except FrameworkError:
            continue
    return wb.page(
        request,
        "framework.html",
        {
            "doc": row,
            "builtins": builtins,
            "error": error,
            "yaml_lines": yaml_text.splitlines() if yaml_text else [],
            "yaml_text": yaml_text,
            "max_size": human_size(wb.max_upload_bytes),
            **backend_context(backend, options_text, backend_error),
        },
        status_code=status,
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def choose_framework(request: Request, doc_id: int, wb: WB) -> HTMLResponse:
    return framework_page(wb, request, doc_id)


async def framework_from_form(wb: Workbench, form: Any) -> tuple[Framework, str, str]:
    """(framework, yaml text, origin) from a builtin choice, an uploaded file or pasted YAML."""
    upload = form.get("framework_file")
    pasted = str(form.get("framework_yaml") or "")
    if has_file(upload):
        data, _ext = await wb.read_upload(upload, FRAMEWORK_TYPES)
        display = safe_display_name(upload.filename)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FrameworkError("not UTF-8 text", display) from None
        return await parse_in_worker(wb, text, display), text, "upload"
    if pasted.strip():
        if len(pasted.encode()) > wb.max_upload_bytes:
            raise UploadTooLargeError("framework text too large")
        return await parse_in_worker(wb, pasted, "framework.yaml"), pasted, "upload"
    key = str(form.get("builtin") or "")
    builtins = builtin_frameworks()
    if key not in builtins:
        raise FrameworkError(
            f"no such built-in framework (built-in: {', '.join(sorted(builtins))})",
            key or "(none chosen)",
        )
    return parse_framework(builtins[key], f"builtin:{key}"), builtins[key], "builtin"


async def parse_in_worker(wb: Workbench, text: str, source: str) -> Framework:
    """A framework parsed in a worker with its deadline (a hostile YAML cannot hold the loop)."""
    deadline = wb.limits.framework_deadline_s
    job = partial(
        run_isolated,
        parse_framework,
        text,
        source,
        deadline=deadline,
        what=source,
        isolate=wb.limits.isolate,
    )
    framework: Framework = await wb.jobs.run(job, deadline=deadline + 5, what=source)
    return framework


async def yaml_of(wb: Workbench, form: Any) -> str:
    """The framework YAML the form carried, to show again beside its error."""
    upload = form.get("framework_file")
    if has_file(upload):
        await upload.seek(0)
        data = await upload.read(wb.max_upload_bytes)
        return str(data.decode("utf-8-sig", errors="replace"))
    return str(form.get("framework_yaml") or "")


@router.post("/documents/{doc_id}/analyses")
async def create_analysis(request: Request, doc_id: int, wb: WB) -> Response:
    await run_in_threadpool(wb.store.document, doc_id)
    form = await request.form()
    chosen = str(form.get("backend") or "")[:64] or None
    options_text = str(form.get("backend_options") or "")[:20_000]
    again = partial(framework_page, backend=chosen, options_text=options_text, status=422)
    try:
        backend, backend_options = backend_from_form(form)
    except BeleidslensError as exc:  # unknown, not installed, or a bad KEY=VALUE line
        yaml_text = await yaml_of(wb, form)
        return await run_in_threadpool(
            partial(again, yaml_text=yaml_text, backend_error=exc.one_line()), wb, request, doc_id
        )
    try:
        framework, text, origin = await framework_from_form(wb, form)
    except FrameworkError as exc:
        yaml_text = await yaml_of(wb, form)
        return await run_in_threadpool(
            partial(again, error=exc, yaml_text=yaml_text), wb, request, doc_id
        )
    analysis_id = await run_in_threadpool(
        _start_analysis, wb, doc_id, framework, text, origin, backend, backend_options
    )
    return RedirectResponse(f"/analyses/{analysis_id}", status_code=303)


def _start_analysis(
    wb: Workbench,
    doc_id: int,
    framework: Framework,
    text: str,
    origin: str,
    backend: str,
    backend_options: dict[str, str],
) -> int:
    fw_id = wb.store.add_framework(
        key=framework.id, name=framework.name, yaml_text=text, origin=origin
    )
    analysis_id = wb.store.add_analysis(doc_id, fw_id, backend, backend_options)
    wb.runner.start(analysis_id)
    return analysis_id
