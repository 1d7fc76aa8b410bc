"""Registers the built-in scoring backends. Heavy modules are imported only when used:
``beleidslens backends`` and CLI start-up never import torch or openai."""

from __future__ import annotations

from typing import Any

from ..errors import MissingDependencyError
from .base import SCORERS, Scorer


def _lexical(**params: Any) -> Scorer:
    from .lexical import LexicalScorer

    return LexicalScorer(**params)


def _needs(modules: tuple[str, ...], extra: str, feature: str) -> None:
    import importlib.util

    for module in modules:
        if importlib.util.find_spec(module) is None:
            raise MissingDependencyError.for_extra(feature, extra, module)


def _embedding(**params: Any) -> Scorer:
    _needs(("sentence_transformers", "torch"), "embeddings", "the embedding backend")
    from .embedding import EmbeddingScorer

    return EmbeddingScorer(**params)


def _llm(**params: Any) -> Scorer:
    _needs(("openai",), "llm", "the llm backend")
    from .llm import LLMScorer

    return LLMScorer(**params)


def _supervised(**params: Any) -> Scorer:
    _needs(("sklearn",), "learn", "the supervised backend")
    from ..learn.backend import SupervisedScorer

    return SupervisedScorer(**params)


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
        "sentence-transformers embeddings, calibrated and blended with lexical; "
        "--backend-option model=PATH_OR_NAME (needs: pip install 'beleidslens[embeddings]')",
    )
    SCORERS.register(
        "llm.v1",
        _llm,
        "an OpenAI-compatible language model grades lexical's top candidates; "
        "--backend-option base_url=URL model=NAME (needs: pip install 'beleidslens[llm]')",
    )
    SCORERS.register(
        "supervised.v1",
        _supervised,
        "a coder trained with 'beleidslens train' scores the themes and aspects naming codes, "
        "blended with lexical; --backend-option model=MODEL "
        "(needs: pip install 'beleidslens[learn]')",
    )
