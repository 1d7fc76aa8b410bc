"""``beleidslens batch``: tables, resuming, a failing document, metadata, exports,
executors agreeing, progress hidden when piped."""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from _extras import require_extra
from beleidslens.corpus import run_batch
from beleidslens.corpus.store import Store
from beleidslens.corpus.tables import Tables, export
from conftest import EXAMPLES

FRAMEWORK = "kwetsbaarheden"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three readable documents (own samples) and one broken PDF."""
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    text = (EXAMPLES / "voorbeeldakkoord.txt").read_text(encoding="utf-8")
    (folder / "akkoord.txt").write_text(text, encoding="utf-8")
    (folder / "sub" / "akkoord.md").write_text(
        (EXAMPLES / "voorbeeldakkoord.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "half.txt").write_text(text[: len(text) // 2], encoding="utf-8")
    (folder / "kapot.pdf").write_bytes(b"this is not a PDF at all")
    (folder / "notes.csv").write_text("not,a,document\n", encoding="utf-8")  # not picked up
    (folder / ".hidden.txt").write_text(text, encoding="utf-8")  # hidden: skipped
    return folder


def _runs(db: Path) -> dict[str, tuple[str, str | None]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT document, status, error FROM runs").fetchall()
    return {Path(d).name: (s, e) for d, s, e in rows}


def test_batch_tables_failure_and_resume(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "out.db"
    first = run_batch([corpus], [FRAMEWORK], db, jobs=1)
    assert first.documents == 4 and first.analysed == 3 and first.skipped == 0
    assert [Path(d).name for d, _ in first.failed] == ["kapot.pdf"]
    error = first.failed[0][1]
    assert "kapot.pdf" in error and "\n" not in error and "Traceback" not in error
    runs = _runs(db)
    assert runs["kapot.pdf"][0] == "error" and runs["akkoord.txt"] == ("ok", None)

    tables = Tables.load(db)
    docs = {Path(r["document"]).name: r for r in tables.records("documents")}
    assert set(docs) == {"akkoord.txt", "akkoord.md", "half.txt", "kapot.pdf"}
    assert docs["akkoord.txt"]["sha256"] and docs["akkoord.txt"]["characters"] > 1000
    passages = tables.records("passages")
    assert passages and {p["framework"] for p in passages} == {FRAMEWORK}
    assert any(p["selected"] for p in passages)
    assert all(p["text"] for p in passages)
    aspects = tables.records("aspects")
    assert {a["status"] for a in aspects} <= {"addressed", "uncertain", "not_addressed"}

    # second run: everything that succeeded is skipped, the failure is tried again
    second = run_batch([corpus], [FRAMEWORK], db, jobs=1)
    assert (second.analysed, second.skipped, len(second.failed)) == (0, 3, 1)
    assert Tables.load(db).records("passages") == passages

    # a changed document is analysed again, the others are not
    half = corpus / "half.txt"
    half.write_text(half.read_text(encoding="utf-8") + "\nWij bouwen meer woningen.\n", "utf-8")
    third = run_batch([corpus], [FRAMEWORK], db, jobs=1)
    assert third.analysed == 1 and third.skipped == 2
    assert [Path(o.path).name for o in third.outcomes if o.ok] == ["half.txt"]
    # a second framework analyses every document for that framework only
    fourth = run_batch([corpus / "akkoord.txt"], [FRAMEWORK, "sdg"], db, jobs=1)
    assert fourth.analysed == 1
    assert [r.framework for r in fourth.outcomes[0].results] == ["sdg"]


def test_interrupted_batch_keeps_what_it_finished(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "out.db"
    seen: list[str] = []

    def stop_after_first(outcome: object) -> None:
        seen.append(str(outcome))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch([corpus], [FRAMEWORK], db, jobs=1, on_outcome=stop_after_first)
    assert len(seen) == 1
    assert len(_runs(db)) == 1  # the finished document is committed
    resumed = run_batch([corpus], [FRAMEWORK], db, jobs=1)
    assert (resumed.skipped, resumed.analysed, len(resumed.failed)) == (1, 2, 1)


def test_metadata_join(corpus: Path, tmp_path: Path) -> None:
    meta = tmp_path / "meta.csv"
    meta.write_text(
        "file;Party;year\nakkoord;Lindenwaard;2026\nhalf.txt;Half <b>;2024\nmissing;X;1999\n",
        encoding="utf-8",
    )
    db = tmp_path / "out.db"
    summary = run_batch([corpus], [FRAMEWORK], db, jobs=1, metadata=meta)
    assert summary.unmatched_metadata == ["missing"]
    docs = {Path(r["document"]).name: r for r in Tables.load(db).records("documents")}
    assert docs["akkoord.txt"]["party"] == "Lindenwaard" and docs["akkoord.txt"]["year"] == 2026
    assert docs["akkoord.md"]["party"] == "Lindenwaard"  # the stem matches both files
    assert docs["half.txt"]["year"] == 2024 and docs["kapot.pdf"]["party"] is None


def test_bad_metadata_is_one_line(tmp_path: Path, corpus: Path) -> None:
    from beleidslens.errors import IngestError

    meta = tmp_path / "meta.csv"
    meta.write_text("file,party\na,b\na,c\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"meta.csv:3: document 'a' is listed twice"):
        run_batch([corpus], [FRAMEWORK], tmp_path / "out.db", metadata=meta)


def test_output_must_be_a_batch_database(tmp_path: Path, corpus: Path) -> None:
    from beleidslens.errors import RenderError

    other = tmp_path / "other.db"
    other.write_bytes(b"precious")
    with pytest.raises(RenderError, match="not a beleidslens batch database"):
        run_batch([corpus], [FRAMEWORK], other)
    assert other.read_bytes() == b"precious"  # never overwritten


def test_exports_open_in_sqlite_openpyxl_csv_pandas(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "out.db"
    run_batch([corpus / "akkoord.txt", corpus / "half.txt"], [FRAMEWORK], db, jobs=1)
    with sqlite3.connect(db) as conn:
        n = conn.execute("SELECT count(*) FROM passages WHERE selected = 1").fetchone()[0]
    assert n > 0
    assert not Path(str(db) + "-wal").exists()  # one self-contained file

    from openpyxl import load_workbook

    (xlsx,) = export(db, tmp_path / "out.xlsx")
    wb = load_workbook(xlsx, read_only=True)
    assert wb.sheetnames == ["documents", "passages", "aspects", "amounts"]
    rows = list(wb["passages"].iter_rows(values_only=True))
    assert rows[0][:3] == ("document", "framework", "theme") and len(rows) > n

    written = export(db, tmp_path / "out.csv")
    assert sorted(p.name for p in written) == [
        "out.amounts.csv", "out.aspects.csv", "out.documents.csv", "out.passages.csv"
    ]  # fmt: skip
    with (tmp_path / "out.documents.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 2
    with (tmp_path / "out.passages.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == len(rows) - 1


@pytest.mark.extra
def test_tables_open_in_pandas_and_parquet(corpus: Path, tmp_path: Path) -> None:
    require_extra("pandas", "pandas")
    import pandas as pd

    db = tmp_path / "out.db"
    run_batch([corpus / "half.txt"], [FRAMEWORK], db, jobs=1)
    frame = Tables.load(db).to_pandas("aspects")
    assert isinstance(frame, pd.DataFrame) and set(frame["status"]) <= {
        "addressed", "uncertain", "not_addressed"
    }  # fmt: skip
    assert len(pd.read_sql("SELECT * FROM passages", sqlite3.connect(db))) == len(
        Tables.load(db).rows("passages")
    )
    require_extra("pyarrow", "parquet")
    export(db, tmp_path / "out.parquet")
    assert len(pd.read_parquet(tmp_path / "out.aspects.parquet")) == len(frame)


def _tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    data = Tables.load(db).data
    out = {name: rows for name, (_cols, rows) in data.items() if name != "runs"}
    with sqlite3.connect(db) as conn:
        out["digests"] = conn.execute(
            "SELECT document, framework, result_digest FROM runs ORDER BY document"
        ).fetchall()
    return out


def test_process_pool_agrees_with_inline(corpus: Path, tmp_path: Path) -> None:
    run_batch([corpus], [FRAMEWORK], tmp_path / "inline.db", jobs=1)
    run_batch([corpus], [FRAMEWORK], tmp_path / "pool.db", jobs=2)
    inline = _tables(tmp_path / "inline.db")
    assert sum(1 for _doc, _fw, d in inline["digests"] if d) == 3  # the 3 readable documents
    assert _tables(tmp_path / "pool.db") == inline


@pytest.mark.extra
def test_dask_cluster_agrees_with_inline(corpus: Path, tmp_path: Path) -> None:
    require_extra("distributed", "distributed")
    run_batch([corpus], [FRAMEWORK], tmp_path / "inline.db", jobs=1)
    # a local Dask cluster of two worker processes, started here
    run_batch([corpus], [FRAMEWORK], tmp_path / "dask.db", jobs=2, executor="dask")
    assert _tables(tmp_path / "dask.db") == _tables(tmp_path / "inline.db")


def _cli(
    args: list[str], capsys: pytest.CaptureFixture[str], progress: str | None = None
) -> tuple[int, str, str]:
    """Run the command in this process (stderr is captured: not a terminal)."""
    from beleidslens.cli import main

    old = os.environ.pop("BELEIDSLENS_PROGRESS", None)
    if progress is not None:
        os.environ["BELEIDSLENS_PROGRESS"] = progress
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        os.environ.pop("BELEIDSLENS_PROGRESS", None)
        if old is not None:
            os.environ["BELEIDSLENS_PROGRESS"] = old
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_piped_shows_no_bar(corpus: Path, tmp_path: Path) -> None:
    """As a user runs it with stderr redirected: a real process, no terminal."""
    exe = str(Path(sys.executable).with_name("beleidslens"))
    env = {k: v for k, v in os.environ.items() if k != "BELEIDSLENS_PROGRESS"}
    piped = subprocess.run(
        [exe, "batch", str(corpus), "-f", FRAMEWORK, "-o", str(tmp_path / "out.db"), "-j", "1"],
        capture_output=True, text=True, timeout=120, env={**env, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert piped.returncode == 1, piped.stderr  # one document failed
    assert piped.stdout == ""
    lines = piped.stderr.splitlines()
    assert any(line.startswith("beleidslens: failed: ") and "kapot.pdf" in line for line in lines)
    assert "4 documents: 3 analysed, 0 skipped, 1 failed" in lines[-1]
    assert "\r" not in piped.stderr and "%|" not in piped.stderr  # no bar when piped


def test_cli_progress_quiet_and_resume(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "kapot.pdf").unlink()
    out = tmp_path / "o.xlsx"
    two = [str(corpus / "half.txt"), str(corpus / "akkoord.txt")]
    code, stdout, err = _cli(["batch", *two, "-f", FRAMEWORK, "-o", str(out), "-j", "1"],
                             capsys, progress="1")  # fmt: skip
    assert code == 0 and stdout == "", err
    assert "batch: 100%|" in err and "2/2" in err  # the bar: done/total, rate, time left
    assert out.is_file() and (tmp_path / "o.xlsx.db").is_file()
    code, _, err = _cli(["batch", str(corpus), "-f", FRAMEWORK, "-o", str(out), "-j", "1"],
                        capsys, progress="1")  # fmt: skip
    assert code == 0 and "2 documents already analysed, skipped" in err
    assert "3 documents: 1 analysed, 2 skipped, 0 failed" in err
    code, _, err = _cli(["batch", str(corpus), "-f", FRAMEWORK, "-o", str(out), "--quiet"],
                        capsys, progress="1")  # fmt: skip
    assert code == 0 and err == ""
    code, _, err = _cli(["batch", str(corpus), "-f", FRAMEWORK, "-o", str(out)], capsys)
    assert code == 0 and "%|" not in err  # captured stderr is no terminal: no bar


def test_cli_bad_arguments_fail_before_work(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _cli(["batch", str(corpus), "-f", FRAMEWORK, "-o", str(tmp_path / "o.json")],
                        capsys)  # fmt: skip
    assert code != 0 and "unknown output type .json" in err
    assert len(err.strip().splitlines()) == 1
    code, _, err = _cli(["batch", str(tmp_path / "nope"), "-f", FRAMEWORK, "-o",
                         str(tmp_path / "o.db")], capsys)  # fmt: skip
    assert code == 3 and "no such file, folder or pattern" in err
    assert not (tmp_path / "o.db").exists()
    with Store(tmp_path / "s.db"):
        pass
    code, _, err = _cli(["batch", str(tmp_path / "s.db"), "-f", FRAMEWORK, "-o",
                         str(tmp_path / "s.db")], capsys)  # fmt: skip
    assert code != 0 and "is also an input" in err


@pytest.mark.corpus
def test_real_manifestos_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Small programmes of ../shared/corpus, a PDF among them, through batch and the report."""
    from beleidslens.cli import main
    from conftest import shared_path

    txt = shared_path("corpus", "nl-manifestos-txt-wouterbakker")
    pdf = shared_path(
        "corpus", "nl-manifestos-2023-vanatteveldt", "Verkiezingsprogramma-50PLUS_2023.pdf"
    )
    meta = tmp_path / "meta.csv"
    meta.write_text(
        "name,party,year\nPartij van de Toekomst_2003,PvdT,2003\n"
        "Nederland Transparant_2006,NT,2006\nVerkiezingsprogramma-50PLUS_2023,50PLUS,2023\n",
        encoding="utf-8",
    )
    db = tmp_path / "corpus.db"
    files = [txt / "Partij van de Toekomst_2003.txt", txt / "Nederland Transparant_2006.txt", pdf]
    summary = run_batch(files, ["sdg"], db, jobs=2, metadata=meta)
    assert summary.ok and summary.analysed == 3, summary.failed
    docs = Tables.load(db).records("documents")
    assert sorted(d["year"] for d in docs) == [2003, 2006, 2023]
    assert next(d for d in docs if d["format"] == "pdf")["pages"] > 1
    main(["corpus-report", str(db), "--group-by", "year", "-o", str(tmp_path / "o.html")])
    html = (tmp_path / "o.html").read_text(encoding="utf-8")
    assert html.count('<tr class="group">') == 3


def test_exports_never_write_a_formula(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from beleidslens.corpus import tables as t
    from beleidslens.corpus.store import COLUMNS

    cols = list(COLUMNS["passages"])
    row = ["d.txt", "fw", "th", 1, "p1", 0.5, 1, 0, "paragraph", "=HYPERLINK(1)", 3, "S", 0, 9, ""]
    data = {name: (list(COLUMNS[name]), []) for name in t.TABLES}
    data["passages"] = (cols, [tuple(row)])
    tables = t.Tables(data)  # type: ignore[arg-type]
    path = tmp_path / "x.xlsx"
    path.write_bytes(t._xlsx(tables))
    cell = load_workbook(path)["passages"].cell(2, cols.index("text") + 1)
    assert cell.value == "=HYPERLINK(1)" and cell.data_type == "s"
    assert "'=HYPERLINK(1)" in t._csv(tables, "passages").decode("utf-8")
