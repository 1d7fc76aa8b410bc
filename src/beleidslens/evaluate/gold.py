"""Parser for expert analyses written in the report Markdown format.

The format (also what :class:`beleidslens.render.markdown.MarkdownRenderer` writes)::

    <title>

    <intro sentence(s)>
    <theme heading>

     • <passage quoted from the document>
     • <another passage>

    NIET: <label of an aspect the document does not address>

    <theme heading>

    -

A theme heading followed by ``-`` means "explicitly nothing"; a heading followed by nothing
at all before the next heading or the end of the file means "not assessed" (``assessed`` is
false). Bullets start with ``•``, ``-`` or ``*``, possibly indented; a non-blank line directly
under a bullet continues it. Markdown heading marks (``#``) and emphasis around headings are
tolerated, as are CRLF line ends and a byte-order mark.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..framework import Framework, Theme

_BULLET = re.compile(r"^\s*[•\-*‣◦·]\s+(?P<text>\S.*)$")
_EMPTY = re.compile(r"^\s*[-–—]\s*$")
_NIET = re.compile(r"^\s*(?:[•\-*]\s+)?(?:NIET|NOT)\s*:\s*(?P<text>.*)$")
_UNCERTAIN = re.compile(r"^\s*(?:[•\-*]\s+)?(?:ONZEKER|UNCERTAIN)\s*:\s*(?P<text>.*)$")
_ESCAPED = re.compile(r"\\([\\`*_\[\]<>#|])")
_HEADING_MARKS = re.compile(r"^\s*#{1,6}\s*|\s*#+\s*$")
_EMPHASIS = re.compile(r"^(\*\*|__)(.*)\1$")
_PAGE_REF = re.compile(r"\s*\((?:p\.|pagina|page|blz\.)\s*[\d\-–, ]+\)\s*$", re.IGNORECASE)


@dataclass(slots=True)
class ExpertBullet:
    text: str
    line: int


@dataclass(slots=True)
class ExpertNiet:
    text: str
    line: int


@dataclass(slots=True)
class ExpertTheme:
    heading: str
    line: int
    bullets: list[ExpertBullet] = field(default_factory=list)
    niet: list[ExpertNiet] = field(default_factory=list)
    # 'ONZEKER:' lines (what beleidslens's reports write for uncertain aspects)
    uncertain: list[ExpertNiet] = field(default_factory=list)
    empty: bool = False  # '-': the expert found explicitly nothing

    @property
    def assessed(self) -> bool:
        """False for a heading followed by nothing at all (not assessed)."""
        return self.empty or bool(self.bullets) or bool(self.niet)


@dataclass(slots=True)
class ExpertAnalysis:
    title: str
    intro: str
    themes: list[ExpertTheme] = field(default_factory=list)
    source: str = "<gold>"

    def theme(self, heading: str) -> ExpertTheme | None:
        key = _norm(heading)
        for t in self.themes:
            if _norm(t.heading) == key:
                return t
        return None


# An expert bullet quotes a passage: the longest in the gold analyses is under 700
# characters. Past these limits a file is refused (one line) rather than matched at a cost
# that grows with the product of the lengths.
MAX_BULLET_CHARS = 20_000
MAX_EXPERT_BYTES = 20_000_000
_TAIL = 200  # a page reference is short: only the end of a text is searched for one


def strip_page_ref(text: str) -> str:
    """Remove a trailing page reference like ``(p. 12)`` that renderers may append."""
    text = _unescape(text).rstrip()
    head, tail = text[:-_TAIL], text[-_TAIL:]
    return (head + _PAGE_REF.sub("", tail)).rstrip()


def _unescape(text: str) -> str:
    """Undo Markdown's backslash escapes (``\\*`` → ``*``), as the Markdown report writes them."""
    return _ESCAPED.sub(r"\1", text) if "\\" in text else text


def _clean_heading(line: str) -> str:
    text = _unescape(_HEADING_MARKS.sub("", line.strip()).strip())
    m = _EMPHASIS.match(text)
    if m:
        text = m.group(2).strip()
    return text


def _is_prose(line: str) -> bool:
    """Intro prose (sentences) as opposed to a theme heading."""
    text = line.strip()
    return text.endswith((".", ":", "!", "?")) and len(text.split()) >= 6


def read_expert_markdown(path: Path) -> ExpertAnalysis:
    """Read and parse an expert analysis file; a file that cannot be read as UTF-8 text is an
    :class:`~beleidslens.errors.AnalysisError` naming it."""
    from ..errors import AnalysisError

    try:
        if path.stat().st_size > MAX_EXPERT_BYTES:
            raise AnalysisError(
                f"file is over the size limit of {MAX_EXPERT_BYTES // 1_000_000} MB for an "
                "expert analysis",
                path,
            )
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise AnalysisError("no such file", path) from None
    except IsADirectoryError:
        raise AnalysisError(
            "is a directory, expected an expert analysis (Markdown)", path
        ) from None
    except UnicodeDecodeError:
        raise AnalysisError(
            "not UTF-8 text (expected an expert analysis in Markdown)", path
        ) from None
    except OSError as exc:
        raise AnalysisError(f"cannot read: {exc.strerror or exc}", path) from None
    return parse_expert_markdown(text, str(path))


def parse_expert_markdown(text: str, source: str = "<gold>") -> ExpertAnalysis:
    """Parse an expert analysis. Never raises on odd lines: unknown prose before the first
    theme is intro, after it a new heading. A bullet longer than :data:`MAX_BULLET_CHARS`
    is an :class:`~beleidslens.errors.AnalysisError` naming its line. Linear in the text."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    title = ""
    intro_parts: list[str] = []
    themes: list[ExpertTheme] = []
    current: ExpertTheme | None = None
    last_bullet: ExpertBullet | None = None  # for continuation lines
    parts: list[str] = []  # the continuation lines of last_bullet, joined once at its end

    def close_bullet() -> None:
        nonlocal last_bullet
        if last_bullet is not None and parts:
            last_bullet.text = strip_page_ref(" ".join([last_bullet.text, *parts]))
            parts.clear()
        if last_bullet is not None and len(last_bullet.text) > MAX_BULLET_CHARS:
            from ..errors import AnalysisError

            raise AnalysisError(
                f"bullet of {len(last_bullet.text)} characters; an expert bullet quotes a "
                f"passage (at most {MAX_BULLET_CHARS} characters)",
                source,
                last_bullet.line,
            )
        last_bullet = None

    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if not line.strip():
            close_bullet()
            continue
        if not title:
            title = _clean_heading(line)
            continue
        niet = _NIET.match(line)
        if niet and current is not None:
            close_bullet()
            current.niet.append(ExpertNiet(_unescape(niet.group("text").strip()), number))
            continue
        unsure = _UNCERTAIN.match(line)
        if unsure and current is not None:
            close_bullet()
            text = _unescape(unsure.group("text").strip())
            current.uncertain.append(ExpertNiet(_drop_stance_note(text), number))
            continue
        if _EMPTY.match(line) and current is not None:
            close_bullet()
            current.empty = True
            continue
        bullet = _BULLET.match(line)
        if bullet and current is not None:
            close_bullet()
            last_bullet = ExpertBullet(strip_page_ref(bullet.group("text").strip()), number)
            current.bullets.append(last_bullet)
            continue
        if last_bullet is not None and raw[:1].isspace():
            parts.append(strip_page_ref(line.strip()))
            continue
        close_bullet()
        if current is None and _is_prose(line):
            intro_parts.append(line.strip())
            continue
        current = ExpertTheme(heading=_clean_heading(line), line=number)
        themes.append(current)
    close_bullet()
    return ExpertAnalysis(title=title, intro=" ".join(intro_parts), themes=themes, source=source)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


_MAX_HEADING = 500


def match_theme(heading: str, framework: Framework) -> Theme | None:
    """The framework theme an expert heading refers to (label or id, tolerant of case,
    punctuation and small spelling differences), or ``None``."""
    if len(heading) > _MAX_HEADING:
        return None  # no theme label is that long; spares a costly fuzzy comparison
    key = _norm(heading)
    if not key:
        return None
    for theme in framework.themes:
        if key in (_norm(theme.label), _norm(theme.id.replace("_", " "))):
            return theme
    best: tuple[float, Theme] | None = None
    for theme in framework.themes:
        label = _norm(theme.label)
        ratio = difflib.SequenceMatcher(None, key, label).ratio()
        # a heading that is a clear prefix/part of the label (e.g. before a '/') also counts
        if len(key) >= 8 and (label.startswith(key) or key.startswith(label)):
            ratio = max(ratio, 0.9)
        if best is None or ratio > best[0]:
            best = (ratio, theme)
    if best is not None and best[0] >= 0.8:
        return best[1]
    return None


def require_matching_themes(expert: ExpertAnalysis, framework: Framework) -> None:
    """Refuse (:class:`~beleidslens.errors.AnalysisError`) an expert analysis in which no
    heading that names a theme of ``framework`` has anything under it (bullets, ``NIET``
    lines or ``-``): scoring it would compare nothing and report a perfect score."""
    matched = [t for t in expert.themes if match_theme(t.heading, framework) is not None]
    if any(t.assessed for t in matched):
        return
    from ..errors import AnalysisError

    if not expert.themes:
        raise AnalysisError("no theme headings found in the expert analysis", expert.source)
    if matched:
        raise AnalysisError(
            f"none of the {len(matched)} headings that name a theme of framework "
            f"{framework.id!r} has bullets, NIET lines or '-' under it: nothing to compare",
            expert.source,
            matched[0].line,
        )
    first = expert.themes[0]
    shown = first.heading if len(first.heading) <= 60 else first.heading[:57] + "..."
    which = (
        f"its only heading ({shown!r}) names no theme"
        if len(expert.themes) == 1
        else f"none of its {len(expert.themes)} headings (the first: {shown!r}) names a theme"
    )
    raise AnalysisError(
        f"{which} of framework {framework.id!r}; is this an expert analysis for this framework?",
        expert.source,
        first.line,
    )


def _drop_stance_note(text: str) -> str:
    """An ``ONZEKER`` line of a beleidslens report may end in the stance note
    (``(het document wijst dit af)``, i18n ``stance_against``): the aspect is the rest."""
    from ..i18n import LANGUAGES, t

    for lang in LANGUAGES:
        note = f" ({t('stance_against', lang)})"
        if text.endswith(note):
            return text[: -len(note)].rstrip()
    return text


def match_aspect(text: str, theme: Theme) -> str | None:
    """The id of the aspect of ``theme`` a ``NIET:`` line names, or ``None``.

    Exact label first; otherwise the aspect whose label shares the largest fraction of the
    line's words (at least half of them, and more than any other aspect)."""
    if len(text) > 4 * _MAX_HEADING:
        return None  # no aspect label is that long
    key = _norm(text)
    if not key:
        return None
    for aspect in theme.aspects:
        if key in (_norm(aspect.label), _norm(aspect.id.replace("_", " "))):
            return aspect.id
    words = set(key.split())
    scored: list[tuple[float, str]] = []
    for aspect in theme.aspects:
        label_words = set(_norm(aspect.label).split())
        overlap = len(words & label_words) / max(1, len(words))
        ratio = difflib.SequenceMatcher(None, key, _norm(aspect.label)).ratio()
        scored.append((max(overlap, ratio), aspect.id))
    scored.sort(reverse=True)
    if scored and scored[0][0] >= 0.5 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    return None
