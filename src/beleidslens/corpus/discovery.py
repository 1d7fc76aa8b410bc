"""Which documents a batch reads: files, folders (recursively) and glob patterns.

A folder or a pattern contributes the files whose extension an ingester reads (hidden files
and folders are skipped); a file named explicitly is always taken, so an unreadable one is
recorded as failed instead of silently dropped. Order is stable (sorted per argument, in the
order of the arguments) and each file counts once.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import IngestError

_GLOB_CHARS = frozenset("*?[")


def _readable(path: Path, extensions: frozenset[str]) -> bool:
    return path.is_file() and path.suffix.lower() in extensions


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def discover(sources: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The document files named by ``sources`` (paths, folders, glob patterns)."""
    from ..ingest.base import known_extensions

    extensions = frozenset(known_extensions())
    found: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for source in sources:
        text = os.fspath(source)
        if "://" in text:
            raise IngestError("batch reads local files; fetch the document first", text)
        path = Path(text)
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if _readable(p, extensions) and not _hidden(p, path):
                    add(p)
        elif path.exists():
            add(path)
        elif _GLOB_CHARS & set(text):
            matches = sorted(glob.glob(text, recursive=True))
            for m in matches:
                p = Path(m)
                if _readable(p, extensions):
                    add(p)
            if not matches:
                raise IngestError("pattern matches no file", text)
        else:
            raise IngestError("no such file, folder or pattern", text)
    return found


def content_hash(path: Path, chunk: int = 1 << 20) -> str:
    """SHA-256 of the file's bytes (what resuming compares), or ``""`` when unreadable."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            while block := fh.read(chunk):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()
