"""Scoring backends as the workbench offers them: what is registered, and whether it can run.

The list comes from :data:`beleidslens.scoring.SCORERS` (plugins included), never from a
hand-written list. Availability is checked cheaply, without importing the backend: the
modules its registry entry declares (``requires``) are probed with
:func:`importlib.util.find_spec` (which does not import them; torch stays out of the
request path), see :meth:`beleidslens.registry.Registry.requirement_error`. A missing
package gives the same :class:`MissingDependencyError` the backend's factory raises; a
backend that declares nothing counts as available, and any problem it has surfaces when the
analysis runs (the run fails with its one-line message).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import AnalysisError, BeleidslensError, MissingDependencyError
from ..scoring.base import DEFAULT_BACKEND

MAX_OPTIONS = 32

# a backend option, or a model backend's pre-ranker option: lexical.k1
_OPTION_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?$")


@dataclass(frozen=True)
class BackendChoice:
    name: str  # full registered name, e.g. "lexical.v1"
    base: str  # "lexical"
    description: str
    missing: str | None  # one-line MissingDependencyError message, or None when available

    @property
    def available(self) -> bool:
        return self.missing is None


def missing_dependency(name: str) -> MissingDependencyError | None:
    """The error the backend would raise for a missing optional package, or None: from the
    requirements its registry entry declares (found without importing them)."""
    from ..scoring import SCORERS

    return SCORERS.requirement_error(name)


def backend_choices() -> list[BackendChoice]:
    """Every registered scoring backend, with its availability."""
    from ..scoring import SCORERS

    choices = []
    for entry in SCORERS:
        err = missing_dependency(entry.name)
        choices.append(
            BackendChoice(
                name=entry.name,
                base=entry.base,
                description=entry.description,
                missing=err.one_line() if err else None,
            )
        )
    return choices


def check_backend(name: str) -> str:
    """The registered name for ``name``; raises UnknownNameError or MissingDependencyError."""
    from ..scoring import SCORERS

    full = SCORERS.resolve(name)
    err = missing_dependency(full)
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
