"""Score an analysis against an expert analysis (see ``docs/evaluation.md``).

Matching works on *text overlap*, not shared vocabulary: both sides become sequences of
normalized content tokens (lowercased words, stop words dropped, see
:func:`beleidslens.nlp.content_tokens`), and a token of one side counts as *inside* the other
when it is part of a common run of at least ``min_run`` consecutive tokens.

* A selected passage is a **hit** when at least ``passage_inside`` of its tokens lie
  inside one gold bullet of the same theme.
* A gold bullet is **found** when the theme's selected passages together cover at least
  ``bullet_covered`` of its tokens — so a bullet the engine split into sentences counts.
* Themes the expert did not assess (heading with nothing under it) and themes not in the
  gold are excluded. In a ``-`` theme every selected passage is a false positive.
* **R-precision** of a theme with R gold bullets: the hits among the first R passages of the
  ranking (all candidates, best first), divided by R.
* **NIET agreement**, both directions: of the expert's NIET lines, how many aspects the
  engine marks ``not_addressed`` (``uncertain`` and ``addressed`` counted separately); of the
  engine's ``not_addressed`` aspects in assessed themes, how many the expert lists as NIET.
  NIET lines on aspects the analysis gives no verdict for are counted as unjudged.

A stricter **unit** rule is reported beside it (never instead of it): a selected passage is a
unit hit when at least ``unit_inside`` of its tokens lie inside one gold bullet, and a gold
bullet is unit-found only when *one* selected passage lying inside it (a unit hit on it) covers
at least ``unit_covered`` of its tokens — the passage coincides with what the expert
quotes instead of merely overlapping it. Unit R-precision counts unit hits.

The thresholds are the fields of :class:`beleidslens.evaluate.rules.EvaluationRules`
(:data:`~beleidslens.evaluate.rules.RULES` unless another is given).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from ..nlp import content_tokens
from .gold import ExpertAnalysis, match_aspect, match_theme, require_matching_themes
from .rules import RULES, EvaluationRules

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..framework import Framework


def _covered(a: list[str], b: list[str], rules: EvaluationRules = RULES) -> list[bool]:
    """For each token of ``a``: is it part of a common run (≥ ``min_run`` tokens) with ``b``?"""
    mask = [False] * len(a)
    if not a or not b:
        return mask
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for block in matcher.get_matching_blocks():
        if block.size >= rules.min_run or (block.size and block.size == len(a)):
            for i in range(block.a, block.a + block.size):
                mask[i] = True
    return mask


def passage_hit(
    passage: list[str], bullets: list[list[str]], rules: EvaluationRules = RULES
) -> int | None:
    """Index of the gold bullet the passage lies inside, or ``None``."""
    if not passage:
        return None
    best: tuple[float, int] | None = None
    for i, bullet in enumerate(bullets):
        frac = sum(_covered(passage, bullet, rules)) / len(passage)
        if frac >= rules.passage_inside and (best is None or frac > best[0]):
            best = (frac, i)
    return None if best is None else best[1]


def bullet_found(
    bullet: list[str], passages: list[list[str]], rules: EvaluationRules = RULES
) -> bool:
    if not bullet:
        return False
    mask = [False] * len(bullet)
    for p in passages:
        for i, hit in enumerate(_covered(bullet, p, rules)):
            mask[i] = mask[i] or hit
    return sum(mask) / len(bullet) >= rules.bullet_covered


def _inside_fraction(a: list[str], b: list[str], rules: EvaluationRules = RULES) -> float:
    return sum(_covered(a, b, rules)) / len(a) if a else 0.0


def unit_hit(
    passage: list[str], bullets: list[list[str]], rules: EvaluationRules = RULES
) -> int | None:
    """Stricter rule: index of the gold bullet holding ≥ ``unit_inside`` of the passage."""
    best: tuple[float, int] | None = None
    for i, bullet in enumerate(bullets):
        frac = _inside_fraction(passage, bullet, rules)
        if frac >= rules.unit_inside and (best is None or frac > best[0]):
            best = (frac, i)
    return None if best is None else best[1]


def unit_found(
    bullet: list[str], passages: list[list[str]], rules: EvaluationRules = RULES
) -> bool:
    """Stricter rule: one passage lies inside the bullet and covers ≥ ``unit_covered`` of it."""
    return any(
        bool(p)
        and _inside_fraction(p, bullet, rules) >= rules.unit_inside
        and _inside_fraction(bullet, p, rules) >= rules.unit_covered
        for p in passages
    )


@dataclass
class ThemeScore:
    theme_id: str
    heading: str
    empty: bool
    bullets: int
    found: int
    selected: int
    hits: int
    r_precision: float | None
    niet: int
    niet_not_addressed: int
    niet_uncertain: int
    niet_addressed: list[str] = field(default_factory=list)  # aspect ids the engine addresses
    niet_unmatched: list[str] = field(default_factory=list)  # NIET lines naming no aspect
    niet_unjudged: int = 0  # NIET lines on aspects the analysis has no verdict for
    engine_not_addressed: int = 0
    engine_not_addressed_in_gold: int = 0
    unit_found: int = 0  # the stricter unit rule (see the module docstring)
    unit_hits: int = 0
    unit_r_precision: float | None = None
    candidate_found: int = 0  # bullets covered by the theme's ranked candidates (all kept)

    @property
    def recall(self) -> float | None:
        return self.found / self.bullets if self.bullets else None

    @property
    def precision(self) -> float | None:
        return self.hits / self.selected if self.selected else None


@dataclass
class Evaluation:
    themes: list[ThemeScore]
    excluded: list[str]  # headings not assessed or not in the framework

    def _sum(self, name: str) -> int:
        return sum(int(getattr(t, name)) for t in self.themes)

    @property
    def recall(self) -> float:
        b = self._sum("bullets")
        return self._sum("found") / b if b else 1.0

    @property
    def precision(self) -> float:
        s = self._sum("selected")
        return self._sum("hits") / s if s else (1.0 if not self._sum("bullets") else 0.0)

    @property
    def r_precision(self) -> float | None:
        vals = [t.r_precision for t in self.themes if t.r_precision is not None]
        return sum(vals) / len(vals) if vals else None

    @property
    def unit_recall(self) -> float:
        b = self._sum("bullets")
        return self._sum("unit_found") / b if b else 1.0

    @property
    def unit_precision(self) -> float:
        s = self._sum("selected")
        return self._sum("unit_hits") / s if s else (1.0 if not self._sum("bullets") else 0.0)

    @property
    def unit_r_precision(self) -> float | None:
        vals = [t.unit_r_precision for t in self.themes if t.unit_r_precision is not None]
        return sum(vals) / len(vals) if vals else None

    @property
    def niet_agreement(self) -> float | None:
        n = self._sum("niet")
        return self._sum("niet_not_addressed") / n if n else None

    @property
    def not_addressed_precision(self) -> float | None:
        n = self._sum("engine_not_addressed")
        return self._sum("engine_not_addressed_in_gold") / n if n else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": {
                "recall": _r(self.recall),
                "precision": _r(self.precision),
                "r_precision": _r(self.r_precision),
                "bullets": self._sum("bullets"),
                "found": self._sum("found"),
                "selected": self._sum("selected"),
                "hits": self._sum("hits"),
                "niet": self._sum("niet"),
                "niet_not_addressed": self._sum("niet_not_addressed"),
                "niet_uncertain": self._sum("niet_uncertain"),
                "niet_agreement": _r(self.niet_agreement),
                "engine_not_addressed": self._sum("engine_not_addressed"),
                "not_addressed_precision": _r(self.not_addressed_precision),
                "unit": {
                    "recall": _r(self.unit_recall),
                    "precision": _r(self.unit_precision),
                    "r_precision": _r(self.unit_r_precision),
                    "found": self._sum("unit_found"),
                    "hits": self._sum("unit_hits"),
                },
                "candidate_found": self._sum("candidate_found"),
            },
            "themes": [
                {**asdict(t), "recall": _r(t.recall), "precision": _r(t.precision)}
                for t in self.themes
            ],
            "excluded": self.excluded,
        }


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def evaluate(
    analysis: Analysis,
    gold: ExpertAnalysis,
    framework: Framework,
    rules: EvaluationRules = RULES,
) -> Evaluation:
    """Compare ``analysis`` with ``gold``; themes are matched by heading via ``framework``.
    A gold none of whose headings names a theme is refused (it would score a perfect 1.00)."""
    require_matching_themes(gold, framework)
    scores: list[ThemeScore] = []
    excluded: list[str] = []
    for expert in gold.themes:
        theme = match_theme(expert.heading, framework)
        if theme is None or not expert.assessed:
            excluded.append(expert.heading)
            continue
        try:
            result = analysis.theme(theme.id)
        except KeyError:
            excluded.append(expert.heading)
            continue
        bullets = [content_tokens(b.text) for b in expert.bullets]
        selected = [content_tokens(p.text) for p in result.selected]
        ranking = [content_tokens(p.text) for p in result.passages]
        hits = sum(1 for p in selected if passage_hit(p, bullets, rules) is not None)
        found = sum(1 for b in bullets if bullet_found(b, selected, rules))
        r = len(bullets)
        r_prec = (
            sum(1 for p in ranking[:r] if passage_hit(p, bullets, rules) is not None) / r
            if r
            else None
        )
        status = {v.id: v.status for v in result.aspects}
        niet_ids: set[str] = set()
        score = ThemeScore(
            theme_id=theme.id,
            heading=expert.heading,
            empty=expert.empty,
            bullets=r,
            found=found,
            selected=len(selected),
            hits=hits,
            r_precision=r_prec,
            niet=0,
            niet_not_addressed=0,
            niet_uncertain=0,
            unit_found=sum(1 for b in bullets if unit_found(b, selected, rules)),
            unit_hits=sum(1 for p in selected if unit_hit(p, bullets, rules) is not None),
            unit_r_precision=(
                sum(1 for p in ranking[:r] if unit_hit(p, bullets, rules) is not None) / r
                if r
                else None
            ),
            candidate_found=sum(1 for b in bullets if bullet_found(b, ranking, rules)),
        )
        for niet in expert.niet:
            aspect_id = match_aspect(niet.text, theme)
            if aspect_id is None:
                score.niet_unmatched.append(niet.text)
                continue
            niet_ids.add(aspect_id)
            if aspect_id not in status:  # the analysis gives no verdict (e.g. a baseline)
                score.niet_unjudged += 1
                continue
            score.niet += 1
            st = str(status[aspect_id])
            if st == "not_addressed":
                score.niet_not_addressed += 1
            elif st == "uncertain":
                score.niet_uncertain += 1
            else:
                score.niet_addressed.append(aspect_id)
        engine_na = [a for a, st in status.items() if str(st) == "not_addressed"]
        score.engine_not_addressed = len(engine_na)
        score.engine_not_addressed_in_gold = sum(1 for a in engine_na if a in niet_ids)
        scores.append(score)
    if not scores:
        from ..errors import AnalysisError

        raise AnalysisError(
            "no theme the expert assessed is in the analysis (analysis framework "
            f"{analysis.framework.id!r}): nothing to compare",
            gold.source,
        )
    return Evaluation(themes=scores, excluded=excluded)


def format_text(ev: Evaluation, rules: EvaluationRules = RULES) -> str:
    def f(x: float | None) -> str:
        return "   -" if x is None else f"{x:.2f}"

    lines = [
        f"{'theme':<28} {'recall':>6} {'prec':>6} {'R-prec':>6}  found/bullets  hits/selected  "
        "NIET not_addr/unc/addr"
    ]
    for t in ev.themes:
        lines.append(
            f"{t.theme_id[:28]:<28} {f(t.recall):>6} {f(t.precision):>6} {f(t.r_precision):>6}  "
            f"{t.found:>5}/{t.bullets:<7} {t.hits:>5}/{t.selected:<7}  "
            f"{t.niet_not_addressed}/{t.niet_uncertain}/{len(t.niet_addressed)} of {t.niet}"
            + (" (empty theme)" if t.empty else "")
            + (f"  engine addresses: {', '.join(t.niet_addressed)}" if t.niet_addressed else "")
        )
    d = ev.to_dict()["overall"]
    lines.append(
        f"{'overall':<28} {f(ev.recall):>6} {f(ev.precision):>6} {f(ev.r_precision):>6}  "
        f"{d['found']:>5}/{d['bullets']:<7} {d['hits']:>5}/{d['selected']:<7}  "
        f"{d['niet_not_addressed']}/{d['niet_uncertain']}/"
        f"{d['niet'] - d['niet_not_addressed'] - d['niet_uncertain']} of {d['niet']}"
    )
    lines.append(
        f"NIET agreement (expert NIET → engine not_addressed): {f(ev.niet_agreement)}; "
        f"engine not_addressed confirmed by a NIET line: {f(ev.not_addressed_precision)} "
        f"of {d['engine_not_addressed']}"
    )
    lines.append(
        f"unit rule (passage ≥{rules.unit_inside:.0%} inside one bullet; "
        f"bullet ≥{rules.unit_covered:.0%} "
        f"covered by one such passage): recall {f(ev.unit_recall)} "
        f"({d['unit']['found']}/{d['bullets']}), precision {f(ev.unit_precision)} "
        f"({d['unit']['hits']}/{d['selected']}), R-precision {f(ev.unit_r_precision)}"
    )
    if ev.excluded:
        lines.append("excluded (not assessed or not in framework): " + "; ".join(ev.excluded))
    return "\n".join(lines) + "\n"
