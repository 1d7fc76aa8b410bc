"""The workbench's request middleware (plain ASGI, so it adds no task or stream per request).

For every HTTP request: the session's CSRF token (a fresh one in a cookie when the browser
has none), the request-size limit on ``Content-Length``, the language cookie, security
headers, and ``Server-Timing: app;dur=…`` (the time inside the app until the response
started; the load benchmark reads it).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import i18n
from .security import CSRF_COOKIE, UploadTooLargeError, human_size, new_token

if TYPE_CHECKING:
    from .workbench import Workbench

LANG_COOKIE = "bl_lang"
SECURITY_HEADERS = (
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "same-origin"),
)


def cookie_header(name: str, value: str, *, samesite: str, httponly: bool = False) -> str:
    """A ``Set-Cookie`` value as Starlette writes it."""
    response = Response()
    response.set_cookie(name, value, httponly=httponly, samesite=samesite, path="/")  # type: ignore[arg-type]
    return response.headers["set-cookie"]


class SessionMiddleware:
    """CSRF session token, size limit, language cookie, security headers, server timing."""

    def __init__(self, app: ASGIApp, workbench: Workbench):
        self.app = app
        self.wb = workbench

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request = Request(scope)
        token = request.cookies.get(CSRF_COOKIE)
        fresh = not token or len(token) < 20
        csrf = new_token() if fresh else str(token)
        scope.setdefault("state", {})["csrf"] = csrf
        set_cookies = []
        if fresh:
            set_cookies.append(cookie_header(CSRF_COOKIE, csrf, samesite="strict"))
        lang = request.query_params.get("lang")
        if lang in i18n.LANGUAGES:
            set_cookies.append(cookie_header(LANG_COOKIE, str(lang), samesite="lax"))

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for value in set_cookies:
                    headers.append("set-cookie", value)
                for name, value in SECURITY_HEADERS:
                    if name not in headers:
                        headers[name] = value
                elapsed = (time.perf_counter() - started) * 1000
                headers["server-timing"] = f"app;dur={elapsed:.2f}"
            await send(message)

        length = request.headers.get("content-length")
        limit = self.wb.max_upload_bytes
        if length and length.isdigit() and int(length) > limit + 64 * 1024:
            response = self.wb.error_page(
                request, UploadTooLargeError(f"request too large (at most {human_size(limit)})")
            )
            await response(scope, receive, send_wrapper)
            return
        await self.app(scope, receive, send_wrapper)
