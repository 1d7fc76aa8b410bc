"""Runs analyses in a bounded pool of background threads and records their progress.

A run is a row in ``runs``: ``running`` while it waits or works, then ``done`` with the
result JSON written in one transaction, or ``failed`` with a one-line error. At most
``workers`` runs work at once (the rest wait their turn), and a run past its deadline is
stopped at its next progress report and fails with a one-line error. Decisions live in their
own tables and are never touched by a run, so a failed or interrupted run leaves the previous
result and every decision reviewable.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import BeleidslensError
from ..scoring.base import DEFAULT_BACKEND
from .store import Store

if TYPE_CHECKING:
    from ..analysis.result import Analysis
    from ..document.model import Document
    from ..framework.schema import Framework

log = logging.getLogger(__name__)

AnalyzeFn = Callable[..., "Analysis"]


@dataclass
class RunInputs:
    """What one run analyses, and with which scoring backend and backend options."""

    document: Document
    framework: Framework
    backend: str = DEFAULT_BACKEND
    backend_options: dict[str, str] = field(default_factory=dict)


def real_analyze() -> AnalyzeFn:
    """The library's analysis pipeline (imported only when an analysis runs)."""
    from ..analysis.pipeline import analyze

    return analyze


class RunDeadlineError(BeleidslensError):
    """An analysis run that took longer than its deadline."""


class Runner:
    def __init__(
        self,
        store: Store,
        load_inputs: Callable[[int], RunInputs],
        analyze: AnalyzeFn | None = None,
        *,
        workers: int = 1,
        deadline_s: float = 1800.0,
    ):
        self.store = store
        self.load_inputs = load_inputs
        self._analyze = analyze
        self.deadline_s = deadline_s
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="analysis")
        self._futures: dict[int, Future[None]] = {}
        self._lock = threading.Lock()

    def start(self, analysis_id: int) -> int:
        run_id = self.store.start_run(analysis_id)
        future = self._executor.submit(self._run, run_id, analysis_id)
        with self._lock:
            self._futures[run_id] = future
        future.add_done_callback(lambda _f: self._forget(run_id))
        return run_id

    def _forget(self, run_id: int) -> None:
        with self._lock:
            self._futures.pop(run_id, None)

    def wait(self, run_id: int, timeout: float | None = None) -> None:
        with self._lock:
            future = self._futures.get(run_id)
        if future is not None:
            with contextlib.suppress(Exception):  # the run records its own failure
                future.result(timeout)

    def _run(self, run_id: int, analysis_id: int) -> None:
        last_time, last_stage = 0.0, ""
        started = time.monotonic()

        def progress(stage: str, fraction: float) -> None:
            nonlocal last_time, last_stage
            now = time.monotonic()
            if now - started > self.deadline_s:
                raise RunDeadlineError(
                    f"the analysis took longer than {self.deadline_s:g} s and was stopped",
                    f"run {run_id}",
                )
            if stage == last_stage and now - last_time < 0.2:
                return
            last_time, last_stage = now, stage
            try:
                self.store.update_progress(run_id, stage, fraction)
            except Exception:  # progress is best effort; never kill the run for it
                log.debug("progress update failed", exc_info=True)

        try:
            inputs = self.load_inputs(analysis_id)
            analyze = self._analyze or real_analyze()
            kwargs: dict[str, Any] = {"backend": inputs.backend, "progress": progress}
            if inputs.backend_options:
                from ..analysis.options import AnalysisOptions

                # the same meaning as the CLI's --backend-option KEY=VALUE
                kwargs["options"] = AnalysisOptions(scorer=dict(inputs.backend_options))
            result = analyze(inputs.document, inputs.framework, **kwargs)
            if result.document_text is None:
                result.document_text = inputs.document.text
            self.store.finish_run(run_id, result.to_json())
        except BeleidslensError as exc:
            self.store.fail_run(run_id, exc.one_line())
        except ImportError as exc:
            self.store.fail_run(run_id, f"analysis engine not available: {exc}")
        except Exception as exc:
            log.exception("analysis run %s failed", run_id)
            self.store.fail_run(run_id, f"internal error: {type(exc).__name__}: {exc}")
