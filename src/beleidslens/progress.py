"""Progress on long work: a tqdm bar on a terminal, nothing when piped or quiet.

Every command that can take more than a couple of seconds (``analyze``, ``batch``,
``compare``, …) shows a bar on standard error when that is a terminal; when standard error
is piped or redirected, or with ``--quiet``, nothing is drawn (results and errors still are).
``BELEIDSLENS_PROGRESS=0`` switches bars off everywhere, ``=1`` forces them on (tests).

Two shapes:

* :func:`counter` — ``n of total`` things (documents in a batch): done, rate and time left;
* :func:`stages` — one piece of work reported as ``(stage, fraction)``, the callback the
  analysis pipeline takes (:data:`beleidslens.analysis.pipeline.Progress`);
* :func:`busy` — work that reports nothing: the time it has taken so far, redrawn twice a
  second, so a long run is visibly alive.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

StageCallback = Callable[[str, float], None]


def enabled(*, quiet: bool = False, stream: IO[str] | None = None) -> bool:
    """Whether to draw a bar: not quiet, and ``stream`` (stderr) is a terminal."""
    if quiet:
        return False
    forced = os.environ.get("BELEIDSLENS_PROGRESS", "").strip()
    if forced in ("0", "1"):
        return forced == "1"
    out = stream if stream is not None else sys.stderr
    try:
        return bool(out.isatty())
    except (AttributeError, ValueError):  # closed or replaced stream
        return False


class Counter:
    """A bar over ``total`` items; a no-op when drawing is off."""

    def __init__(self, bar: Any | None) -> None:
        self._bar = bar

    def advance(self, n: int = 1, *, note: str | None = None) -> None:
        if self._bar is None:
            return
        if note is not None:
            self._bar.set_postfix_str(note, refresh=False)
        self._bar.update(n)

    def write(self, line: str) -> None:
        """A line above the bar (or plainly on stderr when there is no bar)."""
        if self._bar is None:
            print(line, file=sys.stderr, flush=True)
        else:
            self._bar.write(line, file=sys.stderr)


@contextmanager
def counter(
    total: int, desc: str, *, unit: str = "doc", quiet: bool = False, initial: int = 0
) -> Iterator[Counter]:
    """``with counter(n, "analyse") as c: … c.advance()``: done/total, rate, time left."""
    if not enabled(quiet=quiet) or total <= 0:
        yield Counter(None)
        return
    from tqdm import tqdm

    bar = tqdm(
        total=total,
        initial=initial,
        desc=desc,
        unit=unit,
        file=sys.stderr,
        dynamic_ncols=True,
        smoothing=0.1,
        bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} "
        "[{elapsed}<{remaining}, {rate_fmt}{postfix}]",
    )
    try:
        yield Counter(bar)
    finally:
        bar.close()


@contextmanager
def stages(desc: str, *, quiet: bool = False) -> Iterator[StageCallback]:
    """A bar from 0 to 100 % fed by ``(stage, fraction)`` calls; the stage is shown beside it."""
    if not enabled(quiet=quiet):
        yield _ignore
        return
    from tqdm import tqdm

    bar = tqdm(
        total=100,
        desc=desc,
        file=sys.stderr,
        dynamic_ncols=True,
        bar_format="{desc} {percentage:3.0f}%|{bar}| [{elapsed}]",
    )
    done = [0]

    def report(stage: str, fraction: float) -> None:
        target = max(done[0], min(100, round(fraction * 100)))
        bar.set_description_str(f"{desc} ({stage})".ljust(len(desc) + 12), refresh=False)
        bar.update(target - done[0])
        done[0] = target

    try:
        yield report
    finally:
        bar.close()


def _ignore(_stage: str, _fraction: float) -> None:
    return None


@contextmanager
def busy(desc: str, *, quiet: bool = False) -> Iterator[None]:
    """``desc: 00:07`` on a terminal while the block runs; nothing otherwise."""
    if not enabled(quiet=quiet):
        yield
        return
    from tqdm import tqdm

    bar = tqdm(total=None, desc=desc, file=sys.stderr, bar_format="{desc}: {elapsed}")
    stop = threading.Event()

    def tick() -> None:
        while not stop.wait(0.5):
            bar.refresh()

    ticker = threading.Thread(target=tick, name="beleidslens-busy", daemon=True)
    ticker.start()
    try:
        yield
    finally:
        stop.set()
        ticker.join()
        bar.close()
