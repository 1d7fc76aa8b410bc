"""Many documents in one run: one table of all documents, on one machine or a cluster.

* :func:`run_batch` — discover files, skip what is already analysed (same content hash,
  framework version and backend), analyse the rest on an executor, one transaction per
  document into a SQLite database (:mod:`.store`);
* :class:`Tables` — the tables back, as DataFrames, or exported as XLSX, CSV or Parquet
  (:mod:`.tables`);
* :mod:`.report` — the documents × themes overview (``beleidslens corpus-report``).

Imports are lazy: ``import beleidslens.corpus`` loads nothing heavy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .run import BatchSummary, run_batch
    from .tables import Tables, export

__all__ = ["BatchSummary", "Tables", "export", "run_batch"]


def __getattr__(name: str) -> Any:
    if name in ("run_batch", "BatchSummary"):
        from . import run

        return getattr(run, name)
    if name in ("Tables", "export"):
        from . import tables

        return getattr(tables, name)
    raise AttributeError(name)
