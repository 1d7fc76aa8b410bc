"""File helpers: outputs that never damage a user's file.

* :func:`atomic_write` writes through a temporary file in the same directory and
  ``os.replace``, so a crash or a full disk never leaves a half-written report, and only
  ever replaces a *regular* file: a symlink is followed (its target is written, the link
  stays), a device, FIFO, socket or directory is refused.
* :func:`check_output` does every check that can be done before the work starts: the
  output is not one of the inputs (same file after resolving links, hard links included),
  its directory exists and a file can be created in it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import RenderError

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def output_target(path: str | Path) -> Path:
    """The regular file that writing ``path`` replaces: links resolved; a
    :class:`RenderError` when it exists and is not a regular file, or its directory is
    missing."""
    given = Path(path)
    if str(given) in ("", "."):
        raise RenderError("no output file name given", given)
    real = Path(os.path.realpath(given))
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise RenderError(f"cannot write: {exc.strerror or exc}", given) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise RenderError(
            f"is {_kind(st.st_mode)}, not a regular file; write the report to a file", given
        )
    if not real.parent.is_dir():
        raise RenderError("output directory does not exist", given.parent)
    return real


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_output(path: str | Path, inputs: Iterable[str | Path | None] = ()) -> Path:
    """Check, before any work, that ``path`` can be written and is none of ``inputs``
    (entries that are not existing files, such as URLs or built-in names, are skipped).
    Returns the regular file that will be written."""
    given = Path(path)
    target = output_target(given)
    for item in inputs:
        if item is None:
            continue
        candidate = Path(item)
        try:
            exists = candidate.exists()
        except (OSError, ValueError):
            continue
        if exists and _same_file(candidate, target):
            raise RenderError(
                f"is also an input ({item}): writing would overwrite the input; choose another file",
                given,
            )
    try:  # can a file be created next to it? (permissions, read-only file system, quota)
        fd, probe = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise RenderError(f"cannot write: {exc.strerror or exc}", given) from None
    os.close(fd)
    os.unlink(probe)
    return target


def atomic_write(path: str | Path, data: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write ``data`` to the regular file ``path`` (or the file a symlink there points to)
    via a temporary file in the same directory and ``os.replace``. Returns the file written."""
    given = Path(path)
    target = output_target(given)
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise RenderError(f"cannot write: {exc.strerror or exc}", given) from None
    try:
        # mkstemp creates 0600; give the file the mode a plain open() would (or keep the
        # mode of the file being replaced).
        try:
            mode = target.stat().st_mode & 0o7777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise RenderError(f"cannot write: {exc.strerror or exc}", given) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
