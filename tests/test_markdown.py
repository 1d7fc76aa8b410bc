from __future__ import annotations

import pytest

from beleidslens.analysis.pipeline import analyze
from beleidslens.analysis.result import Analysis
from beleidslens.evaluate.gold import match_aspect, match_theme, parse_expert_markdown
from beleidslens.ingest import parse_text
from beleidslens.render.base import RenderOptions, render
from test_analysis_samples import DOCUMENT, framework


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyze(parse_text(DOCUMENT, name="proef.txt"), framework())


def test_expert_format(analysis: Analysis) -> None:
    md = render(analysis, "markdown")
    assert isinstance(md, str)
    lines = md.splitlines()
    assert lines[0] == "Bijdrage van het document"
    assert lines[2].startswith("Hier laten we zien wat de bijdrage van proef.txt")
    assert "Digitale veiligheid" in lines
    assert "NIET: toezicht op algoritmes" in lines
    assert any(line.startswith(" • We bouwen 100.000 betaalbare woningen") for line in lines)
    # the empty theme: its heading, then its NIET line only
    i = lines.index("Ruimtevaart en sterrenkunde")
    assert lines[i + 2] == "NIET: eigen raketlanceringen"


def test_round_trip_through_the_gold_parser(analysis: Analysis) -> None:
    md = render(analysis, "markdown")
    parsed = parse_expert_markdown(md)
    fw = framework()
    assert [t.heading for t in parsed.themes] == [t.label for t in analysis.themes]
    for expert, result in zip(parsed.themes, analysis.themes, strict=True):
        assert match_theme(expert.heading, fw).id == result.id  # type: ignore[union-attr]
        in_order = sorted(result.selected, key=lambda p: p.location.start)
        assert [b.text for b in expert.bullets] == [p.text for p in in_order]
        niet = {match_aspect(n.text, fw.theme(result.id)) for n in expert.niet}
        assert niet == {a.id for a in result.aspects if a.status == "not_addressed"}


def test_english_labels(analysis: Analysis) -> None:
    md = render(analysis, "markdown", RenderOptions(lang="en"))
    assert md.startswith("Contribution of the document")
    assert "NOT: toezicht op algoritmes" in md
    assert "(p. " in md or "(blz." not in md
    parsed = parse_expert_markdown(md)
    assert parsed.themes[0].niet and parsed.themes[0].bullets


@pytest.mark.parametrize(
    ("name", "title"),
    [("/data/akkoorden/proef.txt", None), ("https://example.org/akkoord", None), ("a.txt", "T")],
)
def test_intro_names_the_document_as_every_report_does(
    analysis: Analysis, name: str, title: str | None
) -> None:
    doc = analysis.document.model_copy(update={"name": name, "title": title})
    md = render(analysis.model_copy(update={"document": doc}), "markdown")
    assert isinstance(md, str)
    assert md.splitlines()[2].startswith(
        f"Hier laten we zien wat de bijdrage van {doc.display_name} "
    )
