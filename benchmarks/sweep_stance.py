"""How the stance window (``AnalysisOptions.stance_before``/``stance_after``) flags rows that
reject a remedy, beside the rows that support it, on the MARPOR-coded dev programmes.

For each pair of opposite MARPOR categories (EU +/−, military +/−, welfare expansion /
limitation, …) the remedy is the positive category's aspect of the built-in ``marpor``
framework. Every dev row (``beleidslens.evaluate.corpora.split_of``: parties set aside are
never read) coded with either category that contains a term of that aspect's label or
keywords counts: coded with the opposite category it is *against* the remedy, coded with the
category itself *for* it. A window is good when it flags many *against* rows and few *for*
rows; each setting is printed beside the default from the same run.

    python benchmarks/sweep_stance.py                 # windows 0..8 before and after
    python benchmarks/sweep_stance.py --grid 3,4 5,4  # BEFORE,AFTER pairs
"""

from __future__ import annotations

import argparse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
# (remedy, its opposite): MARPOR main categories (codebook: "positive" / "negative", or
# "expansion" / "limitation")
PAIRS = (
    ("104", "105"),
    ("107", "109"),
    ("108", "110"),
    ("203", "204"),
    ("301", "302"),
    ("406", "407"),
    ("504", "505"),
    ("506", "507"),
    ("601", "602"),
    ("603", "604"),
    ("607", "608"),
    ("701", "702"),
)
GRID = ((4, 4), (0, 0), (2, 2), (3, 3), (4, 0), (0, 4), (5, 5), (6, 6), (8, 8))


def _rows(corpus: Path) -> list[tuple[str, bool, frozenset[str]]]:
    """(row text, coded against the remedy, the remedy's terms) for every counted dev row."""
    from beleidslens.analysis.stance import aspect_terms
    from beleidslens.evaluate.corpora import read_marpor
    from beleidslens.framework import load_framework
    from beleidslens.nlp import content_tokens

    terms: dict[str, frozenset[str]] = {}
    for theme in load_framework("marpor").themes:
        for aspect in theme.aspects:
            for code in aspect.codes:
                terms[str(code)] = aspect_terms([aspect.label, *aspect.keywords])
    remedy_of = {b: a for a, b in PAIRS} | {a: a for a, _ in PAIRS}
    out = []
    for source in read_marpor(corpus):
        if source.split != "dev":
            continue
        for row in source.rows:
            remedy = remedy_of.get(row.code)
            if remedy is None or remedy not in terms:
                continue
            if set(content_tokens(row.text)) & terms[remedy]:
                out.append((row.text, row.code != remedy, terms[remedy]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--grid", nargs="*", help="BEFORE,AFTER pairs (default: a built-in grid)")
    parser.add_argument("--corpus", default=str(SHARED / "corpus"))
    parser.add_argument(
        "--verb-before",
        type=int,
        nargs="*",
        default=[],
        help="also try these reaches of a rejecting verb (AnalysisOptions.stance_verb_before) "
        "at the default window",
    )
    args = parser.parse_args()
    grid = [tuple(map(int, g.split(","))) for g in args.grid] if args.grid else list(GRID)
    if (4, 4) not in grid:
        grid.insert(0, (4, 4))

    from beleidslens.analysis.stance import against

    rows = _rows(Path(args.corpus))
    n_against = sum(1 for _, a, _ in rows if a)
    n_for = len(rows) - n_against
    print(f"MARPOR dev rows with a term of the remedy: {n_against} against, {n_for} for")
    print(f"{'before,after':<13} {'against flagged':>16} {'for flagged':>13} {'ratio':>6}")
    for before, after in grid:
        hit_a = sum(
            1 for t, a, terms in rows if a and against(t, terms, before=before, after=after)
        )
        hit_f = sum(
            1 for t, a, terms in rows if not a and against(t, terms, before=before, after=after)
        )
        ra = hit_a / n_against if n_against else 0.0
        rf = hit_f / n_for if n_for else 0.0
        ratio = f"{ra / rf:.1f}" if rf else "-"
        label = f"{before},{after}" + (" (default)" if (before, after) == (4, 4) else "")
        print(
            f"{label:<13} {hit_a:>5} = {100 * ra:4.1f} % {hit_f:>5} = {100 * rf:4.1f} % {ratio:>6}"
        )
    for reach in args.verb_before:
        hit_a = sum(1 for t, a, terms in rows if a and against(t, terms, verb_before=reach))
        hit_f = sum(1 for t, a, terms in rows if not a and against(t, terms, verb_before=reach))
        ra = hit_a / n_against if n_against else 0.0
        rf = hit_f / n_for if n_for else 0.0
        ratio = f"{ra / rf:.1f}" if rf else "-"
        label = f"verb {reach}"
        print(
            f"{label:<13} {hit_a:>5} = {100 * ra:4.1f} % {hit_f:>5} = {100 * rf:4.1f} % {ratio:>6}"
        )


if __name__ == "__main__":
    main()
