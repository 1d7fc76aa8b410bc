"""Scoring backends behind one registry (:data:`SCORERS`) and one batch interface."""

from .base import DEFAULT_BACKEND, SCORERS, Query, Scorer, ScoringUnit

__all__ = ["DEFAULT_BACKEND", "SCORERS", "Query", "Scorer", "ScoringUnit"]
