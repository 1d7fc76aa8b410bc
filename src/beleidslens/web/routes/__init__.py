"""The workbench's routers, one module per resource: documents, analyses, review, export."""

from __future__ import annotations

from fastapi import APIRouter

from . import analyses, documents, export, review

ROUTERS: tuple[APIRouter, ...] = (
    documents.router,
    analyses.router,
    review.router,
    export.router,
)

__all__ = ["ROUTERS"]
