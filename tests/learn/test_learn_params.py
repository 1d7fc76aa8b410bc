"""The re-ranker's and the replay's parameters: each has its effect, bad values are one line."""

from __future__ import annotations

import pytest

from beleidslens.errors import AnalysisError
from beleidslens.learn.rerank import PARAMS, Reranker, RerankParams
from beleidslens.learn.simulate import SIMULATION, Curve, SimulationParams, ThemeReplay, accepts
from test_learn_rerank import CANDIDATES


def _ids(params: RerankParams, decisions: dict[str, bool]) -> list[str]:
    return [r.id for r in Reranker(CANDIDATES, params).rank(decisions)]


def test_weights_have_their_effect() -> None:
    decisions = {"a": True, "b": False}
    engine = ["c", "d", "e"]
    assert _ids(PARAMS, decisions) != engine  # the decisions move candidates
    assert _ids(RerankParams(accept_weight=0, reject_weight=0), decisions) == engine
    # only the engine weight against the feedback: a heavy one restores the engine's order
    assert _ids(RerankParams(engine_weight=100), decisions) == engine
    assert _ids(RerankParams(reject_weight=0), {"b": False}) == ["a", "c", "d", "e"]
    assert _ids(RerankParams(reject_weight=5), {"b": False})[-1] == "c"


def test_explain_terms() -> None:
    d = next(r for r in Reranker(CANDIDATES).rank({"a": True}) if r.id == "d")
    assert len(d.like) >= 2
    few = Reranker(CANDIDATES, RerankParams(explain_terms=1)).rank({"a": True})
    assert len(next(r for r in few if r.id == "d").like) == 1


def test_accept_cover() -> None:
    bullet = ["a", "b", "c", "d", "e", "f", "g", "h"]
    # holds half the bullet, mostly outside it
    half = ["a", "b", "c", "d", "x", "y", "z", "w", "v", "u", "t", "s"]
    assert accepts(half, [bullet])
    assert not accepts(half, [bullet], SimulationParams(accept_cover=0.6))


def test_goal_factor() -> None:
    replay = ThemeReplay("t", "T", 2, 10, {"engine": Curve(1, 5, 5, [])})
    assert replay.goal_factor == SIMULATION.goal_factor == 2.5
    assert replay.within_goal("engine")  # 5 ≤ 2.5 × 2
    replay.goal_factor = 2.0
    assert not replay.within_goal("engine")


@pytest.mark.parametrize(
    ("model", "key", "value", "label"),
    [
        (RerankParams, "accept_weight", -1, "re-ranking parameter"),
        (RerankParams, "max_examples", 10**9, "re-ranking parameter"),
        (RerankParams, "nope", 1, "re-ranking parameter"),
        (SimulationParams, "accept_cover", 0, "simulation parameter"),
        (SimulationParams, "goal_factor", "x", "simulation parameter"),
    ],
)
def test_out_of_range_is_one_line(model: type, key: str, value: object, label: str) -> None:
    with pytest.raises(AnalysisError) as exc:
        model.from_options({key: value})
    assert str(exc.value).startswith(f"{label} {key}: ") and "\n" not in str(exc.value)


def test_the_plot_names_the_goal_it_draws() -> None:
    from beleidslens.learn.plot import svg

    curves = {name: Curve(1, 5, 5, [0.5, 1.0]) for name in ("engine", "learning", "document")}
    replay = ThemeReplay("t", "T", 2, 10, curves)
    assert "groene lijn: 2,5 ×" in svg([replay]) and "green line: 2.5 ×" in svg([replay], "en")
    replay.goal_factor = 1.5
    assert "groene lijn: 1,5 ×" in svg([replay])
