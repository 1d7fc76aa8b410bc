"""DOCX ingester: heading styles → headings, list styles → bullets, tables → table rows
(cells joined by ``" | "``).

Bounded cost. The ZIP directory is checked first (a file that is not a ZIP or lacks
``word/document.xml`` is corrupt; a part whose declared uncompressed size is over
:data:`MAX_PART` or compressed more than :data:`MAX_RATIO`:1, or parts over
:data:`MAX_UNCOMPRESSED` together, are refused as a zip bomb). ``word/document.xml`` is
then *streamed* (lxml ``iterparse``, entities not expanded, no network, no DTD), counting
the bytes actually inflated, and every body paragraph or table is read and dropped at once,
so memory stays near the size of one table. Styles are resolved once from
``word/styles.xml`` (python-docx looked each paragraph's style up again: 5,000 paragraphs
took 13 s, 10,000 took 28 s).

The text is what python-docx gives (:attr:`Paragraph.text`, the rows' ``cells`` with
horizontal spans once and vertical spans repeating the top cell), so the document model is
the same as before for ordinary files.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Any

from ..document.builder import BULLET_MARKER
from ..document.model import Document, NodeKind
from ..errors import IngestError
from .base import Ingester
from .markdown import RawItem, rank_headings
from .spaces import collapse
from .text import blocks_to_document

MAX_UNCOMPRESSED = 300_000_000  # bytes, all parts together (or 4 × the size limit)
MAX_PART = 150_000_000  # bytes, one part (document.xml of a 1,000-page report: ~30 MB)
MAX_RATIO = 100  # uncompressed / compressed, for parts over 1 MB (real DOCX: under 20:1)
MAX_STYLES = 20_000_000  # bytes of word/styles.xml

_HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|titel)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"list|lijst|opsomming|bullet", re.IGNORECASE)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_BODY, W_P, W_TBL, W_TR, W_TC = f"{_W}body", f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
W_R, W_HYPERLINK, W_PPR, W_TCPR, W_TRPR = (
    f"{_W}r",
    f"{_W}hyperlink",
    f"{_W}pPr",
    f"{_W}tcPr",
    f"{_W}trPr",
)
W_VAL, W_TYPE = f"{_W}val", f"{_W}type"
# run content → text, as python-docx's CT_R.text
_RUN_TEXT = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def check_zip(data: bytes, name: str, *, max_bytes: int) -> zipfile.ZipFile:
    """The open archive, after checking its directory (see the module docstring)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError("not a valid DOCX file (not a ZIP archive)", name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise IngestError(f"not a valid DOCX file ({exc})", name) from None
    except NotImplementedError as exc:  # e.g. "zip file version 25.0"
        raise IngestError(f"not a readable DOCX file ({exc})", name) from None
    if not any(info.filename == "word/document.xml" for info in infos):
        raise IngestError("not a valid DOCX file (no word/document.xml)", name)
    limit = max(MAX_UNCOMPRESSED, 4 * max_bytes)
    total = sum(info.file_size for info in infos)
    if total > limit:
        raise IngestError(
            f"DOCX unpacks to {total / 1e6:.0f} MB, over the limit of {limit / 1e6:.0f} MB "
            "(zip bomb?)",
            name,
        )
    for info in infos:
        if info.file_size > MAX_PART:
            raise IngestError(
                f"DOCX part {info.filename} unpacks to {info.file_size / 1e6:.0f} MB, over the "
                f"limit of {MAX_PART / 1e6:.0f} MB (zip bomb?)",
                name,
            )
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > 1_000_000 and ratio > MAX_RATIO:
            raise IngestError(
                f"DOCX part {info.filename} is compressed {ratio}:1, over {MAX_RATIO}:1 "
                "(zip bomb?)",
                name,
            )
    return archive


class _Counted(io.RawIOBase):
    """A member stream that refuses to inflate more than ``limit`` bytes, whatever its
    directory entry declares."""

    def __init__(self, stream: IO[bytes], limit: int, what: str, name: str) -> None:
        self._stream, self._left, self._what, self._name = stream, limit, what, name
        self._limit = limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._stream.read(min(len(buffer), 1 << 16))
        self._left -= len(chunk)
        if self._left < 0:
            raise IngestError(
                f"DOCX part {self._what} inflates past {self._limit / 1e6:.0f} MB (zip bomb?)",
                self._name,
            )
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _parser_options() -> dict[str, Any]:
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


def _styles(archive: zipfile.ZipFile, name: str) -> tuple[dict[str, str], str]:
    """Paragraph style id → name (python-docx's UI name), and the default style's name."""
    from lxml import etree

    try:
        info = archive.getinfo("word/styles.xml")
    except KeyError:
        return {}, ""
    if info.file_size > MAX_STYLES:
        raise IngestError("DOCX styles part is too large (zip bomb?)", name)
    with archive.open(info) as raw:
        root = etree.fromstring(
            _Counted(raw, MAX_STYLES, info.filename, name).read(),
            etree.XMLParser(**_parser_options()),
        )
    names: dict[str, str] = {}
    default = ""
    for style in root.iterchildren(f"{_W}style"):
        if style.get(W_TYPE, "paragraph") != "paragraph":
            continue
        name_el = style.find(f"{_W}name")
        ui = _ui_name(name_el.get(W_VAL, "") if name_el is not None else "")
        ident = style.get(f"{_W}styleId")
        if ident is not None:
            names.setdefault(ident, ui)
        if style.get(f"{_W}default") in ("1", "true", "on"):
            default = ui
    return names, default


def _ui_name(internal: str) -> str:
    """python-docx's BabelFish: 'heading 1' → 'Heading 1', 'caption' → 'Caption' …"""
    if re.fullmatch(r"heading [1-9]|caption|footer|header", internal):
        return internal[0].upper() + internal[1:]
    return internal


def _run_text(run: Any) -> Iterator[str]:
    for child in run:
        tag = child.tag
        if tag == f"{_W}t":
            yield child.text or ""
        elif tag == f"{_W}br":
            if child.get(W_TYPE, "textWrapping") == "textWrapping":
                yield "\n"
        elif tag in _RUN_TEXT:
            yield _RUN_TEXT[tag]


def paragraph_text(p: Any) -> str:
    """The text of a ``w:p`` as python-docx's ``Paragraph.text``: its runs and hyperlinks'
    runs, tabs and line breaks as whitespace."""
    parts: list[str] = []
    for child in p.iterchildren(W_R, W_HYPERLINK):
        runs = [child] if child.tag == W_R else child.iterchildren(W_R)
        for run in runs:
            parts.extend(_run_text(run))
    return "".join(parts)


def _norm(text: str) -> str:
    return collapse(text)


def _paragraph_item(p: Any, styles: dict[str, str], default: str) -> RawItem | None:
    text = _norm(paragraph_text(p))
    if not text:
        return None
    ppr = p.find(W_PPR)
    style_el = ppr.find(f"{_W}pStyle") if ppr is not None else None
    style_id = style_el.get(W_VAL) if style_el is not None else None
    style = styles.get(style_id, default) if style_id else default
    heading = _HEADING_STYLE.match(style)
    if heading:
        return (NodeKind.HEADING, text, int(heading.group(1)) + 1, None)
    if _TITLE_STYLE.match(style):
        return (NodeKind.HEADING, text, 1, None)
    if _LIST_STYLE.search(style) or (ppr is not None and ppr.find(f"{_W}numPr") is not None):
        return (NodeKind.BULLET, text, None, BULLET_MARKER)
    return (NodeKind.PARAGRAPH, text, None, None)


def _int_val(parent: Any, tag: str, default: int) -> int:
    el = parent.find(tag) if parent is not None else None
    try:
        return max(0, int(el.get(W_VAL))) if el is not None else default
    except (TypeError, ValueError):
        return default


def _table_rows(tbl: Any) -> Iterator[str]:
    """Each row's text, its cells as python-docx's ``row.cells`` (deduplicated)."""
    above: dict[int, tuple[int, str]] = {}  # grid offset → (cell key, text) of the row above
    keys = itertools.count()
    for tr in tbl.iterchildren(W_TR):
        offset = _int_val(tr.find(W_TRPR), f"{_W}gridBefore", 0)
        row: dict[int, tuple[int, str]] = {}
        cells: list[str] = []
        seen: set[int] = set()
        for tc in tr.iterchildren(W_TC):
            tcpr = tc.find(W_TCPR)
            span = _int_val(tcpr, f"{_W}gridSpan", 1) or 1
            vmerge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
            if vmerge is not None and vmerge.get(W_VAL, "continue") == "continue":
                cell = above.get(offset)
            else:
                text = "\n".join(paragraph_text(p) for p in tc.iterchildren(W_P))
                cell = (next(keys), text)
            if cell is not None:
                row[offset] = cell
                if cell[0] not in seen:
                    seen.add(cell[0])
                    cells.append(_norm(cell[1]))
            offset += span
        above = row
        yield " | ".join(cells).strip()  # as a Markdown row: '| b |' for an empty first cell


def docx_items(data: bytes, name: str, *, max_bytes: int = 50_000_000) -> list[RawItem]:
    from lxml import etree

    archive = check_zip(data, name, max_bytes=max_bytes)
    items: list[RawItem] = []
    try:
        styles, default = _styles(archive, name)
        info = archive.getinfo("word/document.xml")
        limit = min(MAX_PART, max(info.file_size, 1) + 1)
        with archive.open(info) as raw:
            stream = io.BufferedReader(_Counted(raw, limit, info.filename, name))
            events = etree.iterparse(stream, events=("end",), tag=(W_P, W_TBL), **_parser_options())
            for _event, elem in events:
                parent = elem.getparent()
                if parent is None or parent.tag != W_BODY:
                    continue  # a paragraph inside a table: read with its table
                if elem.tag == W_P:
                    item = _paragraph_item(elem, styles, default)
                    if item is not None:
                        items.append(item)
                else:
                    for row_text in _table_rows(elem):
                        if row_text.strip(" |"):
                            items.append((NodeKind.TABLE_ROW, row_text, None, None))
                elem.clear()
                while elem.getprevious() is not None:
                    del parent[0]
    except IngestError:
        raise
    except etree.XMLSyntaxError as exc:
        raise IngestError(f"not a readable DOCX file (XML: {exc.msg})", name) from None
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, KeyError) as exc:
        raise IngestError(f"not a readable DOCX file ({type(exc).__name__})", name) from None
    except NotImplementedError:  # zipfile: a compression method or zip version it lacks
        raise IngestError(
            "not a readable DOCX file (unsupported compression or ZIP version)", name
        ) from None
    except RuntimeError:  # zipfile: a member is encrypted (after its subclass above)
        raise IngestError("not a readable DOCX file (encrypted: password required)", name) from None
    finally:
        archive.close()
    return items


class DocxIngester(Ingester):
    format = "docx"
    extensions = (".docx",)
    media_types = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",)

    def read(self, data: bytes, name: str, *, max_bytes: int = 50_000_000) -> Document:
        items = docx_items(data, name, max_bytes=max_bytes)
        blocks, title = rank_headings(items)
        return blocks_to_document(blocks, name, self.format, data, title=title)
