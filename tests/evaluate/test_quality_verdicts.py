"""The quality benchmark's verdict check against coded rows (own toy data)."""

from __future__ import annotations

from pathlib import Path

from beleidslens.analysis.result import AspectVerdict, ThemeResult
from beleidslens.evaluate.coded import CodedRow
from beleidslens.evaluate.corpora import CodedSource
from beleidslens.evaluate.quality import VERDICT_MIN_ROWS, coded_verdicts
from beleidslens.framework import load_framework


class _Analysis:
    def __init__(self, themes: list[ThemeResult]) -> None:
        self.themes = themes


def test_coded_verdicts_count_how_coded_and_absent_aspects_were_judged() -> None:
    fw = load_framework("marpor")
    theme = fw.themes[0]
    coded, absent = theme.aspects[0], theme.aspects[1]
    rows = [CodedRow("zin", coded.codes[0], i) for i in range(VERDICT_MIN_ROWS)]
    src = CodedSource("x_2010", "x", 2010, Path("x.txt"), rows)
    result = ThemeResult(
        id=theme.id,
        label=theme.label,
        passages=[],
        aspects=[
            AspectVerdict(id=coded.id, label=coded.label, status="addressed", score=0.6),
            AspectVerdict(id=absent.id, label=absent.label, status="addressed", score=0.6),
        ],
    )
    out = coded_verdicts([(src, _Analysis([result]))], fw)  # type: ignore[list-item]
    split = out[src.split]
    assert split["coded"] == {"addressed": 1} and split["absent"] == {"addressed": 1}
    assert split["documents"] == 1
