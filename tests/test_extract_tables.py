"""Table parsing on small invented tables, and extract_money on the 2021 agreement."""

from __future__ import annotations

import json
import time

import pytest

from beleidslens.extract import extract_money, find_tables
from beleidslens.ingest import load_document, parse_text

# An invented budget annex in the layout of PDF-extracted text: a caption stating the unit,
# sub-table headings, header rows with years, blank cells, wrapped labels, number-only lines.
BUDGET = """\
Het college kiest voor een solide begroting. Daarom volgen hieronder de bedragen per onderwerp.

Meerjarenraming, in mln.

A. Wonen

Onderwerpen 2026 2027 2028 2029 Struc

Totaal wonen 110 220 330 440 50

a. Starterslening  20 30 40 10

b. Renovatie sociale huurwoningen en
verduurzaming corporatiebezit

90 200 300 400 40

B. Verkeer

Onderwerpen 2026 2027 2028 2029 Struc

c. Fietspaden 5 -10 15 1.250 0

Schuldquote 40,1% 41,0% 41,5% 42,0%\x20\x20\x20

Toelichting

Deze tabel geeft een overzicht van de maatregelen van het college. De bedragen zijn indicatief.

Energie

Maatregel Bandbreedte Mton 2026 2027 2028 2029 Struc Cum (2030)

1. Zonnepanelen op daken 0,1 - 0,4   10 20 30 5 80

2. Warmtenet binnenstad (aanleg
tweede fase)

0,5 - 0,9

\x20

4 8 12 0 50

3. Isolatieloket 0,0 - 0,1

4. Laadpalen      300 500 800   5.600
"""


def test_budget_table_with_unit_headings_and_blanks() -> None:
    tables = find_tables(BUDGET)
    assert [t.title for t in tables] == ["A. Wonen", "B. Verkeer", "Energie"]
    wonen, verkeer, energie = tables
    assert wonen.unit == "mln." and wonen.unit_multiplier == 1e6
    assert wonen.columns == ["2026", "2027", "2028", "2029", "Struc"]
    assert wonen.label_column == "Onderwerpen"
    start = wonen.row("Starterslening")
    assert start.values == [None, 20, 30, 40, 10]
    assert start.values_eur == [None, 20e6, 30e6, 40e6, 10e6]
    assert start.blanks_inferred
    renovatie = wonen.row("Renovatie")
    assert renovatie.label == ("b. Renovatie sociale huurwoningen en verduurzaming corporatiebezit")
    assert renovatie.values == [90, 200, 300, 400, 40]
    fiets = verkeer.row("Fietspaden")
    assert fiets.values == [5, -10, 15, 1250, 0]
    quote = verkeer.row("Schuldquote")
    assert quote.percent and quote.values_eur is None
    assert quote.values == [40.1, 41.0, 41.5, 42.0, None]  # trailing spaces mark the blank
    # the prose paragraph ends the budget: the energy table has no stated unit
    assert energie.unit is None and energie.unit_multiplier is None
    assert energie.has_mton
    assert energie.columns[-1] == "Cum (2030)"
    zon = energie.row("Zonnepanelen")
    assert (zon.mton_low, zon.mton_high) == (0.1, 0.4)
    assert zon.values == [None, 10, 20, 30, 5, 80]
    warmte = energie.row("Warmtenet")
    assert warmte.label == "2. Warmtenet binnenstad (aanleg tweede fase)"
    assert (warmte.mton_low, warmte.mton_high) == (0.5, 0.9)
    assert warmte.values == [None, 4, 8, 12, 0, 50]
    loket = energie.row("Isolatieloket")
    assert loket.values == [None] * 6 and loket.mton_high == 0.1
    laad = energie.row("Laadpalen")
    assert laad.values == [None, 300, 500, 800, None, 5600]


def test_table_locations_slice_the_source() -> None:
    tables = find_tables(BUDGET, base_offset=0)
    for table in tables:
        for row in table.rows:
            assert BUDGET[row.location.start : row.location.end].startswith(row.text.split()[0])


def test_tables_from_the_document_model() -> None:
    doc = parse_text(BUDGET, name="begroting.txt")
    report = extract_money(doc)
    titles = [t.title for t in report.tables]
    assert "A. Wonen" in titles[0]
    wonen = report.tables[0]
    assert wonen.row("Renovatie").values == [90, 200, 300, 400, 40]
    for table in report.tables:
        for row in table.rows:
            assert row.location.block_id
            assert doc.text[row.location.start : row.location.end]


def test_no_tables_in_prose() -> None:
    assert find_tables("Dit is gewone tekst.\nIn 2026 en 2027 doen we meer.\n") == []


@pytest.mark.corpus
def test_agreement_money(agreement_path) -> None:
    doc = load_document(agreement_path)
    start = time.perf_counter()
    report = extract_money(doc)
    elapsed = time.perf_counter() - start
    assert elapsed < 5  # a sanity bound only; measured figures are in docs/extraction.md
    assert 25 <= len(report.amounts) <= 80
    for a in report.amounts:
        assert a.location is not None
        assert doc.text[a.location.start : a.location.end] == a.text
        assert a.location.page is not None
    co2 = [t for t in report.targets if t.value == 55 and t.unit == "%"]
    assert co2 and co2[0].year == 2030
    assert co2[0].subject and "reductie" in co2[0].subject
    financial = [t for t in report.tables if t.unit_multiplier == 1e6]
    assert len(financial) >= 8
    row = next(r for t in financial for r in t.rows if "Afschaffen verhuurderheffing" in r.label)
    numbers = [v for v in row.values if v is not None]
    assert len(numbers) == 4
    assert row.values[-1] is not None  # the structural column
    assert row.values_eur is not None
    climate = [t for t in report.tables if t.has_mton]
    assert len(climate) >= 10
    assert all(t.columns[-2:] == ["Struc", "Cum (2030)"] for t in climate)
    heffing = next(r for t in climate for r in t.rows if "Aanscherpen CO2-heffing" in r.label)
    assert (heffing.mton_low, heffing.mton_high) == (4.0, 4.0)
    json.loads(report.to_json())
