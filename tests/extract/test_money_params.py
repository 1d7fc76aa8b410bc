"""The money extraction's windows (MoneyParams) decide what is found, are checked in one line
and are recorded in every analysis."""

from __future__ import annotations

import pytest

from beleidslens.errors import AnalysisError
from beleidslens.extract import find_amounts, find_targets, params
from beleidslens.extract.params import MoneyParams

_AMOUNT = "Vanaf 2026 trekt het kabinet voor betere zorg in de wijk €2 miljard uit."
_TARGET = "Het aandeel duurzame stroom stijgt na 2025 naar 70% in 2030."


def test_the_period_window_decides_whether_a_period_is_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (amount,) = find_amounts(_AMOUNT)
    assert amount.period_normalized == "from:2026"  # 46 characters before the amount
    monkeypatch.setattr(params, "PARAMS", MoneyParams(period_before_chars=40))
    (amount,) = find_amounts(_AMOUNT)
    assert amount.period is None


def test_the_year_window_decides_the_year_right_after(monkeypatch: pytest.MonkeyPatch) -> None:
    assert [t.year for t in find_targets(_TARGET)] == [2030]  # 'in 2030' right after
    monkeypatch.setattr(params, "PARAMS", MoneyParams(target_year_after_chars=0))
    assert [t.year for t in find_targets(_TARGET)] == [2025]  # then the nearest year wins


def test_out_of_range_is_one_line() -> None:
    with pytest.raises(AnalysisError, match=r"^money parameter period_after_chars: input") as e:
        MoneyParams.from_options({"period_after_chars": -1})
    assert "\n" not in str(e.value)


def test_recorded_in_the_analysis() -> None:
    from beleidslens.analysis.pipeline import analyze
    from beleidslens.framework import load_framework
    from beleidslens.ingest import parse_text

    result = analyze(parse_text(_AMOUNT, name="x.txt"), load_framework("kwetsbaarheden"))
    assert result.parameters["money"] == MoneyParams().recorded()
    assert result.amounts and result.amounts[0].period_normalized == "from:2026"
