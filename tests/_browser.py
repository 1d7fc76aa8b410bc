"""Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by Playwright.

Nothing downloads a browser. Outside CI a missing Chromium skips the test; in CI it fails.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("BELEIDSLENS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed (apt-get install chromium), and CI is set")
        pytest.skip("Chromium not installed (apt-get install chromium chromium-driver)")
    return path


@contextmanager
def browser_page(viewport: dict[str, int] | None = None) -> Iterator[Any]:
    """Yield a Playwright page; collects console errors in ``page.console_errors``."""
    exe = chromium_path()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport=viewport or {"width": 1366, "height": 800})
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.console_errors = errors
            yield page
        finally:
            browser.close()
