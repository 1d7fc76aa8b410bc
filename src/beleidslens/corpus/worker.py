"""One unit of batch work: read one document, analyse it against the pending frameworks,
and return plain rows (no pydantic objects cross the process boundary).

:func:`run_job` is what every executor runs (a local process pool, Dask workers): a pure
function of its :class:`Job`, so every executor gives the same rows. It never raises for a
bad document: the failure comes back as a one-line error in the :class:`Outcome`.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..scoring.base import DEFAULT_BACKEND

if TYPE_CHECKING:
    from ..analysis.result import Analysis
    from ..framework import Framework

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Job:
    """Analyse ``path`` (or ``data``, its bytes shipped to a remote worker) against
    ``frameworks`` with ``backend``."""

    path: str
    sha256: str
    frameworks: tuple[Framework, ...]
    backend: str = DEFAULT_BACKEND
    scorer_options: tuple[tuple[str, str], ...] = ()
    data: bytes | None = None


@dataclass
class FrameworkRows:
    """What one (document, framework) analysis adds to the tables."""

    framework: str
    framework_version: str
    framework_digest: str
    backend: str
    result_digest: str  # sha256 of the analysis JSON without its timestamp
    passages: list[Row] = field(default_factory=list)
    aspects: list[Row] = field(default_factory=list)
    amounts: list[Row] = field(default_factory=list)


@dataclass
class Outcome:
    path: str
    sha256: str
    error: str | None = None
    document: dict[str, Any] = field(default_factory=dict)
    results: list[FrameworkRows] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    worker: str = ""
    text_chars: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


def result_digest(analysis: Analysis) -> str:
    """A digest of everything in the analysis except its creation time."""
    data = analysis.model_dump(mode="json", by_alias=True)
    data.pop("created", None)
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).encode()
    return hashlib.sha256(payload).hexdigest()


def _join(values: list[str]) -> str:
    return ",".join(values)


def analysis_rows(document: str, analysis: Analysis) -> FrameworkRows:
    """The rows of the passages, aspects and amounts tables for one analysis."""
    fw = analysis.framework.id
    out = FrameworkRows(
        framework=fw,
        framework_version=analysis.framework.version,
        framework_digest=analysis.framework.digest,
        backend=analysis.backend,
        result_digest=result_digest(analysis),
    )
    for theme in analysis.themes:
        for rank, p in enumerate(theme.passages, start=1):
            loc = p.location
            out.passages.append(
                (document, fw, theme.id, rank, p.id, p.score, int(p.selected), int(p.commitment),
                 p.kind, p.text, loc.page, loc.section, loc.start, loc.end, _join(p.aspects))
            )  # fmt: skip
        for a in theme.aspects:
            best = a.evidence[0] if a.evidence else None
            out.aspects.append(
                (document, fw, theme.id, a.id, a.label, str(a.status), a.score,
                 best.text if best else None, best.location.page if best else None,
                 best.location.section if best else None)
            )  # fmt: skip
    for m in analysis.amounts:
        where = m.location
        # an amount object is shared with the themes whose selected passages hold it
        themes = [t.id for t in analysis.themes if any(x == m for x in t.amounts)]
        out.amounts.append(
            (document, fw, _join(themes), m.value_eur, m.low_eur, m.high_eur, m.text, m.unit,
             m.period, m.period_normalized, where.page if where else None,
             where.section if where else "", m.sentence)
        )  # fmt: skip
    return out


def _peak_rss_mb() -> float:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _one_line(exc: BaseException) -> str:
    from ..errors import BeleidslensError

    if isinstance(exc, BeleidslensError):
        return exc.one_line()
    text = " ".join(str(exc).split()) or "no message"
    return f"unexpected {type(exc).__name__}: {text}"


def run_job(job: Job) -> Outcome:
    """Read, analyse, turn into rows; any failure is the outcome's one-line error."""
    from ..analysis.options import AnalysisOptions
    from ..analysis.pipeline import analyze
    from ..ingest import DEFAULT_MAX_BYTES, load_document, read_bytes
    from ..ingest.base import for_extension

    start = time.perf_counter()
    out = Outcome(job.path, job.sha256, worker=f"{os.uname().nodename}:{os.getpid()}")
    try:
        if job.data is not None:
            ingester = for_extension(os.path.splitext(job.path)[1])
            if ingester is None:
                load_document(job.path)  # raises the usual "unknown file type" error
                raise AssertionError("unreachable")
            doc = read_bytes(job.data, job.path, ingester, max_bytes=DEFAULT_MAX_BYTES)
        else:
            doc = load_document(job.path)
        src = doc.source
        out.text_chars = len(doc.text)
        out.document = {
            "title": src.title,
            "format": src.format,
            "pages": src.page_count,
            "characters": len(doc.text),
        }
        options = AnalysisOptions(scorer=dict(job.scorer_options), include_text=False)
        for fw in job.frameworks:
            analysis = analyze(doc, fw, backend=job.backend, options=options)
            out.results.append(analysis_rows(job.path, analysis))
    except Exception as exc:  # one bad document must not stop the batch
        out.error = _one_line(exc)
        out.results = []
    finally:
        try:
            from ..nlp.analyzer import save_cache

            save_cache()
        except Exception:  # a cache that cannot be written only costs time
            pass
    out.seconds = time.perf_counter() - start
    out.peak_rss_mb = _peak_rss_mb()
    return out
