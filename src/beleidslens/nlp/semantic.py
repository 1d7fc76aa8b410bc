"""The shipped semantic model: term vectors trained on Dutch political text (numpy only).

The model (``data/semantic-nl.npz``, trained by ``scripts/train_semantic.py`` with
:mod:`beleidslens.nlp.semantic_train`; attribution and licence in
``data/semantic-nl.NOTICE.md``) maps the lexical backend's index terms to vectors in three
spaces (``window``, ``heading``, ``category``). A text's vector is the SIF-weighted sum of
its terms' vectors (weight ``a / (a + p(term))``, Arora et al. 2017): frequent words count
little. Loading takes a few tens of milliseconds and never imports more than numpy.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from .npz import load_arrays
from .segments import weighted_segment_sums

DATA = Path(__file__).resolve().parent / "data"
DEFAULT_MODEL_PATH = DATA / "semantic-nl.npz"
SPACES = ("window", "heading", "category")
SIF_A = 1e-4  # SIF smoothing: a term as frequent as 1 in 10,000 weighs 1/2

_LOCK = threading.Lock()
_LOADED: dict[Path, SemanticModel] = {}


class SemanticModel:
    """Term vectors of one trained model; immutable after loading."""

    def __init__(self, arrays: Mapping[str, np.ndarray], path: Path | None = None) -> None:
        self.path = path
        self.vocab: list[str] = (
            bytes(np.asarray(arrays["vocab"], dtype=np.uint8)).decode("utf-8").split("\n")
        )
        self.index: dict[str, int] = dict(zip(self.vocab, range(len(self.vocab)), strict=True))
        logp = np.asarray(arrays["logp"], dtype=np.float64)
        self.sif = (SIF_A / (SIF_A + np.exp(logp))).astype(np.float32)
        self._raw = {name: arrays[name] for name in SPACES if name in arrays}
        self._spaces: dict[str, np.ndarray] = {}
        self._near: tuple[np.ndarray, np.ndarray] | None = None
        if "near_ids" in arrays:
            self._near = (arrays["near_ids"], arrays["near_sims"])
        self.meta: dict[str, Any] = json.loads(str(arrays["meta"])) if "meta" in arrays else {}

    @classmethod
    def load(cls, path: Path | str) -> SemanticModel:
        path = Path(path)
        return cls(load_arrays(path), path)

    @property
    def spaces(self) -> Mapping[str, np.ndarray]:
        """Space name → ``[terms, dims]`` float32 table (converted on first use)."""
        for name, raw in self._raw.items():
            if name not in self._spaces:
                self._spaces[name] = np.asarray(raw, dtype=np.float32)
        return self._spaces

    def has_space(self, name: str) -> bool:
        return name in self._raw and self._raw[name].shape[1] > 0

    def space(self, name: str) -> np.ndarray:
        table = self._spaces.get(name)
        if table is None:
            table = self._spaces[name] = np.asarray(self._raw[name], dtype=np.float32)
        return table

    @cached_property
    def identity(self) -> str:
        """Recorded in analyses: the model file's name and its training parameters' hash."""
        import hashlib

        digest = hashlib.sha256(json.dumps(self.meta, sort_keys=True).encode()).hexdigest()
        name = self.path.name if self.path else "in-memory"
        return f"{name}:{digest[:12]}"

    def ids(self, terms: Iterable[str]) -> np.ndarray:
        get = self.index.get
        return np.array([i for i in (get(t, -1) for t in terms) if i >= 0], dtype=np.int64)

    def bag_vectors(
        self,
        bags: Sequence[Mapping[str, float]],
        space: str | Sequence[tuple[str, float]],
        sif: bool = True,
    ) -> np.ndarray:
        """One row per bag of weighted terms: its unit-length vector in ``space`` (zero when
        no term is known). ``space`` may be ``[(name, weight), …]``: the rows are then the
        spaces' unit vectors side by side, each × sqrt(weight / total weight), so the dot
        product of two rows is the weighted mean of the spaces' cosines."""
        spaces = [(space, 1.0)] if isinstance(space, str) else list(space)
        total = sum(w for _, w in spaces) or 1.0
        # every bag's terms in order, then the known ones (their rows in the tables)
        found = [self.index.get(t, -1) for bag in bags for t in bag]
        idx = np.array(found, dtype=np.int64)
        known = idx >= 0
        idx = idx[known]
        w32 = np.array([w for bag in bags for w in bag.values()], dtype=np.float32)[known]
        if sif and len(idx):
            w32 = w32 * self.sif[idx]
        row = np.repeat(np.arange(len(bags)), [len(bag) for bag in bags])[known]
        n_known = np.bincount(row, minlength=len(bags))
        filled = np.flatnonzero(n_known)  # the bags with a known term, in order
        starts = np.cumsum(n_known[filled]) - n_known[filled]
        parts = []
        for name, weight in spaces:
            table = self.space(name)
            out = np.zeros((len(bags), table.shape[1]), dtype=np.float32)
            if len(idx):
                # = np.add.reduceat(table[idx] * w32[:, None], starts, axis=0), bit for bit
                out[filled] = weighted_segment_sums(table, idx, w32, starts)
            norm = np.linalg.norm(out, axis=1, keepdims=True)
            parts.append(out / np.maximum(norm, 1e-12) * np.float32(np.sqrt(weight / total)))
        return parts[0] if len(parts) == 1 else np.hstack(parts)

    def text_vectors(self, texts: Sequence[Sequence[str]], space: str) -> np.ndarray:
        """Vectors of term sequences (each occurrence counts once, SIF-weighted)."""
        bags: list[dict[str, float]] = []
        for terms in texts:
            bag: dict[str, float] = {}
            for t in terms:
                bag[t] = bag.get(t, 0.0) + 1.0
            bags.append(bag)
        return self.bag_vectors(bags, space)

    def neighbours(
        self, term: str, candidates: Sequence[str], space: str = "window", k: int = 5
    ) -> list[tuple[str, float]]:
        """The ``k`` candidates most similar (cosine) to ``term``, best first."""
        i = self.index.get(term)
        ids = self.ids(candidates)
        if i is None or not len(ids):
            return []
        table = self.space(space)
        sims = table[ids] @ table[i]
        order = np.lexsort((ids, -sims))[: k + 1]
        return [(self.vocab[ids[j]], float(sims[j])) for j in order if ids[j] != i][:k]

    def near(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """The precomputed nearest terms of ``term`` in the expansion space (``near_ids``,
        ``near_sims``: ids and cosines, best first; empty when unknown or not shipped)."""
        i = self.index.get(term)
        if i is None or self._near is None:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        ids, sims = self._near
        return ids[i], sims[i]


def load_model(path: Path | str | None = None) -> SemanticModel:
    """The model at ``path`` (default: the shipped one), loaded once per process."""
    key = Path(path) if path is not None else DEFAULT_MODEL_PATH
    with _LOCK:
        model = _LOADED.get(key)
        if model is None:
            if not key.exists():
                from ..errors import AnalysisError

                raise AnalysisError(f"{key}: semantic model not found")
            model = _LOADED[key] = SemanticModel.load(key)
        return model
