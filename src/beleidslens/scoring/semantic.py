"""``lexical.v2``: ``lexical.v1`` plus the shipped semantic model (numpy only).

The model (:mod:`beleidslens.nlp.semantic`) gives every index term vectors trained on Dutch
political text. Three uses, each a parameter of :class:`SemanticParams`:

1. **Expansion from the domain** — the document's terms closest (cosine in the
   ``window`` space, precomputed per term) to a query's own terms join the query with a small weight before
   BM25 and the expansion from the document: a query about ``werkloosheid`` also counts
   ``uitkering`` and ``werkzoekende`` where the document uses them.
2. **Soft match** — a unit's meaning vector (its words, plus its heading path and the mean of
   its section, ``context_weight`` and ``group_weight``) is compared with the query's
   meaning vector (its weighted terms); the cosine is calibrated per query onto the lexical
   score distribution (quantile matching, :mod:`beleidslens.scoring.calibrate`) and blended:
   ``(1 - blend) × lexical + blend × calibrated``.
3. **Word senses from context** — because the unit's meaning vector includes its section
   and neighbouring words, a keyword in another sense (re-integration of prisoners under
   labour re-integration; equal treatment of *students* under gender equality) has a low
   cosine with the aspect's meaning: the soft match ranks it low, and ``sense_penalty``
   lowers its lexical score by how far its cosine falls below the query's typical cosine
   among its lexical matches.

``blend=0, expand_terms=0, sense_penalty=0`` is exactly ``lexical.v1``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import AnalysisError
from ..nlp.phrases import word_terms
from .base import Query, ScoringUnit
from .calibrate import blend, quantile_match
from .lexical import DEFAULTS as LEXICAL_DEFAULTS
from .lexical import LexicalScorer


class SemanticParams(BaseModel):
    """Parameters of ``lexical.v2``'s use of the semantic model (measurements that chose
    them: ``docs/scoring.md``, "Semantic model")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str = Field("", description="path of a model .npz; empty: the shipped model")
    window: float = Field(1.0, ge=0, description="weight of the window space in meaning vectors")
    heading: float = Field(1.0, ge=0, description="…of the heading ↔ passage space")
    category: float = Field(0.0, ge=0, description="…of the MARPOR category space")
    context_weight: float = Field(0.5, ge=0, description="heading path in a unit's vector")
    group_weight: float = Field(0.3, ge=0, description="section mean in a unit's vector")
    blend: float = Field(0.3, ge=0, le=1, description="weight of the calibrated soft match")
    expand_terms: int = Field(6, ge=0, description="domain terms added per query")
    expand_min_sim: float = Field(0.55, ge=-1, le=1, description="least cosine of one")
    expand_weight: float = Field(0.15, ge=0, description="their total weight (query = 1)")
    sense_penalty: float = Field(0.0, ge=0, le=1, description="lexical × (1 - p × shortfall)")
    sense_margin: float = Field(0.15, gt=0, description="cosine shortfall that costs p fully")


class SemanticScorer(LexicalScorer):
    name: ClassVar[str] = "lexical.v2"

    def __init__(self, **params: Any) -> None:
        own = {k: v for k, v in params.items() if k in SemanticParams.model_fields}
        rest = {k: v for k, v in params.items() if k not in own}
        unknown = set(rest) - set(LEXICAL_DEFAULTS)
        if unknown:
            raise ValueError(f"unknown lexical.v2 parameters: {sorted(unknown)}")
        try:
            self.semantic = SemanticParams(**own)
        except ValidationError as exc:
            err = exc.errors()[0]
            raise AnalysisError(
                f"lexical.v2 backend: option {'.'.join(map(str, err['loc']))}: {err['msg']}"
            ) from None
        super().__init__(**rest)

    def parameters(self) -> dict[str, Any]:
        from ..nlp.semantic import load_model

        out = super().parameters()
        sem = self.semantic.model_dump()
        sem["model"] = load_model(sem["model"] or None).identity
        return dict(sorted({**out, **sem}.items()))

    # -- meaning vectors --------------------------------------------------------------------
    def _space_weights(self) -> list[tuple[str, float]]:
        s = self.semantic
        return [
            (n, w)
            for n, w in (("window", s.window), ("heading", s.heading), ("category", s.category))
            if w > 0
        ]

    def _vectors(self, model: Any, bags: Sequence[dict[str, float]]) -> np.ndarray:
        """Meaning vectors of bags of terms in the weighted spaces (see ``bag_vectors``)."""
        spaces = [(n, w) for n, w in self._space_weights() if model.has_space(n)]
        if not spaces:
            return np.zeros((len(bags), 1), dtype=np.float32)
        return model.bag_vectors(bags, spaces)

    def unit_vectors(
        self,
        model: Any,
        units: Sequence[ScoringUnit],
        bags: Sequence[dict[str, float]] | None = None,
    ) -> np.ndarray:
        s = self.semantic
        bags = bags if bags is not None else [_bag(u.text) for u in units]
        vec = self._vectors(model, bags).astype(np.float64)
        if s.context_weight and any(u.context for u in units):
            contexts = sorted({u.context for u in units})
            ctx = self._vectors(model, [_bag(c) for c in contexts]).astype(np.float64)
            where = {c: i for i, c in enumerate(contexts)}
            vec = vec + s.context_weight * ctx[[where[u.context] for u in units]]
        if s.group_weight:
            groups = sorted({u.group for u in units})
            where = {g: i for i, g in enumerate(groups)}
            gi = np.array([where[u.group] for u in units])
            sums = np.zeros((len(groups), vec.shape[1]))
            np.add.at(sums, gi, vec)
            sizes = np.bincount(gi, minlength=len(groups))[:, None]
            vec = vec + s.group_weight * (sums / np.maximum(sizes, 1))[gi]
        return _normalize(vec)

    # -- step 1: expansion ----------------------------------------------------------------
    def expansions(
        self, model: Any, all_terms: Sequence[dict[str, float]], doc_terms: Sequence[str]
    ) -> list[dict[str, float]]:
        """Per query, up to ``expand_terms`` of the document's terms with the highest
        ``sum(query weight × cosine)`` over the query's single terms and their shipped
        nearest terms (cosines below ``expand_min_sim`` count 0), weights scaled to
        ``expand_weight`` in total."""
        s = self.semantic
        if not s.expand_terms:
            return [{} for _ in all_terms]
        in_doc = {model.index[t] for t in doc_terms if t in model.index}
        near: dict[str, list[tuple[int, float]]] = {}
        out: list[dict[str, float]] = []
        for terms in all_terms:
            score: dict[int, float] = {}
            for t, w in terms.items():
                if t not in near:
                    ids, sims = model.near(t)
                    near[t] = [
                        (int(i), float(x))
                        for i, x in zip(ids, sims, strict=True)
                        if x >= s.expand_min_sim and int(i) in in_doc
                    ]
                for i, x in near[t]:
                    score[i] = score.get(i, 0.0) + w * x
            chosen = sorted(
                ((x, model.vocab[i]) for i, x in score.items() if model.vocab[i] not in terms),
                key=lambda p: (-p[0], p[1]),
            )[: s.expand_terms]
            total = sum(x for x, _ in chosen)
            out.append({t: s.expand_weight * x / total for x, t in chosen} if chosen else {})
        return out

    # -- the batch method -----------------------------------------------------------------
    def score(self, units: Sequence[ScoringUnit], queries: Sequence[Query]) -> np.ndarray:
        from ..nlp.semantic import load_model

        n_q, n_u = len(queries), len(units)
        if not n_q or not n_u:
            return np.zeros((n_q, n_u), dtype=np.float64)
        s = self.semantic
        model = load_model(s.model or None)
        all_terms, damp = terms_damp = self.terms_of(queries)
        bags = [{t: w * damp.get(t, 1.0) for t, w in terms.items()} for terms in all_terms]
        seqs = [word_terms(u.text) for u in units]
        doc_terms = sorted({t for seq in seqs for word in seq for t in word})
        extra = self.expansions(model, bags, doc_terms)
        lexical = self.score_with(units, queries, extra, seqs, terms_damp)
        if not s.blend and not s.sense_penalty:
            return lexical
        q_vec = _normalize(self._vectors(model, [_flat(b) for b in bags]).astype(np.float64))
        u_vec = self.unit_vectors(model, units, [_count(seq) for seq in seqs])
        sims = np.round(q_vec @ u_vec.T, 6)
        if s.sense_penalty:
            lexical = lexical * self.sense_factor(sims, lexical)
        calibrated = quantile_match(sims, lexical)
        return blend(lexical, calibrated, s.blend)

    def sense_factor(self, sims: np.ndarray, lexical: np.ndarray) -> np.ndarray:
        """Per query: units matching it lexically whose meaning cosine falls below the
        median cosine of those matches lose up to ``sense_penalty`` of their score."""
        s = self.semantic
        out = np.ones_like(lexical)
        for qi in range(lexical.shape[0]):
            hit = lexical[qi] > 0.05
            if hit.sum() < 3:
                continue
            ref = float(np.median(sims[qi, hit]))
            short = np.clip((ref - sims[qi]) / s.sense_margin, 0.0, 1.0)
            out[qi] = 1.0 - s.sense_penalty * short
        return out


def _count(seq: Sequence[tuple[str, ...]]) -> dict[str, float]:
    bag: dict[str, float] = {}
    for terms in seq:
        for t in terms:
            bag[t] = bag.get(t, 0.0) + 1.0
    return bag


def _bag(text: str) -> dict[str, float]:
    return _count(word_terms(text))


def _flat(terms: dict[str, float]) -> dict[str, float]:
    """A query's weighted terms for its meaning vector: a phrase term counts as its words."""
    out: dict[str, float] = {}
    for t, w in terms.items():
        for part in t.split(" "):
            out[part] = out.get(part, 0.0) + w
    return out


def _normalize(m: np.ndarray) -> np.ndarray:
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)
