"""Where batch jobs run: in this process, in a local process pool, or on a Dask cluster.

Every executor runs the same pure function (:func:`~beleidslens.corpus.worker.run_job`) and
yields outcomes as they finish; the caller writes them to the database in the main process.
So the results do not depend on the executor, only the order they arrive in does (the
tables are read back in a fixed order).

* ``local`` — :class:`concurrent.futures.ProcessPoolExecutor` with ``jobs`` workers
  (``jobs=1`` runs in this process). At most ``2 × jobs`` documents are in flight, so memory
  stays bounded however large the corpus; a worker that dies (a crash in a PDF library) fails
  only the documents it had, and a fresh pool takes the rest.
* ``dask`` — the optional extra ``beleidslens[distributed]``: a ``distributed.Client`` on
  ``address`` (a running scheduler, ``tcp://host:8786``), or a local cluster of ``jobs``
  single-threaded worker processes when no address is given. See ``docs/scaling.md``.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from ..errors import MissingDependencyError, UnknownNameError
from .worker import Job, Outcome, run_job

EXECUTORS = ("local", "dask")


class Executor(Protocol):
    name: str

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]: ...


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


class LocalExecutor:
    name = "local"

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = max(1, jobs or default_jobs())

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        if self.jobs == 1:
            for job in jobs:
                yield run_job(job)
            return
        pending: deque[Job] = deque(jobs)
        while pending:
            yield from self._pool(pending)

    def _pool(self, pending: deque[Job]) -> Iterator[Outcome]:
        """Run jobs from ``pending`` until it is empty or the pool breaks."""
        in_flight: dict[Future[Outcome], Job] = {}
        with ProcessPoolExecutor(max_workers=self.jobs) as pool:
            try:
                while pending or in_flight:
                    while pending and len(in_flight) < 2 * self.jobs:
                        job = pending.popleft()
                        in_flight[pool.submit(run_job, job)] = job
                    finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                    for fut in finished:
                        job = in_flight.pop(fut)
                        yield fut.result()
            except BrokenProcessPool:
                for job in in_flight.values():
                    yield Outcome(
                        job.path, job.sha256,
                        error=f"{job.path}: the worker process died while analysing it "
                        "(out of memory or a crash in a reader library)",
                    )  # fmt: skip
                return


class DaskExecutor:
    name = "dask"

    def __init__(self, jobs: int | None = None, address: str | None = None) -> None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise MissingDependencyError.for_extra(
                "the dask executor", "distributed", "distributed"
            ) from None
        self.jobs = max(1, jobs or default_jobs())
        self.address = address

    def _client(self) -> tuple[Any, Any]:
        from distributed import Client, LocalCluster

        if self.address:
            return Client(self.address), None
        cluster = LocalCluster(
            n_workers=self.jobs,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,  # errors only
        )
        return Client(cluster), cluster

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        from distributed import as_completed

        client, cluster = self._client()
        try:
            window = max(2, 2 * sum(client.nthreads().values()))
            queue = deque(jobs)
            futures = as_completed()
            for _ in range(min(window, len(queue))):
                futures.add(client.submit(run_job, queue.popleft(), pure=False))
            for fut in futures:
                yield fut.result()
                fut.release()
                if queue:
                    futures.add(client.submit(run_job, queue.popleft(), pure=False))
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def make_executor(name: str, jobs: int | None = None, address: str | None = None) -> Executor:
    if name == "local":
        return LocalExecutor(jobs)
    if name == "dask":
        return DaskExecutor(jobs, address)
    raise UnknownNameError(f"unknown executor {name!r}; available: {', '.join(EXECUTORS)}")
