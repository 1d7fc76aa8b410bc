"""Rows, headings and context features (no extra needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from _learn import need_sklearn
from beleidslens.cli import main
from beleidslens.learn.rows import DataError, Row, contexts, neighbour_index, read_csv


def _csv(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "rows.csv"
    p.write_text(text, encoding="utf-8")
    return p


def test_headings_set_context_and_groups_bound_neighbours(tmp_path: Path) -> None:
    p = _csv(
        tmp_path,
        "doc,text,code\n"
        "a,Wonen,H\n"
        "a,We bouwen meer huizen.,501\n"
        "a,Ook voor starters.,501\n"
        "b,Onderwijs,H\n"
        "b,Leraren verdienen meer.,506\n",
    )
    _records, rows = read_csv(p, text_column="text", label_column="code", group_column="doc")
    assert [r.is_heading for r in rows] == [True, False, False, True, False]
    assert rows[1].heading == "Wonen" and rows[4].heading == "Onderwijs"
    ctx = contexts(rows, window=1)
    assert ctx[1].before == "" and ctx[1].after == "Ook voor starters."
    assert ctx[2].before == "We bouwen meer huizen."
    assert ctx[2].after == ""  # the next row is in another group
    assert ctx[4].before == "" and ctx[4].heading == "Onderwijs"
    prev, nxt = neighbour_index(rows)
    assert prev == [-1, -1, 1, -1, -1] and nxt == [-1, 2, -1, -1, -1]


def test_window_reaches_further() -> None:
    rows = [Row(f"r{i}", "x", "g") for i in range(5)]
    assert contexts(rows, window=2)[2].before == "r0 r1"
    assert contexts(rows, window=2)[2].after == "r3 r4"


def test_heading_column(tmp_path: Path) -> None:
    p = _csv(tmp_path, "text;is_heading;code\nKop;1;\nZin een twee.;0;201\n")
    _r, rows = read_csv(p, text_column="text", label_column="code")
    assert rows[0].is_heading and rows[1].heading == "Kop"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("text,code\nA,1\n", "no column 'tekst'"),
        ("", "empty CSV"),
    ],
)
def test_bad_csv_is_one_line(tmp_path: Path, content: str, message: str) -> None:
    p = _csv(tmp_path, content)
    with pytest.raises(DataError, match=message):
        read_csv(p, text_column="tekst" if "tekst" in message else "text")


def test_train_cli_missing_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    need_sklearn()
    p = _csv(tmp_path, "text,code\nA b c,1\n")
    with pytest.raises(SystemExit) as exc:
        main(
            [
                "train",
                str(p),
                "--text-column",
                "text",
                "--label-column",
                "label",
                "-o",
                str(tmp_path / "m.zip"),
            ]
        )
    assert exc.value.code != 0
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no column 'label'" in err and "rows.csv" in err
