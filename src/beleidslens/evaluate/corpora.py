"""Readers of the coded data sets in ``../shared/corpus`` used by ``benchmarks/bench_quality.py``.

Nothing here holds corpus text: the readers open the files where they lie. Every data set is
split deterministically into a *dev* part (used to choose methods and constants) and a
*set-aside* part (reported separately, never tuned on): by party for the manifestos
(:func:`split_of`), by theme id for the expert gold, by unit id for the news sentences.

* **MARPOR** (``marpor-nl-lindabos``, 2006–2012): the published text of each programme
  (``nl-manifestos-txt-wouterbakker``) is ingested as a user would, and the coded
  quasi-sentences are located in it (:func:`~beleidslens.evaluate.coded.align_rows`);
  codes are the main categories (``cmp_code_main``). The 2017 programmes are not read.
* **PImPo** (``pimpo-nl-farzamfan``): the immigration/integration quasi-sentences of the
  2006 and 2010 programmes, found among that party's MARPOR rows by their text; a row is
  relevant when PImPo lists it (code ``pimpo``), else ``-``.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .coded import CodedRow

MARPOR_COMBINED = ("marpor-nl-lindabos", "marpor_nl_2006-2012_combined.csv")
MANIFESTO_TEXTS = "nl-manifestos-txt-wouterbakker"
PIMPO_ROWS = ("pimpo-nl-farzamfan", "pimpo_main_netherlands_rows.csv")
# MARPOR party prefixes → the file names of the published texts
TEXT_NAMES = {
    "50p": "VijftigPLUS",
    "cda": "CDA",
    "cu": "ChristenUnie",
    "d66": "D66",
    "gl": "GroenLinks",
    "pvda": "PvdA",
    "pvdd": "PvdD",
    "pvv": "PVV",
    "sgp": "SGP",
    "sp": "SP",
    "vvd": "VVD",
}
# PImPo's party names → MARPOR party prefixes
PIMPO_PARTIES = {
    "christian union": "cu",
    "green left": "gl",
    "labour party": "pvda",
    "christian democratic appeal": "cda",
    "people’s party for freedom and democracy": "vvd",
    "socialist party": "sp",
    "democrats‘66": "d66",
    "reformed political party": "sgp",
    "party of freedom": "pvv",
    "party for the animals": "pvdd",
}
SET_ASIDE_MODULUS = 3  # one in three parties (by hash) is set aside


def split_of(key: str) -> str:
    """``"dev"`` or ``"set-aside"`` for a party, theme or unit id: a third is set aside, by
    the SHA-256 of the key (stable across runs, machines and Python versions)."""
    digest = int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16)
    return "set-aside" if digest % SET_ASIDE_MODULUS == 0 else "dev"


@dataclass
class CodedSource:
    """One coded document: the published text to ingest and its rows in order."""

    name: str  # e.g. "pvda_2010"
    party: str
    year: int
    text_path: Path
    rows: list[CodedRow]

    @property
    def split(self) -> str:
        return split_of(self.party)


def read_marpor(corpus: Path) -> list[CodedSource]:
    """The MARPOR-coded programmes 2006–2012 with a published text, in name order."""
    by_doc: dict[str, list[CodedRow]] = {}
    meta: dict[str, tuple[str, int]] = {}
    with corpus.joinpath(*MARPOR_COMBINED).open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            if rec["is_heading"] not in ("0", "", "False", "false"):
                continue
            doc = rec["doc"]
            rows = by_doc.setdefault(doc, [])
            rows.append(CodedRow(rec["text"], rec["cmp_code_main"], len(rows)))
            meta[doc] = (rec["party"], int(rec["year"]))
    out = []
    for doc in sorted(by_doc):
        _party, year = meta[doc]
        if year >= 2017:  # held out for everyone
            continue
        prefix = doc.split("_")[0]
        name = TEXT_NAMES.get(prefix)
        path = corpus / MANIFESTO_TEXTS / f"{name}_{year}.txt"
        if name is None or not path.is_file():
            continue
        out.append(CodedSource(doc, prefix, year, path, by_doc[doc]))
    return out


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def pimpo_sources(corpus: Path, marpor: list[CodedSource]) -> list[CodedSource]:
    """The 2006 and 2010 programmes with PImPo relevance as codes (``pimpo`` or ``-``)."""
    wanted: dict[str, set[str]] = {}
    with corpus.joinpath(*PIMPO_ROWS).open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            party = rec["party"].split(":", 1)[-1].strip().casefold()
            prefix = PIMPO_PARTIES.get(party)
            if prefix:
                wanted.setdefault(prefix, set()).add(_norm(rec["content"]))
    out = []
    for src in marpor:
        if src.year not in (2006, 2010) or src.party not in wanted:
            continue
        keys = wanted[src.party]
        rows = [
            CodedRow(r.text, "pimpo" if _norm(r.text) in keys else "-", r.index) for r in src.rows
        ]
        out.append(CodedSource(src.name, src.party, src.year, src.text_path, rows))
    return out
