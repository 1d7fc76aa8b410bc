"""The peers ``benchmarks/bench_quality.py`` prints beside the engine, from the same run.

Both rank the document's sentences (the same document model the engine reads):

* **BM25** — :mod:`bm25s` over simple lowercase words, one query per theme made of its label,
  description and keywords and its aspects' labels and keywords, exactly as
  ``benchmarks/baseline_bm25.py``; it selects its ten best sentences per theme.
* **TF-IDF + logistic regression** — scikit-learn (``beleidslens[bench]``), word uni- and
  bigrams, logistic loss fitted by SGD (one-vs-rest), trained on coded rows (text → the theme whose codes include the row's code, or
  ``-``); a theme's ranking is its sentences by predicted probability, and it selects the
  sentences whose most probable class is the theme with probability ≥ ``lr_select``.

Their numbers are :class:`PeerParams` (:data:`PEERS` unless another is given); like the
evaluation's rules they define the benchmark's peers and are not tuned to a result.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ..params import Params
from ..params import field as _f
from .ranking import Ranked

if TYPE_CHECKING:
    from ..document.model import Document, Node
    from ..framework import Framework

_WORD = re.compile(r"\w+")
OTHER = "-"


class PeerParams(Params):
    """The peers' settings (docs/evaluation.md names what chose each)."""

    label: ClassVar[str] = "peer parameter"

    bm25_select: int = _f(10, "BM25 selects its best this many sentences per theme", ge=0, le=1000)
    rank_depth: int = _f(50, "sentences ranked per theme by either peer", ge=1, le=100_000)
    lr_select: float = _f(
        0.5, "TF-IDF peer: selects a sentence whose most probable theme has this probability",
        ge=0.0, le=1.0,
    )  # fmt: skip
    lr_select_max: int = _f(10, "…at most this many per theme", ge=0, le=1000)
    sgd_alpha: float = _f(2e-5, "L2 strength of the logistic model", gt=0.0, le=1.0)
    sgd_epochs: int = _f(12, "SGD passes over the rows", ge=1, le=1000)
    max_features: int = _f(100_000, "most TF-IDF features", ge=1, le=10_000_000)
    min_df: int = _f(2, "a TF-IDF term in fewer rows is dropped", ge=1, le=10_000)

    def cache_key(self) -> str:
        """What the cached models are keyed by (unchanged for the default min_df, so the
        models cached before it was a parameter stay valid)."""
        key: tuple[float | int, ...] = (self.sgd_alpha, self.sgd_epochs, self.max_features)
        return repr(key if self.min_df == 2 else (*key, self.min_df))


#: the peers ``benchmarks/bench_quality.py`` runs
PEERS = PeerParams()


def _tokens(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _sentences(document: Document) -> list[Node]:
    from ..document.model import NodeKind

    return [s for s in document.iter(NodeKind.SENTENCE) if _tokens(s.text)]


def bm25_rankings(
    document: Document, framework: Framework, params: PeerParams = PEERS
) -> dict[str, list[Ranked]]:
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
            Ranked(sentences[i].start, sentences[i].end, rank < params.bm25_select)
            for rank, i in enumerate(order[: params.rank_depth])
            if float(scores[i]) > 0
        ]
    return out


def theme_labels(codes: Mapping[str, Sequence[str]], code: str) -> str:
    """The theme a row's code belongs to (the first theme listing it), or ``-``."""
    for theme_id, theme_codes in codes.items():
        if code in theme_codes:
            return theme_id
    return OTHER


def cached_tfidf_lr(
    texts: Sequence[str], labels: Sequence[str], cache: Path | None, params: PeerParams = PEERS
) -> TfidfLR:
    """A :class:`TfidfLR` for these rows, pickled under ``cache`` by the SHA-256 of its
    training data and settings (a benchmark rerun then skips the fit)."""
    if cache is None:
        return TfidfLR(texts, labels, params=params)
    h = hashlib.sha256(params.cache_key().encode())
    for text, label in zip(texts, labels, strict=True):
        h.update(text.encode("utf-8") + b"\x00" + label.encode("utf-8") + b"\x01")
    path = cache / f"tfidf-lr-{h.hexdigest()[:20]}.pickle"
    if path.is_file():
        with path.open("rb") as fh:
            model = pickle.load(fh)
        if isinstance(model, TfidfLR):
            return model
    model = TfidfLR(texts, labels, params=params)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(model, fh)
    tmp.replace(path)
    return model


class TfidfLR:
    """TF-IDF + logistic regression trained on coded rows (see the module docstring)."""

    def __init__(
        self,
        texts: Sequence[str],
        labels: Sequence[str],
        seed: int = 0,
        params: PeerParams = PEERS,
    ) -> None:
        self.params = params
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
            min_df=params.min_df,
            sublinear_tf=True,
            max_features=params.max_features,
        )
        x = self.vectorizer.fit_transform(texts)
        # logistic loss by SGD: the same model as LogisticRegression, in seconds instead of
        # minutes on 40k rows × 27 classes (lbfgs took 518 s on the shared box)
        self.model = SGDClassifier(
            loss="log_loss",
            alpha=params.sgd_alpha,
            max_iter=params.sgd_epochs,
            tol=None,
            random_state=seed,
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
            p = getattr(self, "params", PEERS)  # a model pickled before it had params
            for i in order[: p.rank_depth]:
                pick = (
                    int(top[i]) == col
                    and float(proba[i, col]) >= p.lr_select
                    and chosen < p.lr_select_max
                )
                chosen += pick
                ranked.append(Ranked(sentences[i].start, sentences[i].end, pick))
            out[theme_id] = ranked
        return out
