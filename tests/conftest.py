"""Shared fixtures.

Tests that read the real corpus use :func:`shared_dir`; they skip only when ``../shared``
is missing *and* the ``CI`` environment variable is unset. In CI a missing corpus fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
