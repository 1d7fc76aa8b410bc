"""Scoring backends behind one registry (:data:`SCORERS`) and one batch interface."""

from .base import SCORERS, Query, Scorer, ScoringUnit

__all__ = ["SCORERS", "Query", "Scorer", "ScoringUnit"]
