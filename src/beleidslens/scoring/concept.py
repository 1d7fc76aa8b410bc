"""The concept step of ``lexical.v2``: the codebook's categories as a shared meaning space.

The shipped concept model (:mod:`beleidslens.nlp.concepts`) gives every unit a probability
over the Manifesto Project's main categories (its own words, plus ``concept_context`` × the
mean distribution of its section). A query then gets a *concept score* per unit:

* a query naming codes the model knows (``codes: ["501"]``; a theme stands for its
  aspects' codes): the probability of those codes, ``P(codes | unit)``;
* a query naming none: how much the unit's distribution shares with the distribution of the
  query's own weighted terms, ``Σ_c P(c | unit) · P(c | query)``.

The concept score — a probability — is blended as it is (``concept_calibration =
"probability"``; ``"quantile"`` maps it onto the query's current scores instead, as the soft
match does), with weight ``concept`` for coded queries and ``concept_uncoded`` for the
others. The uncoded ones take part only when the framework reads like the codebook: the
median of their text's largest category probability reaches ``concept_fit`` (a framework
written from the codebook's definitions does, the cross-cutting vulnerabilities do not).
Every number is a field of :class:`~beleidslens.scoring.params.SemanticParams`.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..errors import AnalysisError
from ..nlp.grams import text_words
from .base import section_means
from .calibrate import quantile_match

if TYPE_CHECKING:
    from ..nlp.concepts import ConceptModel
    from .base import Query, ScoringUnit
    from .params import SemanticParams


def concept_model(settings: SemanticParams) -> ConceptModel:
    from ..nlp.concepts import load_concepts

    try:
        return load_concepts(settings.concepts or None)
    except ValueError as exc:
        raise AnalysisError(f"lexical backend: {exc}") from None


def unit_distributions(
    model: ConceptModel,
    units: Sequence[ScoringUnit],
    unit_bags: Sequence[Mapping[str, float]],
    context: float,
    neighbours: float = 0.0,
    heading: float = 0.0,
) -> np.ndarray:
    """``[units, classes]``: each unit's category distribution, mixed with the mean of its
    neighbours in the same section (``neighbours``; units come in document order) and with
    its section's mean (``context``). Each unit is read as training read a coded row
    (:meth:`ConceptModel.read`): with its neighbours in the same section, and its
    surroundings there for a model trained with them."""
    words = _words(model, [u.text for u in units])
    dist = model.read(unit_bags, [u.group for u in units], words)
    if heading and any(u.context for u in units):
        from ..nlp.phrases import word_terms
        from .semantic import _count

        paths = sorted({u.context for u in units})
        h = model.proba([_count(word_terms(c)) for c in paths], words=_words(model, paths))
        where_h = {c: i for i, c in enumerate(paths)}
        has_h = np.array([bool(u.context) for u in units])[:, None]
        mixed = (1.0 - heading) * dist + heading * h[[where_h[u.context] for u in units]]
        dist = np.where(has_h, mixed, dist)
    if neighbours and len(units) > 1:
        same = np.array([a.group == b.group for a, b in itertools.pairwise(units)])
        prev = np.zeros_like(dist)
        nxt = np.zeros_like(dist)
        prev[1:][same] = dist[:-1][same]
        nxt[:-1][same] = dist[1:][same]
        count = np.zeros(len(units))
        count[1:] += same
        count[:-1] += same
        around = (prev + nxt) / np.maximum(count, 1)[:, None]
        has = (count > 0)[:, None]
        dist = np.where(has, (1.0 - neighbours) * dist + neighbours * around, dist)
    if context and len(units):
        dist = (1.0 - context) * dist + context * section_means(units, dist)
    return dist


def query_concepts(
    model: ConceptModel, queries: Sequence[Query], query_bags: Sequence[Mapping[str, float]]
) -> tuple[list[list[int]], list[int], np.ndarray]:
    """Per query the model's columns for the codes it names; the queries naming none; and
    those queries' own category distributions (``[uncoded, classes]``)."""
    cols = [model.columns([str(c) for c in q.meta.get("codes", ())]) for q in queries]
    uncoded = [qi for qi, c in enumerate(cols) if not c]
    q_dist = model.proba(
        [query_bags[qi] for qi in uncoded],
        words=query_words(model, [queries[qi] for qi in uncoded]),
    )
    return cols, uncoded, q_dist


def query_words(model: ConceptModel, queries: Sequence[Query]) -> list[dict[str, float]] | None:
    """The words of each query's texts, each × its field's weight, for a model that reads
    n-grams (:func:`~beleidslens.nlp.grams.text_words`); ``None`` for one that does not."""
    if model.gram_block is None:
        return None
    out: list[dict[str, float]] = []
    for q in queries:
        words: dict[str, float] = {}
        for text, weight in q.fields:
            for word, count in text_words(text).items():
                words[word] = words.get(word, 0.0) + weight * count
        out.append(words)
    return out


def _words(model: ConceptModel, texts: Sequence[str]) -> list[dict[str, float]] | None:
    return [text_words(t) for t in texts] if model.gram_block is not None else None


def concept_scores(
    dist: np.ndarray, cols: Sequence[Sequence[int]], uncoded: Sequence[int], q_dist: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``[queries, units]`` concept scores (module docstring) from the unit distributions
    and :func:`query_concepts`, and per query whether it is coded."""
    scores = np.zeros((len(cols), dist.shape[0]))
    coded = np.array([bool(c) for c in cols], dtype=bool)
    for qi, c in enumerate(cols):
        if c:
            scores[qi] = dist[:, list(c)].sum(axis=1)
    if len(uncoded):
        scores[list(uncoded)] = q_dist @ dist.T
    return np.round(scores, 9), coded


def concept_blend(
    settings: SemanticParams,
    current: np.ndarray,
    units: Sequence[ScoringUnit],
    unit_words: Sequence[Sequence[Sequence[str]]],
    queries: Sequence[Query],
    query_bags: Sequence[Mapping[str, float]],
) -> np.ndarray:
    """``current`` with the calibrated concept scores blended in (module docstring). Each
    unit (its words' index terms, :func:`~beleidslens.nlp.phrases.word_terms`) is read as
    the model's training read a coded row: every term of a word, a compound and its parts,
    in order (:func:`~beleidslens.nlp.concepts.bag`)."""
    if not settings.concept and not settings.concept_uncoded:
        return current
    model = concept_model(settings)
    cols, uncoded, q_dist = query_concepts(model, queries, query_bags)
    # the uncoded queries take part when the framework reads like the codebook (concept_fit)
    use_uncoded = bool(settings.concept_uncoded) and bool(uncoded)
    if use_uncoded:
        use_uncoded = float(np.median(q_dist.max(axis=1))) >= settings.concept_fit
    if len(uncoded) == len(queries) and not use_uncoded:
        return current  # nothing to blend (kwetsbaarheden, sdg: no codes, not codebook-like)
    from ..nlp.concepts import bag

    unit_bags = [bag([t for w in words for t in w], model.bigrams) for words in unit_words]
    dist = unit_distributions(
        model,
        units,
        unit_bags,
        settings.concept_context,
        settings.concept_neighbours,
        settings.concept_heading,
    )
    scores, coded = concept_scores(dist, cols, uncoded, q_dist)
    if settings.concept_text_mix and coded.any():
        # a coded query's own text's distribution, matched as for an uncoded one
        rows = [qi for qi in range(len(queries)) if coded[qi]]
        q_words = query_words(model, [queries[qi] for qi in rows])
        text = model.proba([query_bags[qi] for qi in rows], words=q_words) @ dist.T
        m = settings.concept_text_mix
        scores[rows] = (1.0 - m) * scores[rows] + m * np.round(text, 9)
    weight = np.where(coded, settings.concept, settings.concept_uncoded * use_uncoded)[:, None]
    if settings.concept_calibration == "probability":
        calibrated = scores
    else:
        calibrated = quantile_match(scores, current)
    return np.clip((1.0 - weight) * current + weight * calibrated, 0.0, 1.0)
