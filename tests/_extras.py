"""Tests that need an optional extra.

Outside the extras phase of CI a missing extra *skips* the test with the install command as the
reason, so the README's test command passes on a fresh clone with no extra installed. In the
extras phase (``.ci/run`` sets ``BELEIDSLENS_REQUIRE_EXTRAS=1`` after installing them) a missing
extra *fails* instead: a green run can't hide an extra that did not install.

Mark such a test (or module) with ``@pytest.mark.extra`` so the extras phase selects it
(``pytest -m extra``), and call :func:`require_extra` before importing the package.
"""

from __future__ import annotations

import importlib.util
import os

import pytest

REQUIRE_ENV = "BELEIDSLENS_REQUIRE_EXTRAS"


def require_extra(module: str, extra: str) -> None:
    """Skip (or, in the extras phase, fail) unless ``module`` of ``beleidslens[extra]`` imports."""
    if importlib.util.find_spec(module) is not None:
        return
    message = f"needs the optional extra: pip install 'beleidslens[{extra}]' (no {module})"
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{message}, and {REQUIRE_ENV} is set", pytrace=False)
    pytest.skip(message, allow_module_level=True)
