"""The tuned numbers of the Dutch text analysis: compound splitting and phrases.

They shape every index term (``beleidslens.nlp.analyzer``), so they are fixed for a process:
the splitter and the phrase finder read one module default each
(``beleidslens.nlp.compounds.PARAMS``, ``beleidslens.nlp.phrases.PARAMS``), and every
analysis records them in ``Analysis.parameters.analyzer``.
``docs/scoring.md`` ("Parameters and the measurements that chose them") names what chose
each value. An experiment that sweeps one replaces the default with
:func:`beleidslens.nlp.compounds.configure` (which clears the caches that depend on it).
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

from pydantic import model_validator

from ..params import Params
from ..params import field as _f


class CompoundParams(Params):
    """:func:`beleidslens.nlp.compounds.split_compound`: when a word is split, and into what."""

    label: ClassVar[str] = "compound parameter"

    min_word: int = _f(7, "shorter words are not split", ge=2, le=50)
    min_part: int = _f(3, "shortest part of a split", ge=1, le=20)
    min_zipf_long: float = _f(
        2.5, "Zipf frequency a part of 8+ letters needs on its own", ge=0.0, le=8.0
    )
    min_zipf: float = _f(3.0, "Zipf frequency a part of 5-7 letters needs", ge=0.0, le=8.0)
    min_zipf_short: float = _f(
        4.0, "Zipf frequency a part of 3-4 letters needs (short parts need more)", ge=0.0, le=8.0
    )
    nested_penalty: float = _f(
        0.5,
        "a part that is itself a compound, or a verb stem, counts this much rarer (Zipf)",
        ge=0.0,
        le=8.0,
    )
    min_deep_word: int = _f(
        10, "only words this long are split into nested parts or verb stems", ge=2, le=50
    )
    min_deep_part: int = _f(4, "…into parts at least this long", ge=1, le=20)
    min_stem: int = _f(
        5, "shortest verb stem as a first part (uitzend-werk: uitzenden)", ge=1, le=20
    )


class PhraseParams(Params):
    """:func:`beleidslens.nlp.phrases.field_phrases`: which runs of content words are terms."""

    label: ClassVar[str] = "phrase parameter"

    min_words: int = _f(2, "fewest content words of a phrase", ge=2, le=10)
    max_words: int = _f(
        3, "most content words of a phrase (a longer run is a list, not one term)", ge=2, le=10
    )

    @model_validator(mode="after")
    def _order(self) -> Self:
        if self.min_words > self.max_words:
            raise ValueError("min_words must not exceed max_words")
        return self


def recorded() -> dict[str, Any]:
    """``Analysis.parameters.analyzer``: the values in force in this process."""
    from . import compounds, phrases

    return {"compounds": compounds.PARAMS.recorded(), "phrases": phrases.PARAMS.recorded()}
