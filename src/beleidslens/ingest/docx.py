"""DOCX ingester (python-docx): heading styles → headings, list styles → bullets, tables →
table rows (cells joined by ``" | "``).

Before python-docx opens the file its ZIP directory is checked: a file that is not a ZIP or
lacks ``word/document.xml`` is corrupt, and declared uncompressed sizes that are huge or
compressed too well are refused as a zip bomb (without decompressing anything).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from ..document.builder import BULLET_MARKER
from ..document.model import Document, NodeKind
from ..errors import IngestError
from .base import Ingester
from .markdown import RawItem, rank_headings
from .text import blocks_to_document

MAX_UNCOMPRESSED = 300_000_000  # bytes, all members together
MAX_RATIO = 200  # uncompressed / compressed, for members over 1 MB

_HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|titel)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"list|lijst|opsomming|bullet", re.IGNORECASE)


def check_zip(data: bytes, name: str, *, max_bytes: int) -> None:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError("not a valid DOCX file (not a ZIP archive)", name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError(f"not a valid DOCX file ({exc})", name) from None
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
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise IngestError(
                f"DOCX member {info.filename} is compressed {info.file_size // max(info.compress_size, 1)}:1 "
                "(zip bomb?)",
                name,
            )


def _norm(text: str) -> str:
    return " ".join(text.split())


def _is_list(paragraph: Any) -> bool:
    style = paragraph.style.name if paragraph.style is not None else ""
    if _LIST_STYLE.search(style or ""):
        return True
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.numPr is not None


def docx_items(data: bytes, name: str) -> list[RawItem]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on broken packages
        raise IngestError(f"not a readable DOCX file ({type(exc).__name__})", name) from None
    items: list[RawItem] = []
    for part in document.iter_inner_content():
        if isinstance(part, Paragraph):
            text = _norm(part.text)
            if not text:
                continue
            style = (part.style.name if part.style is not None else "") or ""
            heading = _HEADING_STYLE.match(style)
            if heading:
                items.append((NodeKind.HEADING, text, int(heading.group(1)) + 1, None))
            elif _TITLE_STYLE.match(style):
                items.append((NodeKind.HEADING, text, 1, None))
            elif _is_list(part):
                items.append((NodeKind.BULLET, text, None, BULLET_MARKER))
            else:
                items.append((NodeKind.PARAGRAPH, text, None, None))
        elif isinstance(part, Table):
            for row in part.rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    cells.append(_norm(cell.text))
                row_text = " | ".join(cells)
                if row_text.strip(" |"):
                    items.append((NodeKind.TABLE_ROW, row_text, None, None))
    return items


class DocxIngester(Ingester):
    format = "docx"
    extensions = (".docx",)
    media_types = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",)

    def read(self, data: bytes, name: str, *, max_bytes: int = 50_000_000) -> Document:
        check_zip(data, name, max_bytes=max_bytes)
        items = docx_items(data, name)
        blocks, title = rank_headings(items)
        core_title = None
        return blocks_to_document(blocks, name, self.format, data, title=title or core_title)
