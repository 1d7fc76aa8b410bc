from __future__ import annotations

from beleidslens.analysis.options import AnalysisOptions
from beleidslens.analysis.pipeline import analyze
from beleidslens.ingest import parse_text
from test_analysis_samples import DOCUMENT, framework


def test_verdicts_with_scores_and_evidence() -> None:
    a = analyze(parse_text(DOCUMENT, name="proef.txt"), framework())
    verdicts = {(t.id, v.id): v for t in a.themes for v in t.aspects}
    cyber = verdicts[("digitaal", "cybercrime")]
    assert cyber.status == "addressed"
    assert 0.0 < cyber.score <= 1.0
    assert cyber.evidence and "cybercriminaliteit" in cyber.evidence[0].text
    scores = [e.score for e in cyber.evidence]
    assert scores == sorted(scores, reverse=True)
    assert verdicts[("wonen", "dakloosheid")].status == "addressed"
    algo = verdicts[("digitaal", "algoritmes")]
    assert algo.status == "not_addressed" and algo.score < AnalysisOptions().uncertain_score


def test_uncertain_band() -> None:
    doc = parse_text(DOCUMENT, name="proef.txt")
    a = analyze(
        doc, framework(), options=AnalysisOptions(addressed_score=0.99, uncertain_score=0.3)
    )
    assert a.theme("digitaal").aspects[0].status == "uncertain"
