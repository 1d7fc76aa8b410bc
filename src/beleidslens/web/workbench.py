"""The workbench object: store, caches, runner and templates, shared by every router.

One :class:`Workbench` per app (``app.state.workbench``); routers reach it through the
:data:`WB` dependency. It holds no request state: everything a request needs beyond the
database is a cached, immutable parse (an analysis per finished run, a document model per
document row).
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Generic, TypeGuard, TypeVar

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.datastructures import UploadFile as StarletteUploadFile

from .. import i18n
from ..analysis.result import Analysis
from ..errors import AnalysisError, BeleidslensError
from ..framework.loader import parse_framework
from ..limits import MAX_INPUT_BYTES
from . import labels as _labels  # registers the labels
from .jobs import JobLimits, JobPool
from .messages import line_in, localized
from .middleware import LANG_COOKIE
from .runner import AnalyzeFn, RunInputs, Runner
from .security import (
    CSRF_COOKIE,
    LOOPBACK_HOSTS,
    AuthRequiredError,
    CsrfError,
    UploadTooLargeError,
    csrf_token,
    extension_of,
    human_size,
    safe_display_name,
)
from .store import AnalysisInfo, Store

if TYPE_CHECKING:
    from ..document.model import Document

K = TypeVar("K")
V = TypeVar("V")

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_UPLOAD = MAX_INPUT_BYTES  # the CLI's limit too (one constant in the library)
TRIM_CACHE_SIZE = 4096  # rendered trim lists kept (a card's is ~1-3 kB; ~10 themes x 200 cards)


class WorkbenchError(BeleidslensError):
    """A request the workbench cannot carry out (shown as a Dutch error page)."""

    http_status = 400


class NotCachedError(Exception):
    """A ``cached_only`` look-up that would have to read and parse (the cache is cold)."""


class LRUCache(Generic[K, V]):
    """A small thread-safe LRU for parsed analyses and documents (keyed by immutable ids)."""

    def __init__(self, size: int = 8):
        self.size = size
        self._data: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, make: Callable[[], V], *, cached_only: bool = False) -> V:
        """The cached value, else ``make()`` (``cached_only``: else :class:`NotCachedError`)."""
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        if cached_only:
            raise NotCachedError(key)
        value = make()
        with self._lock:
            self._data[key] = value
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value


def lang_of(request: Request) -> str:
    lang = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE) or "nl"
    return lang if lang in i18n.LANGUAGES else "nl"


def has_file(value: object) -> TypeGuard[StarletteUploadFile]:
    return isinstance(value, StarletteUploadFile) and bool(value.filename)


class Workbench:
    """Everything the routers share: the store, parsed-object caches, the run thread pool."""

    def __init__(
        self,
        db_path: str | Path,
        *,
        analyze: AnalyzeFn | None = None,
        max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
        allowed_hosts: Collection[str] | None = LOOPBACK_HOSTS,
        auth_token: str | None = None,
        allow_private_urls: bool = False,
        limits: JobLimits | None = None,
    ):
        self.store = Store(db_path)
        self.store.recover()  # runs left 'running' by a crash: failed; results stay reviewable
        self.secret = self.store.secret()
        self.max_upload_bytes = max_upload_bytes
        self.allowed_hosts = None if allowed_hosts is None else frozenset(allowed_hosts)
        self.auth_token = auth_token or None
        self.allow_private_urls = allow_private_urls
        self.limits = limits or JobLimits()
        self.jobs = JobPool(self.limits.workers, self.limits.queue)
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.templates.env.autoescape = True
        self.templates.env.auto_reload = False  # package files: no mtime check per render
        self._results: LRUCache[int, Analysis] = LRUCache(8)
        self._documents: LRUCache[int, Document | None] = LRUCache(4)
        self._texts: LRUCache[int, str] = LRUCache(8)
        self._trims: LRUCache[tuple[object, ...], Markup] = LRUCache(TRIM_CACHE_SIZE)
        self.runner = Runner(
            self.store, self.load_inputs, analyze, deadline_s=self.limits.analysis_deadline_s
        )
        # one thread flushes acknowledged writes to disk (Database.sync): requests waiting
        # for a flush that already covered them return at once, off the event loop
        self._flusher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="beleidslens-sync")

    async def on_disk(self, upto: int) -> None:
        """Wait, off the event loop, until this process's first ``upto`` commits are on disk."""
        if self.store.synced < upto:
            await asyncio.wrap_future(self._flusher.submit(self.store.sync, upto))

    # -- parsed objects -----------------------------------------------------------------------
    def document_model(self, document_id: int, *, cached_only: bool = False) -> Document | None:
        """The stored document model of a document row (None for imported plain text).

        ``cached_only`` (as for every look-up here): raise :class:`NotCachedError` instead of
        reading and parsing, for a caller on the event loop that then moves to a thread."""

        def make() -> Document | None:
            row = self.store.document(document_id)
            if not row["model_json"]:
                return None
            from ..document.model import Document

            return Document.from_dict(json.loads(row["model_json"]))

        return self._documents.get(document_id, make, cached_only=cached_only)

    def document_text(self, analysis_id: int) -> str:
        return self.text_of(self.store.analysis(analysis_id).document_id)

    def text_of(self, document_id: int, *, cached_only: bool = False) -> str:
        """The text of a document row (cached: a document row never changes)."""
        return self._texts.get(
            document_id,
            lambda: str(self.store.document(document_id)["text"]),
            cached_only=cached_only,
        )

    def analysis_result(
        self, analysis_id: int, *, cached_only: bool = False
    ) -> tuple[int, Analysis] | None:
        """(run id, parsed result) of the newest finished run, or None."""
        run_id = self.store.latest_result_id(analysis_id)
        if run_id is None:
            return None
        # the parsed result is cached per run: its JSON is read only on a cache miss
        return run_id, self._results.get(
            run_id,
            lambda: Analysis.from_json(self.store.result_json(run_id), f"run {run_id}"),
            cached_only=cached_only,
        )

    def reviewed(
        self, analysis_id: int, *, cached_only: bool = False
    ) -> tuple[AnalysisInfo, Analysis]:
        """The analysis row and its newest result; a one-line error when none finished."""
        info = self.store.analysis(analysis_id)
        res = self.analysis_result(analysis_id, cached_only=cached_only)
        if res is None:
            raise AnalysisError(
                "the analysis has no finished result yet", f"analysis {analysis_id}"
            )
        return info, res[1]

    def load_inputs(self, analysis_id: int) -> RunInputs:
        """What a run of ``analysis_id`` analyses (called by the runner's thread)."""
        info = self.store.analysis(analysis_id)
        document = self.document_model(info.document_id)
        if document is None:
            from ..ingest import parse_text

            row = self.store.document(info.document_id)
            document = parse_text(row["text"], name=row["name"])
        fw_row = self.store.framework(info.framework_id)
        framework = parse_framework(fw_row["yaml"], f"framework:{fw_row['key']}")
        return RunInputs(document, framework, info.backend, info.backend_options)

    def trim_block(
        self, lang: str, analysis_id: int, theme_id: str, key: str, sentences: list[dict]
    ) -> Markup:
        """A card's trim list (a form per sentence), rendered once per card span and language:
        it does not change with the card's state or version (each form sends the card's
        current version by ``hx-include``), and it was half of a decision's rendering."""
        spans = tuple((s["start"], s["end"]) for s in sentences)
        return self._trims.get(
            (lang, analysis_id, theme_id, key, spans),
            lambda: Markup(
                self.templates.get_template("_trim.html").render(
                    sentences=sentences,
                    key=key,
                    theme_id=theme_id,
                    analysis_id=analysis_id,
                    t=_labels.translator(lang),
                )
            ),
        )

    # -- pages --------------------------------------------------------------------------------
    def page(
        self, request: Request, name: str, context: dict[str, Any], status_code: int = 200
    ) -> HTMLResponse:
        lang = lang_of(request)
        ctx = {
            "request": request,
            "lang": lang,
            "t": _labels.translator(lang),
            "csrf": csrf_token(request),
            "other_lang": "en" if lang == "nl" else "nl",
            "msg": lambda line: line_in(str(line or ""), lang),
            **context,
        }
        return self.templates.TemplateResponse(request, name, ctx, status_code=status_code)

    def error_page(self, request: Request, exc: BeleidslensError) -> HTMLResponse:
        lang = lang_of(request)
        if isinstance(exc, AuthRequiredError):
            return self.page(request, "login.html", {}, status_code=401)
        if isinstance(exc, CsrfError):
            message = i18n.t("web.error_csrf", lang)
        elif isinstance(exc, UploadTooLargeError):
            message = i18n.t("web.error_too_large", lang, size=human_size(self.max_upload_bytes))
        else:
            message = localized(exc, lang)
        if not hasattr(request.state, "csrf"):
            request.state.csrf = request.cookies.get(CSRF_COOKIE, "")
        status = exc.http_status
        if request.headers.get("hx-request"):
            return HTMLResponse(
                self.templates.get_template("_error_inline.html").render(
                    message=message, t=_labels.translator(lang)
                ),
                status_code=status,
                headers={"HX-Reswap": "none", "HX-Trigger": json.dumps({"bl-error": message})},
            )
        return self.page(
            request, "error.html", {"message": message, "status": status}, status_code=status
        )

    def internal_error_page(self, request: Request) -> HTMLResponse:
        """The 500 page (no traceback; the server log has it)."""
        err = WorkbenchError(i18n.t("web.error_internal", lang_of(request)))
        err.http_status = 500
        try:
            return self.error_page(request, err)
        except Exception:  # the page itself failed: plain text, never a reset connection
            return HTMLResponse(err.one_line(), status_code=500)

    async def read_upload(
        self, upload: StarletteUploadFile, allowed: tuple[str, ...]
    ) -> tuple[bytes, str]:
        """The upload's bytes and extension; a one-line error past the size limit."""
        ext = extension_of(upload.filename or "", allowed)
        data = await upload.read(self.max_upload_bytes + 1)
        if len(data) > self.max_upload_bytes:
            raise UploadTooLargeError(
                f"file too large (at most {human_size(self.max_upload_bytes)})",
                safe_display_name(upload.filename),
            )
        return data, ext


def get_workbench(request: Request) -> Workbench:
    wb: Workbench = request.app.state.workbench
    return wb


WB = Annotated[Workbench, Depends(get_workbench)]
