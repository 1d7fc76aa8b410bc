"""The shipped concept model: a linear classifier over the Manifesto Project's categories
(numpy only at analysis time).

The model (``data/concepts-nl.npz``, trained by ``scripts/train_concepts.py`` with
:mod:`beleidslens.nlp.concepts_train`; attribution and licence in
``data/concepts-nl.NOTICE.md``) maps a bag of the lexical backend's index terms to a
probability over the codebook's main categories (``"501"``, ``"605"``…): a TF-IDF vector
(sublinear counts × idf, unit length) times the weights, plus the intercepts, through a
softmax. A model trained with ``dense_weight`` also reads each bag's meaning: the unit-length,
SIF-weighted mean of its terms' vectors in semantic spaces (a copy of the semantic model's
``window`` and ``heading`` vectors ships inside the concept model, so the two files never have
to match), × ``dense_weight``, through weights of its own. A framework theme or aspect that
names codes is then scored by the probability of its codes; one that names none by how much its own text's distribution shares with the
unit's (:mod:`beleidslens.scoring.semantic`). Loading takes milliseconds and imports numpy
only.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from .grams import GramBlock, add_gathered, unit_tfidf
from .npz import load_arrays
from .segments import segment_sums

DATA = Path(__file__).resolve().parent / "data"
DEFAULT_CONCEPTS_PATH = DATA / "concepts-nl.npz"

_LOCK = threading.Lock()
_LOADED: dict[tuple[str, int, int], ConceptModel] = {}


def _text(arr: np.ndarray) -> str:
    return bytes(np.asarray(arr, dtype=np.uint8)).decode("utf-8")


def encode_text(text: str) -> np.ndarray:
    """A string as a uint8 array (``.npz`` without pickles)."""
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def bag(terms: Sequence[str], bigrams: float = 0.0) -> dict[str, float]:
    """The bag a concept model reads, in training and at analysis: each index term counted
    once per occurrence (a compound and each of its parts alike), and for a model trained
    with ``bigrams`` each pair of adjacent terms (``"a b"``) × that weight."""
    out: dict[str, float] = dict(Counter(terms))
    if bigrams:
        for a, b in itertools.pairwise(terms):
            key = f"{a} {b}"
            out[key] = out.get(key, 0.0) + bigrams
    return out


def known_terms(
    index: Mapping[str, int], bags: Sequence[Mapping[str, float]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every positive count of a term ``index`` knows: its bag (ascending), its column, its
    count (float64)."""
    rows: list[int] = []
    cols: list[int] = []
    counts: list[float] = []
    for i, b in enumerate(bags):
        for term, count in b.items():
            j = index.get(term)
            if j is not None and count > 0:
                rows.append(i)
                cols.append(j)
                counts.append(count)
    return (
        np.asarray(rows, dtype=np.int64),
        np.asarray(cols, dtype=np.int64),
        np.asarray(counts, dtype=np.float64),
    )


def add_tfidf_logits(
    out: np.ndarray,
    index: Mapping[str, int],
    idf: np.ndarray,
    coef: np.ndarray,
    bags: Sequence[Mapping[str, float]],
    weight: float = 1.0,
) -> None:
    """Add to ``out`` (``[len(bags), classes]``) ``weight`` × each bag's TF-IDF row
    (:func:`tf_weight` × ``idf``, unit length) @ ``coef``, sparsely."""
    r, c, counts = known_terms(index, bags)
    if len(r):
        add_gathered(out, r, c, unit_tfidf(r, counts, idf[c], len(bags), weight), coef)


def tf_weight(count: float) -> float:
    """Sublinear term frequency: ``1 + ln(count)`` from one occurrence on; a fractional count
    (a word shared by its compound parts) stays as it is."""
    return 1.0 + float(np.log(count)) if count >= 1.0 else float(count)


class ConceptModel:
    """Weights of one trained concept classifier; immutable after loading."""

    def __init__(self, arrays: Mapping[str, np.ndarray], path: Path | None = None) -> None:
        self.path = path
        vocab = _text(arrays["vocab"])
        self.vocab: list[str] = vocab.split("\n") if vocab else []
        self.classes: list[str] = _text(arrays["classes"]).split("\n")
        self.index: dict[str, int] = dict(zip(self.vocab, range(len(self.vocab)), strict=True))
        self.idf = np.asarray(arrays["idf"], dtype=np.float32)
        self.coef = np.asarray(arrays["coef"], dtype=np.float32)  # [vocab, classes]
        self.intercept = np.asarray(arrays["intercept"], dtype=np.float32)
        self.meta: dict[str, Any] = json.loads(_text(arrays["meta"]))
        if self.coef.shape != (len(self.vocab), len(self.classes)):
            raise ValueError("concept model: weights do not match vocabulary and classes")
        self.gram_block: GramBlock | None = None
        if "gram_coef" in arrays:
            params = self.meta["params"]
            gram_vocab = _text(arrays["gram_vocab"]).split("\n")
            gram_coef = np.asarray(arrays["gram_coef"])  # as stored; GramBlock.coef_t reads it
            if gram_coef.shape != (len(gram_vocab), len(self.classes)):
                raise ValueError("concept model: n-gram weights do not match their vocabulary")
            self.gram_block = GramBlock(
                gram_vocab,
                np.asarray(arrays["gram_idf"], dtype=np.float32),
                gram_coef,
                int(params["gram_min"]),
                int(params["gram_max"]),
                float(params["gram_weight"]),
            )
        self.dense: DenseSpace | None = None
        self.wide_coef: np.ndarray | None = None
        if "dense_coef" in arrays:
            blocks = arrays.get("dense_blocks", ())
            self.dense = DenseSpace(
                _text(arrays["dense_vocab"]).split("\n"),
                np.asarray(arrays["dense_vectors"]),
                np.asarray(arrays["dense_sif"], dtype=np.float32),
                [int(b) for b in blocks],
            )
            self.dense_coef = np.asarray(arrays["dense_coef"], dtype=np.float64)
            self.dense_weight = float(self.meta["params"]["dense_weight"])
            if self.dense_coef.shape != (self.dense.dims, len(self.classes)):
                raise ValueError("concept model: dense weights do not match their space")
            if "wide_coef" in arrays:
                self.wide_coef = np.asarray(arrays["wide_coef"], dtype=np.float64)
                if self.wide_coef.shape != self.dense_coef.shape:
                    raise ValueError("concept model: wide weights do not match their space")

    @classmethod
    def load(cls, path: Path | str) -> ConceptModel:
        p = Path(path)
        return cls(load_arrays(p), p)

    @property
    def context(self) -> float:
        """The neighbours' weight the model was trained with (:func:`with_neighbours`)."""
        return float(self.meta.get("params", {}).get("context", 0.0))

    @property
    def bigrams(self) -> float:
        """The weight of adjacent term pairs in the bags the model was trained on (:func:`bag`)."""
        return float(self.meta.get("params", {}).get("bigrams", 0.0))

    @property
    def term_weight(self) -> float:
        """The weight of the index terms' TF-IDF row the model was trained with."""
        return float(self.meta.get("params", {}).get("term_weight", 1.0))

    @property
    def grams(self) -> tuple[int, int, float]:
        """The character n-grams the model reads (:mod:`beleidslens.nlp.grams`): shortest,
        longest, weight; ``(0, 0, 0.0)`` for none."""
        g = self.gram_block
        return (g.lo, g.hi, g.weight) if g is not None else (0, 0, 0.0)

    @property
    def wide(self) -> tuple[int, float]:
        """The surroundings the model was trained to read (:func:`wide_rows`): the rows on
        either side, and their weight; ``(0, 0.0)`` for none."""
        if self.wide_coef is None:
            return 0, 0.0
        params = self.meta["params"]
        return int(params["wide_window"]), float(params["wide_weight"])

    @cached_property
    def identity(self) -> str:
        """What an analysis records: the file name and the training's digest."""
        name = self.path.name if self.path else "in-memory"
        return f"{name}:{self.meta.get('digest', '')[:12]}"

    def logits(
        self,
        bags: Sequence[Mapping[str, float]],
        wide: np.ndarray | None = None,
        words: Sequence[Mapping[str, float]] | None = None,
    ) -> np.ndarray:
        """``x @ coef + intercept`` for the TF-IDF rows ``x`` of ``bags`` (:func:`tf_weight`
        × idf, unit length), computed sparsely: memory grows with the terms, not the
        vocabulary; plus the meaning rows', the character n-grams' of the texts' ``words``
        (:func:`~beleidslens.nlp.grams.text_words`; a model trained with them needs them)
        and, given, the surroundings' (``wide``, from :func:`wide_rows`)."""
        out = np.tile(self.intercept.astype(np.float64), (len(bags), 1))
        if self.dense is not None:
            out += (self.dense_weight * self.dense.rows(bags)) @ self.dense_coef
        if wide is not None and self.wide_coef is not None:
            out += (self.wide[1] * wide) @ self.wide_coef
        add_tfidf_logits(out, self.index, self.idf, self.coef, bags, self.term_weight)
        if self.gram_block is not None:
            if words is None or len(words) != len(bags):
                raise ValueError("concept model: reads the texts' words (n-grams); none given")
            self.gram_block.add_logits(out, words)
        return out

    def read(
        self,
        bags: Sequence[Mapping[str, float]],
        groups: Sequence[str],
        words: Sequence[Mapping[str, float]] | None = None,
    ) -> np.ndarray:
        """:meth:`proba` of a sequence of bags (and their texts' ``words``) in reading
        order, each read as training read a coded row: with its neighbours in its group
        (``context``) and, for a model trained with them, its surroundings there
        (:func:`wide_rows`)."""
        window, _ = self.wide
        wide = None
        if window and self.dense is not None:
            wide = wide_rows(self.dense, bags, groups, window)
        if self.context:
            bags = with_neighbours(bags, groups, self.context)
            if words is not None:
                words = with_neighbours(words, groups, self.context)
        return self.proba(bags, wide, words)

    def proba(
        self,
        bags: Sequence[Mapping[str, float]],
        wide: np.ndarray | None = None,
        words: Sequence[Mapping[str, float]] | None = None,
    ) -> np.ndarray:
        """``[len(bags), len(classes)]`` probabilities (rows sum to 1)."""
        if not bags:
            return np.zeros((0, len(self.classes)), dtype=np.float64)
        z = self.logits(bags, wide, words)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def columns(self, codes: Sequence[str]) -> list[int]:
        """Columns for ``codes`` (:func:`code_columns`)."""
        return code_columns(codes, self.classes)


class DenseSpace:
    """Term vectors a concept model reads meaning with: a bag's row is the sum of its terms'
    vectors, each × its count × its SIF weight (as ``SemanticModel.bag_vectors`` computes
    it), zero when no term is known, each space's block of columns (``blocks``: their widths;
    default one block) at unit length. Training and analysis use this one function."""

    def __init__(
        self,
        vocab: Sequence[str],
        vectors: np.ndarray,
        sif: np.ndarray,
        blocks: Sequence[int] = (),
    ) -> None:
        if vectors.shape[0] != len(vocab) or sif.shape != (len(vocab),):
            raise ValueError("concept model: dense vectors do not match their vocabulary")
        self.blocks = list(blocks) or [int(vectors.shape[1])]
        if sum(self.blocks) != vectors.shape[1] or min(self.blocks) < 1:
            raise ValueError("concept model: dense blocks do not match the vectors")
        self.vocab = list(vocab)
        self.index: dict[str, int] = dict(zip(self.vocab, range(len(self.vocab)), strict=True))
        self.vectors = vectors
        self.sif = sif

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def rows(self, bags: Sequence[Mapping[str, float]]) -> np.ndarray:
        """``[len(bags), dims]`` float64 unit rows."""
        r, ix, counts = known_terms(self.index, bags)
        out = np.zeros((len(bags), self.dims), dtype=np.float64)
        if not len(r):
            return out
        w = counts * self.sif[ix]
        starts = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
        out[r[starts]] = segment_sums(self.vectors[ix].astype(np.float64) * w[:, None], starts)
        return self.unit_blocks(out)

    def unit_blocks(self, rows: np.ndarray) -> np.ndarray:
        """``rows`` with each block at unit length (zero stays zero), in place."""
        start = 0
        for width in self.blocks:
            part = rows[:, start : start + width]
            part /= np.maximum(np.linalg.norm(part, axis=1, keepdims=True), 1e-12)
            start += width
        return rows


def wide_rows(
    dense: DenseSpace, bags: Sequence[Mapping[str, float]], groups: Sequence[str], window: int
) -> np.ndarray:
    """``[len(bags), dims]``: each bag's surroundings, the meaning of the ``window`` bags on
    either side of it in the same run of its group (itself left out): the sum of their
    :meth:`DenseSpace.rows`, each block at unit length; zero where there are none. A coder
    reads a quasi-sentence within its section; rows keep no sections, so training reads the
    rows around it."""
    own = dense.rows(bags)
    out = np.zeros_like(own)
    n = len(bags)
    run = np.cumsum([i > 0 and groups[i] != groups[i - 1] for i in range(n)])
    for d in range(1, min(window, n - 1) + 1):
        same = run[d:] == run[:-d]
        if not same.any():
            break
        out[d:][same] += own[:-d][same]
        out[:-d][same] += own[d:][same]
    return dense.unit_blocks(out)


def with_neighbours(
    bags: Sequence[Mapping[str, float]], groups: Sequence[str], weight: float
) -> list[dict[str, float]]:
    """Each bag plus ``weight`` × the bags of its neighbours (the one before and the one
    after, when in the same group): the context a coder reads a quasi-sentence in. Training
    (rows of one document) and analysis (units of one section) use it alike, with the weight
    the model was trained with (its ``meta["params"]["context"]``)."""
    out = [dict(b) for b in bags]
    if not weight:
        return out
    for i in range(len(bags)):
        for j in (i - 1, i + 1):
            if 0 <= j < len(bags) and groups[j] == groups[i]:
                bag = out[i]
                for term, count in bags[j].items():
                    bag[term] = bag.get(term, 0.0) + weight * count
    return out


def code_columns(codes: Sequence[str], classes: Sequence[str]) -> list[int]:
    """Columns of ``classes`` for ``codes`` (a sub-code ``202.1`` falls back to its main
    code; an unknown code is left out)."""
    index = {c: i for i, c in enumerate(classes)}
    cols: list[int] = []
    for code in codes:
        col = index.get(code)
        if col is None:
            col = index.get(code.split(".")[0])
        if col is not None and col not in cols:
            cols.append(col)
    return cols


def load_concepts(path: Path | str | None = None) -> ConceptModel:
    """The concept model at ``path`` (default: the shipped one), loaded once per file
    version; a missing or unreadable file is a ``ValueError`` naming it."""
    p = Path(path).expanduser() if path else DEFAULT_CONCEPTS_PATH
    try:
        st = p.stat()
    except OSError:
        raise ValueError(f"{p}: concept model not found") from None
    key = (str(p.resolve()), st.st_size, st.st_mtime_ns)
    with _LOCK:
        model = _LOADED.get(key)
        if model is None:
            try:
                model = ConceptModel.load(p)
            except (OSError, KeyError, ValueError) as exc:
                raise ValueError(f"{p}: not a concept model ({exc})") from None
            _LOADED[key] = model
    return model
