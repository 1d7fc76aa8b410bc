"""The built-in registrations: ingesters, scoring backends, renderers (analysis, audit,
compare and money reports).

:func:`register_all` is called once by :mod:`beleidslens.registry` before the first lookup;
each module listed here has a ``register(registries)`` function, exactly the callback a
plugin provides through the ``beleidslens.plugins`` entry point group.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .registry import Registries

_BUILTIN_MODULES = (
    "beleidslens.ingest.builtin",
    "beleidslens.scoring.builtin",
    "beleidslens.render.builtin",
)


def register_all(registries: Registries) -> None:
    for name in _BUILTIN_MODULES:
        importlib.import_module(name).register(registries)
