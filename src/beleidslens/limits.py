"""Limits shared by every entry point (CLI, Python API, workbench), in one place.

Kept free of imports so the CLI can name them in its options without loading the library.
"""

from __future__ import annotations

MAX_INPUT_BYTES = 50_000_000
"""The largest document (file, URL body or upload) read: 50 MB, decimal as ``--max-size``."""
