"""JSON renderer: the versioned analysis schema (``Analysis.to_json``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from .base import Renderer, RenderOptions

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..document import Document


class JsonRenderer(Renderer):
    format: ClassVar[str] = "json"
    extension: ClassVar[str] = "json"
    media_type: ClassVar[str] = "application/json"

    def render(
        self, analysis: Analysis, options: RenderOptions, document: Document | None = None
    ) -> str:
        return analysis.to_json()
