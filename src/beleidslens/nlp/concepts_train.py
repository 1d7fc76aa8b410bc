"""Training of the concept model (:mod:`beleidslens.nlp.concepts`): multinomial logistic
regression over TF-IDF bags of index terms, from quasi-sentences coded with the Manifesto
Project's main categories. Needs scikit-learn and scipy (``pip install 'beleidslens[train]'``);
analysis never does. Deterministic: the same rows and parameters give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from .concepts import DenseSpace, bag, encode_text, tf_weight, wide_rows, with_neighbours
from .grams import gram_bag, text_words

if TYPE_CHECKING:
    from .semantic import SemanticModel


class ConceptTrainParams(BaseModel):
    """The training's numbers (docs/scoring.md, "The concept model", says what chose them)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_df: int = Field(3, ge=1, description="a term in fewer coded rows is left out")
    max_vocab: int = Field(40_000, ge=10, description="the most frequent terms kept")
    c: float = Field(4.0, gt=0.0, description="inverse L2 regularisation of the regression")
    max_iter: int = Field(300, ge=10, description="lbfgs iterations")
    min_rows: int = Field(20, ge=1, description="a category with fewer rows is left out")
    balanced: bool = Field(False, description="weigh categories inversely to their size")
    # row-level, cross-fitted by party over the dev folds (P@5 / P@10 of a theme's rows by
    # P(codes)): 0 .715/.668, 0.3 .738/.703, 0.5 .727/.689, 1.0 .669/.629; bench_quality
    # full at 0.3: MARPOR dev .613/.529/.626 -> .622/.549/.650, PImPo .512 -> .550
    context: float = Field(
        0.3,
        ge=0.0,
        le=10.0,
        description="weight of the adjacent rows' terms added to a row's bag (and to a unit's "
        "at analysis, from the model's metadata)",
    )
    # row-level P@5/P@10 as for context (sweep_concepts.py --param dense_weight): 0
    # .737/.704, 0.3 .752/.708, 0.5 .754/.706 (c 8: .751/.701), 1.0 .751/.703; bench_quality
    # full: MARPOR dev .696/.655 -> .701/.664, set-aside .670/.608 -> .687/.616 at 0.3
    # (0.5: .700/.666, .685/.617 and selected precision .792/.768); docs/scoring.md
    dense_weight: float = Field(
        0.3,
        ge=0.0,
        le=10.0,
        description="weight of a row's meaning vector (the semantic model's space "
        "``dense_space``, unit length) beside its unit-length TF-IDF terms; 0: terms only",
    )
    # row-level at dense_weight 0.3: window .752/.708, heading .754/.712, window+heading
    # .763/.710; bench_quality (no peer) window -> window+heading: MARPOR dev .717/.678/.819
    # -> .722/.680/.818, set-aside .688/.640/.817 -> .696/.640/.819, PImPo .662/.644 ->
    # .713/.662
    dense_space: str = Field(
        "window+heading",
        description="the semantic model's space read; several joined by '+' "
        "(each space's vector at unit length, side by side)",
    )
    bigrams: float = Field(
        0.0,
        ge=0.0,
        le=10.0,
        description="weight of each pair of adjacent terms in a row's bag (nlp.concepts.bag, "
        "which the callers build with it; analysis reads units alike); 0: none",
    )
    wide_window: int = Field(
        0,
        ge=0,
        le=50,
        description="rows on either side whose meaning is a row's surroundings "
        "(nlp.concepts.wide_rows; needs dense_weight); 0: none",
    )
    wide_weight: float = Field(
        0.0, ge=0.0, le=10.0, description="weight of the surroundings' meaning vector"
    )
    # bench_quality (no peer; MARPOR dev P@5/P@10/selP, set-aside, PImPo dev, set-aside P@5):
    # terms only (1, 0) .732/.694/.827, .717/.638/.819, .725/.650, .500; n-grams beside
    # the terms (1, 1) .743/.703/.820, .705/.626/.807, .700/.656, .400; n-grams instead
    # (0, 1) .749/.703/.840, .714/.629/.805, .738/.675, .600; docs/scoring.md
    term_weight: float = Field(
        0.0,
        ge=0.0,
        le=10.0,
        description="weight of a row's unit-length TF-IDF row of index terms; 0: none (the "
        "model reads n-grams and meaning only)",
    )
    gram_weight: float = Field(
        1.0,
        ge=0.0,
        le=10.0,
        description="weight of the unit-length TF-IDF row of a bag's character n-grams "
        "(nlp.grams.gram_bag of its terms) beside its terms' row; 0: none",
    )
    gram_min: int = Field(3, ge=1, le=10, description="shortest character n-gram")
    gram_max: int = Field(5, ge=1, le=10, description="longest character n-gram")
    gram_vocab: int = Field(80_000, ge=10, description="the most frequent n-grams kept")


def coded_bags(
    rows: Sequence[Any], params: ConceptTrainParams
) -> list[tuple[dict[str, float], str]]:
    """``(bag, code)`` of coded rows (anything with ``terms`` and ``code``, e.g.
    :class:`~beleidslens.nlp.semantic_corpus.CodedRow`), each bag built as ``params`` train
    it (:func:`~beleidslens.nlp.concepts.bag` with its ``bigrams``)."""
    return [(bag(r.terms, params.bigrams), r.code) for r in rows]


def coded_words(rows: Sequence[Any]) -> list[dict[str, float]]:
    """The words of coded rows' texts (anything with ``text``), as a model's character
    n-grams read them (:func:`~beleidslens.nlp.grams.text_words`)."""
    return [text_words(r.text) for r in rows]


def train_concepts(
    rows: Sequence[tuple[Mapping[str, float], str]],
    params: ConceptTrainParams | None = None,
    sources: Sequence[str] = (),
    groups: Sequence[str] | None = None,
    semantic: SemanticModel | None = None,
    words: Sequence[Mapping[str, float]] | None = None,
) -> dict[str, np.ndarray]:
    """The arrays of a concept model from ``(bag of terms, code)`` rows in document order;
    ``groups`` names each row's document (its neighbours are the adjacent rows of the same
    one; default: all one document). A ``dense_weight`` reads the space ``dense_space`` of
    ``semantic`` (default: the shipped semantic model), whose vectors the model then copies;
    a ``gram_weight`` the character n-grams of each row's ``words``
    (:func:`~beleidslens.nlp.grams.text_words` of its text)."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    p = params or ConceptTrainParams()
    use_wide = bool(p.wide_window and p.wide_weight)
    if use_wide and not p.dense_weight:
        raise ValueError("concept training: wide_window needs dense_weight")
    seq = groups or [""] * len(rows)
    raw = [b for b, _ in rows]
    if p.gram_weight and (words is None or len(words) != len(rows)):
        raise ValueError("concept training: gram_weight needs each row's words")
    if p.context:
        bags = with_neighbours(raw, seq, p.context)
        rows = [(b, c) for b, (_, c) in zip(bags, rows, strict=True)]
        if words is not None:
            words = with_neighbours(words, seq, p.context)
    sizes = Counter(code for _, code in rows)
    classes = sorted(c for c, n in sizes.items() if n >= p.min_rows)
    kept = set(classes)
    kept_at = [i for i, (_, c) in enumerate(rows) if c in kept]
    keep = [rows[i] for i in kept_at]
    n = len(keep)
    vocab, idf, x = _tfidf([b for b, _ in keep], p.min_df, p.max_vocab if p.term_weight else 0)
    x = p.term_weight * x
    grams: tuple[list[str], np.ndarray] | None = None
    if p.gram_weight and words is not None:
        gram_bags = [gram_bag(words[i], p.gram_min, p.gram_max) for i in kept_at]
        gram_vocab, gram_idf, gx = _tfidf(gram_bags, p.min_df, p.gram_vocab)
        grams = (gram_vocab, gram_idf)
        x = hstack([x, p.gram_weight * gx]).tocsr()
    dense: DenseSpace | None = None
    if p.dense_weight:
        dense, dense_model = _dense_space(semantic, p.dense_space)
        x = hstack([x, csr_matrix(p.dense_weight * dense.rows([b for b, _ in keep]))]).tocsr()
        if use_wide:
            wide = wide_rows(dense, raw, seq, p.wide_window)[kept_at]
            x = hstack([x, csr_matrix(p.wide_weight * wide)]).tocsr()
    column = {c: i for i, c in enumerate(classes)}
    y = np.array([column[c] for _, c in keep])
    clf = LogisticRegression(
        C=p.c,
        max_iter=p.max_iter,
        class_weight="balanced" if p.balanced else None,
        random_state=0,
    )
    clf.fit(x, y)
    raw_coef, raw_intercept = clf.coef_, clf.intercept_
    if len(classes) == 2:  # one logit z for the second class: softmax([0, z]) = sigmoid(z)
        raw_coef = np.vstack([np.zeros_like(raw_coef), raw_coef])
        raw_intercept = np.r_[0.0, raw_intercept]
    weights = np.asarray(raw_coef.T, dtype=np.float16)
    coef, dense_coef = weights[: len(vocab)], weights[len(vocab) :]
    gram_coef = None
    if grams is not None:
        split = len(grams[0])
        gram_coef, dense_coef = dense_coef[:split], dense_coef[split:]
    wide_coef = None
    if use_wide and dense is not None:
        dense_coef, wide_coef = dense_coef[: dense.dims], dense_coef[dense.dims :]
    intercept = np.asarray(raw_intercept, dtype=np.float32)
    digest = hashlib.sha256(weights.tobytes() + intercept.tobytes()).hexdigest()
    meta: dict[str, Any] = {
        "kind": "beleidslens concept model",
        "rows": n,
        "classes": len(classes),
        "terms": len(vocab),
        "params": p.model_dump(),
        "sources": list(sources),
        "digest": digest,
    }
    arrays = {
        "vocab": encode_text("\n".join(vocab)),
        "classes": encode_text("\n".join(classes)),
        "idf": idf,
        "coef": coef,
        "intercept": intercept,
    }
    if grams is not None and gram_coef is not None:
        meta["grams"] = len(grams[0])
        arrays |= {
            "gram_vocab": encode_text("\n".join(grams[0])),
            "gram_idf": grams[1],
            "gram_coef": gram_coef,
        }
    if dense is not None:
        meta["dense"] = {"space": p.dense_space, "terms": len(dense.vocab), "model": dense_model}
        arrays |= {
            "dense_vocab": encode_text("\n".join(dense.vocab)),
            "dense_vectors": np.asarray(dense.vectors, dtype=np.float16),
            "dense_sif": dense.sif,
            "dense_blocks": np.asarray(dense.blocks, dtype=np.int64),
            "dense_coef": dense_coef,
        }
        if wide_coef is not None:
            arrays["wide_coef"] = wide_coef
    return arrays | {"meta": encode_text(json.dumps(meta, sort_keys=True))}


def _tfidf(
    bags: Sequence[Mapping[str, float]], min_df: int, max_vocab: int
) -> tuple[list[str], np.ndarray, Any]:
    """The vocabulary (terms in at least ``min_df`` bags, the ``max_vocab`` most frequent,
    sorted), its idf (float32) and the bags' TF-IDF rows (:func:`tf_weight` × idf, unit
    length; scipy CSR), as analysis computes them."""
    from scipy.sparse import csr_matrix

    df: Counter[str] = Counter(t for b in bags for t in b)
    vocab = sorted(
        sorted((t for t, k in df.items() if k >= min_df), key=lambda t: (-df[t], t))[:max_vocab]
    )
    index = {t: i for i, t in enumerate(vocab)}
    n = len(bags)
    idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in vocab], dtype=np.float32)
    data: list[float] = []
    indices: list[int] = []
    indptr = [0]
    for b in bags:
        cols = sorted(index[t] for t in b if t in index)
        vals = np.array([tf_weight(b[vocab[j]]) * idf[j] for j in cols], dtype=np.float64)
        norm = float(np.linalg.norm(vals)) or 1.0
        indices.extend(cols)
        data.extend((vals / norm).tolist())
        indptr.append(len(indices))
    x = csr_matrix((data, indices, indptr), shape=(n, len(vocab)), dtype=np.float64)
    return vocab, idf, x


def _dense_space(semantic: SemanticModel | None, name: str) -> tuple[DenseSpace, str]:
    """The space a model copies, stored as it ships (float16), so training reads the vectors
    analysis will; and the semantic model's identity."""
    if semantic is None:
        from .semantic import load_model

        semantic = load_model()
    names = name.split("+")
    for n in names:
        if not semantic.has_space(n):
            raise ValueError(f"semantic model {semantic.identity}: no space {n!r}")
    tables = [np.asarray(semantic.space(n), dtype=np.float16) for n in names]
    space = DenseSpace(
        semantic.vocab,
        np.hstack(tables),
        np.asarray(semantic.sif, dtype=np.float32),
        [t.shape[1] for t in tables],
    )
    return space, semantic.identity


def save(arrays: Mapping[str, np.ndarray], path: Path) -> None:
    """Write the model as the semantic model is written: deterministic bytes, atomically."""
    from .semantic_train import save as save_npz

    save_npz(dict(arrays), path)
