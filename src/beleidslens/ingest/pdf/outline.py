"""The PDF's outline (bookmarks) as chapters and sections, matched to lines on their pages.

Bookmarks as designers leave them need cleaning before they are a table of contents:

* a title split over several bookmarks on the same page and level (``ICT, Digitalisering,``
  + ``Social Media``; ``A. Dekolo- niseren…`` + ``komma begint``), or a bare code before its
  title (``A1.`` + ``Voor eens en voor altijd…``) is one entry;
* a hyphen the designer's line break left in a title (``Dekolo- niseren``) is read as the
  line end it was.

An outline is *usable* when at least ``min_entries`` entries point to at least
``min_entries`` different pages. Levels: the top level holds the chapters; when it has
few entries (at most ``max_parts``) and the next level at least twice as many, the top
level is parts and the next level chapters, both chapters in the document model; deeper
entries are sections.

Matching: an entry's title, letters and digits only, is looked for at the start of one to
``match_lines`` consecutive lines of its page (or the next page, or the page before: a
bookmark set on the page after its title page). The matched lines
become one heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...document.model import Document, NodeKind
from .layout import PageLayout
from .params import current
from .reader import Bookmark

_CODE = re.compile(r"^[A-Z]?\d{0,2}[.)]?$")  # "A1.", "B2.", "3." — a code without its title
_NORM = re.compile(r"[\W_]+")


@dataclass(slots=True)
class Entry:
    title: str
    level: int  # 1 chapter, 2 section
    page: int  # 0-based physical page


def norm(text: str) -> str:
    return _NORM.sub("", text.casefold())


def _continues(prev: Bookmark, item: Bookmark) -> bool:
    if item.page != prev.page:
        return False
    if item.level > prev.level and _CODE.match(prev.title.strip()):
        return True  # "A1." then its title one level deeper
    if item.level != prev.level:
        return False
    head = prev.title.rstrip()
    return (
        item.title[:1].islower()
        or head.endswith((",", "-", "–", "&"))
        or bool(_CODE.match(head))
        or len(head.split()) == 1  # "Vrij" + "Palestina": one title set over two lines
        or bool(re.search(r"\s(?:en|of|van|voor|de|het|in|op|met|na)$", head))
    )


def _join(a: str, b: str) -> str:
    if re.search(r"\w-$", a) and b[:1].islower():
        return a[:-1] + b
    return f"{a} {b}"


def clean_outline(items: list[Bookmark]) -> list[Entry]:
    """Merged, levelled entries (see the module's docstring); ``[]`` when not usable."""
    merged: list[Bookmark] = []
    for item in items:
        if item.page is None:
            continue
        title = re.sub(r"(\w)- (\w)", lambda m: m.group(1) + m.group(2), item.title)
        item = Bookmark(title, item.level, item.page)
        if merged and _continues(merged[-1], item):
            last = merged[-1]
            merged[-1] = Bookmark(
                _join(last.title, item.title), min(last.level, item.level), last.page
            )
            continue
        merged.append(item)
    if len(merged) < current().min_entries or len({m.page for m in merged}) < current().min_entries:
        return []
    levels = sorted({m.level for m in merged})
    top = [m for m in merged if m.level == levels[0]]
    second = [m for m in merged if len(levels) > 1 and m.level == levels[1]]
    parts = len(top) <= current().max_parts and len(second) >= 2 * len(top)
    out = []
    for m in merged:
        rank = levels.index(m.level)
        level = 1 if rank == 0 or (parts and rank == 1) else 2
        out.append(Entry(m.title, level, int(m.page or 0)))
    return out


def match_entries(
    entries: list[Entry], pages: list[PageLayout], usable: dict[int, set[int]]
) -> dict[tuple[int, int], tuple[int, int]]:
    """For each entry found: ``(page position, first line) -> (last line, level)``.

    ``usable[p]``: positions of the lines of page ``p`` that may be a heading."""
    by_index = {page.index: p for p, page in enumerate(pages)}
    found: dict[tuple[int, int], tuple[int, int]] = {}
    for entry in entries:
        want = norm(entry.title)
        if not want:
            continue
        near = (entry.page, entry.page + 1, entry.page - 1)  # a bookmark a page off
        for p in (by_index.get(n) for n in near):
            if p is None:
                continue
            hit = _find(want, pages[p], usable.get(p, set()), found, p)
            if hit is not None:
                found[(p, hit[0])] = (hit[1], entry.level)
                break
    return found


def _find(
    want: str,
    page: PageLayout,
    usable: set[int],
    taken: dict[tuple[int, int], tuple[int, int]],
    p: int,
) -> tuple[int, int] | None:
    lines = page.lines
    for i in range(len(lines)):
        if i not in usable or (p, i) in taken:
            continue
        text = ""
        for j in range(i, min(len(lines), i + current().match_lines)):
            if j not in usable:
                break
            text += norm(lines[j].text)
            if text == want or (text.startswith(want) and len(text) - len(want) <= 3):
                return i, j
            if not want.startswith(text):
                break
    return None


@dataclass(slots=True)
class Agreement:
    """How the chapters and sections of a document agree with its PDF's outline."""

    chapters: int = 0  # the outline's chapters (after cleaning)
    sections: int = 0
    chapters_found: int = 0  # outline chapters with a document chapter of that title and page
    sections_found: int = 0  # outline sections with a chapter or section of that title and page
    missing: list[str] | None = None  # titles of the outline's chapters not found


def _same(entry: Entry, title: str, page: int | None) -> bool:
    a, b = norm(entry.title), norm(title)
    if not a or not b or page is None or abs(page - (entry.page + 1)) > 1:
        return False
    return a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a))


def outline_agreement(data: bytes, doc: Document) -> Agreement:
    """Compare ``doc`` (read from the PDF ``data``) with the PDF's own outline."""
    from .reader import read_outline

    entries = clean_outline(read_outline(data))
    chapters = [(n.title or "", n.page) for n in doc.iter(NodeKind.CHAPTER)]
    containers = chapters + [(n.title or "", n.page) for n in doc.iter(NodeKind.SECTION)]
    out = Agreement(missing=[])
    for entry in entries:
        if entry.level == 1:
            out.chapters += 1
            if any(_same(entry, t, p) for t, p in chapters):
                out.chapters_found += 1
            else:
                assert out.missing is not None
                out.missing.append(entry.title)
        else:
            out.sections += 1
            out.sections_found += any(_same(entry, t, p) for t, p in containers)
    return out
