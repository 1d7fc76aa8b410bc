"""Shared fixtures.

Tests that read the real corpus use :func:`shared_dir`; they skip only when ``../shared``
is missing *and* the ``CI`` environment variable is unset. In CI a missing corpus fails.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from beleidslens.scoring.base import Scorer

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing, and CI is set: corpus tests must run in CI")
        pytest.skip(f"{path} not present (corpus tests skip outside CI)")
    return path


@pytest.fixture(scope="session")
def agreement_path() -> Path:
    """The 2021–2025 coalition agreement as PDF-extracted text."""
    return shared_path("corpus", "coalitieakkoord-2021-2025.txt")


@pytest.fixture(scope="session")
def gold_dev_path() -> Path:
    return shared_path("gold", "kwetsbaarheden-2021-dev.md")


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the user's real data directory."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BELEIDSLENS_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))


@pytest.fixture
def fresh_registries() -> Iterator[Callable[[], None]]:
    """Snapshot every registry (and the plugin state) and restore it afterwards; the fixture's
    value reloads built-ins and plugins from scratch (for entry-point tests)."""
    from beleidslens import registry as reg

    regs = reg.registries()
    saved = [(r, dict(r._entries)) for r in regs.all()]
    state = (reg._plugins_loaded, reg._plugins_done, list(reg._plugin_errors))

    def reload() -> None:
        for r in regs.all():
            r._entries = {}
        reg._plugin_errors.clear()
        reg._plugins_loaded = reg._plugins_done = False
        importlib.invalidate_caches()
        reg._load_plugins()

    yield reload
    for r, entries in saved:
        r._entries = entries
    reg._plugins_loaded, reg._plugins_done, reg._plugin_errors[:] = state


class FakeScorer(Scorer):
    """A scoring backend for tests: relevance = share of a query's label words in the unit."""

    name = "fake.v1"

    def score(self, units: Any, queries: Any) -> Any:
        import numpy as np

        out = np.zeros((len(queries), len(units)))
        for qi, q in enumerate(queries):
            words = {w for w in q.fields[0][0].lower().split() if len(w) > 3}
            for ui, u in enumerate(units):
                text = u.text.lower()
                out[qi, ui] = sum(w in text for w in words) / max(len(words), 1)
        return out


@pytest.fixture
def fake_scorer() -> Iterator[str]:
    """Registers ``fake.v1`` (:class:`FakeScorer`) in the scoring registry for one test."""
    from beleidslens.scoring import SCORERS

    SCORERS.names()  # built-ins first
    SCORERS.register("fake.v1", FakeScorer, "a test scorer: label words present")
    try:
        yield "fake"
    finally:
        SCORERS.unregister("fake.v1")
