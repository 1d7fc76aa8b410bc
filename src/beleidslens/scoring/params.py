"""Shared helpers of the model-backed scorers: typed parameters, the cache directory,
content hashes.

Backend parameters arrive as Python values from the library and as strings from the CLI
(``--backend-option blend=0.5``); :func:`coerce_params` turns both into the declared types
and rejects unknown names with a one-line :class:`~beleidslens.errors.AnalysisError`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import AnalysisError


def parse_value(text: str) -> Any:
    """``"3"`` → 3, ``"0.5"`` → 0.5, ``"true"``/``"false"`` → bool, anything else a string."""
    low = text.strip().lower()
    if low in ("true", "yes", "on"):
        return True
    if low in ("false", "no", "off"):
        return False
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _convert(backend: str, key: str, value: Any, kind: type) -> Any:
    if value is None:
        return None
    if isinstance(value, str) and kind is not str:
        value = parse_value(value)
    try:
        if kind is bool:
            if not isinstance(value, bool):
                raise ValueError
            return value
        if kind is int:
            if isinstance(value, bool) or float(value) != int(value):
                raise ValueError
            return int(value)
        if kind is float:
            if isinstance(value, bool):
                raise ValueError
            return float(value)
        return str(value)
    except (TypeError, ValueError):
        raise AnalysisError(
            f"{backend} backend: option {key}={value!r} must be {kind.__name__}"
        ) from None


def coerce_params(
    backend: str,
    params: Mapping[str, Any],
    spec: Mapping[str, tuple[type, Any]],
) -> dict[str, Any]:
    """Defaults from ``spec`` (name → (type, default)) overridden by ``params``, converted."""
    unknown = sorted(set(params) - set(spec))
    if unknown:
        known = ", ".join(sorted(spec))
        raise AnalysisError(
            f"{backend} backend: unknown option(s) {', '.join(unknown)}; known: {known}"
        )
    out: dict[str, Any] = {}
    for key, (kind, default) in spec.items():
        out[key] = _convert(backend, key, params.get(key, default), kind)
    return out


def check_range(backend: str, key: str, value: float, low: float, high: float) -> None:
    if not low <= value <= high:
        raise AnalysisError(f"{backend} backend: option {key}={value} must be in [{low}, {high}]")


def cache_root() -> Path:
    """``$BELEIDSLENS_HOME/cache``, else the platform cache directory."""
    home = os.environ.get("BELEIDSLENS_HOME")
    if home:
        return Path(home) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("beleidslens"))


def content_hash(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()
