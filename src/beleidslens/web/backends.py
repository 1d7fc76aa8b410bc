"""Scoring backends as the workbench offers them: what is registered, and whether it can run.

The list comes from :data:`beleidslens.scoring.SCORERS` (plugins included), never from a
hand-written list. Availability is checked cheaply, without importing the backend: a
backend whose description names an extra (``pip install 'beleidslens[EXTRA]'``) needs that
extra's packages from the installed distribution's metadata, probed with
:func:`importlib.util.find_spec` (which does not import them; torch stays out of the
request path). A missing package gives the same :class:`MissingDependencyError` the
backend's factory raises; a backend that names no extra counts as available, and any
problem it has surfaces when the analysis runs (the run fails with its one-line message).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import AnalysisError, BeleidslensError, MissingDependencyError

DEFAULT_BACKEND = "lexical"
MAX_OPTIONS = 32

_EXTRA = re.compile(r"beleidslens\[([A-Za-z0-9_\-]+)\]")
_REQ_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._\-]*)")
_OPTION_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class BackendChoice:
    name: str  # full registered name, e.g. "lexical.v1"
    base: str  # "lexical"
    description: str
    missing: str | None  # one-line MissingDependencyError message, or None when available

    @property
    def available(self) -> bool:
        return self.missing is None


@lru_cache(maxsize=1)
def _extras() -> dict[str, tuple[str, ...]]:
    """extra → top-level module names of its requirements (from the package metadata)."""
    try:
        requires = importlib.metadata.requires("beleidslens") or []
    except importlib.metadata.PackageNotFoundError:
        return {}
    out: dict[str, list[str]] = {}
    for req in requires:
        spec, _, marker = req.partition(";")
        m = re.search(r"extra\s*==\s*[\"']([^\"']+)[\"']", marker)
        name = _REQ_NAME.match(spec)
        if not m or not name or name.group(1) == "beleidslens":
            continue
        out.setdefault(m.group(1), []).append(name.group(1).replace("-", "_").lower())
    return {k: tuple(v) for k, v in out.items()}


def missing_dependency(name: str, description: str) -> MissingDependencyError | None:
    """The error the backend would raise for a missing optional package, or None."""
    m = _EXTRA.search(description)
    if not m:
        return None
    extra = m.group(1)
    base = name.rsplit(".v", 1)[0]
    for module in _extras().get(extra, ()):
        if importlib.util.find_spec(module) is None:
            return MissingDependencyError.for_extra(f"the {base} backend", extra, module)
    return None


def backend_choices() -> list[BackendChoice]:
    """Every registered scoring backend, with its availability."""
    from ..scoring import SCORERS

    choices = []
    for entry in SCORERS:
        err = missing_dependency(entry.name, entry.description)
        choices.append(
            BackendChoice(
                name=entry.name,
                base=entry.name.rsplit(".v", 1)[0],
                description=entry.description,
                missing=err.one_line() if err else None,
            )
        )
    return choices


def check_backend(name: str) -> str:
    """The registered name for ``name``; raises UnknownNameError or MissingDependencyError."""
    from ..scoring import SCORERS

    full = SCORERS.resolve(name)
    err = missing_dependency(full, SCORERS.get(full).description)
    if err is not None:
        raise err
    return full


def parse_options(text: str, source: str = "backend options") -> dict[str, str]:
    """``KEY=VALUE`` lines → dict, like the CLI's ``--backend-option`` (values stay strings).

    Blank lines and lines starting with ``#`` are skipped; a bad line raises an
    :class:`AnalysisError` naming its line number.
    """
    out: dict[str, str] = {}
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or not _OPTION_KEY.match(key):
            raise AnalysisError(f"{line[:60]!r} is not KEY=VALUE", source, n)
        out[key] = value.strip()
        if len(out) > MAX_OPTIONS:
            raise AnalysisError(f"more than {MAX_OPTIONS} options", source, n)
    return out


def format_options(options: dict[str, str]) -> str:
    """The inverse of :func:`parse_options` (one ``KEY=VALUE`` per line)."""
    return "\n".join(f"{k}={v}" for k, v in options.items())


def backend_context(
    backend: str | None, options_text: str, error: str | None = None
) -> dict[str, Any]:
    """Template context of the backend choice (``_backend.html``)."""
    choices = backend_choices()
    names = {c.name for c in choices}
    chosen = backend
    if chosen not in names:
        try:
            from ..scoring import SCORERS

            chosen = SCORERS.resolve(backend or DEFAULT_BACKEND)
        except BeleidslensError:
            chosen = None
    return {
        "backends": choices,
        "chosen_backend": chosen,
        "options_text": options_text,
        "backend_error": error,
    }


def backend_from_form(form: Any) -> tuple[str, dict[str, str]]:
    """(registered backend name, options) from a submitted form; raises a one-line error."""
    name = str(form.get("backend") or DEFAULT_BACKEND).strip()[:64]
    options = parse_options(str(form.get("backend_options") or "")[:20_000])
    return check_backend(name), options
