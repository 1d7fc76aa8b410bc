"""Registers the built-in scoring backends. Heavy modules are imported only when used:
``beleidslens backends`` and CLI start-up never import torch or openai."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import SCORERS, Scorer

if TYPE_CHECKING:
    from ..registry import Registries


def _lexical(**params: Any) -> Scorer:
    from .lexical import LexicalScorer

    return LexicalScorer(**params)


def _lexical_v2(**params: Any) -> Scorer:
    from .semantic import SemanticScorer

    return SemanticScorer(**params)


def _embedding(**params: Any) -> Scorer:
    _check("embedding.v1")
    from .embedding import EmbeddingScorer

    return EmbeddingScorer(**params)


def _llm(**params: Any) -> Scorer:
    _check("llm.v1")
    from .llm import LLMScorer

    return LLMScorer(**params)


def _supervised(**params: Any) -> Scorer:
    _check("supervised.v1")
    from ..learn.backend import SupervisedScorer

    return SupervisedScorer(**params)


def _check(name: str) -> None:
    """The entry's declared requirements, checked before importing the backend."""
    err = SCORERS.requirement_error(name)
    if err is not None:
        raise err


def register(registries: Registries) -> None:
    scorers = registries.scorers
    scorers.register(
        "lexical.v1",
        _lexical,
        "BM25 over Dutch lemmas and compound parts, query expansion from the document, "
        "section context; no model weights",
    )
    scorers.register(
        "lexical.v2",
        _lexical_v2,
        "lexical.v1 plus the shipped semantic model (term vectors trained on Dutch political "
        "text): expansion from the domain, soft matching, word senses from context; themes "
        "naming Manifesto Project codes scored with the shipped concept model",
    )
    scorers.register(
        "embedding.v1",
        _embedding,
        "sentence-transformers embeddings, calibrated and blended with lexical; "
        "--backend-option model=PATH_OR_NAME (needs: pip install 'beleidslens[embeddings]')",
        requires=("sentence_transformers", "torch"),
        extra="embeddings",
    )
    scorers.register(
        "llm.v1",
        _llm,
        "an OpenAI-compatible language model grades lexical's top candidates; "
        "--backend-option base_url=URL model=NAME (needs: pip install 'beleidslens[llm]')",
        requires=("openai",),
        extra="llm",
    )
    scorers.register(
        "supervised.v1",
        _supervised,
        "a coder trained with 'beleidslens train' scores the themes and aspects naming codes, "
        "blended with lexical; --backend-option model=MODEL "
        "(needs: pip install 'beleidslens[learn]')",
        requires=("sklearn",),
        extra="learn",
    )
