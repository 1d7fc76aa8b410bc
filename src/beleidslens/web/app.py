"""The review workbench: FastAPI + server-rendered Jinja2 + htmx.

``create_app(db_path)`` builds the app around one :class:`~.workbench.Workbench` (store,
caches, runner) and the routers of :mod:`.routes`; ``beleidslens serve`` runs it with uvicorn.
Every state-changing request needs the CSRF token; every decision is saved at once in its own
transaction; analyses run in background threads (see :mod:`.runner`).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import i18n
from ..errors import BeleidslensError
from .importer import import_analysis
from .jobs import JobLimits
from .middleware import SessionMiddleware
from .routes import ROUTERS
from .runner import AnalyzeFn
from .security import LOOPBACK_HOSTS, check_csrf
from .workbench import DEFAULT_MAX_UPLOAD, HERE, Workbench, WorkbenchError, lang_of

__all__ = ["DEFAULT_MAX_UPLOAD", "WorkbenchError", "create_app"]


def create_app(
    db_path: str | Path,
    *,
    analyze: AnalyzeFn | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
    allowed_hosts: Collection[str] | None = LOOPBACK_HOSTS,
    auth_token: str | None = None,
    allow_private_urls: bool = False,
    limits: JobLimits | None = None,
) -> FastAPI:
    """Build the workbench app on the SQLite file ``db_path`` (created if missing).

    ``allowed_hosts``: the host names the workbench answers to (None: any; for a server
    bound to every interface, which then needs ``auth_token``). ``auth_token``: every
    request must carry it (see :mod:`.middleware`). ``allow_private_urls``: the URL form may
    fetch loopback and private addresses (an intranet deployment); refused by default.
    """
    wb = Workbench(
        db_path,
        analyze=analyze,
        max_upload_bytes=max_upload_bytes,
        allowed_hosts=allowed_hosts,
        auth_token=auth_token,
        allow_private_urls=allow_private_urls,
        limits=limits,
    )
    app = FastAPI(
        title="beleidslens",
        dependencies=[Depends(check_csrf)],
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.workbench = wb
    app.state.store = wb.store
    app.state.runner = wb.runner
    app.state.max_upload_bytes = max_upload_bytes
    app.state.import_analysis = lambda analysis: import_analysis(wb.store, analysis)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.add_middleware(SessionMiddleware, workbench=wb)
    _install_error_handlers(app, wb)
    for router in ROUTERS:
        app.include_router(router)
    return app


def _install_error_handlers(app: FastAPI, wb: Workbench) -> None:
    @app.exception_handler(BeleidslensError)
    async def domain_error(request: Request, exc: BeleidslensError) -> HTMLResponse:
        return wb.error_page(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> HTMLResponse:
        lang = lang_of(request)
        err = WorkbenchError(
            i18n.t("web.error_not_found", lang)
            if exc.status_code == 404
            else str(exc.detail or exc.status_code)
        )
        err.http_status = exc.status_code
        return wb.error_page(request, err)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> HTMLResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        lang = lang_of(request)
        if lang == "en":
            detail = f"{where}: {first.get('msg', '')}".strip(": ")
        else:  # the validator's wording is English: name the field in the reader's language
            detail = i18n.t("web.error_field", lang, field=where or "?")
        if first.get("loc", ("",))[0] == "path":  # /analyses/<not a number>: not found
            err = WorkbenchError(i18n.t("web.error_not_found", lang))
            err.http_status = 404
            return wb.error_page(request, err)
        err = WorkbenchError(i18n.t("web.error_bad_request", lang, detail=detail))
        err.http_status = 422
        return wb.error_page(request, err)
