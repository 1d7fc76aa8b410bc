"""Run a batch: discover → skip what is done → analyse on an executor → one row set per
document, committed as it arrives."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..scoring.base import DEFAULT_BACKEND
from .discovery import content_hash, discover
from .executors import make_executor
from .store import Store
from .worker import Job, Outcome

if TYPE_CHECKING:
    from ..framework import Framework
    from .tables import Tables

OnOutcome = Callable[[Outcome], None]


@dataclass
class BatchSummary:
    """What a batch did: counts, failures (document, one-line error) and timing."""

    output: Path
    documents: int = 0
    analysed: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    executor: str = "local"
    workers: int = 1
    outcomes: list[Outcome] = field(default_factory=list)  # this run's, in arrival order
    unmatched_metadata: list[str] = field(default_factory=list)
    _tables: Tables | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return not self.failed

    def keep(self, tables: Tables) -> None:
        """Hold ``tables`` in memory (the database was temporary)."""
        self._tables = tables

    def tables(self) -> Tables:
        """The database's tables (documents, passages, aspects, amounts)."""
        if self._tables is not None:
            return self._tables
        from .tables import Tables

        return Tables.load(self.output)

    def to_pandas(self, table: str = "passages") -> Any:
        return self.tables().to_pandas(table)

    to_frame = to_pandas


def _resolve_frameworks(frameworks: Sequence[str | Framework]) -> list[Framework]:
    from ..framework import Framework, load_framework

    out = [f if isinstance(f, Framework) else load_framework(f) for f in frameworks]
    ids = [f.id for f in out]
    if len(set(ids)) != len(ids):
        from ..errors import FrameworkError

        raise FrameworkError(f"the same framework is given twice ({', '.join(ids)})")
    return out


def run_batch(
    sources: Iterable[str | os.PathLike[str]],
    frameworks: Sequence[str | Framework],
    output: str | os.PathLike[str],
    *,
    backend: str = DEFAULT_BACKEND,
    backend_options: dict[str, str] | None = None,
    jobs: int | None = None,
    executor: str = "local",
    address: str | None = None,
    metadata: str | os.PathLike[str] | None = None,
    ship_documents: bool = False,
    on_outcome: OnOutcome | None = None,
    on_start: Callable[[int, int], None] | None = None,
) -> BatchSummary:
    """Analyse every document in ``sources`` against each framework into the SQLite
    database ``output`` (created or resumed). ``on_start(todo, skipped)`` is called once the
    work is known, ``on_outcome`` per finished document (progress)."""
    from ..framework.loader import framework_digest
    from ..scoring import SCORERS
    from .metadata import read_metadata

    start = time.perf_counter()
    backend_name = SCORERS.resolve(backend)
    fws = _resolve_frameworks(frameworks)
    if not fws:
        from ..errors import FrameworkError

        raise FrameworkError("a batch needs at least one framework")
    meta = read_metadata(Path(metadata)) if metadata is not None else None
    runner = make_executor(executor, jobs, address)  # fails early on a missing extra
    paths = discover(sources)
    target = Path(output).resolve()
    if any(p.resolve() == target for p in paths):
        from ..errors import RenderError

        raise RenderError("the output database is also one of the inputs", Path(output))
    summary = BatchSummary(
        Path(output), documents=len(paths), executor=executor,
        workers=getattr(runner, "jobs", 1),
    )  # fmt: skip
    digests = {f.id: framework_digest(f) for f in fws}
    options = tuple(sorted((backend_options or {}).items()))
    key = backend_key(backend_name, options)
    with Store(Path(output)) as store:
        store.record_frameworks(fws)
        todo: list[Job] = []
        names = [str(p) for p in paths]
        with store.transaction() as conn:
            for name in names:
                conn.execute(
                    "INSERT INTO documents (document, name) VALUES (?, ?) "
                    "ON CONFLICT (document) DO NOTHING",
                    (name, Path(name).name),
                )
        if meta is not None:
            store.set_metadata(meta.join(names))
            summary.unmatched_metadata = meta.unmatched
        for path, name in zip(paths, names, strict=True):
            sha = content_hash(path)
            pending = tuple(f for f in fws if not _is_done(store, name, f, sha, digests, key))
            if not pending:
                summary.skipped += 1
                continue
            data = path.read_bytes() if ship_documents and sha else None
            todo.append(Job(name, sha, pending, backend_name, options, data))
        if on_start is not None:
            on_start(len(todo), summary.skipped)
        by_path = {j.path: j for j in todo}
        for outcome in runner.run(todo):
            job = by_path[outcome.path]
            store.record(outcome, job.frameworks, key)
            summary.outcomes.append(outcome)
            if outcome.ok:
                summary.analysed += 1
            else:
                summary.failed.append((outcome.path, outcome.error or "failed"))
            if on_outcome is not None:
                on_outcome(outcome)
    summary.failed.sort()
    summary.seconds = time.perf_counter() - start
    return summary


def backend_key(backend: str, options: tuple[tuple[str, str], ...]) -> str:
    """The backend as resuming compares it: its versioned name and its options."""
    if not options:
        return backend
    return backend + "?" + "&".join(f"{k}={v}" for k, v in options)


def _is_done(
    store: Store, document: str, fw: Framework, sha: str, digests: dict[str, str], backend: str
) -> bool:
    last = store.done(document, fw.id)
    if last is None or not sha:
        return False
    l_sha, l_version, l_digest, l_backend, status = last
    return (
        status == "ok"
        and l_sha == sha
        and l_version == fw.version
        and l_digest == digests[fw.id]
        and l_backend == backend
    )
