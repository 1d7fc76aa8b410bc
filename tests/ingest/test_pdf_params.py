"""The PDF layout reader's parameters (PdfLayoutParams): one model, checked in one line,
and what the reader reads with."""

from __future__ import annotations

import pytest

from beleidslens.errors import IngestError
from beleidslens.ingest.pdf import furniture
from beleidslens.ingest.pdf.layout import PageLayout, TextLine
from beleidslens.ingest.pdf.params import PdfLayoutParams, current, layout_params


def test_every_field_is_documented_with_a_range() -> None:
    for name, info in PdfLayoutParams.model_fields.items():
        assert info.description, name
        assert info.metadata, name  # ge/gt and le/lt bounds


def test_bad_values_are_one_line() -> None:
    with pytest.raises(IngestError, match=r"^PDF layout parameter band: input") as e:
        PdfLayoutParams.from_options({"band": 0.9})
    assert "\n" not in str(e.value)
    with pytest.raises(IngestError, match=r"^PDF layout parameter gutter: extra inputs"):
        PdfLayoutParams.from_options({"gutter": 3})


def _line(text: str, top: float) -> TextLine:
    return TextLine(text, 280.0, 300.0, top, top + 10, 10.0, False, "F", "F")


def test_layout_params_set_what_the_reader_uses() -> None:
    # a footer line 60 pt above the foot of an 842 pt page: in a band of 0.09, not of 0.05
    page = PageLayout(0, 595.0, 842.0, [_line("Tekst", 400.0), _line("7", 782.0)])
    assert furniture._band(page.lines[1], page) == "bottom"
    with layout_params(PdfLayoutParams(band=0.05)) as params:
        assert current() is params
        assert furniture._band(page.lines[1], page) is None
    assert current() == PdfLayoutParams()
