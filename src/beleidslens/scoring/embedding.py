"""``embedding.v1``: sentence-transformers embeddings, calibrated and blended with lexical.

1. **Units** — each unit's text is embedded; when it has a context (its heading path), the
   context's embedding is added with ``context_weight`` and the sum re-normalized.
2. **Queries** — each field (label, keywords, description…) is embedded; the query vector is
   the weighted mean of its fields' vectors (the query's own weights), re-normalized.
3. **Similarity** — cosine, rounded to 6 decimals so float noise never reorders units.
4. **Calibration** (:mod:`beleidslens.scoring.calibrate`) — ``quantile`` (default) gives the
   k-th most similar unit the k-th highest lexical score of the same query; ``logistic``
   maps the cosine through ``1 / (1 + exp(-(s - center) / width))``.
5. **Blend** — ``score = (1 - blend) × lexical + blend × calibrated``. ``blend=0`` is exactly
   ``lexical.v1``; ``blend=1`` is the calibrated embedding score alone.

Embeddings are cached by ``sha256(model identity + text)``: in memory for the process, and
on disk (``$BELEIDSLENS_HOME/cache/embeddings/``, one ``.npz`` per model, written
atomically) unless ``disk_cache=false``. Unchanged text is never embedded twice.

torch and sentence-transformers are imported only when the backend is created.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from ..errors import AnalysisError, BeleidslensError
from ..fsutil import atomic_write
from .base import Query, Scorer, ScoringUnit
from .calibrate import blend, calibrate
from .params import DEFAULT_EMBEDDING_MODEL, EmbeddingParams, cache_root, content_hash

DEFAULT_MODEL = DEFAULT_EMBEDDING_MODEL

# process-wide memory cache: content hash → unit-length float32 vector (insertion order),
# bounded by EmbeddingParams.memory_cache
_MEMORY: dict[str, np.ndarray] = {}
_LOCK = threading.Lock()

_PATH_PREFIXES = ("/", "./", "../", "~", "\\")


def _looks_like_path(name: str) -> bool:
    return name.startswith(_PATH_PREFIXES) or (len(name) > 1 and name[1] == ":")


def _fingerprint(path: Path) -> str:
    """Identity of a model directory: file names, sizes and modification times."""
    parts = [str(path.resolve())]
    for root, dirs, files in os.walk(path):
        dirs.sort()
        for name in sorted(files):
            full = Path(root, name)
            try:
                st = full.stat()
            except OSError:
                continue
            parts.append(f"{full.relative_to(path)}:{st.st_size}:{st.st_mtime_ns}")
    return content_hash(*parts)


def _quiet_hub() -> None:
    """No download progress bars on stderr."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        from huggingface_hub.utils import disable_progress_bars

        disable_progress_bars()
    except Exception:  # pragma: no cover - optional nicety
        pass
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
    except Exception:  # pragma: no cover
        pass
    import logging

    logging.getLogger("huggingface_hub").setLevel(logging.ERROR)


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def load_model(
    name: str, *, device: str, revision: str | None = None, download: bool = False
) -> tuple[Any, str]:
    """Load a SentenceTransformer from a local directory or the local hub cache; with
    ``download`` (and ``HF_HUB_OFFLINE`` unset) from the hub. Returns the model and its
    identity (part of every cache key)."""
    if not name.strip():
        raise AnalysisError("embedding backend: option model is empty")
    path = Path(name).expanduser()
    if path.exists() or _looks_like_path(name):
        if not path.is_dir():
            raise AnalysisError(
                "embedding model not found (expected a sentence-transformers model "
                f"directory, or a model name such as {DEFAULT_MODEL})",
                name,
            )
        identity = f"path:{_fingerprint(path)}"
        return _construct(str(path), device=device, local_only=True, revision=None), identity
    identity = f"hub:{name}@{revision or 'main'}"
    try:
        return _construct(name, device=device, local_only=True, revision=revision), identity
    except AnalysisError:
        pass
    local = "pass a local model directory with --backend-option model=/path/to/model"
    if _offline():
        raise AnalysisError(
            f"embedding model is not in the local cache and HF_HUB_OFFLINE is set: {local}",
            name,
        ) from None
    if not download:
        raise AnalysisError(
            "embedding model is not in the local cache: fetch it once with "
            f"--backend-option download=true (needs network access), or {local}",
            name,
        )
    endpoint = _reachable_endpoint()
    try:
        return _construct(name, device=device, local_only=False, revision=revision), identity
    except AnalysisError as exc:
        raise AnalysisError(
            f"embedding model could not be downloaded from {endpoint} ({exc.message}): {local}",
            name,
        ) from None


def _reachable_endpoint(timeout: float = 3.0) -> str:
    """The hub endpoint, after a quick TCP probe: no network gives one line in seconds
    instead of minutes of retries."""
    import socket
    from urllib.parse import urlsplit

    from huggingface_hub import constants

    endpoint = str(constants.ENDPOINT)
    parts = urlsplit(endpoint)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "", port), timeout=timeout):
            pass
    except OSError as exc:
        raise AnalysisError(
            f"cannot reach {endpoint} to download the embedding model "
            f"({exc.strerror or exc}); pass a local model directory with "
            "--backend-option model=/path/to/model"
        ) from None
    return endpoint


def _construct(name: str, *, device: str, local_only: bool, revision: str | None) -> Any:
    _quiet_hub()
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(
            name, device=device, local_files_only=local_only, revision=revision
        )
    except Exception as exc:  # the hub and torch raise many kinds; all mean "cannot load"
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise AnalysisError(f"cannot load embedding model: {first[:200]}", name) from None


class EmbeddingScorer(Scorer):
    name: ClassVar[str] = "embedding.v1"

    def __init__(self, **params: Any) -> None:
        self.settings = EmbeddingParams.from_options(params)
        p = self.settings.recorded()
        super().__init__(**p)
        self._model, self._identity = load_model(
            p["model"], device=p["device"], revision=p.get("revision"), download=p["download"]
        )
        self.encoded = 0  # texts actually sent to the model (the rest came from a cache)
        self._disk_loaded = False

    # -- cache ----------------------------------------------------------------------------
    def _cache_file(self) -> Path:
        return cache_root() / "embeddings" / f"{content_hash(self._identity)[:24]}.npz"

    @staticmethod
    def _read_npz(path: Path) -> dict[str, np.ndarray]:
        try:
            with np.load(path, allow_pickle=False) as data:
                keys, vectors = data["keys"], data["vectors"]
        except (OSError, ValueError, KeyError):
            return {}  # a missing or damaged cache is rebuilt
        return {str(k): v for k, v in zip(keys, vectors, strict=True)}

    def _load_disk(self) -> None:
        if self._disk_loaded or not self.params["disk_cache"]:
            return
        self._disk_loaded = True
        stored = self._read_npz(self._cache_file())
        with _LOCK:
            for k, v in stored.items():
                _MEMORY.setdefault(k, v)

    def _save_disk(self, new: dict[str, np.ndarray]) -> None:
        if not new or not self.params["disk_cache"]:
            return
        path = self._cache_file()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        merged = self._read_npz(path)  # another process may have added entries
        merged.update(new)
        keys = sorted(merged)
        buf = io.BytesIO()
        np.savez(
            buf,
            keys=np.array(keys, dtype=str),
            vectors=np.stack([merged[k] for k in keys]).astype(np.float32),
        )
        with contextlib.suppress(BeleidslensError, OSError):  # an unwritable cache costs time
            atomic_write(path, buf.getvalue())

    # -- encoding -------------------------------------------------------------------------
    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings of ``texts`` (``[len(texts), dim]``), cached by content."""
        keys = [content_hash(self._identity, t) for t in texts]
        with _LOCK:
            found = {k: _MEMORY[k] for k in keys if k in _MEMORY}
        if len(found) < len(set(keys)):
            self._load_disk()
            with _LOCK:
                found.update({k: _MEMORY[k] for k in keys if k in _MEMORY})
        todo = sorted({t for k, t in zip(keys, texts, strict=True) if k not in found})
        if todo:
            # sorted unique texts: the batches depend only on the set, so runs are repeatable
            vectors = self._model.encode(
                todo,
                batch_size=self.params["batch_size"],
                show_progress_bar=False,
                convert_to_numpy=True,
                normalize_embeddings=True,
            )
            vectors = np.asarray(vectors, dtype=np.float32)
            self.encoded += len(todo)
            new = {content_hash(self._identity, t): v for t, v in zip(todo, vectors, strict=True)}
            found.update(new)
            with _LOCK:
                _MEMORY.update(new)
                excess = len(_MEMORY) - self.settings.memory_cache
                if excess > 0:  # a long-running server: forget the oldest entries
                    for key in list(itertools.islice(_MEMORY, excess)):
                        del _MEMORY[key]
            self._save_disk(new)
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32)

    @staticmethod
    def _normalize(m: np.ndarray) -> np.ndarray:
        norm = np.linalg.norm(m, axis=-1, keepdims=True)
        return m / np.where(norm > 0, norm, 1.0)

    def unit_vectors(self, units: Sequence[ScoringUnit]) -> np.ndarray:
        texts = self.embed([u.text for u in units]).astype(np.float64)
        w = self.params["context_weight"]
        if w and any(u.context for u in units):
            contexts = sorted({u.context for u in units if u.context})
            ctx = dict(zip(contexts, self.embed(contexts).astype(np.float64), strict=True))
            for i, u in enumerate(units):
                if u.context:
                    texts[i] = texts[i] + w * ctx[u.context]
        return self._normalize(texts)

    def query_vectors(self, queries: Sequence[Query]) -> np.ndarray:
        fields = sorted(
            {text.strip() for q in queries for text, w in q.fields if w > 0 and text.strip()}
        )
        vec = dict(zip(fields, self.embed(fields).astype(np.float64), strict=True))
        dim = next(iter(vec.values())).shape[0] if vec else 1
        out = np.zeros((len(queries), dim), dtype=np.float64)
        for i, q in enumerate(queries):
            for text, w in q.fields:
                if w > 0 and text.strip():
                    out[i] += w * vec[text.strip()]
        return self._normalize(out)

    def similarity(self, units: Sequence[ScoringUnit], queries: Sequence[Query]) -> np.ndarray:
        """Cosine similarity ``[n_queries, n_units]`` in ``[-1, 1]``, rounded to 1e-6."""
        sims = self.query_vectors(queries) @ self.unit_vectors(units).T
        return np.round(np.clip(sims, -1.0, 1.0), 6)

    # -- the batch method -----------------------------------------------------------------
    def score(self, units: Sequence[ScoringUnit], queries: Sequence[Query]) -> np.ndarray:
        from .lexical import LexicalScorer

        n_q, n_u = len(queries), len(units)
        if not n_q or not n_u:
            return np.zeros((n_q, n_u), dtype=np.float64)
        p = self.params
        needs_lexical = p["blend"] < 1.0 or p["calibration"] == "quantile"
        lexical = (
            LexicalScorer(**self.settings.lexical.recorded()).score(units, queries)
            if needs_lexical
            else None
        )
        if p["blend"] == 0.0 and lexical is not None:
            return blend(lexical, lexical, 0.0)
        sims = self.similarity(units, queries)
        reference = lexical if lexical is not None else np.zeros_like(sims)
        calibrated = calibrate(
            sims, reference, p["calibration"], center=p["center"], width=p["width"]
        )
        return blend(reference, calibrated, p["blend"])
