"""The workbench's request middleware (plain ASGI, so it adds no task or stream per request).

For every HTTP request, before any route:

* the ``Host`` must be one the workbench is served as (a DNS-rebinding page cannot talk to
  it), and a state-changing request's ``Origin`` the workbench's own;
* with an access token (``serve --auth``), the request must carry it: the access cookie, an
  ``Authorization: Bearer`` header, or ``?token=`` once (which sets the cookie);
* the session: an HttpOnly session cookie (a fresh one when the browser has none) and the
  CSRF token bound to it (:func:`~.security.csrf_for`), for the pages and the CSRF check;
* the request-size limit on ``Content-Length``;

and on the way out: the cookies, security headers and ``Server-Timing: app;dur=…`` (time
inside the app until the response started; the load benchmark reads it), with ``disk;dur=…``
the part of it spent waiting for the disk where a route records one (a decision). An exception no
handler took becomes the 500 page here, on a connection that stays usable: the next request
is never reset.
"""

from __future__ import annotations

import hmac
import logging
import time
from typing import TYPE_CHECKING

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import i18n
from ..errors import BeleidslensError
from .security import (
    AUTH_COOKIE,
    SESSION_COOKIE,
    AuthRequiredError,
    UploadTooLargeError,
    auth_proof,
    check_host,
    check_origin,
    csrf_for,
    human_size,
    new_token,
    valid_session,
)

if TYPE_CHECKING:
    from .workbench import Workbench

log = logging.getLogger(__name__)

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
    """Host, origin and access checks, session and CSRF token, size limit, headers, 500s."""

    def __init__(self, app: ASGIApp, workbench: Workbench):
        self.app = app
        self.wb = workbench

    def _authorized(self, request: Request, set_cookies: list[str]) -> bool:
        token = self.wb.auth_token
        if token is None or request.url.path.startswith("/static/"):
            return True
        proof = auth_proof(self.wb.secret, token)
        if hmac.compare_digest(request.cookies.get(AUTH_COOKIE, "").encode(), proof.encode()):
            return True
        offered = request.query_params.get("token") or ""
        bearer = request.headers.get("authorization", "")
        if bearer.lower().startswith("bearer "):
            offered = bearer[7:].strip()
        if offered and hmac.compare_digest(offered.encode(), token.encode()):
            set_cookies.append(cookie_header(AUTH_COOKIE, proof, samesite="strict", httponly=True))
            return True
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request = Request(scope)
        session = request.cookies.get(SESSION_COOKIE)
        set_cookies: list[str] = []
        if not valid_session(session):
            session = new_token()
            set_cookies.append(
                cookie_header(SESSION_COOKIE, session, samesite="strict", httponly=True)
            )
        scope.setdefault("state", {})["csrf"] = csrf_for(self.wb.secret, str(session))
        lang = request.query_params.get("lang")
        if lang in i18n.LANGUAGES:
            set_cookies.append(cookie_header(LANG_COOKIE, str(lang), samesite="lax"))
        started_response = False

        async def send_wrapper(message: Message) -> None:
            nonlocal started_response
            if message["type"] == "http.response.start":
                started_response = True
                headers = MutableHeaders(scope=message)
                for value in set_cookies:
                    headers.append("set-cookie", value)
                for name, value in SECURITY_HEADERS:
                    if name not in headers:
                        headers[name] = value
                elapsed = (time.perf_counter() - started) * 1000
                timing = f"app;dur={elapsed:.2f}"
                disk = scope["state"].get("disk_ms")
                if disk is not None:  # of which waiting for the disk (an acknowledged write)
                    timing += f", disk;dur={disk:.2f}"
                headers["server-timing"] = timing
            await send(message)

        refusal = self._refusal(request, set_cookies)
        if refusal is not None:
            await self.wb.error_page(request, refusal)(scope, receive, send_wrapper)
            return
        try:
            await self.app(scope, receive, send_wrapper)
        except Exception:  # no handler took it: answer here, keep the connection usable
            log.exception("internal error on %s", request.url.path)
            if not started_response:
                response = self.wb.internal_error_page(request)
                await response(scope, receive, send_wrapper)

    def _refusal(self, request: Request, set_cookies: list[str]) -> BeleidslensError | None:
        """Why the request is refused before any route sees it, or None."""
        host = request.headers.get("host", "")
        try:
            check_host(host, self.wb.allowed_hosts)
            check_origin(
                request.method,
                request.headers.get("origin"),
                request.headers.get("sec-fetch-site"),
                host,
            )
        except BeleidslensError as exc:
            return exc
        if not self._authorized(request, set_cookies):
            return AuthRequiredError("this workbench needs its access token", request.url.path)
        length = request.headers.get("content-length")
        limit = self.wb.max_upload_bytes
        if length and length.isdigit() and int(length) > limit + 64 * 1024:
            return UploadTooLargeError(f"request too large (at most {human_size(limit)})")
        return None
