"""Renderers: turn an :class:`~beleidslens.analysis.Analysis` into a report format."""

from .base import RENDERERS, Renderer, RenderOptions, render

__all__ = ["RENDERERS", "RenderOptions", "Renderer", "render"]
