"""A wall of text (no line breaks) is cut into paragraphs at sentence ends, and reports say so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from beleidslens.cli import cli
from beleidslens.document.builder import RawBlock
from beleidslens.document.model import NodeKind
from beleidslens.document.reflow import NOTE_REFLOWED, ReflowParameters, reflow_blocks
from beleidslens.ingest import load_document, parse_text
from beleidslens.ingest.plaintext import parse_plain
from conftest import EXAMPLES, shared_path

SENTENCES = [
    "Wij investeren in betaalbare huurwoningen voor starters en jonge gezinnen.",
    "De huurtoeslag gaat omhoog voor huishoudens met een laag inkomen.",
    "Het kabinet bouwt de komende vier jaar elk jaar 100.000 nieuwe woningen.",
    "Gemeenten krijgen structureel meer geld voor de jeugdzorg en de wijkteams.",
    "Wij versterken de positie van mantelzorgers met respijtzorg in elke gemeente.",
    "Het wettelijk minimumloon stijgt in twee stappen met tien procent.",
    "Wij verminderen de uitstoot van broeikasgassen met 55 procent in 2030.",
]


def _wall(repeats: int = 8) -> str:
    return " ".join(SENTENCES * repeats)


def test_one_line_document_becomes_paragraphs_of_a_few_sentences() -> None:
    doc = parse_text(_wall())
    doc.check()
    assert doc.source.notes == [NOTE_REFLOWED]
    blocks = doc.blocks()
    assert len(blocks) > 10
    params = ReflowParameters()
    for block in blocks:
        assert block.kind is NodeKind.PARAGRAPH
        assert len(block.children) <= params.paragraph_sentences
        assert block.text == block.text.strip()
    # nothing is lost: every sentence is still there, in order
    assert [s.text for s in doc.sentences()] == SENTENCES * 8


def test_inline_bullet_glyphs_start_bullets() -> None:
    items = " • ".join(SENTENCES)
    doc = parse_text(f"{_wall(4)} • {items} • {items}")
    doc.check()
    bullets = [b for b in doc.blocks() if b.kind is NodeKind.BULLET]
    assert [b.text for b in bullets] == SENTENCES * 2
    assert "•" not in "".join(b.text for b in doc.blocks())


def test_a_one_liner_that_looks_like_a_table_row_is_still_reflowed() -> None:
    # figures and runs of spaces make the line classifier call one line a table row
    text = "  ".join(f"{s} Kosten 2026 2027 2028 € 1,5 mld." for s in SENTENCES * 5)
    blocks, _ = parse_plain(text, paged=False)
    assert [b.kind for b in blocks] == [NodeKind.TABLE_ROW]
    doc = parse_text(text)
    doc.check()
    assert doc.source.notes == [NOTE_REFLOWED]
    assert all(b.kind is not NodeKind.TABLE_ROW for b in doc.blocks())


def test_ordinary_documents_are_untouched() -> None:
    doc = load_document(EXAMPLES / "voorbeeldakkoord.txt")
    assert doc.source.notes == []
    assert "notes" not in doc.source.to_dict()
    blocks = [RawBlock(NodeKind.PARAGRAPH, " ".join(SENTENCES))]
    assert reflow_blocks(blocks) == (blocks, False)


def test_page_breaks_move_to_the_piece_they_fall_in() -> None:
    text = _wall(8)
    brk = text.index(SENTENCES[3], len(text) // 2)  # a page starts at a sentence mid-way
    block = RawBlock(NodeKind.PARAGRAPH, text, page=4, page_breaks=[(brk, 5)])
    pieces, changed = reflow_blocks([block])
    assert changed
    offset = 0
    for piece in pieces:
        offset = text.index(piece.text, offset)
        if offset + len(piece.text) <= brk:
            assert piece.page == 4 and not piece.page_breaks
        elif offset >= brk:
            assert piece.page == 5 and not piece.page_breaks
        else:
            assert piece.page == 4 and piece.page_breaks == [(brk - offset, 5)]
    assert sum(p.page == 4 for p in pieces) and sum(p.page == 5 for p in pieces)


def test_parameters_are_validated() -> None:
    with pytest.raises(ValueError):
        ReflowParameters(paragraph_sentences=0)
    with pytest.raises(ValueError):
        ReflowParameters(threshold=1)  # type: ignore[call-arg]


def test_flattened_sample_gets_passages_and_every_report_says_so(tmp_path: Path) -> None:
    flat = tmp_path / "plat.txt"
    flat.write_text(" ".join((EXAMPLES / "voorbeeldakkoord.txt").read_text().split()))
    runner = CliRunner()
    md = runner.invoke(cli, ["analyze", str(flat), "-f", "kwetsbaarheden", "--format", "expert"])
    assert md.exit_code == 0, md.output
    assert "warning" in md.stderr and "punctuation" in md.stderr
    assert "afgeleid uit de interpunctie" in md.stdout
    assert md.stdout.count("•") >= 8  # passages again (0 before the reflow)
    out = tmp_path / "a.json"
    r = runner.invoke(cli, ["analyze", str(flat), "-f", "kwetsbaarheden", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text())["document"]["notes"] == [NOTE_REFLOWED]
    html = tmp_path / "r.html"
    r = runner.invoke(
        cli,
        ["analyze", str(flat), "-f", "kwetsbaarheden", "--format", "html", "-o", str(html)],
    )
    assert r.exit_code == 0 and "doc-note" in html.read_text()
    en = runner.invoke(
        cli,
        ["analyze", str(flat), "-f", "kwetsbaarheden", "--format", "markdown", "--lang", "en"],
    )
    assert "recovered from punctuation" in en.stdout


def test_ordinary_analysis_json_has_no_notes(tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    r = CliRunner().invoke(
        cli,
        ["analyze", str(EXAMPLES / "voorbeeldakkoord.txt"), "-f", "kwetsbaarheden", "-o", str(out)],
    )
    assert r.exit_code == 0, r.output
    assert "notes" not in json.loads(out.read_text())["document"]


@pytest.mark.corpus
def test_walls_of_text_in_the_corpus_are_cut() -> None:
    # a 2023 text conversion that lost its paragraph breaks (blocks of 45,000 characters)
    doc = load_document(shared_path("corpus", "nl-manifestos-txt-wouterbakker", "BBB_2023.txt"))
    doc.check()
    assert doc.source.notes == [NOTE_REFLOWED]
    params = ReflowParameters()
    walls = [
        b
        for b in doc.blocks()
        if len(b.text) > params.max_block_chars and len(b.children) >= params.min_sentences
    ]
    assert walls == []
    agreement = load_document(shared_path("corpus", "coalitieakkoord-2021-2025.txt"))
    assert agreement.source.notes == []
