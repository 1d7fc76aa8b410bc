"""The plain baseline: BM25 over the document's sentences, top 10 per theme.

Sentences come from the same document model as the engine; tokens are simple lowercase
words (no lemmas, no compounds, no stop words); each theme's query is its label,
description and keywords plus its aspects' labels and keywords; the 10 best sentences per
theme are selected. Writes an Analysis JSON that ``beleidslens evaluate`` reads.

    python benchmarks/baseline_bm25.py DOC --framework kwetsbaarheden -o baseline.json
"""

from __future__ import annotations

import argparse
import re
import sys

TOP_K = 10
_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document")
    parser.add_argument("--framework", default="kwetsbaarheden")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)

    import bm25s

    from beleidslens.analysis.result import (
        Analysis,
        DocumentRef,
        FrameworkRef,
        Location,
        Passage,
        ThemeResult,
    )
    from beleidslens.document.model import NodeKind
    from beleidslens.framework import load_framework
    from beleidslens.framework.loader import framework_digest
    from beleidslens.fsutil import atomic_write
    from beleidslens.ingest import load_document

    doc = load_document(args.document)
    fw = load_framework(args.framework)
    sentences = [s for s in doc.iter(NodeKind.SENTENCE) if tokens(s.text)]
    retriever = bm25s.BM25()
    retriever.index([tokens(s.text) for s in sentences], show_progress=False)
    themes = []
    for theme in fw.themes:
        query = " ".join(
            [theme.label, theme.description, *theme.keywords]
            + [a.label + " " + " ".join(a.keywords) for a in theme.aspects]
        )
        scores = retriever.get_scores(tokens(query))
        order = sorted(range(len(sentences)), key=lambda i: (-float(scores[i]), i))[:TOP_K]
        passages = []
        for rank, i in enumerate(order):
            s = sentences[i]
            passages.append(
                Passage(
                    id=f"{theme.id}-{rank}",
                    text=" ".join(s.text.split()),
                    score=round(float(scores[i]), 4),
                    selected=True,
                    location=Location(
                        start=s.start, end=s.end, page=doc.page_at(s.start), section=s.section
                    ),
                    kind="sentence",
                )
            )
        themes.append(ThemeResult(id=theme.id, label=theme.label, passages=passages))
    src = doc.source
    analysis = Analysis(
        document=DocumentRef(
            name=src.name,
            title=src.title,
            format=src.format,
            sha256=src.sha256,
            characters=len(doc.text),
        ),
        framework=FrameworkRef(
            id=fw.id, name=fw.name, version=fw.version, digest=framework_digest(fw)
        ),
        backend="baseline-bm25",
        parameters={"top_k": TOP_K},
        themes=themes,
    )
    atomic_write(args.output, analysis.to_json(include_text=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
