"""Renderer interface and registry.

A renderer is registered under a versioned name (``markdown.v1``) and selected with
``--format markdown``. It turns an analysis (plus, optionally, the source document for
"show in context") into ``str`` (text formats) or ``bytes`` (binary formats).

The other reports have their own registries of formats — audit, compare and money
(:data:`AUDIT_RENDERERS`, :data:`COMPARE_RENDERERS`, :data:`MONEY_RENDERERS`), the document
model of ``ingest`` (:data:`DOCUMENT_RENDERERS`), ``evaluate`` (:data:`EVALUATION_RENDERERS`),
``simulate`` (:data:`SIMULATION_RENDERERS`) and ``corpus-report`` (:data:`CORPUS_RENDERERS`):
an entry's factory gives a :data:`ReportRenderer`, a function ``(report, lang) -> str | bytes``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from ..registry import Registry

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..analysis.result import AspectVerdict, ThemeResult
    from ..document import Document


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "nl"  # "nl" or "en": labels a reader sees
    include_unselected: bool = True  # candidates folded away (html), rows (csv/xlsx)


class Renderer(ABC):
    """Base class: one abstract method, :meth:`render`."""

    format: ClassVar[str]  # short name used with --format, e.g. "markdown"
    extension: ClassVar[str]  # file extension without dot
    media_type: ClassVar[str]
    binary: ClassVar[bool] = False

    @abstractmethod
    def render(
        self, analysis: Analysis, options: RenderOptions, document: Document | None = None
    ) -> str | bytes:
        """Render the analysis."""


RENDERERS: Registry[Renderer] = Registry("report format")

ReportRenderer = Callable[[Any, str], "str | bytes"]  # (report, lang) -> payload
AUDIT_RENDERERS: Registry[ReportRenderer] = Registry("audit format")
COMPARE_RENDERERS: Registry[ReportRenderer] = Registry("compare format")
MONEY_RENDERERS: Registry[ReportRenderer] = Registry("money format")
DOCUMENT_RENDERERS: Registry[ReportRenderer] = Registry("document format")  # ingest
EVALUATION_RENDERERS: Registry[ReportRenderer] = Registry("evaluation format")  # evaluate
SIMULATION_RENDERERS: Registry[ReportRenderer] = Registry("simulation format")  # simulate
CORPUS_RENDERERS: Registry[ReportRenderer] = Registry("corpus report format")  # corpus-report


def render_report(registry: Registry[ReportRenderer], report: Any, fmt: str, lang: str) -> Any:
    """Render a report (audit, comparison, money, document, evaluation, simulation, corpus
    overview) in the format ``fmt`` registered in ``registry``."""
    return registry.create(fmt)(report, lang)


def render(
    analysis: Analysis,
    fmt: str,
    options: RenderOptions | None = None,
    document: Document | None = None,
) -> str | bytes:
    renderer = RENDERERS.create(fmt)
    return renderer.render(analysis, options or RenderOptions(), document)


def rejects(aspect: AspectVerdict) -> bool:
    """An ``uncertain`` aspect whose best evidence argues against its remedy
    (``Evidence.stance == "against"``, :mod:`beleidslens.analysis.stance`): the document
    speaks of it to reject it."""
    return (
        str(aspect.status) == "uncertain"
        and bool(aspect.evidence)
        and aspect.evidence[0].stance == "against"
    )


def mark_label(aspect: AspectVerdict, lang: str) -> str:
    """The aspect's label as a ``NIET``/``ONZEKER`` line names it: with the stance
    (``(het document wijst dit af)``) when :func:`rejects` holds."""
    from ..i18n import t

    if rejects(aspect):
        return f"{aspect.label} ({t('stance_against', lang)})"
    return aspect.label


def verdict_marks(theme: ThemeResult) -> list[tuple[str, AspectVerdict]]:
    """The aspects a report lists under a theme, each with its mark's label key: first the
    ``not_addressed`` ones (``NIET``), then the ``uncertain`` ones (``ONZEKER``)."""
    return [("not", a) for a in theme.aspects if str(a.status) == "not_addressed"] + [
        ("uncertain_mark", a) for a in theme.aspects if str(a.status) == "uncertain"
    ]
