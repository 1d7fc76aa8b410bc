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
    assert not start.blanks_inferred  # the two spaces before 20 mark the blank on the left
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


# Blank cells marked only by spacing: at the end of a row (trailing spaces), in the middle,
# and after a Mton range. Lines are single spaced, as a PDF viewer pastes them.
GAPS = (
    "Begroting, in mln.\n"
    "Onderwerpen 2026 2027 2028 2029 Struc\n"
    "Totaal 10 20 30 40 50\n"
    "Schuldquote 40,1% 41,0% 41,5% 42,0%   \n"
    "a. Fietsroutes 1 2  4 5\n"
    "b. Bruggen   3 3 3\n"
    "Maatregel Bandbreedte Mton 2026 2027 2028 2029 Struc Cum (2030)\n"
    "1. Laadpalen 0,1 - 0,2  300 500 800  5.600\n"
    "2. Warmtenetten in de binnenstad en\n"
    "de dorpen\n"
    "     300 500 800   5.600\n"
)


def test_document_tables_keep_column_gaps() -> None:
    """Blank cells land in the same columns from the document model as from raw lines."""
    doc = parse_text(GAPS, name="gaten.txt")
    doc.check()
    from_doc = extract_money(doc).tables
    from_raw = find_tables(GAPS)
    assert [[r.values for r in t.rows] for t in from_doc] == [
        [r.values for r in t.rows] for t in from_raw
    ]
    assert [[r.blanks_inferred for r in t.rows] for t in from_doc] == [
        [r.blanks_inferred for r in t.rows] for t in from_raw
    ]
    budget, climate = from_doc
    quote = budget.row("Schuldquote")
    assert quote.values == [40.1, 41.0, 41.5, 42.0, None] and not quote.blanks_inferred
    assert budget.row("Fietsroutes").values == [1, 2, None, 4, 5]
    bruggen = budget.row("Bruggen")
    assert bruggen.values == [None, None, 3, 3, 3] and bruggen.blanks_inferred
    assert climate.row("Laadpalen").values == [None, 300, 500, 800, None, 5600]
    assert not climate.row("Laadpalen").blanks_inferred
    warmte = climate.row("Warmtenetten")
    assert warmte.label == "2. Warmtenetten in de binnenstad en de dorpen"
    assert warmte.values == [None, 300, 500, 800, None, 5600]
    assert warmte.blanks_inferred  # the blank on the left is not marked
    for table in from_doc:
        for row in table.rows:
            assert row.location.block_id
            assert (
                doc.text[row.location.start : row.location.end].split()[-1]
                == (row.text.split()[-1])
            )


def test_table_gaps_survive_a_pdf_like_page_break() -> None:
    """The same rows behind a form feed and double spacing keep their gaps."""
    pasted = "Inleidende tekst die gewoon doorloopt.\n\n\f" + GAPS.replace("\n", "\n\n")
    doc = parse_text(pasted, name="gaten.txt")
    doc.check()
    budget = extract_money(doc).tables[0]
    assert budget.row("Schuldquote").values == [40.1, 41.0, 41.5, 42.0, None]
    assert budget.row("Fietsroutes").values == [1, 2, None, 4, 5]


@pytest.mark.corpus
def test_agreement_blank_cells_match_raw_lines(agreement_path) -> None:
    """The annex rows whose blanks are marked only by spacing land in the right columns."""
    doc = load_document(agreement_path)
    from_doc = extract_money(doc).tables
    from_raw = find_tables(agreement_path.read_text(encoding="utf-8"))
    assert [(t.title, [(r.label, r.values) for r in t.rows]) for t in from_doc] == [
        (t.title, [(r.label, r.values) for r in t.rows]) for t in from_raw
    ]
    rows = [(t, r) for t in from_doc for r in t.rows]

    def blanks(label: str, *, climate: bool) -> list[bool]:
        row = next(r for t, r in rows if r.label.startswith(label) and t.has_mton == climate)
        return [v is None for v in row.values]

    # financial annex: 2022-2025 filled, the structural column empty
    for label in ("EMU-saldo", "EMU-schuld"):
        assert blanks(label, climate=False) == [False, False, False, False, True]
    # climate tables, columns 2022 2023 2024 2025 Struc Cum: 2022 and Struc empty
    overig = next(t for t in from_doc if t.has_mton and t.title.startswith("Overig"))
    assert [v is None for v in overig.rows[0].values] == [True, False, False, False, True, False]
    assert blanks("29.", climate=True) == [True, False, False, False, True, False]


@pytest.mark.corpus
def test_agreement_table_rows_are_table_row_blocks(agreement_path) -> None:
    """Rows the PDF broke over several lines, and one-value rows, are table_row blocks in the
    document model (not paragraphs that analysis would quote as running text)."""
    from beleidslens.document import NodeKind

    doc = load_document(agreement_path)
    blocks = list(doc.blocks())
    for table in extract_money(doc).tables:
        for row in table.rows:
            spanned = [
                b for b in blocks if b.start < row.location.end and b.end > row.location.start
            ]
            assert spanned and all(b.kind is NodeKind.TABLE_ROW for b in spanned), row.label
