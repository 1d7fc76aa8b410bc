"""Safety helpers: CSRF double-submit token, upload limits, safe display names."""

from __future__ import annotations

import hmac
import re
import secrets
import unicodedata

from fastapi import Request

from ..errors import BeleidslensError

CSRF_COOKIE = "bl_csrf"
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


def new_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_token(request: Request) -> str:
    """The session's token (set on the request by the middleware)."""
    token: str = getattr(request.state, "csrf", "")
    return token


async def check_csrf(request: Request) -> None:
    """App-wide dependency: every state-changing request must echo the cookie's token."""
    if request.method in SAFE_METHODS:
        return
    cookie = request.cookies.get(CSRF_COOKIE, "")
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent:
        ctype = request.headers.get("content-type", "")
        if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else ""
    if not cookie or not sent or not hmac.compare_digest(cookie.encode(), sent.encode()):
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
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MB"
    return f"{n / 1024:.0f} kB"
