"""Registers the built-in ingesters, scoring backends and renderers.

Called once by :mod:`beleidslens.registry` before the first lookup; plugins register
through the same kind of ``register()`` function, found via entry points.
"""

from __future__ import annotations

import importlib

_BUILTIN_MODULES = (
    "beleidslens.ingest.builtin",
    "beleidslens.scoring.builtin",
    "beleidslens.render.builtin",
)


def register_all() -> None:
    for name in _BUILTIN_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that part is not written yet
                continue
            raise
        module.register()
