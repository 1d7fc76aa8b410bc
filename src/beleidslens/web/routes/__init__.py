"""The workbench's routers, one module per resource: documents, analyses, review, export."""

from __future__ import annotations

from fastapi import APIRouter

from . import analyses, documents, export, review

ROUTERS: tuple[APIRouter, ...] = (
    review.router,  # first: a decision, the hot path, is matched before the other routes
    documents.router,
    analyses.router,
    export.router,
)

__all__ = ["ROUTERS"]
