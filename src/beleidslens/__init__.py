"""beleidslens: analyse policy documents against a framework of themes, traceably.

The Python API (see ``docs/python.md``)::

    import beleidslens as bl
    analysis = bl.analyze("programma.pdf", framework="sdg")
    frame = analysis.to_pandas()                      # passages (pandas is optional)
    result = bl.batch("corpus/", framework="sdg", output="corpus.db")

Names are imported on first use, so ``import beleidslens`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .analysis.result import Analysis
    from .api import analyze, batch
    from .corpus.tables import Tables
    from .framework import Framework, load_framework
    from .ingest import load_document
    from .render.base import render

__all__ = [
    "Analysis",
    "Framework",
    "Tables",
    "__version__",
    "analyze",
    "batch",
    "load_document",
    "load_framework",
    "render",
]

_LAZY = {
    "analyze": "api",
    "batch": "api",
    "Analysis": "analysis.result",
    "Framework": "framework",
    "load_framework": "framework",
    "load_document": "ingest",
    "render": "render.base",
    "Tables": "corpus.tables",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'beleidslens' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
