"""Safety helpers: the session-bound CSRF token, access control, upload limits, safe names.

The CSRF token is not a cookie the page echoes back (a cookie an attacker could plant would
do), but ``HMAC(server secret, session id)``: the session id lives in an HttpOnly cookie,
the token in the page, and a state-changing request must carry the token of the session its
cookie names.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
import unicodedata
from collections.abc import Collection
from urllib.parse import urlsplit

from fastapi import Request

from ..errors import BeleidslensError

SESSION_COOKIE = "bl_session"
AUTH_COOKIE = "bl_auth"
CSRF_COOKIE = SESSION_COOKIE  # the cookie a state-changing request must come with
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

DOCUMENT_TYPES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")
FRAMEWORK_TYPES = (".yaml", ".yml")
ANALYSIS_TYPES = (".json",)


class CsrfError(BeleidslensError):
    """A state-changing request without the session's CSRF token."""

    http_status = 403


class UploadTooLargeError(BeleidslensError):
    http_status = 413


class UploadTypeError(BeleidslensError):
    http_status = 415


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_SESSION_ID = re.compile(r"^[A-Za-z0-9_\-]{32,64}$")


class AccessError(BeleidslensError):
    """A request from an unexpected host or origin."""

    http_status = 403


class HostError(BeleidslensError):
    """A request naming a host the workbench does not serve (DNS rebinding)."""

    http_status = 400


class AuthRequiredError(BeleidslensError):
    """A request without the access token of a workbench that requires one."""

    http_status = 401


def new_token() -> str:
    return secrets.token_urlsafe(32)


def valid_session(value: str | None) -> bool:
    return bool(value) and _SESSION_ID.match(value or "") is not None


def csrf_for(secret: bytes, session: str) -> str:
    """The CSRF token of a session: only the server, which knows ``secret``, can make it."""
    return hmac.new(secret, b"csrf:" + session.encode(), hashlib.sha256).hexdigest()


def auth_proof(secret: bytes, token: str) -> str:
    """The value of the access cookie for the access token ``token``."""
    return hmac.new(secret, b"auth:" + token.encode(), hashlib.sha256).hexdigest()


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) stays on this machine."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The host of a ``Host`` header, without port and brackets, lower case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def check_host(host_header: str, allowed: Collection[str] | None) -> None:
    """Refuse a ``Host`` the workbench is not served as (``allowed`` None: any)."""
    if allowed is None:
        return
    if host_name(host_header) not in allowed:
        raise HostError(
            "unknown host; open the workbench at the address it printed", host_header[:80]
        )


def check_origin(method: str, origin: str | None, fetch_site: str | None, host: str) -> None:
    """A state-changing request must come from the workbench's own pages.

    ``Origin`` (sent by browsers on every POST) must name the same host and port as the
    request; ``Sec-Fetch-Site: cross-site`` is refused. Requests without either (scripts)
    still need the CSRF token.
    """
    if method in SAFE_METHODS:
        return
    if fetch_site and fetch_site.lower() == "cross-site":
        raise AccessError("request from another site refused", fetch_site)
    if origin is None:
        return
    parts = urlsplit(origin)
    if origin == "null" or parts.netloc.lower() != host.strip().lower():
        raise AccessError("request from another origin refused", origin[:80])


def csrf_token(request: Request) -> str:
    """The session's token (set on the request by the middleware)."""
    token: str = getattr(request.state, "csrf", "")
    return token


async def check_csrf(request: Request) -> None:
    """App-wide dependency: every state-changing request must carry its session's token."""
    if request.method in SAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent:
        ctype = request.headers.get("content-type", "")
        if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else ""
    check_csrf_token(request, sent)


def check_csrf_token(request: Request, sent: str) -> None:
    """The token ``sent`` (header or form field) must be the one of the request's session."""
    expected = csrf_token(request)
    session = request.cookies.get(SESSION_COOKIE, "")
    if (
        not valid_session(session)
        or not sent
        or not expected
        or not hmac.compare_digest(expected.encode(), sent.encode())
    ):
        raise CsrfError("missing or wrong CSRF token", request.url.path)


def safe_display_name(filename: str | None, default: str = "document") -> str:
    """A file name fit for display and for Content-Disposition: no directories, no controls."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name[:200] or default


def slug(text: str, default: str = "analyse") -> str:
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^A-Za-z0-9]+", "-", norm).strip("-").lower()
    return out[:60] or default


def extension_of(filename: str, allowed: tuple[str, ...]) -> str:
    name = safe_display_name(filename).lower()
    for ext in sorted(allowed, key=len, reverse=True):
        if name.endswith(ext):
            return ext
    found = "." + name.rsplit(".", 1)[-1] if "." in name else "(geen)"
    raise UploadTypeError(
        f"file type {found} not accepted; allowed: {', '.join(allowed)}",
        safe_display_name(filename),
    )


def human_size(n: int) -> str:
    """Decimal units, as the CLI's ``--max-size 50MB`` means them."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.0f} MB"
    return f"{n / 1000:.0f} kB"
