"""The ``beleidslens money`` command."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from beleidslens.cli import cli

SAMPLE = """\
Begroting

Financiën

We investeren structureel € 1,5 mld. per jaar in de zorg. In 2030 moet 70% van de stroom
duurzaam zijn. Daarnaast komt er € 2 à 3 miljard voor de komende 10 jaar.
"""


@pytest.fixture()
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "begroting.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_json_is_versioned(sample: Path) -> None:
    data = json.loads(run("money", str(sample), "--format", "json"))
    assert data["schema"] == "beleidslens.money/1"
    assert [a["text"] for a in data["amounts"]] == ["€ 1,5 mld.", "€ 2 à 3 miljard"]
    first, second = data["amounts"]
    assert first["value_eur"] == 1.5e9
    assert first["period_normalized"] == "structural+per_year"
    assert (second["low_eur"], second["high_eur"]) == (2e9, 3e9)
    assert second["period_normalized"] == "next_years:10"
    (target,) = data["targets"]
    assert (target["value"], target["subject"], target["year"]) == (70, "stroom", 2030)
    text = sample.read_text(encoding="utf-8")
    assert data["document"]["name"] == str(sample)
    assert first["location"]["start"] < first["location"]["end"] <= len(text) + 10


def test_text_is_dutch_by_default_and_english_on_request(sample: Path) -> None:
    nl = run("money", str(sample))
    assert "Bedragen (2)" in nl and "Doelen (1)" in nl
    assert "€ 1.500.000.000" in nl
    en = run("money", str(sample), "--lang", "en")
    assert "Amounts (2)" in en and "Targets (1)" in en
    assert "€1,500,000,000" in en


def test_csv_to_file(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "geld.csv"
    run("money", str(sample), "--format", "csv", "--output", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r["record"] for r in rows] == ["amount", "amount", "target"]
    assert rows[0]["value_eur"] == "1500000000.0"


def test_bad_input_is_one_line_without_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    proc = subprocess.run(
        [sys.executable, "-c", "from beleidslens.cli import main; main()", "money", str(missing)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode != 0
    assert proc.stderr.startswith("beleidslens: error: ")
    assert "Traceback" not in proc.stderr
    assert str(missing) in proc.stderr


def test_first_page(sample: Path) -> None:
    """``--first-page`` gives pasted text page numbers, in ``money`` as in ``ingest``."""
    data = json.loads(run("money", str(sample), "--format", "json"))
    assert {a["location"]["page"] for a in data["amounts"]} == {None}
    data = json.loads(run("money", str(sample), "--format", "json", "--first-page", "17"))
    assert data["amounts"] and {a["location"]["page"] for a in data["amounts"]} == {17}
    outline = run("ingest", str(sample), "--first-page", "17")
    assert "[p. 17]" in outline
    model = json.loads(run("ingest", str(sample), "--format", "json", "--first-page", "17"))
    assert model["first_page"] == 17
    bad = CliRunner().invoke(cli, ["ingest", str(sample), "--first-page", "-1"])
    assert bad.exit_code != 0 and "--first-page" in bad.output
