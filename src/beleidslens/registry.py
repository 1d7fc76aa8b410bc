"""Named, versioned extension points: the single place where things are plugged in.

Every pluggable thing lives in a :class:`Registry`: ingesters (by file type), scoring
backends, analysis report formats, and the formats of every other report (audit, compare,
money, ``ingest``'s document model, ``evaluate``, ``simulate``, ``corpus-report``): each
command's ``--format`` choices are the names registered in its registry.
:func:`registries` gives them all as one :class:`Registries` object.

Built-in implementations and third-party plugins register through the same path: a callable
``register(registries)`` — for the built-ins the ``register`` functions of
``beleidslens.ingest.builtin``, ``beleidslens.scoring.builtin`` and
``beleidslens.render.builtin`` (listed in :mod:`beleidslens.builtins`); for a plugin the
object its entry point in the ``beleidslens.plugins`` group names (a module with a
``register`` function, or the function itself)::

    [project.entry-points."beleidslens.plugins"]
    myplugin = "myplugin:register"

They are loaded once, before the first lookup. A plugin that fails to import or to register
is reported in one line on stderr (and in :func:`plugin_errors`); whatever it registered is
removed again, and the built-ins keep working.

Names carry a version (``lexical.v1``); a bare name (``lexical``) resolves to the highest
registered version (:func:`base_name` gives the bare name), so saved analyses keep meaning
what they meant. An entry declares what it needs (``requires``: top-level modules, and the
``extra`` that installs them): :meth:`Registry.missing_requirements` tells, without importing
anything, whether it can run.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .errors import MissingDependencyError, UnknownNameError

if TYPE_CHECKING:
    from .ingest.base import Ingester
    from .render.base import Renderer, ReportRenderer
    from .scoring.base import Scorer

T = TypeVar("T")

_VERSIONED = re.compile(r"^(?P<base>[a-z0-9_\-]+)\.v(?P<version>\d+)$")
PLUGIN_GROUP = "beleidslens.plugins"
log = logging.getLogger("beleidslens")


def base_name(name: str) -> str:
    """``"lexical.v1"`` → ``"lexical"``; a name without a version is returned as it is."""
    m = _VERSIONED.match(name)
    return m.group("base") if m else name


@dataclass(frozen=True)
class Entry(Generic[T]):
    name: str
    factory: Callable[..., T]
    description: str
    requires: tuple[str, ...] = ()  # top-level modules it needs beyond the core install
    extra: str | None = None  # the optional extra that installs them

    @property
    def base(self) -> str:
        return base_name(self.name)


class Registry(Generic[T]):
    """A mapping of versioned names to factories."""

    def __init__(self, kind: str):
        self.kind = kind
        self._entries: dict[str, Entry[T]] = {}

    def register(
        self,
        name: str,
        factory: Callable[..., T],
        description: str = "",
        *,
        requires: tuple[str, ...] = (),
        extra: str | None = None,
    ) -> None:
        if name in self._entries:
            raise ValueError(f"{self.kind} {name!r} is already registered")
        self._entries[name] = Entry(name, factory, description, tuple(requires), extra)

    def unregister(self, name: str) -> None:
        self._entries.pop(name, None)

    def resolve(self, name: str) -> str:
        """Return the full registered name for ``name`` (bare names get the newest version)."""
        _load_plugins()
        if name in self._entries:
            return name
        candidates = []
        for full in self._entries:
            m = _VERSIONED.match(full)
            if m and m.group("base") == name:
                candidates.append((int(m.group("version")), full))
        if candidates:
            return max(candidates)[1]
        known = ", ".join(sorted(self._entries)) or "none"
        raise UnknownNameError(f"unknown {self.kind} {name!r}; available: {known}")

    def get(self, name: str) -> Entry[T]:
        return self._entries[self.resolve(name)]

    def create(self, name: str, *args: object, **kwargs: object) -> T:
        return self.get(name).factory(*args, **kwargs)

    def names(self) -> list[str]:
        _load_plugins()
        return sorted(self._entries)

    def base_names(self) -> list[str]:
        """The bare names (``--format`` and ``--backend`` choices), sorted."""
        return sorted({base_name(n) for n in self.names()})

    def missing_requirements(self, name: str) -> list[str]:
        """The modules ``name`` needs that are not installed (found without importing)."""
        return [m for m in self.get(name).requires if importlib.util.find_spec(m) is None]

    def requirement_error(self, name: str) -> MissingDependencyError | None:
        """The one-line error creating ``name`` would give for a missing module, or None."""
        entry = self.get(name)
        missing = self.missing_requirements(name)
        if not missing:
            return None
        feature = f"the {entry.base} {self.kind.split()[-1]}"  # "the embedding backend"
        return MissingDependencyError.for_extra(feature, entry.extra or entry.base, missing[0])

    def __iter__(self) -> Iterator[Entry[T]]:
        _load_plugins()
        return iter(sorted(self._entries.values(), key=lambda e: e.name))

    def __contains__(self, name: str) -> bool:
        try:
            self.resolve(name)
        except UnknownNameError:
            return False
        return True


@dataclass(frozen=True)
class Registries:
    """Every extension point, as handed to ``register(registries)``."""

    ingesters: Registry[Ingester]
    scorers: Registry[Scorer]
    renderers: Registry[Renderer]  # analysis reports (``analyze``/``render --format``)
    audit_renderers: Registry[ReportRenderer]  # ``audit --format``
    compare_renderers: Registry[ReportRenderer]  # ``compare --format``
    money_renderers: Registry[ReportRenderer]  # ``money --format``
    document_renderers: Registry[ReportRenderer]  # ``ingest --format``
    evaluation_renderers: Registry[ReportRenderer]  # ``evaluate --format``
    simulation_renderers: Registry[ReportRenderer]  # ``simulate --format``
    corpus_renderers: Registry[ReportRenderer]  # ``corpus-report --format``

    def all(self) -> list[Registry[Any]]:
        return [getattr(self, f.name) for f in fields(self)]


def registries() -> Registries:
    """The registries, built-ins and plugins loaded."""
    out = _registries()
    _load_plugins()
    return out


def _registries() -> Registries:
    from .ingest.base import INGESTERS
    from .render import base as r
    from .scoring.base import SCORERS

    return Registries(
        INGESTERS,
        SCORERS,
        r.RENDERERS,
        r.AUDIT_RENDERERS,
        r.COMPARE_RENDERERS,
        r.MONEY_RENDERERS,
        r.DOCUMENT_RENDERERS,
        r.EVALUATION_RENDERERS,
        r.SIMULATION_RENDERERS,
        r.CORPUS_RENDERERS,
    )


_plugins_loaded = False  # loading has started (a plugin's own lookups see the partial state)
_plugins_done = False  # loading has finished: other threads wait for this
_LOCK = threading.RLock()
_plugin_errors: list[str] = []


def plugin_errors() -> list[str]:
    """One line per plugin that failed to load (it was skipped; the rest work)."""
    _load_plugins()
    return list(_plugin_errors)


def _safely(name: str, load: Callable[[], Callable[..., object]], regs: Registries) -> None:
    """Run one plugin's registration; on any failure undo what it registered, report it."""
    saved = [(r, dict(r._entries)) for r in regs.all()]
    try:
        target = load()
        register = getattr(target, "register", target)
        if not callable(register):
            raise TypeError("its entry point is neither a register function nor a module")
        register(regs)
    except Exception as exc:  # any plugin bug: one line, the built-ins stay usable
        for registry, entries in saved:
            registry._entries = entries
        first = (str(exc).strip().splitlines() or [""])[0][:200]
        message = f"plugin {name!r} was not loaded: {type(exc).__name__}" + (
            f": {first}" if first else ""
        )
        _plugin_errors.append(message)
        log.warning("beleidslens: warning: %s", message)


def _load_plugins() -> None:
    """Load built-in registrations and third-party plugins once (thread-safe: a second
    thread waits until they are all in)."""
    global _plugins_loaded, _plugins_done
    if _plugins_done:
        return
    with _LOCK:
        if _plugins_loaded:
            return
        _plugins_loaded = True
        from . import builtins as _builtins

        regs = _registries()
        _builtins.register_all(regs)
        for ep in entry_points(group=PLUGIN_GROUP):
            _safely(f"{ep.name} ({ep.value})", ep.load, regs)
        _plugins_done = True
