"""Compare documents side by side per theme and aspect (``beleidslens compare``).

Every document is analysed with the same pipeline, framework and backend; the comparison
lists per theme the number of selected passages, the amounts (count and the sum in euros of
the amounts found — amounts can overlap, so the sum is an indication, not a budget), the best
passage per document, and per aspect each document's verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..errors import AnalysisError
from ..i18n import add_labels, t
from ..scoring.base import DEFAULT_BACKEND

if TYPE_CHECKING:
    from ..analysis.result import Analysis

SCHEMA_VERSION = "beleidslens.compare/1"

add_labels(
    {
        "cmp_title": {"nl": "Vergelijking van documenten", "en": "Comparison of documents"},
        "cmp_intro": {
            "nl": "Per thema van {framework}: wat elk document bijdraagt, naast elkaar.",
            "en": "Per theme of {framework}: what each document contributes, side by side.",
        },
        "cmp_selected": {"nl": "geselecteerde passages", "en": "selected passages"},
        "cmp_amounts": {"nl": "bedragen (aantal)", "en": "amounts (count)"},
        "cmp_total": {"nl": "som bedragen", "en": "sum of amounts"},
        "cmp_top": {"nl": "Sterkste passage", "en": "Strongest passage"},
        "cmp_total_note": {
            "nl": "De som telt de gevonden bedragen op; bedragen kunnen elkaar overlappen.",
            "en": "The sum adds up the amounts found; amounts can overlap.",
        },
    }
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocColumn(_Model):
    name: str
    title: str


class TopPassage(_Model):
    text: str
    score: float
    page: int | None = None
    section: str = ""


class ThemeCell(_Model):
    selected: int
    amounts: int
    total_eur: float
    top: TopPassage | None = None


class AspectRow(_Model):
    id: str
    label: str
    status: list[str | None] = Field(description="verdict per document (None: not assessed)")
    score: list[float | None]


class ThemeRow(_Model):
    id: str
    label: str
    cells: list[ThemeCell]
    aspects: list[AspectRow]


class Comparison(_Model):
    schema_: str = Field(SCHEMA_VERSION, alias="schema")
    framework: str
    framework_name: str
    backend: str
    documents: list[DocColumn]
    themes: list[ThemeRow]

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2) + "\n"


def _short_title(title: str | None, name: str) -> str:
    """The document's own title, else its file name without folders."""
    if title and title != name:
        return title
    return name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or name


def compare(analyses: list[Analysis], labels: Sequence[str | None] | None = None) -> Comparison:
    """Compare ``analyses``; ``labels[i]`` (when given and not None) names document i's
    column instead of its title or file name."""
    if len(analyses) < 2:
        raise AnalysisError("compare needs at least two documents")
    first = analyses[0]
    for a in analyses[1:]:
        if a.framework.id != first.framework.id:
            raise AnalysisError(
                f"analyses use different frameworks ({first.framework.id}, {a.framework.id})",
                a.document.name,
            )
    themes: list[ThemeRow] = []
    for theme in first.themes:
        cells: list[ThemeCell] = []
        per_doc = []
        for a in analyses:
            try:
                tr = a.theme(theme.id)
            except KeyError:
                tr = None
            per_doc.append(tr)
            if tr is None:
                cells.append(ThemeCell(selected=0, amounts=0, total_eur=0.0))
                continue
            best = max(tr.selected, key=lambda p: p.score, default=None)
            cells.append(
                ThemeCell(
                    selected=len(tr.selected),
                    amounts=len(tr.amounts),
                    total_eur=float(sum(m.value_eur for m in tr.amounts)),
                    top=TopPassage(
                        text=best.text,
                        score=round(best.score, 4),
                        page=best.location.page,
                        section=best.location.section,
                    )
                    if best
                    else None,
                )
            )
        aspects = []
        for asp in theme.aspects:
            statuses: list[str | None] = []
            scores: list[float | None] = []
            for tr in per_doc:
                v = next((x for x in tr.aspects if x.id == asp.id), None) if tr else None
                statuses.append(str(v.status) if v else None)
                scores.append(round(v.score, 4) if v else None)
            aspects.append(AspectRow(id=asp.id, label=asp.label, status=statuses, score=scores))
        themes.append(ThemeRow(id=theme.id, label=theme.label, cells=cells, aspects=aspects))
    return Comparison(
        framework=first.framework.id,
        framework_name=first.framework.name,
        backend=first.backend,
        documents=[
            DocColumn(
                name=a.document.file_name,
                title=label or _short_title(a.document.title, a.document.name),
            )
            for a, label in zip(analyses, labels or [None] * len(analyses), strict=True)
        ],
        themes=themes,
    )


def compare_files(
    paths: list[str],
    framework: str,
    *,
    backend: str = DEFAULT_BACKEND,
    scorer_options: Mapping[str, str] | None = None,
    on_document: Callable[[str], None] | None = None,
    labels: Sequence[str | None] | None = None,
) -> Comparison:
    """Analyse each of ``paths`` and compare them; ``on_document(path)`` after each one;
    ``labels`` as for :func:`compare`."""
    from ..analysis.options import AnalysisOptions
    from ..analysis.pipeline import analyze
    from ..framework import load_framework
    from ..ingest import load_document

    fw = load_framework(framework)
    options = AnalysisOptions(scorer=dict(scorer_options or {}))
    analyses = []
    for p in paths:
        analyses.append(analyze(load_document(p), fw, backend=backend, options=options))
        if on_document is not None:
            on_document(p)
    return compare(analyses, labels)


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_markdown(c: Comparison, lang: str = "nl") -> str:
    from ..render.html import format_eur

    out = [f"# {t('cmp_title', lang)}", "", t("cmp_intro", lang, framework=c.framework_name), ""]
    for i, d in enumerate(c.documents, start=1):
        out.append(f"{i}. {_md_cell(d.title)} ({_md_cell(d.name)})")
    head = "| | " + " | ".join(f"{i}. {_md_cell(d.title)}" for i, d in enumerate(c.documents, 1))
    sep = "|---" * (len(c.documents) + 1) + "|"
    for th in c.themes:
        out += ["", f"## {th.label}", "", head + " |", sep]
        out.append(
            f"| {t('cmp_selected', lang)} | " + " | ".join(str(x.selected) for x in th.cells) + " |"
        )
        out.append(
            f"| {t('cmp_amounts', lang)} | " + " | ".join(str(x.amounts) for x in th.cells) + " |"
        )
        out.append(
            f"| {t('cmp_total', lang)} | "
            + " | ".join(
                format_eur(x.total_eur, lang) if x.amounts else t("nothing", lang) for x in th.cells
            )
            + " |"
        )
        for a in th.aspects:
            out.append(
                f"| {_md_cell(a.label)} | "
                + " | ".join(t(s, lang) if s else t("nothing", lang) for s in a.status)
                + " |"
            )
        out += ["", f"**{t('cmp_top', lang)}:**", ""]
        for i, cell in enumerate(th.cells, start=1):
            if cell.top is None:
                out.append(f"- {i}. {t('nothing', lang)}")
                continue
            where = ", ".join(
                x
                for x in (
                    cell.top.section,
                    f"{t('page', lang)} {cell.top.page}" if cell.top.page else "",
                )
                if x
            )
            out.append(
                f"- {i}. {_md_cell(cell.top.text)}" + (f" ({_md_cell(where)})" if where else "")
            )
    out += ["", f"_{t('cmp_total_note', lang)}_"]
    return "\n".join(out) + "\n"


def render_html(c: Comparison, lang: str = "nl") -> str:
    from ..render.html import environment

    return environment().get_template("compare.html.j2").render(c=c, lang=lang)


def render_json(c: Comparison, lang: str = "nl") -> str:
    return c.to_json()


def render_comparison(c: Comparison, fmt: str = "markdown", lang: str = "nl") -> str:
    """``c`` in the registered compare format ``fmt`` (``COMPARE_RENDERERS``)."""
    from ..render.base import COMPARE_RENDERERS, render_report

    payload: str = render_report(COMPARE_RENDERERS, c, fmt, lang)
    return payload
