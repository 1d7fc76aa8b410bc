"""CSV export: one row per passage and per aspect verdict, Excel-safe."""

from __future__ import annotations

import csv
import io

from beleidslens.render import RenderOptions, render
from beleidslens.render.csv import defuse
from fixtures_analysis import make_analysis


def _rows(lang: str = "nl", **kw: object) -> list[list[str]]:
    data = render(make_analysis(), "csv", RenderOptions(lang=lang, **kw))  # type: ignore[arg-type]
    assert isinstance(data, bytes)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_one_row_per_passage_and_per_aspect() -> None:
    analysis = make_analysis()
    rows = _rows()
    header, body = rows[0], rows[1:]
    assert header[:3] == ["soort", "thema_id", "thema"]
    n_passages = sum(len(t.passages) for t in analysis.themes)
    n_aspects = sum(len(t.aspects) for t in analysis.themes)
    assert sum(r[0] == "passage" for r in body) == n_passages
    assert sum(r[0] == "aspect" for r in body) == n_aspects
    by = {name: i for i, name in enumerate(header)}
    first = body[0]
    assert first[by["thema"]] == "Economische kwetsbaarheid"
    assert first[by["geselecteerd"]] == "ja"
    assert first[by["pagina"]] == "1"
    assert first[by["sectie"]] == "1. Een sterke economie"
    assert "€ 2 miljard" in first[by["tekst"]]
    assert first[by["aspect_ids"]] == "innovatie ondernemersklimaat"
    buffers = next(r for r in body if r[0] == "aspect" and r[by["aspect_ids"]] == "buffers")
    assert buffers[by["status"]] == "niet geadresseerd"
    assert buffers[by["tekst"]] == ""


def test_text_survives_and_formulas_are_defused() -> None:
    body = _rows()[1:]
    texts = [r[-1] for r in body]
    assert any("<script>alert(1)</script>" in x and "&" in x for x in texts)
    assert any(x.startswith("'=SOM(A1:A9)") for x in texts)
    assert not any(cell.startswith(("=", "+", "@")) for r in body for cell in r)
    assert any("Financiële ideeën" in x for x in texts)


def test_english_headers_and_only_selected() -> None:
    rows = _rows("en", include_unselected=False)
    assert rows[0][:3] == ["record", "theme_id", "theme"]
    assert all(r[5] == "yes" for r in rows[1:] if r[0] == "passage")
    assert not any(r[5] == "no" for r in rows[1:])


def test_defuse() -> None:
    assert defuse("=1+1") == "'=1+1"
    assert defuse("+31 6") == "'+31 6"
    assert defuse("-5") == "'-5"
    assert defuse("@x") == "'@x"
    assert defuse("gewoon") == "gewoon"
    assert defuse(-5.0) == -5.0  # numbers stay numbers
