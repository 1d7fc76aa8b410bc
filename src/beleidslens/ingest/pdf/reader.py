"""Open a PDF and read every page's layout, its outline (bookmarks) and its page labels.

A page that pdfium cannot load (a page tree that lies about its count, a broken content
stream) is skipped with an :class:`~beleidslens.errors.IngestWarning` naming it; when no page
can be read the file is refused with one :class:`~beleidslens.errors.IngestError` line.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

from ...errors import IngestError, IngestWarning, MissingDependencyError
from .layout import PageLayout, _Probe, page_lines, reading_order

MAX_OUTLINE_ITEMS = 2000  # bookmarks read at most (a loop in a broken outline ends here)


@dataclass(slots=True)
class Bookmark:
    title: str
    level: int  # 0 = top
    page: int | None  # 0-based physical page it points to


@dataclass(slots=True)
class PdfContent:
    pages: list[PageLayout]
    page_count: int  # pages the PDF says it has
    outline: list[Bookmark] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)  # physical index -> /PageLabels label
    skipped: list[int] = field(default_factory=list)  # 0-based pages that failed to load


def _open(data: bytes, name: str):  # type: ignore[no-untyped-def]
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - a core dependency
        raise MissingDependencyError.for_extra("reading PDF", "pdf", "pypdfium2") from None
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError("not a PDF file (no %PDF header)", name)
    try:
        return pdfium, pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message or "security" in message:
            raise IngestError(
                "the PDF is encrypted; it needs a password to be read", name
            ) from None
        raise IngestError(f"not a readable PDF ({exc})", name) from None


def _outline(pdf: object) -> list[Bookmark]:
    out: list[Bookmark] = []
    try:
        for item in pdf.get_toc(max_depth=8):  # type: ignore[attr-defined]
            if len(out) >= MAX_OUTLINE_ITEMS:
                break
            dest = item.get_dest()
            index = dest.get_index() if dest is not None else None
            title = " ".join((item.get_title() or "").split())
            if title:
                out.append(Bookmark(title, int(item.level), index))
    except Exception:  # a broken outline is no reason to refuse the text
        return []
    return out


def _labels(pdf: object, count: int) -> dict[int, str]:
    labels: dict[int, str] = {}
    try:
        for i in range(count):
            label = pdf.get_page_label(i)  # type: ignore[attr-defined]
            if label:
                labels[i] = label
    except Exception:
        return {}
    return labels


def read_outline(data: bytes, name: str = "<pdf>") -> list[Bookmark]:
    """Only the outline of a PDF (``[]`` when it has none or cannot be read)."""
    _, pdf = _open(data, name)
    try:
        return _outline(pdf)
    finally:
        pdf.close()


def read_pdf(data: bytes, name: str) -> PdfContent:
    """Every readable page's lines in reading order, the outline and the page labels."""
    pdfium, pdf = _open(data, name)
    try:
        count = len(pdf)
        probe = _Probe()
        pages: list[PageLayout] = []
        skipped: list[int] = []
        for index in range(count):
            try:
                page = pdf[index]
            except (pdfium.PdfiumError, IndexError, ValueError, OSError):
                skipped.append(index)
                continue
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    lines = page_lines(textpage, height, probe)
                finally:
                    textpage.close()
            except (pdfium.PdfiumError, ValueError, OSError):
                skipped.append(index)
                continue
            finally:
                page.close()
            pages.append(PageLayout(index, width, height, reading_order(lines, width)))
        if skipped:
            shown = ", ".join(str(i + 1) for i in skipped[:10])
            more = f" and {len(skipped) - 10} more" if len(skipped) > 10 else ""
            warnings.warn(
                IngestWarning(
                    f"{len(skipped)} of {count} pages could not be read and were skipped "
                    f"(page {shown}{more})",
                    name,
                ),
                stacklevel=2,
            )
        if count and not pages:
            raise IngestError(f"none of the PDF's {count} pages can be read", name)
        return PdfContent(pages, count, _outline(pdf), _labels(pdf, count), skipped)
    finally:
        pdf.close()
