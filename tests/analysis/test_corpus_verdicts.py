"""On the real documents the issue names (issue 8, items 3 and 6): no report prints NIET for
an aspect whose passage it selects, in any format; evidence that rejects a remedy leaves the
aspect ONZEKER with the stance; keywords in another sense are not selected."""

from __future__ import annotations

import html
import io
import re
from functools import lru_cache
from pathlib import Path

import docx
import pytest
import yaml

from beleidslens.analysis.options import AnalysisOptions
from beleidslens.analysis.pipeline import analyze
from beleidslens.analysis.result import Analysis
from beleidslens.document import Document
from beleidslens.framework import load_framework
from beleidslens.ingest import load_document, parse_text
from beleidslens.render.base import render
from conftest import shared_path

pytestmark = pytest.mark.corpus

AGREEMENT = ("coalitieakkoord-2021-2025.txt",)
D66_2025 = ("nl-manifestos-2025-pdf-zweefhulp", "D66-Concept-verkiezingsprogramma-2025-2030.txt")
GLPVDA_2025 = (
    "nl-manifestos-2025-pdf-zweefhulp",
    "Conceptverkiezingsprogramma-GroenLinks-PvdA-2025.txt",
)
BAARN = ("municipal-baarn-2022-coalitieakkoord", "coalitieakkoord_baarn_2022-2026.yaml")
FVD_2023 = ("nl-manifestos-txt-wouterbakker", "FVD_2023.txt")


def _document(parts: tuple[str, ...]) -> Document:
    path = shared_path("corpus", *parts)
    if path.suffix != ".yaml":
        return load_document(path)
    # the municipal agreement is published as data: a chapter per theme, its agreements as
    # paragraphs under the chapter's name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    lines = [f"# {data['meta']['document_title']}", ""]
    for chapter in data["themas"].values():
        lines += [f"## {chapter['naam']}", ""]
        lines += [line for a in chapter["afspraken"] for line in (" ".join(a["tekst"].split()), "")]
    return parse_text("\n".join(lines), name=Path(path).with_suffix(".md").name)


@lru_cache(maxsize=16)
def _analysis(parts: tuple[str, ...], framework_id: str) -> Analysis:
    return analyze(_document(parts), load_framework(framework_id))


def _quoted(analysis: Analysis) -> dict[str, set[str]]:
    """Per theme, the labels of the aspects its selected passages serve or hold the shown
    evidence of: the report quotes them."""
    out = {}
    for theme in analysis.themes:
        selected = {p.id for p in theme.selected}
        served = {a for p in theme.selected for a in p.aspects}
        out[theme.id] = {
            v.label
            for v in theme.aspects
            if v.id in served or any(e.passage_id in selected for e in v.evidence)
        }
    return out


def _niet_lines(analysis: Analysis, fmt: str) -> set[str]:
    """The aspect labels a report in ``fmt`` marks NIET."""
    out = render(analysis, fmt)
    if fmt == "docx":
        assert isinstance(out, bytes)
        lines = [p.text for p in docx.Document(io.BytesIO(out)).paragraphs]
        return {ln.removeprefix("NIET: ").rstrip(".") for ln in lines if ln.startswith("NIET: ")}
    assert isinstance(out, str)
    if fmt == "html":
        rows = re.findall(r"<td>([^<]*)</td>\s*<td><span class=\"status not_addressed\">", out)
        return {html.unescape(r) for r in rows}
    return {m.group(1) for m in re.finditer(r"^(?:- )?NIET: (.*)$", out, re.M)}


@pytest.mark.parametrize(
    ("parts", "framework_id"),
    [
        (AGREEMENT, "kwetsbaarheden"),
        (AGREEMENT, "sdg"),
        (D66_2025, "kwetsbaarheden"),
        (D66_2025, "sdg"),
        (GLPVDA_2025, "kwetsbaarheden"),
        (GLPVDA_2025, "sdg"),
        (BAARN, "kwetsbaarheden"),
        (BAARN, "sdg"),
    ],
)
@pytest.mark.parametrize("fmt", ["markdown", "expert", "docx", "html"])
def test_no_report_prints_niet_beside_the_passage_it_quotes(
    parts: tuple[str, ...], framework_id: str, fmt: str
) -> None:
    analysis = _analysis(parts, framework_id)
    quoted = set().union(*_quoted(analysis).values())
    niet = _niet_lines(analysis, fmt)
    assert niet, "every one of these reports has NIET lines: the check reads them"
    assert sorted(quoted & niet) == []


@pytest.mark.parametrize(
    ("parts", "framework_id"),
    [(AGREEMENT, "kwetsbaarheden"), (D66_2025, "sdg"), (GLPVDA_2025, "sdg"), (FVD_2023, "sdg")],
)
def test_addressed_needs_strong_evidence_that_does_not_reject_the_remedy(
    parts: tuple[str, ...], framework_id: str
) -> None:
    opts = AnalysisOptions()
    for theme in _analysis(parts, framework_id).themes:
        for v in theme.aspects:
            if str(v.status) == "addressed":
                assert any(e.score >= opts.addressed_score and not e.stance for e in v.evidence)


def test_arguments_against_climate_policy_are_uncertain_with_the_stance() -> None:
    """A programme that rejects climate policy: the climate theme's aspects whose best
    evidence rejects the remedy are ONZEKER with the stance, none addressed."""
    analysis = _analysis(FVD_2023, "sdg")
    climate = analysis.theme("sdg13_klimaat")
    assert not any(str(v.status) == "addressed" for v in climate.aspects)
    rejected = [v for v in climate.aspects if v.evidence and v.evidence[0].stance == "against"]
    assert rejected and all(str(v.status) == "uncertain" for v in rejected)
    report = render(analysis, "expert")
    assert isinstance(report, str)
    for v in rejected:
        assert f"ONZEKER: {v.label} (het document wijst dit af)" in report.splitlines()


def _selected_words(analysis: Analysis, theme_id: str) -> set[str]:
    return {
        w.lower() for p in analysis.theme(theme_id).selected for w in re.findall(r"\w+", p.text)
    }


def test_prisoners_reintegration_is_not_labour_reintegration() -> None:
    analysis = _analysis(AGREEMENT, "kwetsbaarheden")
    assert not {"gevangenisregime", "recidive", "gedetineerden"} & _selected_words(
        analysis, "sociaaleconomisch"
    )
    (to_work,) = [a for a in analysis.theme("sociaaleconomisch").aspects if a.id == "naar_werk"]
    assert to_work.evidence and "recidive" not in to_work.evidence[0].text.lower()


def test_equal_treatment_of_students_is_not_gender_equality() -> None:
    analysis = _analysis(AGREEMENT, "sdg")
    assert "studenten" not in _selected_words(analysis, "sdg05_gendergelijkheid")
