"""Relevance quality of the engine beside BM25 and TF-IDF + logistic regression, same run.

Data sets (read from ../shared; the rules are in docs/evaluation.md):

* marpor — the MARPOR-coded programmes 2006–2012, published texts ingested as a user would,
  coded quasi-sentences located in them; framework ``marpor``; P@5, P@10 per theme,
  selected-passage precision, passages selected for themes a document barely mentions;
* pimpo — the immigration/integration quasi-sentences (PImPo) of the 2006 and 2010
  programmes, for the marpor theme ``integratie_diversiteit``;
* gold — the dev expert analysis of the 2021 agreement (framework ``kwetsbaarheden``):
  recall/precision (rule and unit rule) and the share of expert passages among the ranked
  candidates.

Every data set is split into dev and set-aside (by party, by theme id); both are printed.

    python benchmarks/bench_quality.py            # everything (several minutes)
    python benchmarks/bench_quality.py --quick    # a subset, under two minutes
    python benchmarks/bench_quality.py --json out.json
    python benchmarks/bench_quality.py --backend-option model=PATH   # options for the engine
    python benchmarks/bench_quality.py --option background_factor=1   # analysis options
    python benchmarks/bench_quality.py --strip-codes   # the engine sees marpor without codes
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
# --quick: two dev programmes of different parties and years, one set-aside programme
QUICK_DOCS = ("cda_2010", "sp_2006", "pvv_2012", "gl_2012")
PIMPO_THEME = "integratie_diversiteit"


def _options(pairs: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        try:
            out[key] = json.loads(value)
        except json.JSONDecodeError:
            out[key] = value
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a subset, for iterating")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--backend", default="lexical")
    parser.add_argument("--backend-option", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an analysis option (AnalysisOptions field) for the engine, repeatable",
    )
    parser.add_argument(
        "--concept-train",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a training parameter (ConceptTrainParams) of the cross-fitted concept models",
    )
    parser.add_argument("--no-lr", action="store_true", help="skip the TF-IDF peer")
    parser.add_argument(
        "--no-cache", action="store_true", help="fit the TF-IDF peers again (no model cache)"
    )
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument(
        "--strip-codes",
        action="store_true",
        help="the engine sees the marpor framework without its codes (as a user's own "
        "framework would be); the judging still uses them",
    )
    parser.add_argument(
        "--shipped-concepts",
        action="store_true",
        help="score coded documents with the shipped concept model (it saw the dev parties) "
        "instead of one cross-fitted like the TF-IDF peer",
    )
    args = parser.parse_args(argv)

    from beleidslens.analysis.options import AnalysisOptions
    from beleidslens.analysis.pipeline import analyze
    from beleidslens.evaluate.coded import align_rows
    from beleidslens.evaluate.corpora import pimpo_sources, read_marpor
    from beleidslens.evaluate.quality import (
        SYSTEMS,
        CodedRun,
        ConceptPool,
        LRPool,
        bm25_rankings,
        coded_verdicts,
        gold_summary,
        rankings_analysis,
        run_coded,
        theme_codes,
    )
    from beleidslens.framework import load_framework
    from beleidslens.ingest import load_document

    t0 = time.perf_counter()
    options = AnalysisOptions(**_options(args.option), scorer=_options(args.backend_option))
    marpor_fw = load_framework("marpor")
    codes = theme_codes(marpor_fw)
    engine_fw = _without_codes(marpor_fw) if args.strip_codes else marpor_fw
    sources = read_marpor(args.corpus)
    if args.quick:
        sources = [s for s in sources if s.name in QUICK_DOCS]
    cache: dict[str, Any] = {}
    engine_seconds = 0.0

    concepts = None
    cross_fit = not args.shipped_concepts and "concepts" not in options.scorer
    if args.backend in ("lexical", "lexical.v2") and cross_fit:
        from beleidslens.nlp.concepts_train import ConceptTrainParams

        train = ConceptTrainParams(**_options(args.concept_train))
        concepts = ConceptPool(args.corpus, _cache_dir(), train)

    def analyse(src: Any, document: Any) -> Any:
        nonlocal engine_seconds
        if src.name not in cache:
            opts = options
            if concepts is not None:
                scorer = {**options.scorer, "concepts": str(concepts.for_source(src))}
                opts = options.model_copy(update={"scorer": scorer})
            t = time.perf_counter()
            cache[src.name] = analyze(document, engine_fw, backend=args.backend, options=opts)
            engine_seconds += time.perf_counter() - t
        return cache[src.name]

    documents = []
    for src in sources:
        doc = load_document(src.text_path)
        documents.append((src, align_rows(src.name, doc, src.rows)))
    placed = [d.placed_share for _, d in documents]
    model_cache = None if args.no_cache else _cache_dir()
    lr = None if args.no_lr else LRPool(read_marpor(args.corpus), codes, model_cache)
    marpor = CodedRun("marpor")
    run_coded(marpor, documents, marpor_fw, codes, analyse, lr)

    pimpo = CodedRun("pimpo")
    p_sources = {s.name: s for s in pimpo_sources(args.corpus, sources)}
    p_docs = [
        (p_sources[src.name], align_rows(src.name, doc.document, p_sources[src.name].rows))
        for src, doc in documents
        if src.name in p_sources
    ]
    p_codes = {PIMPO_THEME: ["pimpo"]}
    p_lr = None
    if not args.no_lr:
        all_p = pimpo_sources(args.corpus, read_marpor(args.corpus))
        p_lr = LRPool(all_p, p_codes, model_cache)
    run_coded(pimpo, p_docs, marpor_fw, p_codes, analyse, p_lr)

    from beleidslens.evaluate.gold import read_expert_markdown

    kw = load_framework("kwetsbaarheden")
    agreement = load_document(args.corpus / "coalitieakkoord-2021-2025.txt")
    gold = read_expert_markdown(SHARED / "gold" / "kwetsbaarheden-2021-dev.md")
    t = time.perf_counter()
    engine_gold = analyze(agreement, kw, backend=args.backend, options=options)
    engine_seconds += time.perf_counter() - t
    bm25_gold = rankings_analysis(agreement, kw, bm25_rankings(agreement, kw), "bm25")
    gold_res = {
        "engine": gold_summary(engine_gold, gold, kw),
        "bm25": gold_summary(bm25_gold, gold, kw),
    }

    result = {
        "quick": args.quick,
        "backend": args.backend,
        "backend_options": options.scorer,
        "marpor": marpor.summary(),
        "pimpo": pimpo.summary(),
        "gold": gold_res,
        "verdicts": coded_verdicts(
            [(src, cache[src.name]) for src, _ in documents if src.name in cache], marpor_fw
        ),
        "aligned_rows": round(sum(placed) / len(placed), 4) if placed else None,
        "engine_seconds": round(engine_seconds, 1),
        "seconds": round(time.perf_counter() - t0, 1),
    }
    print(_table(result, SYSTEMS))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


def _without_codes(framework: Any) -> Any:
    themes = [
        t.model_copy(
            update={"codes": [], "aspects": [a.model_copy(update={"codes": []}) for a in t.aspects]}
        )
        for t in framework.themes
    ]
    return framework.model_copy(update={"themes": themes})


def _cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("beleidslens")) / "bench_quality"


def _counts(c: dict[str, int]) -> str:
    total = sum(c.values()) or 1
    return ", ".join(f"{k} {v} ({v / total:.0%})" for k, v in c.items())


def _f(x: float | None) -> str:
    return "   -" if x is None else f"{x:.3f}"


def _table(result: dict[str, Any], systems: tuple[str, ...]) -> str:
    lines = []
    head = f"{'data set':<10} {'split':<10} {'system':<9} {'P@5':>6} {'P@10':>6} {'selP':>6} "
    lines.append(head + f"{'sel':>5} {'barely':>7} {'covered':>8}  docs")
    overall: dict[str, list[float]] = {}
    for name in ("marpor", "pimpo"):
        for split, by_system in result[name].items():
            for system in systems:
                s = by_system.get(system)
                if s is None:
                    continue
                lines.append(
                    f"{name:<10} {split:<10} {system:<9} {_f(s['p@5']):>6} {_f(s['p@10']):>6} "
                    f"{_f(s['selected_precision']):>6} {s['selected']:>5} "
                    f"{s['barely_selected']:>3}/{s['barely_pairs']:<3} "
                    f"{s.get('coded_covered', 0):>4}/{s.get('coded_pairs', 0):<3}  {s['documents']}"
                )
                for key in ("p@5", "p@10", "selected_precision"):
                    if s[key] is not None:
                        overall.setdefault(f"{split}|{system}|{key}", []).append(s[key])
    lines.append("")
    lines.append(
        f"{'gold':<10} {'split':<10} {'system':<9} {'recall':>6} {'prec':>6} {'uRec':>6} "
        f"{'uPrec':>6} {'cand':>6}  bullets/selected"
    )
    for system, by_split in result["gold"].items():
        for split, g in by_split.items():
            lines.append(
                f"{'gold':<10} {split:<10} {system:<9} {_f(g['recall']):>6} "
                f"{_f(g['precision']):>6} {_f(g['unit_recall']):>6} {_f(g['unit_precision']):>6} "
                f"{_f(g['candidates']):>6}  {g['bullets']}/{g['selected']}"
            )
    lines.append("")
    lines.append(
        "marpor aspect verdicts (aspects whose code the programme codes >= 5 times / never):"
    )
    for split, v in result.get("verdicts", {}).items():
        lines.append(f"  {split:<10} coded: {_counts(v['coded'])}   absent: {_counts(v['absent'])}")
    lines.append("")
    lines.append("overall (mean of marpor and pimpo):")
    for key in sorted(overall):
        split, system, metric = key.split("|")
        vals = overall[key]
        lines.append(f"  {split:<10} {system:<9} {metric:<18} {sum(vals) / len(vals):.3f}")
    lines.append(
        f"rows located {result['aligned_rows']}; engine {result['engine_seconds']} s; "
        f"total {result['seconds']} s"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
