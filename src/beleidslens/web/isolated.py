"""Reading untrusted input in a separate process: a deadline that really stops it, a memory cap.

A thread cannot be stopped, and a parser's long C call (lxml over a 5 MB page) holds the GIL,
so an upload parsed in a thread still stalls every other request. Here each job runs in a
child process (forked from a ``forkserver`` that has the ingesters and the framework loader
imported, so a job starts in milliseconds): at its deadline the child is killed, and
``RLIMIT_AS`` caps its memory, so a decompression or YAML bomb ends as a one-line error, not
as a server out of memory. The job pool's threads wait for the children, which keeps their
number bounded too.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from ..errors import BeleidslensError
from .jobs import JobTimeoutError

DEFAULT_MEMORY_BYTES = 3 * 1024**3
PRELOAD = ["beleidslens.ingest", "beleidslens.framework.loader", "beleidslens.web.isolated"]

_lock = threading.Lock()
_context: Any = None


class IsolatedJobError(BeleidslensError):
    """The child process ended without an answer (killed, or out of memory)."""

    http_status = 422


def _ctx() -> Any:
    global _context
    with _lock:
        if _context is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(PRELOAD)
            _context = ctx
        return _context


def _child(conn: Connection, fn: Callable[..., Any], args: tuple[Any, ...], memory: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):
        pass
    try:
        conn.send(("ok", fn(*args)))
    except BeleidslensError as exc:
        conn.send(("error", (type(exc), exc.message, exc.source, exc.line)))
    except MemoryError:
        conn.send(("error", (IsolatedJobError, "needs more memory than allowed", None, None)))
    except Exception as exc:  # an unexpected failure: one line, no traceback to the user
        text = f"internal error: {type(exc).__name__}: {str(exc)[:200]}"
        conn.send(("error", (IsolatedJobError, text, None, None)))
    finally:
        conn.close()


def run_isolated(
    fn: Callable[..., Any],
    *args: Any,
    deadline: float,
    what: str,
    memory_bytes: int = DEFAULT_MEMORY_BYTES,
    isolate: bool = True,
) -> Any:
    """``fn(*args)`` in a child process; its (picklable) result, or its one-line error.

    At ``deadline`` seconds the child is killed and :class:`JobTimeoutError` raised.
    ``isolate=False`` runs it in the calling thread (tests that patch what it calls).
    """
    if not isolate:
        return fn(*args)
    ctx = _ctx()
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(sender, fn, args, memory_bytes), daemon=True)
    proc.start()
    sender.close()
    try:
        if not receiver.poll(deadline):
            raise JobTimeoutError(f"no result within {deadline:g} s; stopped", what)
        try:
            kind, payload = receiver.recv()
        except EOFError:
            raise IsolatedJobError(
                "the worker stopped without an answer (out of memory?)", what
            ) from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        receiver.close()
    if kind == "ok":
        return payload
    cls, message, source, line = payload
    try:
        error = cls(message, source, line)
    except TypeError:
        error = IsolatedJobError(message, source, line)
    raise error


# -- the jobs (module level: the child finds them by name) -----------------------------------
def _fields(document: Any) -> dict[str, Any]:
    """What the store keeps of a document (the model as JSON: one string to send back)."""
    import json

    return {
        "name": document.source.name,
        "title": document.source.title,
        "format": document.source.format,
        "sha256": document.source.sha256,
        "size": document.source.size,
        "text": document.text,
        "model_json": json.dumps(document.to_dict(), ensure_ascii=False),
    }


def read_upload(data: bytes, ext: str, display: str, max_bytes: int) -> dict[str, Any]:
    """An uploaded file read into the store's document fields (named by ``display``)."""
    import tempfile
    from pathlib import Path

    from ..ingest import load_document

    with tempfile.TemporaryDirectory(prefix="beleidslens-upload-") as tmp:
        path = Path(tmp) / f"upload{ext}"  # never the user's name as a path
        path.write_bytes(data)
        try:
            document = load_document(path, max_bytes=max_bytes)
        except BeleidslensError as exc:  # name the upload, not the temporary file
            raise type(exc)(exc.message, display, exc.line) from None
    document.source.name = display
    if document.source.title in (None, "", "upload", path.name, str(path)):
        document.source.title = None
    return _fields(document)


def read_url(url: str, max_bytes: int, timeout: float, allow_private: bool) -> dict[str, Any]:
    """A web address fetched and read into the store's document fields."""
    from ..ingest import load_document

    return _fields(
        load_document(url, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private)
    )
