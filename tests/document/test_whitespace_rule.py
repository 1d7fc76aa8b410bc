"""The whitespace rule of sentences (no sentence starts or ends with whitespace) holds for
every ingester and is checked by :meth:`Document.check` itself."""

from __future__ import annotations

import io

import pytest

from beleidslens.document import Document, NodeKind
from beleidslens.ingest import parse_text
from beleidslens.ingest.docx import DocxIngester


def _docx_with_empty_cells() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("Een alinea.")
    table = d.add_table(rows=2, cols=3)
    table.cell(0, 1).text = "b"
    table.cell(1, 2).text = "€ 5 mln"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_table_rows_with_empty_first_cells() -> None:
    doc = DocxIngester().read(_docx_with_empty_cells(), "tabel.docx")
    doc.check()
    rows = [n.text for n in doc.walk() if n.kind is NodeKind.TABLE_ROW]
    assert rows == ["| b |", "|  | € 5 mln"]  # as a Markdown row: the empty cells kept
    for node in doc.walk():
        if node.kind is NodeKind.SENTENCE:
            assert node.text == node.text.strip() and node.text


def test_check_refuses_a_sentence_with_outer_whitespace() -> None:
    doc = parse_text("Wonen\n\nWe bouwen huizen. En meer.\n")
    doc.check()
    data = doc.to_dict()
    sentence = [n for n in doc.walk() if n.kind is NodeKind.SENTENCE][-1]  # "En meer."
    broken = Document.from_dict(data)
    target = next(n for n in broken.walk() if n.id == sentence.id)
    target.start -= 1  # now it starts with the blank before it
    target.text = broken.text[target.start : target.end]
    assert target.text[0].isspace()
    with pytest.raises(AssertionError, match="whitespace"):
        broken.check()
