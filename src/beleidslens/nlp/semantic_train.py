"""Training of the shipped semantic model (training time only: numpy + scipy.sparse).

Three term spaces over the lexical backend's own index terms (lemmas, compound parts):

``window``
    PPMI of term co-occurrence within ``window`` terms (context-distribution smoothing
    ``cds``), factorized by a truncated SVD (seeded randomized SVD) into ``dims`` dimensions,
    rows ``U·S^eig`` normalized. Terms used in the same phrasing are close.
``heading``
    PPMI of a block's terms against the terms of the headings it sits under (the document's
    own structure: heading ↔ passage), factorized the same way: terms written under the same
    kinds of headings are close — a topical, section-level meaning.
``category``
    A concept space from the MARPOR codebook: per term, the smoothed PMI of the coded
    categories of the quasi-sentences it occurs in (a multinomial naive-Bayes classifier's
    log-ratios), one dimension per category. Rows are *not* normalized: a term seen in few
    coded sentences stays near the origin.

Every step is deterministic: sorted vocabulary (count, then term), fixed seeds, sign-fixed
singular vectors. :func:`train` returns plain arrays; :func:`save` writes the ``.npz`` the
analysis loads with numpy alone (:mod:`beleidslens.nlp.semantic`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .semantic_corpus import Block, CodedRow

FORMAT_VERSION = 1
MAX_TERM_CHARS = 40  # longer "terms" are extraction debris


@dataclass(frozen=True)
class TrainParams:
    min_count: int = 5  # a term must occur this often in the corpus
    max_vocab: int = 40_000  # the most frequent terms kept
    max_contexts: int = 10_000  # context terms of the co-occurrence matrices
    window: int = 4  # terms either side
    cds: float = 0.75  # context-distribution smoothing exponent (Levy et al. 2015)
    dims: int = 160  # SVD dimensions of the window space
    heading_dims: int = 96  # …and of the heading space
    eig: float = 0.5  # singular-value exponent of the word vectors
    oversample: int = 20  # randomized SVD: extra dimensions…
    power_iters: int = 4  # …and power iterations
    category_alpha: float = 20.0  # smoothing (pseudo-sentences) of P(category | term)
    seed: int = 17
    near: int = 24  # nearest terms kept per term (window space) for query expansion


def _is_word(term: str) -> bool:
    return any(c.isalpha() for c in term) and 1 < len(term) <= MAX_TERM_CHARS and "\n" not in term


def build_vocab(docs: Sequence[Sequence[Block]], p: TrainParams) -> tuple[list[str], np.ndarray]:
    counts: Counter[str] = Counter()
    for blocks in docs:
        for _, terms in blocks:
            counts.update(terms)
    kept = sorted(
        ((c, t) for t, c in counts.items() if c >= p.min_count and _is_word(t)),
        key=lambda x: (-x[0], x[1]),
    )[: p.max_vocab]
    vocab = [t for _, t in kept]
    return vocab, np.array([c for c, _ in kept], dtype=np.float64)


def _ids(terms: Sequence[str], index: dict[str, int]) -> np.ndarray:
    return np.array([index.get(t, -1) for t in terms], dtype=np.int64)


def _sparse(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, shape: tuple[int, int]) -> Any:
    from scipy import sparse

    m = sparse.coo_matrix((vals, (rows, cols)), shape=shape).tocsr()
    m.sum_duplicates()
    return m


def window_counts(
    docs: Sequence[Sequence[Block]], n_vocab: int, index: dict[str, int], p: TrainParams
) -> Any:
    """Symmetric co-occurrence counts of terms within ``window`` terms of one block."""
    n_ctx = min(p.max_contexts, n_vocab)
    parts: list[Any] = []
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for blocks in docs:
        seq = np.concatenate(
            [np.append(_ids(t, index), -1) for _, t in blocks] or [np.zeros(0, np.int64)]
        )
        for d in range(1, p.window + 1):
            a, b = seq[:-d], seq[d:]
            ok = (a >= 0) & (b >= 0)
            a, b = a[ok], b[ok]
            for x, y in ((a, b), (b, a)):
                keep = y < n_ctx
                rows.append(x[keep])
                cols.append(y[keep])
        if sum(len(r) for r in rows) > 20_000_000:
            parts.append(_flush(rows, cols, (n_vocab, n_ctx)))
            rows, cols = [], []
    parts.append(_flush(rows, cols, (n_vocab, n_ctx)))
    return sum(parts[1:], parts[0])


def _flush(rows: list[np.ndarray], cols: list[np.ndarray], shape: tuple[int, int]) -> Any:
    r = np.concatenate(rows) if rows else np.zeros(0, np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, np.int64)
    return _sparse(r, c, np.ones(len(r), dtype=np.float64), shape)


def heading_counts(
    docs: Sequence[Sequence[Block]], n_vocab: int, index: dict[str, int], p: TrainParams
) -> Any:
    """Counts of (term of a block, distinct term of its heading path)."""
    n_ctx = min(p.max_contexts, n_vocab)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for blocks in docs:
        for heading, terms in blocks:
            h = np.unique(_ids(heading, index))
            h = h[(h >= 0) & (h < n_ctx)]
            t = _ids(terms, index)
            t = t[t >= 0]
            if not len(h) or not len(t):
                continue
            rows.append(np.repeat(t, len(h)))
            cols.append(np.tile(h, len(t)))
    return _flush(rows, cols, (n_vocab, n_ctx))


def ppmi(counts: Any, cds: float) -> Any:
    """Positive PMI of a sparse count matrix, context probabilities raised to ``cds``."""
    counts = counts.tocsr().astype(np.float64)
    total = counts.sum()
    row = np.asarray(counts.sum(axis=1)).ravel()
    col = np.asarray(counts.sum(axis=0)).ravel() ** cds
    col_p = col / col.sum()
    coo = counts.tocoo()
    pmi = np.log(coo.data * 1.0 / total) - np.log(row[coo.row] / total) - np.log(col_p[coo.col])
    keep = pmi > 0
    return _sparse(coo.row[keep], coo.col[keep], pmi[keep], counts.shape)


def randomized_svd(m: Any, k: int, p: TrainParams) -> tuple[np.ndarray, np.ndarray]:
    """Top-``k`` left singular vectors and values of ``m`` (Halko et al.), seeded, each
    vector's sign fixed so that its largest entry is positive."""
    rng = np.random.default_rng(p.seed)
    k = min(k, min(m.shape) - 1)
    omega = rng.standard_normal((m.shape[1], k + p.oversample))
    y = m @ omega
    for _ in range(p.power_iters):
        y, _ = np.linalg.qr(y)
        y = m @ (m.T @ y)
    q, _ = np.linalg.qr(y)
    b = np.asarray((m.T @ q).T)
    ub, s, _ = np.linalg.svd(b, full_matrices=False)
    u = q @ ub[:, :k]
    s = s[:k]
    signs = np.sign(u[np.abs(u).argmax(axis=0), np.arange(u.shape[1])])
    return u * np.where(signs == 0, 1.0, signs), s


def _space(m: Any, dims: int, p: TrainParams) -> np.ndarray:
    u, s = randomized_svd(m, dims, p)
    vec = u * s**p.eig
    norm = np.linalg.norm(vec, axis=1, keepdims=True)
    return (vec / np.maximum(norm, 1e-12)).astype(np.float32)


def category_space(
    rows: Sequence[CodedRow], index: dict[str, int], n_vocab: int, p: TrainParams
) -> tuple[np.ndarray, list[str]]:
    """Smoothed PMI of (term, MARPOR category) over coded quasi-sentences."""
    codes = sorted({r.code for r in rows})
    if not codes:
        return np.zeros((n_vocab, 0), dtype=np.float32), []
    code_of = {c: i for i, c in enumerate(codes)}
    counts = np.zeros((n_vocab, len(codes)), dtype=np.float64)
    for r in rows:
        ids = np.unique(_ids(r.terms, index))
        ids = ids[ids >= 0]
        counts[ids, code_of[r.code]] += 1.0
    prior = np.bincount([code_of[r.code] for r in rows], minlength=len(codes)).astype(np.float64)
    prior /= prior.sum()
    n = counts.sum(axis=1, keepdims=True)
    cond = (counts + p.category_alpha * prior) / (n + p.category_alpha)
    pmi = np.log(cond / prior)
    return pmi.astype(np.float32), codes


def nearest(table: np.ndarray, k: int, chunk: int = 2048) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the ``k`` other rows of highest cosine (ties by id), best first."""
    n = table.shape[0]
    k = min(k, n - 1)
    ids = np.zeros((n, k), dtype=np.int32)
    sims = np.zeros((n, k), dtype=np.float16)
    for lo in range(0, n, chunk):
        block = table[lo : lo + chunk] @ table.T
        for r in range(block.shape[0]):
            block[r, lo + r] = -np.inf
        top = np.argpartition(-block, k, axis=1)[:, :k]
        top.sort(axis=1)  # ties broken by id below
        vals = np.take_along_axis(block, top, axis=1)
        order = np.argsort(-vals, axis=1, kind="stable")
        ids[lo : lo + chunk] = np.take_along_axis(top, order, axis=1)
        sims[lo : lo + chunk] = np.take_along_axis(vals, order, axis=1)
    return ids, sims


def train(
    docs: Sequence[Sequence[Block]],
    coded: Sequence[CodedRow],
    p: TrainParams | None = None,
    sources: Sequence[str] = (),
) -> dict[str, np.ndarray]:
    """The model's arrays: ``vocab`` (UTF-8 terms joined by newlines), ``logp`` (unigram log-probability), ``window``,
    ``heading``, ``category`` (term × space), ``codes``, ``near_ids``/``near_sims`` (each
    term's nearest terms in the window space) and ``meta`` (JSON)."""
    p = p or TrainParams()
    vocab, counts = build_vocab(docs, p)
    if len(vocab) < 3:
        raise ValueError("too little text to train a semantic model")
    index = {t: i for i, t in enumerate(vocab)}
    window = _space(ppmi(window_counts(docs, len(vocab), index, p), p.cds), p.dims, p)
    heading = _space(ppmi(heading_counts(docs, len(vocab), index, p), p.cds), p.heading_dims, p)
    category, codes = category_space(coded, index, len(vocab), p)
    near_ids, near_sims = nearest(window.astype(np.float16).astype(np.float32), p.near)
    meta = {
        "format": FORMAT_VERSION,
        "params": asdict(p),
        "documents": len(docs),
        "coded_rows": len(coded),
        "tokens": int(counts.sum()),
        "sources": sorted(sources),
    }
    return {
        "vocab": np.frombuffer("\n".join(vocab).encode("utf-8"), dtype=np.uint8),
        "logp": np.log(counts / counts.sum()).astype(np.float32),
        "window": window.astype(np.float16),
        "heading": heading.astype(np.float16),
        "category": category.astype(np.float16),
        "codes": np.array(codes, dtype="<U8"),
        "near_ids": near_ids,
        "near_sims": near_sims,
        "meta": np.array(json.dumps(meta, sort_keys=True)),
    }


def save(arrays: dict[str, np.ndarray], path: Path) -> None:
    """Write the model as an ``.npz`` numpy reads (stored members in sorted order, fixed
    time stamps: the same arrays give the same bytes), atomically."""
    import io
    import zipfile

    from ..fsutil import atomic_write

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(arrays):
            member = io.BytesIO()
            np.lib.format.write_array(member, np.asarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED  # read without inflating: fast loads
            zf.writestr(info, member.getvalue())
    atomic_write(path, buf.getvalue())
