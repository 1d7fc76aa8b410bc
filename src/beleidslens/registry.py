"""Named, versioned extension points.

Every pluggable thing (ingesters, scoring backends, renderers) lives in a :class:`Registry`.
Built-in implementations register through the same path as third-party plugins: a plugin is
a module exposing ``register(registries)`` and listed under the ``beleidslens.plugins``
entry-point group.

Names carry a version (``lexical.v1``); a bare name (``lexical``) resolves to the highest
registered version, so saved analyses keep meaning what they meant.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Generic, TypeVar

from .errors import UnknownNameError

T = TypeVar("T")

_VERSIONED = re.compile(r"^(?P<base>[a-z0-9_\-]+)\.v(?P<version>\d+)$")


@dataclass(frozen=True)
class Entry(Generic[T]):
    name: str
    factory: Callable[..., T]
    description: str


class Registry(Generic[T]):
    """A mapping of versioned names to factories."""

    def __init__(self, kind: str):
        self.kind = kind
        self._entries: dict[str, Entry[T]] = {}

    def register(self, name: str, factory: Callable[..., T], description: str = "") -> None:
        if name in self._entries:
            raise ValueError(f"{self.kind} {name!r} is already registered")
        self._entries[name] = Entry(name, factory, description)

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

    def __iter__(self) -> Iterator[Entry[T]]:
        _load_plugins()
        return iter(sorted(self._entries.values(), key=lambda e: e.name))

    def __contains__(self, name: str) -> bool:
        try:
            self.resolve(name)
        except UnknownNameError:
            return False
        return True


_plugins_loaded = False


def _load_plugins() -> None:
    """Load built-in registrations and third-party plugins once."""
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    from . import builtins as _builtins

    _builtins.register_all()
    for ep in entry_points(group="beleidslens.plugins"):
        plugin = ep.load()
        plugin.register()
