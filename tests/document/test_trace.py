"""Traceability types live in the document layer: one way to locate a span, one rule for
what a passage holds (the analysis and the workbench's review agree)."""

from __future__ import annotations

import ast
from pathlib import Path

from beleidslens.analysis.pipeline import analyze
from beleidslens.document.trace import Amount, Location, inside
from beleidslens.framework import load_framework
from beleidslens.ingest import load_document

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "voorbeeldakkoord.txt"


def test_document_location_matches_its_block() -> None:
    doc = load_document(SAMPLE)
    for block in doc.blocks():
        loc = doc.location(block.start, block.end)
        assert (loc.start, loc.end) == (block.start, block.end)
        assert loc.page == doc.page_at(block.start)
        assert loc.section == block.section and loc.block_id == block.id
        assert doc.location(block.start, block.end, block) == loc  # given or found: the same


def test_inside_is_containment() -> None:
    spans = [(10, 20), (30, 40)]
    assert inside(Location(start=10, end=20), spans)
    assert inside(Location(start=32, end=35), spans)
    assert not inside(Location(start=18, end=22), spans)  # straddles the end of a passage
    assert not inside(Location(start=25, end=28), spans)
    assert not inside(None, spans)


def test_review_refresh_keeps_the_analysis_rule() -> None:
    """After a review that changes nothing, every theme keeps exactly its analysis amounts."""
    from beleidslens.web.review import _refresh_money

    result = analyze(load_document(SAMPLE), load_framework("kwetsbaarheden"))
    before = {t.id: (t.amounts, t.targets) for t in result.themes}
    assert any(a for a, _ in before.values())
    _refresh_money(result)
    assert {t.id: (t.amounts, t.targets) for t in result.themes} == before
    assert all(isinstance(a, Amount) for t in result.themes for a in t.amounts)
    # an amount that starts in a selected passage but runs past its end is not inside it
    theme = next(t for t in result.themes if t.selected)
    end = theme.selected[0].location.end
    straddling = Amount(
        value_eur=1e6, text="€ 1 mln", location=Location(start=end - 2, end=end + 5)
    )
    result.amounts.append(straddling)
    _refresh_money(result)
    assert straddling not in theme.amounts


def test_extract_and_document_do_not_import_analysis() -> None:
    for folder in ("extract", "document"):
        for path in (REPO / "src" / "beleidslens" / folder).glob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module:
                    assert not node.module.startswith("analysis"), f"{path.name} imports analysis"
