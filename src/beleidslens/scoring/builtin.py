"""Registers the built-in scoring backends. Heavy modules are imported only when used."""

from __future__ import annotations

from typing import Any

from ..errors import MissingDependencyError
from .base import SCORERS, Scorer


def _lexical(**params: Any) -> Scorer:
    from .lexical import LexicalScorer

    return LexicalScorer(**params)


def _needs(module: str, extra: str, feature: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise MissingDependencyError.for_extra(feature, extra, module)


def _embedding(**params: Any) -> Scorer:
    _needs("sentence_transformers", "embeddings", "the embedding backend")
    raise MissingDependencyError(
        "the embedding backend is not available in this version of beleidslens yet"
    )


def _llm(**params: Any) -> Scorer:
    _needs("openai", "llm", "the llm backend")
    raise MissingDependencyError(
        "the llm backend is not available in this version of beleidslens yet"
    )


def register() -> None:
    SCORERS.register(
        "lexical.v1",
        _lexical,
        "BM25 over Dutch lemmas and compound parts, query expansion from the document, "
        "section context; no model weights",
    )
    SCORERS.register(
        "embedding.v1",
        _embedding,
        "sentence-transformers embeddings (needs: pip install 'beleidslens[embeddings]')",
    )
    SCORERS.register(
        "llm.v1",
        _llm,
        "an OpenAI-compatible language model (needs: pip install 'beleidslens[llm]')",
    )
