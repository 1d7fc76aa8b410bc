"""Blocking work off the event loop: a bounded pool of worker threads, a deadline per job.

Fetching a URL, reading an upload and parsing a framework run here, never in an ``async``
handler, so the workbench keeps answering every other request while they run (submitting
the workbench's own address cannot deadlock it: the loop is free to answer). The pool is
bounded twice: ``workers`` jobs run at once and at most ``queue`` more wait; past that a
request gets a one-line "busy" answer (503) at once instead of piling up. A job that passes
its deadline is answered with a one-line error (504); Python cannot stop a thread, so the
job runs on to its own limits (the fetch's overall deadline, the ingesters' and the
framework loader's bounds) and only then frees its place.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from ..errors import BeleidslensError

T = TypeVar("T")


class JobBusyError(BeleidslensError):
    """Every worker is busy and the queue is full."""

    http_status = 503


class JobTimeoutError(BeleidslensError):
    """A job did not finish within its deadline."""

    http_status = 504


@dataclass(frozen=True)
class JobLimits:
    """Sizes and deadlines of the workbench's jobs (seconds)."""

    workers: int = 2  # the machine's cores are few; more threads only share the GIL
    queue: int = 8
    fetch_timeout_s: float = 20.0  # the fetch's own overall deadline (ingest.fetch)
    parse_deadline_s: float = 60.0  # reading an upload (the ingesters bound their own work)
    framework_deadline_s: float = 3.0  # a framework is a small YAML file: ms to parse
    analysis_deadline_s: float = 1800.0  # one analysis run (see runner)
    isolate: bool = True  # read uploads, URLs and frameworks in a child process (.isolated)

    @property
    def fetch_deadline_s(self) -> float:
        """Fetching and then reading a URL's document."""
        return self.fetch_timeout_s + self.parse_deadline_s


class JobPool:
    """A bounded thread pool whose jobs an ``async`` handler awaits with a deadline."""

    def __init__(self, workers: int = 2, queue: int = 8, name: str = "beleidslens-job"):
        self.workers = workers
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._slots = threading.BoundedSemaphore(workers + queue)
        self._lock = threading.Lock()
        self.running = 0

    def _guarded(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        with self._lock:
            self.running += 1
        try:
            return fn(*args)
        finally:
            with self._lock:
                self.running -= 1
            self._slots.release()

    async def run(self, fn: Callable[..., T], *args: Any, deadline: float, what: str) -> T:
        """``fn(*args)`` in a worker; its result, or a one-line error at the deadline."""
        if not self._slots.acquire(blocking=False):
            raise JobBusyError("the workbench is busy with other work; try again shortly", what)
        try:
            future = self._executor.submit(self._guarded, fn, args)
        except BaseException:
            self._slots.release()
            raise
        try:
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), deadline)
        except TimeoutError:
            raise JobTimeoutError(
                f"no result within {deadline:g} s; stopped waiting", what
            ) from None

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
