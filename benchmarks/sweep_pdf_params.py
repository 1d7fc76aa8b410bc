"""The measurement behind each PDF layout parameter: prints figures, asserts nothing.

Each field of :class:`beleidslens.ingest.pdf.params.PdfLayoutParams` is moved to a lower and
a higher value (about half and one and a half times its value, kept in its range), all
others at their defaults, and the corpus PDFs (the 2023 and 2025 manifestos and the 2021
agreement in ``../shared/corpus``) are read again. Per setting, summed over the PDFs:

* ``ch``/``sec``: outline chapters and sections found as headings on their page (of the
  outline's, over the PDFs with an outline);
* ``big``: PDFs in which one chapter holds half the text or more;
* ``bad``: headings that break the corpus test's rules (dot leaders, table-of-contents lines,
  recurring headers or footers, footnotes) plus letter-spaced words left;
* ``labels``: pages with a printed page number;
* ``blocks``: blocks (paragraphs, bullets, table rows, headings);
* ``annex``: rows of the agreement's annex tables from the PDF with the pasted text's amounts.

Usage: python benchmarks/sweep_pdf_params.py [--only band,toc_min]
Only the reading parameters (``bold_weight``, ``gutter_*``, ``bin``) read the PDFs again;
the others rebuild the structure from the pages read once.
"""

from __future__ import annotations

import argparse
import copy
import re
import time
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

from annotated_types import Ge, Gt, Le, Lt
from pydantic import ValidationError
from pydantic.fields import FieldInfo

from beleidslens.document import Document, NodeKind
from beleidslens.extract.document import find_document_tables
from beleidslens.ingest import load_document
from beleidslens.ingest.pdf.outline import outline_agreement
from beleidslens.ingest.pdf.params import PdfLayoutParams, layout_params
from beleidslens.ingest.pdf.reader import PdfContent, read_pdf
from beleidslens.ingest.pdf.structure import build
from beleidslens.ingest.plaintext import parse_pages
from beleidslens.ingest.text import blocks_to_document

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
DIRS = ("nl-manifestos-2025-pdf-zweefhulp", "nl-manifestos-2023-vanatteveldt")
AGREEMENT = SHARED / "coalitieakkoord-2021-favstats" / "coalitieakkoord-2021-2025.pdf"
PASTED = SHARED / "coalitieakkoord-2021-2025.txt"
READING = {"bold_weight", "gutter_min", "gutter_share", "bin"}
SPACED = re.compile(r"(?<!\S)(?:[^\W\d_] ){3,}[^\W\d_](?!\S)")
LEADERS = re.compile(r"(?:\.{3,}|…{2,})\s*\d{1,3}$")
PAGE_END = re.compile(r"\s(\d{1,3})$")


def _document(content: PdfContent, data: bytes, name: str) -> Document:
    structure = build(copy.deepcopy(content))
    blocks, _ = parse_pages(structure.pages)
    doc = blocks_to_document(
        blocks, name, "pdf", data, pages_known=True, page_count=content.page_count
    )
    doc.page_labels = dict(structure.labels)
    return doc


def _bad(doc: Document) -> int:
    heads = [b for b in doc.blocks() if b.kind is NodeKind.HEADING]
    texts = [b.text for b in heads]
    pages = doc.source.page_count or 1
    front = Counter(
        b.page
        for b in heads
        if (b.page or 0) <= 6
        and (m := PAGE_END.search(b.text))
        and int(m.group(1)) > (b.page or 0) + 2
    )
    return (
        sum(1 for t in texts if LEADERS.search(t))
        + sum(n for n in front.values() if n >= 2)
        + sum(n for n in Counter(texts).values() if n > max(3, 0.2 * pages))
        + sum(1 for t in texts if re.match(r"^\d{1,3}\s+(?:[a-z]|https?:|www\.)", t))
        + len(SPACED.findall(doc.text))
    )


def _annex(doc: Document, pasted: list[tuple[float | None, ...]]) -> int:
    rows = [tuple(r.values) for t in find_document_tables(doc) for r in t.rows]
    matcher = SequenceMatcher(None, pasted, rows, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def measure(
    docs: list[tuple[Path, bytes, PdfContent | None]],
    params: PdfLayoutParams,
    pasted: list[tuple[float | None, ...]],
    reread: bool,
) -> dict[str, int]:
    out = Counter({"ch": 0, "ch_of": 0, "sec": 0, "sec_of": 0, "big": 0, "bad": 0})
    with layout_params(params):
        for path, data, content in docs:
            if reread or content is None:
                doc = load_document(path)
            else:
                doc = _document(content, data, path.name)
            agreement = outline_agreement(data, doc)
            out["ch"] += agreement.chapters_found
            out["ch_of"] += agreement.chapters
            out["sec"] += agreement.sections_found
            out["sec_of"] += agreement.sections
            chapters = doc.chapters()
            if len(chapters) >= 2 and max(len(c.text) for c in chapters) >= 0.5 * len(doc.text):
                out["big"] += 1
            out["bad"] += _bad(doc)
            out["labels"] += len(doc.page_labels)
            out["blocks"] += sum(1 for _ in doc.blocks())
            if path == AGREEMENT:
                out["annex"] = _annex(doc, pasted)
    return dict(out)


def variants(name: str, default: float, lo: float, hi: float, integer: bool) -> list[float]:
    values = []
    for factor in (0.5, 1.5):
        v = default * factor
        v = min(max(v, lo), hi)
        values.append(round(v) if integer else round(v, 3))
    return sorted({v for v in values if v != default})


def _bounds(info: FieldInfo) -> tuple[float, float]:
    lo, hi = float("-inf"), float("inf")
    for m in info.metadata:
        if isinstance(m, Ge | Gt):
            lo = float(m.ge if isinstance(m, Ge) else m.gt)  # type: ignore[arg-type]
        if isinstance(m, Le | Lt):
            hi = float(m.le if isinstance(m, Le) else m.lt)  # type: ignore[arg-type]
    return lo, hi


def _row(label: str, figures: dict[str, int], seconds: float) -> str:
    return (
        f"{label:28} {figures['ch']:>4}/{figures['ch_of']:<4} {figures['sec']:>4}/"
        f"{figures['sec_of']:<4} {figures['big']:>4} {figures['bad']:>5} {figures['labels']:>6} "
        f"{figures['blocks']:>7} {figures.get('annex', 0):>6} {seconds:6.1f}s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated field names")
    args = parser.parse_args()
    paths = [p for d in DIRS for p in sorted((SHARED / d).glob("*.pdf"))] + [AGREEMENT]
    docs = [(p, p.read_bytes(), None) for p in paths if p.exists()]
    if not docs:
        print(f"no corpus PDFs under {SHARED}; nothing measured")
        return
    docs = [(p, data, read_pdf(data, p.name)) for p, data, _ in docs]
    pasted_doc = load_document(PASTED)
    pasted = [tuple(r.values) for t in find_document_tables(pasted_doc) for r in t.rows]
    print(f"{len(docs)} PDFs; annex rows in the pasted text: {len(pasted)}")
    print(
        f"{'setting':28} {'chapters':>9} {'sections':>9} {'big':>4} {'bad':>5} {'labels':>6} "
        f"{'blocks':>7} {'annex':>6} {'time':>7}"
    )
    start = time.perf_counter()
    base = measure(docs, PdfLayoutParams(), pasted, reread=False)
    print(_row("defaults", base, time.perf_counter() - start))
    only = {n for n in args.only.split(",") if n}
    for name, info in PdfLayoutParams.model_fields.items():
        if only and name not in only:
            continue
        default = info.default
        lo, hi = _bounds(info)
        for value in variants(name, default, lo, hi, isinstance(default, int)):
            try:
                params = PdfLayoutParams(**{name: value})
            except ValidationError:
                continue
            start = time.perf_counter()
            figures = measure(docs, params, pasted, name in READING)
            changed = "" if figures == base else " *"
            print(_row(f"{name}={value}", figures, time.perf_counter() - start) + changed)


if __name__ == "__main__":
    main()
