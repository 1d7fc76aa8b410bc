"""The base of the parameter models outside the scoring backends (text analysis, ingestion).

A subclass holds tuned numbers as fields (a description and a range each,
``extra="forbid"``); :meth:`Params.from_options` validates a mapping and turns any problem
into one line. The backends' models (``beleidslens.scoring.params.BackendParams``) and the
analysis options (``beleidslens.analysis.options.AnalysisOptions``) follow the same pattern.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import AnalysisError, BeleidslensError


def field(default: Any, description: str, **bounds: float) -> Any:
    """A documented field with its range (``ge``/``gt``/``le``/``lt``)."""
    return Field(default, description=description, **bounds)  # type: ignore[call-overload]


class Params(BaseModel):
    """Strict names, range-checked values, one-line errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    #: what the error message calls these parameters ("compound parameter min_word: ...")
    label: ClassVar[str] = "parameter"
    error: ClassVar[type[BeleidslensError]] = AnalysisError

    @classmethod
    def from_options(cls, options: Mapping[str, Any] | None = None) -> Self:
        """Validate ``options``; any problem is one line (:attr:`error`)."""
        try:
            return cls.model_validate(dict(options or {}))
        except ValidationError as exc:
            e = exc.errors()[0]
            key = ".".join(map(str, e["loc"]))
            where = f" {key}" if key else ""
            message = e["msg"].lower().removeprefix("value error, ")
            raise cls.error(f"{cls.label}{where}: {message}") from None

    def recorded(self) -> dict[str, Any]:
        """The parameters as recorded (in an analysis), sorted by name."""
        return dict(sorted(self.model_dump().items()))
