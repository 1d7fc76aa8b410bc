"""Fetch a document from an ``http(s)`` URL (httpx): timeout, a size limit enforced while
streaming, and dispatch on the response's content type (or, for a generic type, on the
URL's file extension)."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..document.model import Document
from ..errors import IngestError
from .base import for_extension, for_media_type, ingesters

_GENERIC = {"application/octet-stream", "binary/octet-stream", "application/download", ""}


def fetch_document(
    url: str, *, max_bytes: int, timeout: float, first_page: int | None = None
) -> Document:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port out of range
    except ValueError as exc:
        raise IngestError(f"not a valid URL ({exc})", url) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise IngestError(f"unsupported URL scheme {parts.scheme!r}; use http or https", url)
    if not parts.hostname:
        raise IngestError("URL has no host", url)
    import httpx

    try:
        with httpx.stream(
            "GET",
            url,
            timeout=timeout,
            follow_redirects=True,
            headers={"User-Agent": "beleidslens", "Accept-Encoding": "identity"},
        ) as response:
            if response.status_code >= 400:
                raise IngestError(
                    f"HTTP {response.status_code} {response.reason_phrase}".rstrip(), url
                )
            media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            ingester = for_media_type(media_type)
            if ingester is None and media_type in _GENERIC | {"text/plain"}:
                ingester = for_extension(PurePosixPath(parts.path).suffix)
            if ingester is None:
                known = ", ".join(sorted({m for i in ingesters() for m in i.media_types}))
                raise IngestError(
                    f"unsupported content type {media_type or 'none'!r}; expected one of {known}",
                    url,
                )
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise IngestError(
                    f"document is {int(declared)} bytes, over the size limit of {max_bytes} bytes",
                    url,
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise IngestError(f"document is over the size limit of {max_bytes} bytes", url)
                chunks.append(chunk)
    except httpx.TimeoutException:
        raise IngestError(f"no answer within {timeout:g} s (timeout)", url) from None
    except httpx.ConnectError as exc:
        raise IngestError(f"cannot connect ({exc})", url) from None
    except httpx.TooManyRedirects:
        raise IngestError("too many redirects", url) from None
    except httpx.HTTPError as exc:
        raise IngestError(f"download failed ({exc})", url) from None
    except httpx.InvalidURL as exc:
        raise IngestError(f"not a valid URL ({exc})", url) from None
    data = b"".join(chunks)
    if not data:
        raise IngestError("the server sent an empty document", url)
    return ingester.read_document(data, url, max_bytes=max_bytes, first_page=first_page)
