"""``--quiet``: the option that turns progress bars off (see :mod:`beleidslens.progress`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def quiet_option(func: F) -> F:
    return click.option(
        "-q",
        "--quiet",
        is_flag=True,
        default=False,
        help="No progress bar (none is drawn when standard error is not a terminal anyway).",
    )(func)
