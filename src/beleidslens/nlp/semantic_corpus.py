"""The training corpus of the semantic model (training time only; see ``semantic_train``).

Which files: the Dutch election manifestos 2002–2025 in ``../shared/corpus`` (the
wouterbakker texts, the 2023 vanatteveldt texts, the 2025 zweefhulp texts) and the 2021
coalition agreement, **never a 2017 programme** (they are the held-out test set of
everyone: a file whose name carries the year 2017 is refused, not only skipped), plus the
MARPOR-coded quasi-sentences 2006–2012 for the category space. Files are read in sorted
order, so the token stream — and the model — is deterministic.

Each document becomes a list of blocks ``(heading terms, [word terms…])`` through the
project's own ingestion (:func:`beleidslens.ingest.load_document`) and analysis
(:func:`beleidslens.nlp.phrases.word_terms`), so the model's vocabulary is exactly the
lexical backend's index terms.
"""

from __future__ import annotations

import csv
import marshal
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import IngestError

# (folder, file name pattern) of the manifesto texts, relative to the corpus directory
TEXT_SOURCES: tuple[tuple[str, str], ...] = (
    ("nl-manifestos-txt-wouterbakker", "*.txt"),
    ("nl-manifestos-2023-vanatteveldt", "*.txt"),
    ("nl-manifestos-2025-pdf-zweefhulp", "*.txt"),
    (".", "coalitieakkoord-2021-2025.txt"),
)
MARPOR_ROWS = "marpor-nl-lindabos/marpor_nl_2006-2012_combined.csv"
HELD_OUT_YEAR = "2017"
_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
_NAMED_YEAR = re.compile(r"_(\d{4})\.txt$")
FIRST_YEAR, LAST_YEAR = 2002, 2025

Block = tuple[list[str], list[str]]  # heading-path terms, the block's terms in order


@dataclass(frozen=True)
class CodedRow:
    doc: str
    year: int
    code: str  # MARPOR main category, e.g. "501"
    terms: list[str]
    text: str = ""  # the quasi-sentence as coded (read by a model's n-grams)


def is_held_out(name: str) -> bool:
    """A 2017 programme: its file name names 2017 as a year (not as in ``2023-2027``…)."""
    return any(m.group(0) == HELD_OUT_YEAR for m in _YEAR.finditer(name))


def text_files(corpus: Path) -> list[Path]:
    """The manifesto texts and the agreement, sorted; never a 2017 programme."""
    out: list[Path] = []
    for folder, pattern in TEXT_SOURCES:
        for path in sorted((corpus / folder).glob(pattern)):
            m = _NAMED_YEAR.search(path.name)
            if m and not FIRST_YEAR <= int(m.group(1)) <= LAST_YEAR:
                continue
            if is_held_out(path.name):
                continue
            out.append(path)
    for path in out:  # belt and braces
        if is_held_out(path.name):
            raise RuntimeError(f"{path}: a 2017 programme must never be trained on")
    return out


def _terms(text: str) -> list[str]:
    from .phrases import word_terms

    return [t for word in word_terms(text) for t in word]


def document_blocks(path: Path) -> list[Block]:
    from ..document.model import NodeKind
    from ..ingest import load_document

    document = load_document(path, max_bytes=64 * 1024 * 1024)
    out: list[Block] = []
    for block in document.blocks():
        if block.kind == NodeKind.HEADING:
            continue
        terms = _terms(block.text)
        if terms:
            out.append((_terms(" ".join(block.heading_path)), terms))
    return out


def marpor_rows(corpus: Path, exclude_docs: Iterable[str] = ()) -> list[CodedRow]:
    """Coded quasi-sentences (main code; uncoded ``000`` and headings dropped), by document
    and row order; documents in ``exclude_docs`` (e.g. a benchmark's set-aside part) left
    out."""
    excluded = set(exclude_docs)
    path = corpus / MARPOR_ROWS
    rows: list[CodedRow] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            year = int(rec["year"])
            if str(year) == HELD_OUT_YEAR or rec["doc"] in excluded:
                continue
            code = rec["cmp_code_main"].strip()
            if rec.get("is_heading") == "1" or not code or code in ("000", "0", "H", "NA"):
                continue
            terms = _terms(rec["text"])
            if terms:
                rows.append(CodedRow(rec["doc"], year, code, terms, rec["text"]))
    return rows


def load_corpus(
    corpus: Path, cache: Path | None = None, limit: int | None = None
) -> list[tuple[str, list[Block]]]:
    """``[(file name, blocks)]`` of every training text, cached as marshal in ``cache``."""
    files = text_files(corpus)[:limit] if limit else text_files(corpus)
    out: list[tuple[str, list[Block]]] = []
    for path in files:
        cached = cache / f"{path.name}.blocks" if cache else None
        if cached is not None and cached.exists():
            out.append((path.name, marshal.loads(cached.read_bytes())))
            continue
        try:
            blocks = document_blocks(path)
        except IngestError as exc:  # e.g. a binary file upstream: reported, left out
            print(f"skipped: {exc}", file=sys.stderr)
            blocks = []
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(marshal.dumps(blocks))
        if blocks:
            out.append((path.name, blocks))
    return out


def sample_blocks(texts: Iterable[str]) -> Iterator[Block]:
    """Blocks from plain Markdown-ish text (``# heading`` lines, blank-line paragraphs): the
    ``--tiny`` training and the tests use own sample texts this way."""
    heading: list[str] = []
    for text in texts:
        for para in re.split(r"\n\s*\n", text):
            para = para.strip()
            if not para:
                continue
            if para.startswith("#"):
                heading = _terms(para.lstrip("#"))
                continue
            terms = _terms(para)
            if terms:
                yield (heading, terms)
