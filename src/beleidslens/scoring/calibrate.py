"""Calibration: map a backend's raw similarities onto the scale the selection gates expect.

The pipeline's absolute thresholds (a theme gate of 0.45, a minimum passage score of 0.25,
``addressed`` at 0.50) were tuned on ``lexical.v1`` scores. A cosine similarity of 0.5
means something else for every embedding model, so raw similarities cannot be used as they
are. Two monotone calibrations (per query row; the order of the units never changes):

``quantile``
    Distribution matching: the unit with the k-th highest similarity gets the k-th highest
    *lexical* score of the same query. The embedding decides the ranking, the lexical scorer
    decides how much evidence the document holds for the query, so a theme the document is
    silent about stays below the gates whatever the model says.
``logistic``
    An absolute map ``1 / (1 + exp(-(s - center) / width))`` with a model-specific
    ``center`` and ``width`` (the cosine at which a passage is half-relevant, and how sharply
    relevance rises around it). Independent of the lexical scores; needs tuning per model.

:func:`blend` mixes the calibrated score with the lexical one:
``score = (1 - blend) × lexical + blend × calibrated``.
"""

from __future__ import annotations

import numpy as np

CALIBRATIONS = ("quantile", "logistic")


def quantile_match(similarity: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Per row: the unit ranked k-th by ``similarity`` gets the k-th largest ``reference``.

    Ties in ``similarity`` are broken by unit index (stable sort), so the result is
    deterministic. Both arrays have shape ``[n_queries, n_units]``.
    """
    sim = np.asarray(similarity, dtype=np.float64)
    ref = np.asarray(reference, dtype=np.float64)
    if sim.shape != ref.shape:
        raise ValueError(f"shape mismatch: {sim.shape} vs {ref.shape}")
    out = np.empty_like(sim)
    for i in range(sim.shape[0]):
        order = np.argsort(-sim[i], kind="stable")
        out[i, order] = np.sort(ref[i])[::-1]
    return out


def logistic(similarity: np.ndarray, center: float, width: float) -> np.ndarray:
    """``1 / (1 + exp(-(s - center) / width))``, monotone increasing, in ``(0, 1)``."""
    if width <= 0:
        raise ValueError("width must be positive")
    z = (np.asarray(similarity, dtype=np.float64) - center) / width
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))


def blend(lexical: np.ndarray, calibrated: np.ndarray, weight: float) -> np.ndarray:
    """``(1 - weight) × lexical + weight × calibrated``, clipped to ``[0, 1]``."""
    if weight == 0.0:
        return np.clip(np.asarray(lexical, dtype=np.float64), 0.0, 1.0)
    mixed = (1.0 - weight) * np.asarray(lexical, dtype=np.float64) + weight * np.asarray(
        calibrated, dtype=np.float64
    )
    return np.clip(mixed, 0.0, 1.0)


def calibrate(
    similarity: np.ndarray,
    lexical: np.ndarray,
    method: str,
    *,
    center: float = 0.3,
    width: float = 0.1,
) -> np.ndarray:
    if method == "quantile":
        return quantile_match(similarity, lexical)
    if method == "logistic":
        return logistic(similarity, center, width)
    raise ValueError(f"unknown calibration {method!r}; known: {', '.join(CALIBRATIONS)}")
