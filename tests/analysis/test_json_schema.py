from __future__ import annotations

import json

import pytest

from beleidslens.analysis.pipeline import analyze
from beleidslens.analysis.result import SCHEMA_VERSION, Analysis
from beleidslens.errors import AnalysisError
from beleidslens.ingest import parse_text
from beleidslens.render.base import render
from test_analysis_samples import DOCUMENT, framework


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyze(parse_text(DOCUMENT, name="proef.txt"), framework())


def test_round_trip(analysis: Analysis) -> None:
    text = analysis.to_json()
    again = Analysis.from_json(text)
    assert again == analysis
    assert again.to_json() == text


def test_required_fields(analysis: Analysis) -> None:
    data = json.loads(render(analysis, "json"))
    assert data["schema"] == SCHEMA_VERSION
    assert data["backend"] == "lexical.v2"
    assert data["framework"]["id"] == "proef" and len(data["framework"]["digest"]) == 16
    assert data["document"]["sha256"] and data["document_text"]
    assert data["parameters"]["options"]["max_selected"] >= 1
    assert data["parameters"]["scorer"]["k1"] > 0
    theme = data["themes"][0]
    assert {"id", "label", "passages", "aspects"} <= set(theme)
    p = theme["passages"][0]
    assert {"text", "score", "selected", "location", "aspects"} <= set(p)
    assert {"start", "end", "page", "section"} <= set(p["location"])
    v = theme["aspects"][0]
    assert {"id", "label", "status", "score", "evidence"} <= set(v)
    assert (
        data["document_text"][p["location"]["start"] : p["location"]["end"]].split()
        == p["text"].split()
    )


def test_invalid_files_are_one_line_errors(analysis: Analysis) -> None:
    with pytest.raises(AnalysisError, match="not valid JSON"):
        Analysis.from_json("{", "x.json")
    data = json.loads(analysis.to_json())
    data["themes"][0]["bogus"] = 1
    with pytest.raises(AnalysisError, match=r"x\.json: themes\.0\.bogus"):
        Analysis.from_json(json.dumps(data), "x.json")
