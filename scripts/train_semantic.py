"""Train the semantic model that ships in the package (``beleidslens/nlp/data/``).

    python scripts/train_semantic.py [--corpus ../shared/corpus] [--out PATH]
                                     [--cache DIR] [--exclude-parties gl,pvdd] [--tiny]

Reads the Dutch manifestos 2002–2025 (never a 2017 programme), the 2021 coalition
agreement and the MARPOR-coded quasi-sentences 2006–2012 (see
:mod:`beleidslens.nlp.semantic_corpus`), trains the three term spaces of
:mod:`beleidslens.nlp.semantic_train` and writes the ``.npz`` (same inputs, same bytes).
``--exclude-parties`` leaves MARPOR parties out of the category space (the quality
benchmark's set-aside part by default, :data:`EXCLUDED_CODED_PARTIES`).

``--tiny`` trains on the package's own sample texts (tests/data/semantic_sample.md, written
for this project) with small settings, in a second: CI runs it and checks that the artifact
loads and scores.
"""

from __future__ import annotations

import argparse
import marshal
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from beleidslens.nlp.semantic import DEFAULT_MODEL_PATH  # noqa: E402
from beleidslens.nlp.semantic_corpus import (  # noqa: E402
    CodedRow,
    load_corpus,
    marpor_rows,
    sample_blocks,
)
from beleidslens.nlp.semantic_train import TrainParams, save, train  # noqa: E402

SAMPLE = REPO / "tests" / "data" / "semantic_sample.md"
# MARPOR parties whose codes never train the category space: the set-aside part of
# benchmarks/bench_quality.py (beleidslens.evaluate.corpora.split_of: gl, pvdd).
EXCLUDED_CODED_PARTIES: tuple[str, ...] = ("gl", "pvdd")


def _coded(corpus: Path, cache: Path | None) -> list[CodedRow]:
    """The MARPOR rows (tokenized once per cache directory)."""
    path = cache / "marpor.rows" if cache else None
    if path is not None and path.exists():
        return [CodedRow(*r) for r in marshal.loads(path.read_bytes())]
    rows = marpor_rows(corpus)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(marshal.dumps([(r.doc, r.year, r.code, r.terms) for r in rows]))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_PATH)
    parser.add_argument("--cache", type=Path, default=None, help="cache of the tokenized corpus")
    parser.add_argument(
        "--exclude-parties",
        default=",".join(EXCLUDED_CODED_PARTIES),
        help="MARPOR party prefixes left out of the category space",
    )
    parser.add_argument(
        "--exclude-year",
        action="append",
        default=[],
        type=int,
        help="leave this year's coded rows out of the category space",
    )
    parser.add_argument(
        "--no-coded",
        action="store_true",
        help="no category space (no MARPOR-derived data in the model)",
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N text files")
    parser.add_argument("--tiny", action="store_true", help="train on the own sample text")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    if args.tiny:
        text = SAMPLE.read_text(encoding="utf-8")
        docs = [list(sample_blocks([text]))]
        params = TrainParams(
            min_count=1,
            max_vocab=2000,
            max_contexts=500,
            dims=8,
            heading_dims=4,
            oversample=4,
            power_iters=2,
        )
        model = train(docs, [], params, sources=[SAMPLE.name])
    else:
        corpus = load_corpus(args.corpus, args.cache, args.limit)
        excluded = {d for d in args.exclude_parties.split(",") if d}
        coded = (
            [
                r
                for r in _coded(args.corpus, args.cache)
                if r.year not in args.exclude_year and r.doc.split("_")[0] not in excluded
            ]
            if not args.no_coded
            else []
        )
        marpor = [] if args.no_coded else ["marpor_nl_2006-2012_combined.csv"]
        model = train(
            [b for _, b in corpus],
            coded,
            TrainParams(),
            sources=[name for name, _ in corpus] + marpor,
        )
    save(model, args.out)
    size = args.out.stat().st_size / 1e6
    print(
        f"{args.out}: {len(model['vocab'])} terms, {size:.1f} MB, {time.perf_counter() - t0:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
