"""Train the concept model that ships in the package (``beleidslens/nlp/data/concepts-nl.npz``).

    python scripts/train_concepts.py [--corpus ../shared/corpus] [--out PATH]
                                     [--exclude-parties gl,pvdd] [--tiny]

Reads the MARPOR-coded quasi-sentences of the Dutch manifestos 2006–2012 (never a 2017
programme; see :func:`beleidslens.nlp.semantic_corpus.marpor_rows`), and fits the
multinomial logistic regression of :mod:`beleidslens.nlp.concepts_train` over their main
categories (same rows, same bytes). ``--exclude-parties`` leaves MARPOR parties out (the
quality benchmark's set-aside part by default, as for the semantic model's category space).
Needs ``pip install 'beleidslens[train]'``.

``--tiny`` trains on rows written for this project (tests/data/concepts_sample.tsv: code,
sentence), in a second: CI runs it and checks that the artifact loads and scores.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from beleidslens.nlp.concepts import DEFAULT_CONCEPTS_PATH, bag  # noqa: E402
from beleidslens.nlp.concepts_train import (  # noqa: E402
    ConceptTrainParams,
    coded_bags,
    coded_words,
    save,
    train_concepts,
)
from beleidslens.nlp.grams import text_words  # noqa: E402

SAMPLE = REPO / "tests" / "data" / "concepts_sample.tsv"
EXCLUDED_CODED_PARTIES: tuple[str, ...] = ("gl", "pvdd")
MARPOR_SOURCE = "marpor_nl_2006-2012_combined.csv"


def sample_rows(bigrams: float = 0.0) -> tuple[list[tuple[dict[str, float], str]], list[str]]:
    """The own sample's ``(bag, code)`` rows, and their texts."""
    from beleidslens.nlp.semantic_corpus import _terms

    rows, texts = [], []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, _, text = line.partition("\t")
            rows.append((bag(_terms(text), bigrams), code.strip()))
            texts.append(text)
    return rows, texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=DEFAULT_CONCEPTS_PATH)
    parser.add_argument(
        "--exclude-parties",
        default=",".join(EXCLUDED_CODED_PARTIES),
        help="MARPOR party prefixes left out",
    )
    parser.add_argument("--tiny", action="store_true", help="train on the own sample rows")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    if args.tiny:
        params = ConceptTrainParams(min_df=1, min_rows=1, max_iter=50)
        rows, texts = sample_rows(params.bigrams)
        words = [text_words(t) for t in texts]
        arrays = train_concepts(rows, params, sources=[SAMPLE.name], words=words)
    else:
        from beleidslens.nlp.semantic_corpus import marpor_rows

        excluded = {p for p in args.exclude_parties.split(",") if p}
        chosen = [r for r in marpor_rows(args.corpus) if r.doc.split("_")[0] not in excluded]
        params = ConceptTrainParams()
        arrays = train_concepts(
            coded_bags(chosen, params),
            params,
            sources=[MARPOR_SOURCE],
            groups=[r.doc for r in chosen],
            words=coded_words(chosen),
        )
    save(arrays, args.out)
    size = args.out.stat().st_size / 1e6
    print(f"{args.out}: {size:.1f} MB, {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
