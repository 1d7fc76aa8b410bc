"""Coded rows as ground truth: alignment, tracing, P@k tallies, splits, peers (own samples)."""

from __future__ import annotations

from pathlib import Path

import pytest

from beleidslens.errors import AnalysisError
from beleidslens.evaluate.coded import CodedRow, align_rows, rebuild_document
from beleidslens.evaluate.corpora import split_of
from beleidslens.evaluate.peers import PEERS, PeerParams, bm25_rankings, theme_labels
from beleidslens.evaluate.ranking import Ranked, Tally
from beleidslens.evaluate.rules import EvaluationRules
from beleidslens.framework import parse_framework
from beleidslens.ingest import load_document

_TEXT = """Inhoud

Betere zorg in de wijk
Veilige straten voor iedereen

Betere zorg in de wijk

Wij willen dat de huisarts in elke wijk te vinden is. Wachtlijsten in de ouderenzorg gaan
omlaag door meer verpleegkundigen aan te nemen. Mantelzorgers krijgen ondersteuning.

Veilige straten voor iedereen

Er komen meer wijkagenten op straat. Overlast van jongeren pakken we samen met scholen aan.
Wij investeren in camera's op plekken waar vaak wordt ingebroken.
"""

_ROWS = [
    ("Wij willen dat de huisarts in elke wijk te vinden is.", "504"),
    ("Wachtlijsten in de ouderenzorg gaan omlaag", "504"),
    ("door meer verpleegkundigen aan te nemen.", "504"),
    ("Mantelzorgers krijgen ondersteuning.", "606"),
    ("Er komen meer wijkagenten op straat.", "605"),
    ("Overlast van jongeren pakken we samen met scholen aan.", "605"),
    ("Wij investeren in camera's op plekken waar vaak wordt ingebroken.", "605"),
]


def _rows() -> list[CodedRow]:
    return [CodedRow(t, c, i) for i, (t, c) in enumerate(_ROWS)]


@pytest.fixture
def coded(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "programma.txt"
    path.write_text(_TEXT, encoding="utf-8")
    doc = load_document(path)
    return align_rows("programma", doc, _rows())


def _span(doc_text: str, phrase: str) -> tuple[int, int]:
    start = doc_text.index(phrase)
    return start, start + len(phrase)


def test_every_row_is_located_and_headings_stay_unlabelled(coded) -> None:  # type: ignore[no-untyped-def]
    assert coded.placed == len(_ROWS)
    text = coded.document.text
    heading = coded.trace(*_span(text, "Veilige straten voor iedereen"))
    assert heading.labelled == 0 and heading.unlabelled == 4
    trace = coded.trace(*_span(text, "Er komen meer wijkagenten op straat."))
    assert trace.words == {4: 6} and trace.unlabelled == 0
    assert trace.share(coded.rows, ["605"]) == 1.0
    assert trace.share(coded.rows, ["504"]) == 0.0
    assert coded.code_counts() == {"504": 3, "606": 1, "605": 3}


def test_a_passage_over_two_rows_is_shared_by_their_codes(coded) -> None:  # type: ignore[no-untyped-def]
    text = coded.document.text
    start = text.index("Wachtlijsten")
    end = text.index("ondersteuning.") + len("ondersteuning.")
    trace = coded.trace(start, end)
    assert set(trace.words) == {1, 2, 3}
    assert 0.6 < trace.share(coded.rows, ["504"]) < 0.9


def test_tally_precision_at_k_and_barely_mentioned(coded) -> None:  # type: ignore[no-untyped-def]
    text = coded.document.text
    care = [_span(text, r[0]) for r in _ROWS[:1]] + [_span(text, _ROWS[3][0])]
    heading = _span(text, "Inhoud")
    ranking = [Ranked(*heading, True), Ranked(*care[0], True), Ranked(*care[1], True)]
    tally = Tally(rules=EvaluationRules(min_theme_rows=2))
    # one theme the document has three rows of, and one it has none of
    codes = {"zorg": ["504"], "landbouw": ["703"]}
    tally.add(coded, {"zorg": ranking, "landbouw": [Ranked(*care[0], True)]}, codes)
    summary = tally.summary()
    # the heading is unjudged; of the two judged passages one is about care: P@5 = 1/5
    assert summary["per_theme"]["zorg"]["p@5"] == pytest.approx(0.2)
    assert summary["per_theme"]["landbouw"]["p@5"] is None  # no rows of the theme
    assert summary["selected"] == 3 and summary["selected_precision"] == pytest.approx(
        1 / 3, abs=1e-3
    )
    assert summary["barely_pairs"] == 1 and summary["barely_selected"] == 1
    # "zorg" has rows enough for P@k, and a passage was selected for it
    assert summary["coded_pairs"] == 1 and summary["coded_covered"] == 1
    empty = Tally(rules=EvaluationRules(min_theme_rows=2))
    empty.add(coded, {"zorg": [Ranked(r.start, r.end, False) for r in ranking]}, codes)
    assert (empty.summary()["coded_pairs"], empty.summary()["coded_covered"]) == (1, 0)


def test_rows_elsewhere_first_go_to_the_copy_after_the_previous_row(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_text(
        "Meer wijkagenten op straat en minder overlast.\n\nEerst iets anders over scholen en "
        "leraren.\n\nMeer wijkagenten op straat en minder overlast.\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    rows = [
        CodedRow("Eerst iets anders over scholen en leraren.", "506", 0),
        CodedRow("Meer wijkagenten op straat en minder overlast.", "605", 1),
    ]
    coded = align_rows("p", doc, rows)
    second = doc.text.rindex("Meer wijkagenten")
    assert coded.trace(second, len(doc.text)).words == {1: 7}
    assert coded.trace(0, 10).labelled == 0


def test_rebuilt_document_keeps_rows_and_makes_paragraphs() -> None:
    doc = rebuild_document("x", _rows(), sentences_per_paragraph=2)
    assert [b.text.count(".") for b in doc.blocks()] == [2, 2, 2]
    coded = align_rows("x", doc, _rows())
    assert coded.placed == len(_ROWS)


def test_split_is_deterministic_and_sets_a_part_aside() -> None:
    keys = [f"party{i}" for i in range(300)]
    splits = [split_of(k) for k in keys]
    assert splits == [split_of(k) for k in keys]
    assert 0.25 < splits.count("set-aside") / len(keys) < 0.42


_FW = """
schema: 1
id: t
name: T
themes:
  - id: zorg
    label: Zorg
    keywords: [huisarts, ouderenzorg]
    aspects: [{id: a, label: verpleegkundigen, codes: ["504"]}]
  - id: veiligheid
    label: Veiligheid
    keywords: [wijkagenten, overlast]
    aspects: [{id: b, label: camera's, codes: ["605"]}]
"""


def test_bm25_peer_ranks_sentences_per_theme(coded) -> None:  # type: ignore[no-untyped-def]
    fw = parse_framework(_FW, "t.yaml")
    rankings = bm25_rankings(coded.document, fw)
    first = rankings["veiligheid"][0]
    assert coded.trace(first.start, first.end).share(coded.rows, ["605"]) == 1.0
    assert all(r.selected for r in rankings["zorg"][:3])
    assert theme_labels({"zorg": ["504"], "veiligheid": ["605"]}, "605") == "veiligheid"
    assert theme_labels({"zorg": ["504"]}, "703") == "-"


@pytest.mark.extra
def test_tfidf_peer_learns_from_rows(coded) -> None:  # type: ignore[no-untyped-def]
    from _extras import require_extra

    require_extra("sklearn", "bench")
    from beleidslens.evaluate.peers import TfidfLR

    texts = [t for t, _ in _ROWS] * 3
    labels = ["zorg" if c == "504" else "veiligheid" if c == "605" else "-" for _, c in _ROWS] * 3
    model = TfidfLR(texts, labels)
    ranked = model.rankings(coded.document, ["zorg", "veiligheid"])
    top = ranked["veiligheid"][0]
    assert coded.trace(top.start, top.end).share(coded.rows, ["605"]) == 1.0


def test_peer_parameters_have_their_effect(coded) -> None:  # type: ignore[no-untyped-def]
    fw = parse_framework(_FW, "t.yaml")
    default = bm25_rankings(coded.document, fw)["zorg"]
    assert sum(r.selected for r in default) >= 2
    one = bm25_rankings(coded.document, fw, PeerParams(bm25_select=1))["zorg"]
    assert sum(r.selected for r in one) == 1
    short = bm25_rankings(coded.document, fw, PeerParams(rank_depth=1))["zorg"]
    assert len(short) == 1 < len(default)
    # the cached TF-IDF models stay keyed as before the parameters were a model
    assert PEERS.cache_key() == "(2e-05, 12, 100000)"
    assert PeerParams(min_df=1).cache_key() != PEERS.cache_key()
    with pytest.raises(AnalysisError) as exc:
        PeerParams.from_options({"lr_select": 2})
    assert str(exc.value).startswith("peer parameter lr_select: ")


@pytest.mark.extra
def test_tfidf_peer_selection_threshold(coded) -> None:  # type: ignore[no-untyped-def]
    from _extras import require_extra

    require_extra("sklearn", "bench")
    from beleidslens.evaluate.peers import TfidfLR

    texts = [t for t, _ in _ROWS] * 3
    labels = ["zorg" if c == "504" else "veiligheid" if c == "605" else "-" for _, c in _ROWS] * 3
    picked = TfidfLR(texts, labels).rankings(coded.document, ["zorg"])["zorg"]
    assert any(r.selected for r in picked)
    strict = TfidfLR(texts, labels, params=PeerParams(lr_select=1.0))
    assert not any(r.selected for r in strict.rankings(coded.document, ["zorg"])["zorg"])
    capped = TfidfLR(texts, labels, params=PeerParams(lr_select_max=0))
    assert not any(r.selected for r in capped.rankings(coded.document, ["zorg"])["zorg"])
