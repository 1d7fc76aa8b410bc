"""The peers ``benchmarks/bench_quality.py`` prints beside the engine, from the same run.

Both rank the document's sentences (the same document model the engine reads):

* **BM25** — :mod:`bm25s` over simple lowercase words, one query per theme made of its label,
  description and keywords and its aspects' labels and keywords, exactly as
  ``benchmarks/baseline_bm25.py``; it selects its ten best sentences per theme.
* **TF-IDF + logistic regression** — scikit-learn (``beleidslens[bench]``), word uni- and
  bigrams, logistic loss fitted by SGD (one-vs-rest), trained on coded rows (text → the theme whose codes include the row's code, or
  ``-``); a theme's ranking is its sentences by predicted probability, and it selects the
  sentences whose most probable class is the theme with probability ≥ ``LR_SELECT``.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .ranking import Ranked

if TYPE_CHECKING:
    from ..document.model import Document, Node
    from ..framework import Framework

_WORD = re.compile(r"\w+")
BM25_SELECT = 10
LR_SELECT = 0.5
LR_SELECT_MAX = 10
RANK_DEPTH = 50
OTHER = "-"
SGD_ALPHA = 2e-5  # L2 strength of the logistic model
SGD_EPOCHS = 12
MAX_FEATURES = 100_000


def _tokens(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _sentences(document: Document) -> list[Node]:
    from ..document.model import NodeKind

    return [s for s in document.iter(NodeKind.SENTENCE) if _tokens(s.text)]


def bm25_rankings(document: Document, framework: Framework) -> dict[str, list[Ranked]]:
    """BM25 over sentences, the baseline script's queries; top ten selected."""
    import bm25s

    sentences = _sentences(document)
    out: dict[str, list[Ranked]] = {t.id: [] for t in framework.themes}
    if not sentences:
        return out
    retriever = bm25s.BM25()
    retriever.index([_tokens(s.text) for s in sentences], show_progress=False)
    for theme in framework.themes:
        query = " ".join(
            [theme.label, theme.description, *theme.keywords]
            + [a.label + " " + " ".join(a.keywords) for a in theme.aspects]
        )
        scores = retriever.get_scores(_tokens(query))
        order = sorted(range(len(sentences)), key=lambda i: (-float(scores[i]), i))
        out[theme.id] = [
            Ranked(sentences[i].start, sentences[i].end, rank < BM25_SELECT)
            for rank, i in enumerate(order[:RANK_DEPTH])
            if float(scores[i]) > 0
        ]
    return out


def theme_labels(codes: Mapping[str, Sequence[str]], code: str) -> str:
    """The theme a row's code belongs to (the first theme listing it), or ``-``."""
    for theme_id, theme_codes in codes.items():
        if code in theme_codes:
            return theme_id
    return OTHER


def cached_tfidf_lr(texts: Sequence[str], labels: Sequence[str], cache: Path | None) -> TfidfLR:
    """A :class:`TfidfLR` for these rows, pickled under ``cache`` by the SHA-256 of its
    training data and settings (a benchmark rerun then skips the fit)."""
    if cache is None:
        return TfidfLR(texts, labels)
    h = hashlib.sha256(repr((SGD_ALPHA, SGD_EPOCHS, MAX_FEATURES)).encode())
    for text, label in zip(texts, labels, strict=True):
        h.update(text.encode("utf-8") + b"\x00" + label.encode("utf-8") + b"\x01")
    path = cache / f"tfidf-lr-{h.hexdigest()[:20]}.pickle"
    if path.is_file():
        with path.open("rb") as fh:
            model = pickle.load(fh)
        if isinstance(model, TfidfLR):
            return model
    model = TfidfLR(texts, labels)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(model, fh)
    tmp.replace(path)
    return model


class TfidfLR:
    """TF-IDF + logistic regression trained on coded rows (see the module docstring)."""

    def __init__(self, texts: Sequence[str], labels: Sequence[str], seed: int = 0) -> None:
        try:
            from sklearn.feature_extraction.text import TfidfVectorizer
            from sklearn.linear_model import SGDClassifier
        except ImportError as exc:  # pragma: no cover - depends on the environment
            from ..errors import MissingDependencyError

            raise MissingDependencyError(
                "the TF-IDF peer needs scikit-learn: pip install 'beleidslens[bench]'"
            ) from exc
        self.vectorizer = TfidfVectorizer(
            lowercase=True,
            ngram_range=(1, 2),
            min_df=2,
            sublinear_tf=True,
            max_features=MAX_FEATURES,
        )
        x = self.vectorizer.fit_transform(texts)
        # logistic loss by SGD: the same model as LogisticRegression, in seconds instead of
        # minutes on 40k rows × 27 classes (lbfgs took 518 s on the shared box)
        self.model = SGDClassifier(
            loss="log_loss", alpha=SGD_ALPHA, max_iter=SGD_EPOCHS, tol=None, random_state=seed
        )
        self.model.fit(x, list(labels))
        self.classes: list[str] = [str(c) for c in self.model.classes_]

    def probabilities(self, texts: Sequence[str]) -> Any:
        return self.model.predict_proba(self.vectorizer.transform(texts))

    def rankings(self, document: Document, theme_ids: Sequence[str]) -> dict[str, list[Ranked]]:
        sentences = _sentences(document)
        out: dict[str, list[Ranked]] = {t: [] for t in theme_ids}
        if not sentences:
            return out
        proba = self.probabilities([s.text for s in sentences])
        top = proba.argmax(axis=1)
        for theme_id in theme_ids:
            if theme_id not in self.classes:
                continue
            col = self.classes.index(theme_id)
            order = sorted(range(len(sentences)), key=lambda i: (-float(proba[i, col]), i))
            chosen = 0
            ranked = []
            for i in order[:RANK_DEPTH]:
                pick = (
                    int(top[i]) == col
                    and float(proba[i, col]) >= LR_SELECT
                    and chosen < LR_SELECT_MAX
                )
                chosen += pick
                ranked.append(Ranked(sentences[i].start, sentences[i].end, pick))
            out[theme_id] = ranked
        return out
