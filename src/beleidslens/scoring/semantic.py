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
   lowers its lexical score when the cosine of its context (its words other than the
   query's own, its heading path, its section) with the query's sense — its own meaning
   plus its theme's (``sense_family``) — falls far below what the query's matches and the
   document's most on-theme passages reach (``sense_quantile``, ``sense_doc_quantile``).

4. **The codebook's categories** — for a query that names Manifesto Project codes, the
   shipped concept model's probability of those codes is blended in
   (:mod:`beleidslens.scoring.concept`).

Every number is a field of :class:`~beleidslens.scoring.params.SemanticParams`.

``blend=0, expand_terms=0, sense_penalty=0, concept=0`` is exactly ``lexical.v1``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from ..nlp.phrases import word_terms
from .base import Query, Scorer, ScoringUnit, section_means
from .calibrate import blend, quantile_match
from .concept import concept_blend
from .lexical import LexicalScorer
from .params import SemanticParams

# the sense check looks at a query's best lexical matches only (cost: queries × this)
SENSE_MATCHES = 50
SENSE_MIN_SCORE = 0.05


class SemanticScorer(LexicalScorer):
    name: ClassVar[str] = "lexical.v2"

    def __init__(self, **params: Any) -> None:
        """``params``: fields of :class:`~beleidslens.scoring.params.SemanticParams` (the
        lexical ones included); an unknown name or a bad value is an AnalysisError."""
        self.settings = self.semantic = SemanticParams.from_options(params)
        Scorer.__init__(self, **self.settings.recorded())

    def parameters(self) -> dict[str, Any]:
        from ..nlp.semantic import load_model

        out = super().parameters()
        out["model"] = load_model(self.semantic.model or None).identity
        if self.semantic.concept or self.semantic.concept_uncoded:
            from .concept import concept_model

            out["concepts"] = concept_model(self.semantic).identity
        return out

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
        text, around = self.unit_parts(model, units, bags)
        return _normalize(text + around)

    def unit_parts(
        self,
        model: Any,
        units: Sequence[ScoringUnit],
        bags: Sequence[dict[str, float]] | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """A unit's own vector and what its surroundings add (heading path × ``context_weight``
        + section mean × ``group_weight``)."""
        s = self.semantic
        bags = bags if bags is not None else [_bag(u.text) for u in units]
        vec = self._vectors(model, bags).astype(np.float64)
        around = np.zeros_like(vec)
        if s.context_weight and any(u.context for u in units):
            contexts = sorted({u.context for u in units})
            ctx = self._vectors(model, [_bag(c) for c in contexts]).astype(np.float64)
            where = {c: i for i, c in enumerate(contexts)}
            around += s.context_weight * ctx[[where[u.context] for u in units]]
        if s.group_weight:
            around += s.group_weight * section_means(units, vec)
        return vec, around

    # -- step 1: expansion ----------------------------------------------------------------
    def expansions(
        self, model: Any, all_terms: Sequence[dict[str, float]], doc_terms: Sequence[str]
    ) -> list[dict[str, float]]:
        """Per query, up to ``expand_terms`` of the document's terms among the shipped nearest
        terms of the query's own, ranked by cosine with the query's meaning vector (its
        weighted terms in the ``window`` space, so ``re-integratie`` beside ``werkloosheid``
        brings ``uitkering``, not ``gedetineerden``); cosines below ``expand_min_sim`` are
        not taken; weights ∝ cosine, ``expand_weight`` in total."""
        s = self.semantic
        if not s.expand_terms or not model.has_space("window"):
            return [{} for _ in all_terms]
        table = model.space("window")
        in_doc = {model.index[t] for t in doc_terms if t in model.index}
        q_vec = model.bag_vectors([_flat(t) for t in all_terms], "window")
        out: list[dict[str, float]] = []
        for qi, terms in enumerate(all_terms):
            cands = sorted({int(i) for t in terms for i in model.near(t)[0]} & in_doc)
            cands = [i for i in cands if model.vocab[i] not in terms]
            if not cands:
                out.append({})
                continue
            sims = table[cands] @ q_vec[qi]
            chosen = sorted(
                (
                    (float(x), model.vocab[i])
                    for i, x in zip(cands, sims, strict=True)
                    if x >= s.expand_min_sim
                ),
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
        unit_bags = [_count(seq) for seq in seqs]
        query_bags = [_flat(b) for b in bags]
        if s.blend or s.sense_penalty:
            q_vec = _normalize(self._vectors(model, query_bags).astype(np.float64))
            text, around = self.unit_parts(model, units, unit_bags)
            full = _normalize(text + around)
            sims = np.round(q_vec @ full.T, 6)
            if s.sense_penalty:
                lexical = lexical * self.sense_factor(
                    model, self.sense_reference(q_vec, queries), bags, unit_bags, around,
                    lexical, full,
                )  # fmt: skip
            lexical = blend(lexical, quantile_match(sims, lexical), s.blend)
        return concept_blend(s, lexical, units, seqs, queries, query_bags)

    def sense_reference(self, q_vec: np.ndarray, queries: Sequence[Query]) -> np.ndarray:
        """The meaning a query's matches are checked against: its own, plus
        ``sense_family`` × the mean meaning of its family (the theme and its aspects:
        ``Query.meta["family"]``), which names the sense a bare keyword leaves open."""
        w = self.semantic.sense_family
        if not w:
            return q_vec
        fams = [str(q.meta.get("family", q.id)) for q in queries]
        out = q_vec.copy()
        for fam in sorted(set(fams)):
            rows = [i for i, f in enumerate(fams) if f == fam]
            mean = _normalize(q_vec[rows].sum(axis=0, keepdims=True))[0]
            out[rows] += w * mean
        return _normalize(out)

    def sense_factor(
        self,
        model: Any,
        ref_vec: np.ndarray,
        bags: Sequence[dict[str, float]],
        unit_bags: Sequence[dict[str, float]],
        around: np.ndarray,
        lexical: np.ndarray,
        full: np.ndarray | None = None,
    ) -> np.ndarray:
        """Word senses from context. For each unit a query matches lexically (its
        ``SENSE_MATCHES`` best lexical units above ``SENSE_MIN_SCORE``), its *context* — its
        words other than the query's own, its heading path and its section — is compared with
        the query's sense (``ref_vec``, :meth:`sense_reference`). The reference is the larger
        of the ``sense_quantile`` of the query's matches' context cosines and the
        ``sense_doc_quantile`` of the cosines of all the document's units (``full``: their
        meaning vectors; a match counts with its context): what the document's most on-theme
        passages reach, so that a query whose matches mostly carry another sense is not
        measured against them. A match more than ``sense_margin`` below the reference loses
        up to ``sense_penalty`` of its score (all of it at twice the margin)."""
        s = self.semantic
        out = np.ones_like(lexical)
        pairs: list[tuple[int, int]] = []
        reduced: list[dict[str, float]] = []
        owns: dict[int, set[str]] = {}
        for qi, terms in enumerate(bags):
            own = owns[qi] = set(_flat(terms))
            # the query's strongest lexical matches: the ones selection and ranking look at
            order = np.argsort(-lexical[qi], kind="stable")[:SENSE_MATCHES]
            hits = np.sort(order[lexical[qi, order] > SENSE_MIN_SCORE])
            if len(hits) < 2:
                continue
            for ui in hits:
                pairs.append((qi, int(ui)))
                reduced.append({t: w for t, w in unit_bags[int(ui)].items() if t not in own})
        if not pairs:
            return out
        ctx = self._vectors(model, reduced).astype(np.float64)
        qs = np.array([q for q, _ in pairs])
        us = np.array([u for _, u in pairs])
        cos = np.einsum("ij,ij->i", _normalize(ctx + s.sense_context * around[us]), ref_vec[qs])
        active = np.unique(qs)
        doc_level: dict[int, float] = {}
        if full is not None and s.sense_doc_quantile > 0:
            # every unit as its context: a unit with one of the query's own terms counts
            # only as a match (its context); the others' meaning is their context already
            wanted = set().union(*(owns[int(qi)] for qi in active))
            postings: dict[str, list[int]] = {}
            for ui, bag in enumerate(unit_bags):
                for t in bag.keys() & wanted:
                    postings.setdefault(t, []).append(ui)
            every = ref_vec[active] @ full.T
            for k, qi in enumerate(active):
                keep = np.ones(len(unit_bags), dtype=bool)
                keep[[ui for t in owns[int(qi)] for ui in postings.get(t, ())]] = False
                sel = qs == qi
                keep[us[sel]] = False
                vals = np.concatenate([every[k, keep], cos[sel]])
                doc_level[int(qi)] = float(np.quantile(vals, s.sense_doc_quantile))
        section = section_level = None
        if s.sense_section_quantile > 0 and np.any(around):
            # the unit's surroundings alone (heading path and section) against the sense
            # the surroundings are one row per (heading path, section): score each once
            first: dict[bytes, int] = {}
            inverse = np.array([first.setdefault(r.tobytes(), i) for i, r in enumerate(around)])
            rows = np.unique(inverse)
            section = (ref_vec[active] @ _normalize(around[rows]).T)[
                :, np.searchsorted(rows, inverse)
            ]
            section_level = np.quantile(section, s.sense_section_quantile, axis=1)
        for qi in active:
            sel = qs == qi
            ref = max(float(np.quantile(cos[sel], s.sense_quantile)), doc_level.get(int(qi), -1.0))
            short = np.clip((ref - cos[sel] - s.sense_margin) / s.sense_margin, 0.0, 1.0)
            if section is not None and section_level is not None:
                # a match whose section fits the sense keeps its score: only a context that
                # falls short in its words and in its surroundings is another sense
                k = int(np.searchsorted(active, qi))
                short = np.where(section[k, us[sel]] >= section_level[k], 0.0, short)
            out[qi, us[sel]] = 1.0 - s.sense_penalty * short
        return out


def _count(seq: Sequence[tuple[str, ...]]) -> dict[str, float]:
    """A unit's bag of terms: each word weighs 1, shared by its terms (a compound and its
    parts), so one keyword does not count four times."""
    bag: dict[str, float] = {}
    for terms in seq:
        for t in terms:
            bag[t] = bag.get(t, 0.0) + 1.0 / len(terms)
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
