"""JSON reading with bounded cost for files a user hands in (an analysis JSON).

Python's parser is linear, but two inputs still cost more than their size suggests or end
in an exception that is not a :class:`json.JSONDecodeError`: a huge integer (converting a
number of *n* digits is quadratic, and past 4300 digits Python refuses it with a
``ValueError``) and deep nesting (``[[[[…]]]]`` ends in a ``RecursionError``). Both become
a :class:`JSONLimitError` with a one-line message.
"""

from __future__ import annotations

import json
from typing import Any

MAX_INT_DIGITS = 100  # an analysis holds counts, offsets and pages: a handful of digits
MAX_NUMBER_CHARS = 400


class JSONLimitError(ValueError):
    """A JSON text within its size limit but past one of the structural limits."""


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise JSONLimitError(
            f"an integer of {len(text.lstrip('-'))} digits (at most {MAX_INT_DIGITS})"
        )
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise JSONLimitError(f"a number of {len(text)} characters (at most {MAX_NUMBER_CHARS})")
    return float(text)


def _parse_constant(name: str) -> Any:
    raise JSONLimitError(f"{name} is not a JSON number")


def bounded_loads(text: str) -> Any:
    """:func:`json.loads` refusing (:class:`JSONLimitError`) integers of more than
    :data:`MAX_INT_DIGITS` digits, ``NaN``/``Infinity`` and nesting deeper than the
    interpreter's recursion limit; a syntax error stays a :class:`json.JSONDecodeError`."""
    try:
        return json.loads(
            text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant
        )
    except RecursionError:
        raise JSONLimitError("nested too deeply") from None
