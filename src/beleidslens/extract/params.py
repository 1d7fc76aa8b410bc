"""The tuned numbers of money and target extraction: how far from a number its period, year
and subject are looked for.

:data:`PARAMS` is the one instance :mod:`beleidslens.extract.amounts` and
:mod:`beleidslens.extract.targets` read; an analysis records it in
``Analysis.parameters.money`` (its amounts and targets depend on it). ``docs/extraction.md``
names what chose each value.
"""

from __future__ import annotations

from typing import ClassVar

from ..params import Params
from ..params import field as _f


class MoneyParams(Params):
    """Character windows around an amount or a target's number (always also bounded by the
    sentence and the neighbouring amounts)."""

    label: ClassVar[str] = "money parameter"

    period_before_chars: int = _f(
        60, "characters before an amount searched for its period phrase", ge=0, le=10_000
    )
    period_after_chars: int = _f(
        70, "characters after an amount searched for its period phrase", ge=0, le=10_000
    )
    target_noun_before_chars: int = _f(
        60, "characters before a target's number searched for 'X van/tot/naar N%'", ge=0,
        le=10_000,
    )  # fmt: skip
    target_year_after_chars: int = _f(
        30, "characters after a target's number its year is 'right after' within", ge=0,
        le=10_000,
    )  # fmt: skip
    target_period_after_chars: int = _f(
        40, "characters after an absolute target searched for 'per jaar'", ge=0, le=10_000
    )


PARAMS = MoneyParams()
