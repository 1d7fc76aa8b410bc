"""An uncertain aspect whose best evidence rejects its remedy is shown as ONZEKER with the
stance, in every report format, and the gold parser reads the line back as the aspect."""

from __future__ import annotations

import io

import docx
import pytest

from beleidslens.analysis.pipeline import analyze
from beleidslens.analysis.result import Analysis, AspectStatus
from beleidslens.evaluate.gold import match_aspect, parse_expert_markdown
from beleidslens.ingest import parse_text
from beleidslens.render.base import RenderOptions, mark_label, rejects, render
from test_analysis_samples import DOCUMENT, framework

NOTE = {"nl": "het document wijst dit af", "en": "the document rejects this"}


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyze(parse_text(DOCUMENT, name="proef.txt"), framework())


def _rejected(analysis: Analysis, stance: str | None = "against") -> tuple[Analysis, str]:
    """The sample analysis with one evidenced aspect made uncertain, its best evidence
    marked as rejecting the remedy."""
    themes = [t.model_copy(deep=True) for t in analysis.themes]
    aspect = next(a for t in themes for a in t.aspects if a.evidence)
    aspect.status = AspectStatus.UNCERTAIN
    aspect.evidence[0].stance = stance  # type: ignore[assignment]
    return analysis.model_copy(update={"themes": themes}), aspect.label


def test_only_an_uncertain_aspect_with_rejecting_best_evidence_carries_the_note(
    analysis: Analysis,
) -> None:
    changed, label = _rejected(analysis)
    marked = [a for t in changed.themes for a in t.aspects if rejects(a)]
    assert [a.label for a in marked] == [label]
    assert mark_label(marked[0], "nl") == f"{label} ({NOTE['nl']})"
    plain, _ = _rejected(analysis, stance=None)
    assert not any(rejects(a) for t in plain.themes for a in t.aspects)
    addressed = next(a for t in analysis.themes for a in t.aspects if a.status == "addressed")
    assert not rejects(addressed) and mark_label(addressed, "nl") == addressed.label


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", ["expert", "markdown"])
def test_text_reports_show_the_stance(analysis: Analysis, fmt: str, lang: str) -> None:
    changed, label = _rejected(analysis)
    out = render(changed, fmt, RenderOptions(lang=lang))
    assert isinstance(out, str)
    mark = "ONZEKER" if lang == "nl" else "UNCERTAIN"
    assert any(line.endswith(f"{mark}: {label} ({NOTE[lang]})") for line in out.splitlines())


def test_the_gold_parser_reads_the_aspect_without_the_note(analysis: Analysis) -> None:
    changed, label = _rejected(analysis)
    fw = framework()
    for fmt in ("expert", "markdown"):
        text = render(changed, fmt)
        assert isinstance(text, str)
        parsed = parse_expert_markdown(text)
        for expert, result in zip(parsed.themes, changed.themes, strict=True):
            unsure = {match_aspect(n.text, fw.theme(result.id)) for n in expert.uncertain}
            assert unsure == {a.id for a in result.aspects if a.status == "uncertain"}
        assert any(n.text == label for t in parsed.themes for n in t.uncertain)


def test_docx_and_html_show_the_stance(analysis: Analysis) -> None:
    changed, label = _rejected(analysis)
    data = render(changed, "docx")
    assert isinstance(data, bytes)
    paras = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert f"ONZEKER: {label} ({NOTE['nl']})." in paras
    html = render(changed, "html")
    assert isinstance(html, str) and f"({NOTE['nl']})" in html
    assert f"({NOTE['nl']})" not in str(render(analysis, "html"))


def test_csv_and_xlsx_show_the_stance_in_the_aspect_row(analysis: Analysis) -> None:
    import openpyxl

    changed, label = _rejected(analysis)
    data = render(changed, "csv")
    assert isinstance(data, bytes)
    text = data.decode("utf-8-sig")
    assert f"{label} ({NOTE['nl']})" in text
    assert NOTE["nl"] not in render(analysis, "csv").decode("utf-8-sig")  # type: ignore[union-attr]
    book = render(changed, "xlsx")
    assert isinstance(book, bytes)
    sheet = openpyxl.load_workbook(io.BytesIO(book)).worksheets[1]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert f"{label} ({NOTE['nl']})" in cells
