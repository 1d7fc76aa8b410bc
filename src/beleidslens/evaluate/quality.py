"""The quality benchmark's library side: run the engine and its peers over coded documents
and the expert gold, and judge them the same way (``benchmarks/bench_quality.py`` drives it;
the rules are in ``docs/evaluation.md``)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .coded import CodedDocument
from .corpora import CodedSource, split_of
from .peers import TfidfLR, bm25_rankings, cached_tfidf_lr, theme_labels
from .ranking import Ranked, Tally

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..document.model import Document
    from ..framework import Framework

SYSTEMS = ("engine", "bm25", "tfidf-lr")
DEV_FOLDS = 3  # the TF-IDF peer is cross-fitted over dev parties: it never sees a document's party


def engine_rankings(analysis: Analysis) -> dict[str, list[Ranked]]:
    """A theme's ranked candidates as the engine keeps them, best first."""
    return {
        t.id: [Ranked(p.location.start, p.location.end, p.selected) for p in t.passages]
        for t in analysis.themes
    }


def theme_codes(framework: Framework) -> dict[str, list[str]]:
    return {t.id: t.all_codes for t in framework.themes if t.all_codes}


def fold_of(party: str) -> int:
    return int(hashlib.sha256(f"fold:{party}".encode()).hexdigest(), 16) % DEV_FOLDS


@dataclass
class CodedRun:
    """Tallies of every system on one coded data set, per split."""

    name: str
    tallies: dict[str, dict[str, Tally]] = field(default_factory=dict)  # split → system → tally

    def tally(self, split: str, system: str) -> Tally:
        return self.tallies.setdefault(split, {}).setdefault(system, Tally())

    def summary(self) -> dict[str, Any]:
        return {
            split: {system: t.summary() for system, t in systems.items()}
            for split, systems in sorted(self.tallies.items())
        }


def _training(
    sources: Sequence[CodedSource], codes: Mapping[str, Sequence[str]]
) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for src in sources:
        for row in src.rows:
            texts.append(row.text)
            labels.append(theme_labels(codes, row.code))
    return texts, labels


class LRPool:
    """TF-IDF peers trained lazily: one per dev fold (on the other dev folds), one on all dev
    rows for the set-aside documents."""

    def __init__(
        self,
        sources: Sequence[CodedSource],
        codes: Mapping[str, Sequence[str]],
        cache: Path | None = None,
    ):
        self.sources = [s for s in sources if s.split == "dev"]
        self.codes = codes
        self.cache = cache
        self.models: dict[str, TfidfLR] = {}

    def for_source(self, src: CodedSource) -> TfidfLR:
        key = f"fold{fold_of(src.party)}" if src.split == "dev" else "all"
        if key not in self.models:
            train = [s for s in self.sources if key == "all" or f"fold{fold_of(s.party)}" != key]
            self.models[key] = cached_tfidf_lr(*_training(train, self.codes), self.cache)
        return self.models[key]


class ConceptPool:
    """Concept models (:mod:`beleidslens.nlp.concepts`) cross-fitted like :class:`LRPool`:
    a dev document is scored with a model trained on the other dev folds, a set-aside one
    with a model trained on every dev party (what ships). Files are kept in ``cache``."""

    def __init__(self, corpus: Path, cache: Path, params: Any = None):
        self.corpus = corpus
        self.cache = cache
        self.params = params
        self.paths: dict[str, Path] = {}
        self._rows: list[Any] | None = None

    def for_source(self, src: CodedSource) -> Path:
        key = f"fold{fold_of(src.party)}" if src.split == "dev" else "all"
        if key not in self.paths:
            self.paths[key] = self._train(key)
        return self.paths[key]

    def _train(self, key: str) -> Path:
        import json

        from ..nlp.concepts_train import (
            ConceptTrainParams,
            coded_bags,
            coded_words,
            save,
            train_concepts,
        )
        from ..nlp.semantic_corpus import marpor_rows

        params = self.params or ConceptTrainParams()
        dump = params.model_dump()
        for name in ("context", "bigrams", "wide_window", "wide_weight"):
            if not dump[name]:  # models cached before it was a parameter stay valid
                del dump[name]
        if not dump["gram_weight"]:
            for name in ("gram_weight", "gram_min", "gram_max", "gram_vocab"):
                del dump[name]
        if dump["term_weight"] == 1.0:
            del dump["term_weight"]
        tag = hashlib.sha256(
            json.dumps([key, dump, DEV_FOLDS], sort_keys=True).encode()
        ).hexdigest()[:16]
        path = self.cache / f"concepts-{key}-{tag}.npz"
        if path.is_file():
            return path
        if self._rows is None:
            self._rows = marpor_rows(self.corpus)
        chosen = [
            r
            for r in self._rows
            if split_of(r.doc.split("_")[0]) == "dev"
            and (key == "all" or f"fold{fold_of(r.doc.split('_')[0])}" != key)
        ]
        self.cache.mkdir(parents=True, exist_ok=True)
        rows = coded_bags(chosen, params)
        groups = [r.doc for r in chosen]
        save(train_concepts(rows, params, groups=groups, words=coded_words(chosen)), path)
        return path


def run_coded(
    run: CodedRun,
    documents: Sequence[tuple[CodedSource, CodedDocument]],
    framework: Framework,
    codes: Mapping[str, Sequence[str]],
    analyse: Callable[[CodedSource, Document], Analysis],
    lr: LRPool | None,
) -> None:
    """Judge the engine, BM25 and (when given) the TF-IDF peer on every document."""
    for src, doc in documents:
        split = src.split
        analysis = analyse(src, doc.document)
        run.tally(split, "engine").add(doc, engine_rankings(analysis), codes)
        run.tally(split, "bm25").add(doc, bm25_rankings(doc.document, framework), codes)
        if lr is not None:
            model = lr.for_source(src)
            run.tally(split, "tfidf-lr").add(doc, model.rankings(doc.document, list(codes)), codes)


def rankings_analysis(
    document: Document, framework: Framework, rankings: Mapping[str, Sequence[Ranked]], name: str
) -> Analysis:
    """An :class:`Analysis` holding a peer's rankings, for :func:`~.metrics.evaluate`."""
    from ..analysis.result import (
        Analysis,
        DocumentRef,
        FrameworkRef,
        Location,
        Passage,
        ThemeResult,
    )
    from ..framework.loader import framework_digest

    themes = []
    for theme in framework.themes:
        passages = [
            Passage(
                id=f"{theme.id}-{rank}",
                text=" ".join(document.text[r.start : r.end].split()),
                score=float(-rank),
                selected=r.selected,
                location=Location(start=r.start, end=r.end),
                kind="sentence",
            )
            for rank, r in enumerate(rankings.get(theme.id, ()))
        ]
        themes.append(ThemeResult(id=theme.id, label=theme.label, passages=passages))
    src = document.source
    return Analysis(
        document=DocumentRef(
            name=src.name,
            title=src.title,
            format=src.format,
            sha256=src.sha256,
            characters=len(document.text),
        ),
        framework=FrameworkRef(
            id=framework.id,
            name=framework.name,
            version=framework.version,
            digest=framework_digest(framework),
        ),
        backend=name,
        themes=themes,
    )


def gold_summary(analysis: Analysis, gold: Any, framework: Framework) -> dict[str, Any]:
    """The dev gold per split of its themes (by theme id): the rule, the unit rule and the
    share of expert passages among the ranked candidates."""
    from .metrics import evaluate

    ev = evaluate(analysis, gold, framework)
    out: dict[str, Any] = {}
    for split in ("dev", "set-aside"):
        themes = [t for t in ev.themes if split_of(t.theme_id) == split]
        bullets = sum(t.bullets for t in themes)
        sel = sum(t.selected for t in themes)

        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        out[split] = {
            "themes": [t.theme_id for t in themes],
            "bullets": bullets,
            "selected": sel,
            "recall": ratio(sum(t.found for t in themes), bullets),
            "precision": ratio(sum(t.hits for t in themes), sel),
            "unit_recall": ratio(sum(t.unit_found for t in themes), bullets),
            "unit_precision": ratio(sum(t.unit_hits for t in themes), sel),
            "candidates": ratio(sum(t.candidate_found for t in themes), bullets),
        }
    return out


# a category coded this often in a programme counts as clearly addressed there
VERDICT_MIN_ROWS = 5


def coded_verdicts(
    runs: Sequence[tuple[CodedSource, Analysis]], framework: Framework
) -> dict[str, dict[str, Any]]:
    """Aspect verdicts against the coded rows, per split: for aspects naming one code, how
    the engine judged those its programme codes at least :data:`VERDICT_MIN_ROWS` times
    (``addressed`` expected) and those it never codes (``not_addressed`` expected)."""
    from collections import Counter

    aspect_codes = {
        (t.id, a.id): a.codes[0] for t in framework.themes for a in t.aspects if len(a.codes) == 1
    }
    out: dict[str, dict[str, Any]] = {}
    for src, analysis in runs:
        rows = Counter(r.code.split(".")[0] for r in src.rows)
        split = out.setdefault(src.split, {"coded": Counter(), "absent": Counter(), "documents": 0})
        split["documents"] += 1
        for theme in analysis.themes:
            for aspect in theme.aspects:
                code = aspect_codes.get((theme.id, aspect.id))
                if code is None:
                    continue
                n = rows.get(code.split(".")[0], 0)
                if n >= VERDICT_MIN_ROWS:
                    split["coded"][str(aspect.status)] += 1
                elif n == 0:
                    split["absent"][str(aspect.status)] += 1
    for split in out.values():
        for key in ("coded", "absent"):
            split[key] = dict(sorted(split[key].items()))
    return dict(sorted(out.items()))
