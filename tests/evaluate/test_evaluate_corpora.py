"""The coded corpora of bench_quality: what is read, how rows land in the published texts."""

from __future__ import annotations

import pytest

from beleidslens.evaluate.coded import align_rows
from beleidslens.evaluate.corpora import pimpo_sources, read_marpor
from beleidslens.evaluate.quality import engine_rankings, theme_codes
from beleidslens.evaluate.ranking import Tally
from beleidslens.framework import load_framework
from beleidslens.ingest import load_document
from conftest import shared_path

pytestmark = pytest.mark.corpus


def test_marpor_sources_leave_2017_out_and_split_by_party() -> None:
    corpus = shared_path("corpus")
    sources = read_marpor(corpus)
    assert len(sources) == 31 and all(s.year < 2017 for s in sources)
    by_party = {s.party: s.split for s in sources}
    assert all(s.split == by_party[s.party] for s in sources)
    assert {"dev", "set-aside"} == set(by_party.values())
    pimpo = pimpo_sources(corpus, sources)
    assert {s.year for s in pimpo} == {2006, 2010}
    assert sum(r.code == "pimpo" for s in pimpo for r in s.rows) > 1000


def test_rows_of_a_programme_are_found_in_its_published_text() -> None:
    from beleidslens.analysis.pipeline import analyze

    sources = {s.name: s for s in read_marpor(shared_path("corpus"))}
    src = sources["pvv_2006"]
    coded = align_rows(src.name, load_document(src.text_path), src.rows)
    assert coded.placed_share > 0.95
    fw = load_framework("marpor")
    tally = Tally()
    tally.add(coded, engine_rankings(analyze(coded.document, fw)), theme_codes(fw))
    summary = tally.summary()
    assert summary["documents"] == 1 and summary["selected"] > 0
    assert summary["selected_precision"] is not None
