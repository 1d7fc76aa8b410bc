from __future__ import annotations

import pytest

from beleidslens.analysis.pipeline import analyze
from beleidslens.analysis.result import Analysis, AspectStatus
from beleidslens.evaluate.gold import match_aspect, match_theme, parse_expert_markdown
from beleidslens.ingest import parse_text
from beleidslens.render.base import RenderOptions, render
from test_analysis_samples import DOCUMENT, framework


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyze(parse_text(DOCUMENT, name="proef.txt"), framework())


def test_expert_format(analysis: Analysis) -> None:
    md = render(analysis, "expert")
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
    md = render(analysis, "expert")
    parsed = parse_expert_markdown(md)
    fw = framework()
    assert [t.heading for t in parsed.themes] == [t.label for t in analysis.themes]
    for expert, result in zip(parsed.themes, analysis.themes, strict=True):
        assert match_theme(expert.heading, fw).id == result.id  # type: ignore[union-attr]
        in_order = sorted(result.selected, key=lambda p: p.location.start)
        assert [b.text for b in expert.bullets] == [p.text for p in in_order]
        niet = {match_aspect(n.text, fw.theme(result.id)) for n in expert.niet}
        assert niet == {a.id for a in result.aspects if a.status == "not_addressed"}
        unsure = {match_aspect(n.text, fw.theme(result.id)) for n in expert.uncertain}
        assert unsure == {a.id for a in result.aspects if a.status == "uncertain"}


def test_english_labels(analysis: Analysis) -> None:
    md = render(analysis, "expert", RenderOptions(lang="en"))
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
    md = render(analysis.model_copy(update={"document": doc}), "expert")
    assert isinstance(md, str)
    assert md.splitlines()[2].startswith(
        f"Hier laten we zien wat de bijdrage van {doc.display_name} "
    )


def _with_uncertain(analysis: Analysis) -> Analysis:
    """The sample analysis with one aspect made uncertain and a passage full of markup."""
    themes = [t.model_copy(deep=True) for t in analysis.themes]
    theme = next(t for t in themes if t.selected and t.aspects)
    theme.aspects[0].status = AspectStatus.UNCERTAIN
    theme.selected[0].text = "Wij *investeren* in [wonen] <nu> & 50_000 # woningen \\ 2030"
    return analysis.model_copy(update={"themes": themes})


@pytest.mark.parametrize("fmt", ["expert", "markdown"])
def test_uncertain_aspects_are_shown(analysis: Analysis, fmt: str) -> None:
    changed = _with_uncertain(analysis)
    theme = next(t for t in changed.themes if any(a.status == "uncertain" for a in t.aspects))
    label = next(a.label for a in theme.aspects if a.status == "uncertain")
    out = render(changed, fmt)
    assert isinstance(out, str)
    assert any(line.endswith(f"ONZEKER: {label}") for line in out.splitlines())
    assert any(
        line.endswith(f"UNCERTAIN: {label}")
        for line in render(changed, fmt, RenderOptions(lang="en")).splitlines()
    )


def test_markdown_is_real_markdown(analysis: Analysis) -> None:
    md = render(analysis, "markdown")
    assert isinstance(md, str)
    lines = md.splitlines()
    assert lines[0] == "# Bijdrage van het document"
    assert lines[2].startswith("Hier laten we zien wat de bijdrage van proef.txt")
    assert "## Digitale veiligheid" in lines
    assert "- NIET: toezicht op algoritmes" in lines
    assert any(line.startswith("- We bouwen 100.000 betaalbare woningen") for line in lines)
    assert not any(line.startswith(" • ") for line in lines)
    i = lines.index("## Ruimtevaart en sterrenkunde")
    assert lines[i + 2] == "- NIET: eigen raketlanceringen"


def test_markdown_escapes_markup_and_parses_back(analysis: Analysis) -> None:
    changed = _with_uncertain(analysis)
    md = render(changed, "markdown")
    assert isinstance(md, str)
    assert "Wij \\*investeren\\* in \\[wonen\\] \\<nu\\> & 50\\_000 \\# woningen" in md
    parsed = parse_expert_markdown(md)
    fw = framework()
    assert [t.heading for t in parsed.themes] == [t.label for t in changed.themes]
    for expert, result in zip(parsed.themes, changed.themes, strict=True):
        in_order = sorted(result.selected, key=lambda p: p.location.start)
        assert [b.text for b in expert.bullets] == [" ".join(p.text.split()) for p in in_order]
        niet = {match_aspect(n.text, fw.theme(result.id)) for n in expert.niet}
        assert niet == {a.id for a in result.aspects if a.status == "not_addressed"}
        unsure = {match_aspect(n.text, fw.theme(result.id)) for n in expert.uncertain}
        assert unsure == {a.id for a in result.aspects if a.status == "uncertain"}
        assert expert.assessed
