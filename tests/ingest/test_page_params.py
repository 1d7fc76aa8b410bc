"""The text readers' tuned numbers (PageParams, HyphenParams) drive them and are checked in
one line."""

from __future__ import annotations

import pytest

from beleidslens.errors import IngestError
from beleidslens.ingest import hyphens, pages
from beleidslens.ingest.params import HyphenParams, PageParams


def test_out_of_range_is_one_line() -> None:
    with pytest.raises(IngestError, match=r"^page parameter statement_min_words: input") as e:
        PageParams.from_options({"statement_min_words": 0})
    assert "\n" not in str(e.value)
    with pytest.raises(IngestError, match=r"^page parameter furniture_share: input"):
        PageParams.from_options({"furniture_share": "1.5"})
    with pytest.raises(IngestError, match=r"^page parameter zone: extra inputs"):
        PageParams.from_options({"zone": 3})


def test_statement_min_words_decides_a_statement_heading(monkeypatch: pytest.MonkeyPatch) -> None:
    assert pages.PARAMS.recorded() == PageParams().recorded()
    assert pages.statement_heading("Wij verlagen de huren.")  # 4 words
    assert not pages.statement_heading("Lagere huren.")
    monkeypatch.setattr(pages, "PARAMS", PageParams(statement_min_words=5))
    assert not pages.statement_heading("Wij verlagen de huren.")
    assert pages.statement_heading("Wij verlagen alle huren fors.")


def test_furniture_share_decides_a_running_header(monkeypatch: pytest.MonkeyPatch) -> None:
    letters = "abcdefghij"
    body = [
        "\n".join(f"Zin {letters[i]}{letters[j]} over het beleid." for j in range(10))
        for i in range(10)
    ]
    marked = [f"Ons programma {i}\n{b}" if i < 4 else b for i, b in enumerate(body)]
    assert pages.drop_furniture(marked)[0].startswith("Zin")  # on 4 of 10 pages: furniture
    monkeypatch.setattr(pages, "PARAMS", PageParams(furniture_share=0.5))
    assert pages.drop_furniture(marked)[0].startswith("Ons programma")


def test_min_evidence_decides_soft_hyphenation(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [
        "Het duurt maar enkele mi-",
        "nuten voordat de bus komt, en de bestaans-",
        "zekerheid van ouderen gaat voor.",
    ]
    assert not hyphens.hyphen_policy(lines).soft  # two clear breaks: fewer than three
    monkeypatch.setattr(hyphens, "PARAMS", HyphenParams(min_evidence=2))
    policy = hyphens.hyphen_policy(lines)
    assert policy.soft and policy.drop(lines[0], lines[1])
    with pytest.raises(IngestError, match=r"^hyphen parameter min_share: input should be"):
        HyphenParams.from_options({"min_share": 2})
