from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from beleidslens.errors import RenderError
from beleidslens.fsutil import atomic_write


def test_atomic_write_replaces_and_uses_default_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    atomic_write(target, "één\n")
    assert target.read_text(encoding="utf-8") == "één\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    target.chmod(0o640)
    atomic_write(target, b"twee")
    assert target.read_bytes() == b"twee"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temp files left


def test_atomic_write_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="output directory does not exist"):
        atomic_write(tmp_path / "nope" / "x.md", "x")
