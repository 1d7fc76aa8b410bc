"""The Python API for notebooks and scripts (``import beleidslens as bl``).

    import beleidslens as bl
    analysis = bl.analyze("programma.pdf", framework="sdg")
    analysis.to_pandas()                       # the passages as a DataFrame
    result = bl.batch(["corpus/"], framework="sdg", output="corpus.db")
    result.to_pandas("aspects")

Everything here is a thin shell over the library (the CLI calls the same functions).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .scoring.base import DEFAULT_BACKEND

if TYPE_CHECKING:
    from .analysis.result import Analysis
    from .corpus.run import BatchSummary
    from .framework import Framework

PathLike = str | os.PathLike[str]


def analyze(
    source: PathLike,
    framework: str | Framework = "sdg",
    *,
    backend: str = DEFAULT_BACKEND,
    backend_options: dict[str, str] | None = None,
    include_text: bool = True,
) -> Analysis:
    """Read ``source`` (a file or an ``http(s)`` URL) and analyse it against ``framework``
    (a built-in id such as ``"sdg"``, a YAML path, or a loaded framework)."""
    from .analysis.options import AnalysisOptions
    from .analysis.pipeline import analyze as run
    from .framework import Framework, load_framework
    from .ingest import load_document

    fw = framework if isinstance(framework, Framework) else load_framework(framework)
    doc = load_document(source)
    options = AnalysisOptions(scorer=dict(backend_options or {}), include_text=include_text)
    return run(doc, fw, backend=backend, options=options)


def batch(
    sources: PathLike | Iterable[PathLike],
    framework: str | Framework | Sequence[str | Framework] = "sdg",
    *,
    output: PathLike | None = None,
    jobs: int | None = None,
    executor: str = "local",
    address: str | None = None,
    metadata: PathLike | None = None,
    backend: str = DEFAULT_BACKEND,
    backend_options: dict[str, str] | None = None,
) -> BatchSummary:
    """Analyse many documents (files, folders, glob patterns) into the SQLite database
    ``output`` (resumable; without it, a temporary one whose tables are kept in memory).
    The result's ``.to_pandas(table)`` gives ``documents``, ``passages``, ``aspects`` or
    ``amounts`` as a DataFrame."""
    from .corpus.run import run_batch
    from .corpus.tables import Tables

    paths = [sources] if isinstance(sources, str | os.PathLike) else list(sources)
    if isinstance(framework, str) or not isinstance(framework, Sequence):
        frameworks: list[Any] = [framework]
    else:
        frameworks = list(framework)
    kwargs: dict[str, Any] = dict(
        backend=backend, backend_options=backend_options, jobs=jobs, executor=executor,
        address=address, metadata=metadata,
    )  # fmt: skip
    if output is not None:
        return run_batch(paths, frameworks, output, **kwargs)
    with tempfile.TemporaryDirectory(prefix="beleidslens-batch-") as tmp:
        db = Path(tmp) / "batch.db"
        summary = run_batch(paths, frameworks, db, **kwargs)
        summary.keep(Tables.load(db))
    return summary
