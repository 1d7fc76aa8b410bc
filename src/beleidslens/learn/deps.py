"""The ``[learn]`` extra: scikit-learn, imported only when a model is trained or used."""

from __future__ import annotations

import importlib.util

from ..errors import MissingDependencyError


def require_sklearn(feature: str = "supervised coding") -> None:
    """Raise a one-line :class:`MissingDependencyError` when scikit-learn is missing."""
    if importlib.util.find_spec("sklearn") is None:
        raise MissingDependencyError.for_extra(feature, "learn", "scikit-learn")


def have_skops() -> bool:
    return importlib.util.find_spec("skops") is not None
