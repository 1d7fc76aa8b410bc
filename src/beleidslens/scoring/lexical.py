"""``lexical.v1``: BM25 over Dutch lemmas and compound parts, no model weights.

Steps (each tested; the numbers are the fields of
:class:`~beleidslens.scoring.params.LexicalParams`):

1. **Analysis** — units and queries become index terms with :func:`beleidslens.nlp.analyze`
   (lemmas, compound parts, stop words dropped).
2. **Query terms** — each query field (label, keywords, description) contributes its terms
   with the field's weight divided by the square root of the field's length, so a long
   description does not drown a short label; weights are normalized to sum to 1.
   A multi-word term of a label or keyword list (``sociale zekerheid``) is a phrase term of
   its own (:mod:`beleidslens.nlp.phrases`): its words keep only a share of their weight
   (:meth:`LexicalScorer.token_share`), the phrase carries the rest.
3. **BM25** — the Lucene variant, with ``bm25s``'s arithmetic (:class:`_TermScores`), gives
   each term's score in each unit; a query's score is the weighted sum. Phrase occurrences are counted per unit (in order, compound
   parts included, ``phrase_gap`` words between) and scored by the same formula.
4. **Expansion from the document** (pseudo-relevance feedback) — the terms that are
   distinctive of a query's top units (present in several of them, rare in the document)
   are added to the query with a small weight and the query is scored again.
5. **Section context** — a unit's heading path is scored against the query too, and the mean
   score of the unit's section is mixed in: a passage under "Cybersecurity" is more likely
   about cyber threats than the same words elsewhere.
6. **Scale** — the raw score ``s`` becomes ``1 - exp(-s / scale')`` in ``[0, 1]``, where
   ``scale' = scale × idf_max(N) / p["reference_idf"]``: BM25's idf grows with the number of units
   ``N``, so without this a short municipal agreement would score lower than a long coalition
   agreement for the same words, and absolute thresholds would mean different things.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from ..nlp import analyze_word, save_cache, words
from ..nlp.phrases import (
    Phrase,
    by_first_term,
    commonness,
    count_phrases,
    field_phrases,
    phrase_key,
    word_terms,
)
from .base import Query, Scorer, ScoringUnit
from .params import LexicalParams

_DEFAULTS: dict[str, Any] = LexicalParams().recorded()


class LexicalScorer(Scorer):
    name: ClassVar[str] = "lexical.v1"

    def __init__(self, **params: Any) -> None:
        """``params``: fields of :class:`~beleidslens.scoring.params.LexicalParams` (strings
        from the CLI are converted); an unknown name or a bad value is an AnalysisError."""
        self.settings = LexicalParams.from_options(params)
        super().__init__(**self.settings.recorded())

    # -- step 2 ---------------------------------------------------------------------------
    @staticmethod
    def query_terms(
        query: Query, params: dict[str, Any] | None = None, frame: frozenset[str] = frozenset()
    ) -> dict[str, float]:
        """Weighted terms of a query, weights summing to 1 (sorted by term).

        Each word of a field yields its terms with weight ``field weight / sqrt(terms)``.
        A phrase of a label or keyword field (:func:`beleidslens.nlp.phrases.field_phrases`)
        is a term of its own: its words' terms keep only :meth:`token_share` of their weight,
        and the phrase carries what they give up, so the query's total is unchanged and a
        passage holding the phrase gets (nearly) the words' full weight — from a term with
        the phrase's own, higher idf."""
        p = {**_DEFAULTS, **(params or {})}
        weights: dict[str, float] = {}
        for text, weight in query.fields:
            field_words = words(text)
            per_word = [analyze_word(w) for w in field_words]
            n_terms = sum(len(t) for t in per_word)
            if not n_terms or weight <= 0:
                continue
            per = weight / math.sqrt(n_terms)
            share = [1.0] * len(per_word)
            for phrase, positions in field_phrases(text, frame):
                key = phrase_key(phrase)
                given = 0.0
                for k, i in enumerate(positions):
                    modifier = k < len(positions) - 1
                    kept = LexicalScorer.token_share(field_words[i], modifier, p)
                    given += len(per_word[i]) * (share[i] - min(share[i], kept))
                    share[i] = min(share[i], kept)
                weights[key] = weights.get(key, 0.0) + per * given
            for terms, s in zip(per_word, share, strict=True):
                for term in terms:
                    weights[term] = weights.get(term, 0.0) + per * s
        total = sum(weights.values())
        if total <= 0:
            return {}
        return {t: w / total for t, w in sorted(weights.items())}

    @staticmethod
    def token_share(word: str, modifier: bool, params: dict[str, Any] | None = None) -> float:
        """The fraction of its weight a word keeps inside a phrase: ``phrase_share`` for a
        rare word (Zipf ≤ ``common_zipf_low``), falling linearly to ``phrase_share_common`` for
        a very common one (Zipf ≥ ``common_zipf_high``); × ``phrase_modifier`` for a word
        before the phrase's head (Dutch heads come last: ``sociale`` in ``sociale zekerheid``)."""
        p = {**_DEFAULTS, **(params or {})}
        z = commonness(word)
        low, high = p["common_zipf_low"], p["common_zipf_high"]
        t = min(1.0, max(0.0, (z - low) / (high - low)))
        share = p["phrase_share"] + t * (p["phrase_share_common"] - p["phrase_share"])
        return share * (p["phrase_modifier"] if modifier else 1.0)

    @staticmethod
    def family_damping(
        queries: Sequence[Query], all_terms: Sequence[dict[str, float]]
    ) -> dict[str, float]:
        """Terms shared by many query families (themes) say little about any one of them
        ("kwetsbaarheid" in every theme's label): weight × log(1 + F/f) / log(1 + F)."""
        families: dict[str, set[str]] = {}
        for q, terms in zip(queries, all_terms, strict=True):
            fam = str(q.meta.get("family", q.id))
            for t in terms:
                families.setdefault(t, set()).add(fam)
        n_fam = len({str(q.meta.get("family", q.id)) for q in queries})
        if n_fam < 3:
            return {}
        norm = math.log(1 + n_fam)
        return {t: math.log(1 + n_fam / len(f)) / norm for t, f in families.items()}

    def terms_of(self, queries: Sequence[Query]) -> tuple[list[dict[str, float]], dict[str, float]]:
        """Every query's terms (step 2) and the family damping of each term; a word most
        themes use is the framework's frame, not part of a phrase term."""
        p = self.params
        all_terms = [self.query_terms(q, p) for q in queries]
        damp = self.family_damping(queries, all_terms)
        frame = frozenset(t for t, d in damp.items() if d < p["frame_damping"] and " " not in t)
        if frame:
            all_terms = [self.query_terms(q, p, frame) for q in queries]
            damp = self.family_damping(queries, all_terms)
        return all_terms, damp

    # -- step 3 ---------------------------------------------------------------------------
    def _index(
        self, seqs: list[list[tuple[str, ...]]], phrases: Sequence[Phrase] = ()
    ) -> _TermScores:
        """BM25 over the units' terms, plus the occurrences of the queries' phrases."""
        docs = [[t for word in seq for t in word] for seq in seqs]
        tf: dict[str, np.ndarray] = {}
        if phrases:
            gap = int(self.params["phrase_gap"])
            by_first = by_first_term(phrases)
            for i, seq in enumerate(seqs):
                for phrase, c in count_phrases(seq, by_first, gap=gap).items():
                    key = phrase_key(phrase)
                    if key not in tf:
                        tf[key] = np.zeros(len(seqs), dtype=np.float64)
                    tf[key][i] = c
        return _TermScores(docs, k1=self.params["k1"], b=self.params["b"], phrase_tf=tf)

    # -- step 4 ---------------------------------------------------------------------------
    def expand(
        self, terms: dict[str, float], first: np.ndarray, docs: list[list[str]], index: _TermScores
    ) -> dict[str, float]:
        """Add the distinctive terms of the top units (pseudo-relevance feedback)."""
        k = int(self.params["prf_docs"])
        order = np.argsort(-first, kind="stable")[:k]
        top = [int(i) for i in order if first[i] > 0]
        if len(top) < self.params["prf_min_docs"]:
            return terms
        counts: Counter[str] = Counter()
        for i in top:
            counts.update(set(docs[i]))
        candidates: list[tuple[float, str]] = []
        for term, c in counts.items():
            if c < self.params["prf_min_docs"] or term in terms or term.isdigit():
                continue
            candidates.append((c / len(top) * index.idf(term), term))
        candidates.sort(key=lambda x: (-x[0], x[1]))
        chosen = candidates[: int(self.params["prf_terms"])]
        if not chosen:
            return terms
        total = sum(s for s, _ in chosen)
        out = dict(terms)
        for s, term in chosen:
            out[term] = out.get(term, 0.0) + self.params["prf_weight"] * s / total
        return dict(sorted(out.items()))

    # -- the batch method -----------------------------------------------------------------
    def score(self, units: Sequence[ScoringUnit], queries: Sequence[Query]) -> np.ndarray:
        return self.score_with(units, queries)

    def score_with(
        self,
        units: Sequence[ScoringUnit],
        queries: Sequence[Query],
        extra: Sequence[dict[str, float]] | None = None,
        seqs: list[list[tuple[str, ...]]] | None = None,
        terms_damp: tuple[list[dict[str, float]], dict[str, float]] | None = None,
    ) -> np.ndarray:
        """:meth:`score`, with ``extra[i]`` (term → weight) added to query ``i``'s terms
        before the expansion from the document (``lexical.v2``'s terms from the semantic
        model; weights on the scale of the query's own, which sum to 1); ``seqs``: the units'
        :func:`word_terms` and ``terms_damp`` the queries' :meth:`terms_of`, when the caller has
        them already."""
        n_q, n_u = len(queries), len(units)
        out = np.zeros((n_q, n_u), dtype=np.float64)
        if not n_q or not n_u:
            return out
        p = self.params
        all_terms, damp = terms_damp or self.terms_of(queries)
        phrases = sorted({tuple(t.split(" ")) for terms in all_terms for t in terms if " " in t})
        if seqs is None:
            seqs = [word_terms(u.text) for u in units]
        index = self._index(seqs, phrases)
        docs = index.docs
        # section context: heading paths and section groups
        contexts = sorted({u.context for u in units})
        ctx_seqs = [word_terms(c) for c in contexts]
        ctx_index = self._index(ctx_seqs, phrases) if any(any(s) for s in ctx_seqs) else None
        ctx_of_unit = np.array([contexts.index(u.context) for u in units]) if contexts else None
        groups = sorted({u.group for u in units})
        group_of_unit = np.array([groups.index(u.group) for u in units])
        group_sizes = np.bincount(group_of_unit, minlength=len(groups)).astype(np.float64)
        scale = p["scale"] * index.idf("\x00never-a-term") / p["reference_idf"]
        for qi in range(n_q):
            terms = all_terms[qi]
            if not terms:
                continue
            terms = {t: w * damp.get(t, 1.0) for t, w in terms.items()}
            if extra is not None and extra[qi]:
                for t, w in extra[qi].items():
                    terms[t] = terms.get(t, 0.0) + w
                terms = dict(sorted(terms.items()))
            first = index.weighted(terms)
            terms = self.expand(terms, first, docs, index)
            raw = index.weighted(terms)
            if ctx_index is not None and ctx_of_unit is not None and p["heading_weight"]:
                raw = raw + p["heading_weight"] * ctx_index.weighted(terms)[ctx_of_unit]
            if p["section_weight"] and len(groups) < n_u:
                sums = np.bincount(group_of_unit, weights=raw, minlength=len(groups))
                raw = raw + p["section_weight"] * (sums / np.maximum(group_sizes, 1))[group_of_unit]
            out[qi] = 1.0 - np.exp(-raw / scale)
        save_cache()
        return out


class _TermScores:
    """Per-term BM25 score vectors (Lucene variant), cached, combined in float64.

    A term's vector is computed from its postings when first asked for, with the arithmetic
    of ``bm25s`` (idf and scores rounded to float32, as its index stores them), so the
    figures equal ``bm25s.BM25(k1, b, method="lucene").get_scores([term])`` (a test holds
    the two together) without building a score matrix for every term of the document or
    importing ``bm25s``, which pulls in ``scipy`` (a third of a second).

    Phrases are scored by the same formula (Lucene BM25) from their own counts, against the
    units' lengths in single terms, so adding phrases changes no single term's score."""

    def __init__(
        self,
        docs: list[list[str]],
        *,
        k1: float,
        b: float,
        phrase_tf: dict[str, np.ndarray] | None = None,
    ) -> None:
        self.n = len(docs)
        self.docs = docs
        self.k1, self.b = k1, b
        # postings over the indexed corpus: an empty unit is indexed as one empty token
        self._postings: dict[str, dict[int, int]] = {}  # term -> {unit: count}, units in order
        postings = self._postings
        for i, d in enumerate(docs):
            for t in d or [""]:
                counts = postings.get(t)
                if counts is None:
                    postings[t] = {i: 1}
                else:
                    counts[i] = counts.get(i, 0) + 1
        # document frequencies in the units themselves (the empty token's padding left out)
        self.df: Counter[str] = Counter({t: len(counts) for t, counts in postings.items()})
        if "" in self.df:
            self.df[""] = sum(1 for i in postings[""] if docs[i])
            if not self.df[""]:
                del self.df[""]
        self._phrase_tf = phrase_tf or {}
        for key, tf in self._phrase_tf.items():
            self.df[key] = int(np.count_nonzero(tf))
        self._cache: dict[str, np.ndarray] = {}
        lengths = np.array([max(len(d), 1) for d in docs])
        self._dl = lengths.astype(np.float64)
        self._indexed = any(docs)
        # the length normalisation k1 × (1 - b + b × dl / avgdl), per unit
        self._norm = k1 * ((1 - b) + b * self._dl / lengths.mean()) if self.n else self._dl

    def idf(self, term: str) -> float:
        df = self.df.get(term, 0)
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def term(self, term: str) -> np.ndarray:
        vec = self._cache.get(term)
        if vec is None:
            tf = self._phrase_tf.get(term)
            if tf is not None:
                vec = self._bm25(tf, self.idf(term))
            elif not self._indexed or term not in self.df:
                vec = np.zeros(self.n, dtype=np.float64)
            else:
                vec = self._term_bm25(term)
            self._cache[term] = vec
        return vec

    def _term_bm25(self, term: str) -> np.ndarray:
        """One term's scores as ``bm25s`` computes them: float32 idf × the float64 tf part,
        stored as float32."""
        counts = self._postings[term]
        df = len(counts)
        idf = np.float32(math.log(1 + (self.n - df + 0.5) / (df + 0.5)))
        at = np.array(list(counts), dtype=np.int64)
        tf = np.array(list(counts.values()), dtype=np.float64)
        vec = np.zeros(self.n, dtype=np.float64)
        vec[at] = (np.float64(idf) * (tf / (self._norm[at] + tf))).astype(np.float32)
        return vec

    def _bm25(self, tf: np.ndarray, idf: float) -> np.ndarray:
        dl = self._dl
        norm = self.k1 * (1 - self.b + self.b * dl / dl.mean())
        return idf * tf / (tf + norm)

    def weighted(self, terms: dict[str, float]) -> np.ndarray:
        total = np.zeros(self.n, dtype=np.float64)
        for term, w in terms.items():  # sorted: deterministic summation order
            total += w * self.term(term)
        return total
