"""Fetch a document from an ``http(s)`` URL (httpx).

* One overall deadline: ``timeout`` seconds for everything (DNS, connecting, every
  redirect, every byte). A server that drips a byte a second cannot keep a fetch going:
  the download runs in a worker thread and the caller gets its answer at the deadline.
* A size limit enforced while streaming (and on a declared ``Content-Length``).
* Redirects followed by hand (at most :data:`MAX_REDIRECTS`), each new URL checked again:
  scheme, and with ``allow_private=False`` its address (see :mod:`.addresses`).
* Dispatch on the response's content type (or, for a generic type, on the URL's extension).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..document.model import Document
from ..errors import BeleidslensError, IngestError
from .addresses import resolve_public
from .base import Ingester, for_extension, for_media_type, ingesters

_GENERIC = {"application/octet-stream", "binary/octet-stream", "application/download", ""}
_REDIRECTS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 10


@dataclass(frozen=True)
class Fetched:
    """A downloaded body: the URL it finally came from and its media type."""

    url: str
    media_type: str
    data: bytes


def _check_url(url: str, source: str) -> tuple[str, str, int]:
    """(scheme, host, port) of ``url``, or an :class:`IngestError`."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise IngestError(f"not a valid URL ({exc})", source) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise IngestError(f"unsupported URL scheme {parts.scheme!r}; use http or https", source)
    if not parts.hostname:
        raise IngestError("URL has no host", source)
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


class _Cancelled(Exception):
    pass


def _download(
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    allow_private: bool,
    cancel: threading.Event,
    accept: Callable[[str, str], object] | None,
) -> Fetched:
    import httpx

    source = url
    headers = {"User-Agent": "beleidslens", "Accept-Encoding": "identity"}
    # with allow_private=False the proxy settings of the environment are not used: a proxy
    # would reach whatever address it is asked for, after our check.
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=allow_private) as client:
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            scheme, host, port = _check_url(current, source)
            request_url: Any = current
            request_headers = dict(headers)
            extensions: dict[str, Any] = {}
            if not allow_private:
                resolved = resolve_public(host, port, source)
                target = httpx.URL(current)
                request_headers["Host"] = target.netloc.decode("ascii")
                request_url = target.copy_with(host=str(resolved.ip))
                if scheme == "https":
                    extensions["sni_hostname"] = host
            if cancel.is_set():
                raise _Cancelled
            request = client.build_request(
                "GET", request_url, headers=request_headers, extensions=extensions
            )
            response = client.send(request, stream=True)
            try:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    continue
                return _body(response, current, source, max_bytes, cancel, accept)
            finally:
                response.close()
    raise IngestError(f"more than {MAX_REDIRECTS} redirects", source)


def _body(
    response: Any,
    url: str,
    source: str,
    max_bytes: int,
    cancel: threading.Event,
    accept: Callable[[str, str], object] | None,
) -> Fetched:
    if response.status_code >= 400:
        raise IngestError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip(), source)
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if accept is not None:
        accept(media_type, url)  # refuse an unreadable type before its body is read
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise IngestError(
            f"document is {int(declared)} bytes, over the size limit of {max_bytes} bytes",
            source,
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        if cancel.is_set():
            raise _Cancelled
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(f"document is over the size limit of {max_bytes} bytes", source)
        chunks.append(chunk)
    return Fetched(url, media_type, b"".join(chunks))


def _translate(exc: BaseException, source: str, timeout: float) -> BaseException:
    import httpx

    if isinstance(exc, BeleidslensError):
        return exc
    if isinstance(exc, httpx.TimeoutException):
        return IngestError(f"no answer within {timeout:g} s (timeout)", source)
    if isinstance(exc, httpx.ConnectError):
        return IngestError(f"cannot connect ({exc})", source)
    if isinstance(exc, httpx.InvalidURL):
        return IngestError(f"not a valid URL ({exc})", source)
    if isinstance(exc, httpx.HTTPError):
        return IngestError(f"download failed ({exc})", source)
    if isinstance(exc, (OSError, ValueError, UnicodeError)):
        return IngestError(f"download failed ({exc})", source)
    return exc


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    allow_private: bool = True,
    accept: Callable[[str, str], object] | None = None,
) -> Fetched:
    """Download ``url`` within ``timeout`` seconds in all and ``max_bytes`` bytes.

    ``accept(media_type, final_url)`` is called before the body is read and may raise to
    refuse it.

    ``allow_private=False`` refuses (one-line :class:`IngestError`) a URL or redirect whose
    host resolves to a loopback, private, link-local, reserved, multicast or unspecified
    address, in any notation; the connection goes to the address that was checked.
    """
    _check_url(url, url)
    outcome: dict[str, Any] = {}
    cancel = threading.Event()

    def work() -> None:
        try:
            outcome["value"] = _download(
                url,
                max_bytes=max_bytes,
                timeout=timeout,
                allow_private=allow_private,
                cancel=cancel,
                accept=accept,
            )
        except _Cancelled:
            pass
        except BaseException as exc:
            outcome["error"] = exc

    started = time.monotonic()
    worker = threading.Thread(target=work, name="beleidslens-fetch", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        cancel.set()  # the worker stops at its next byte or read timeout; nobody waits for it
        waited = time.monotonic() - started
        raise IngestError(
            f"no complete answer within {timeout:g} s (stopped after {waited:.0f} s)", url
        )
    if "error" in outcome:
        raise _translate(outcome["error"], url, timeout) from None
    fetched: Fetched = outcome["value"]
    return fetched


def ingester_for(media_type: str, url: str, source: str) -> Ingester:
    """The ingester for a response of ``media_type`` from ``url`` (a generic type falls back
    on the URL's extension), or an :class:`IngestError` naming ``source``."""
    ingester = for_media_type(media_type)
    if ingester is None and media_type in _GENERIC | {"text/plain"}:
        ingester = for_extension(PurePosixPath(urlsplit(url).path).suffix)
    if ingester is None:
        known = ", ".join(sorted({m for i in ingesters() for m in i.media_types}))
        raise IngestError(
            f"unsupported content type {media_type or 'none'!r}; expected one of {known}",
            source,
        )
    return ingester


def fetch_document(
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    first_page: int | None = None,
    allow_private: bool = True,
) -> Document:
    """:func:`fetch` ``url`` and read it with the ingester for its content type."""
    fetched = fetch(
        url,
        max_bytes=max_bytes,
        timeout=timeout,
        allow_private=allow_private,
        accept=lambda media_type, final: ingester_for(media_type, final, url),
    )
    ingester = ingester_for(fetched.media_type, fetched.url, url)
    if not fetched.data:
        raise IngestError("the server sent an empty document", url)
    return ingester.read_document(fetched.data, url, max_bytes=max_bytes, first_page=first_page)
