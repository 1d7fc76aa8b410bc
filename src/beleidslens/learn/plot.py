"""An SVG of recall against passages screened, one panel per theme (written by hand: no
plotting library). Lines: the engine's order, with learning, and the document's order."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .simulate import SIMULATION, ThemeReplay

STYLE = {"engine": ("#1f77b4", ""), "learning": ("#d62728", ""), "document": ("#7f7f7f", "4 3")}
W, H, PAD = 260, 180, 34


def _panel(r: ThemeReplay, x0: int, y0: int, labels: dict[str, str]) -> list[str]:
    # x axis: up to the point where the slower of engine/learning reaches all (or 6× gold)
    ends = [r.curves[k].screened_all or len(r.curves[k].recall) for k in ("engine", "learning")]
    xmax = max(1, min(max(ends), max(10, 6 * r.gold), r.candidates))
    pw, ph = W - PAD - 8, H - PAD - 20

    def px(n: float) -> float:
        return x0 + PAD + pw * n / xmax

    def py(v: float) -> float:
        return y0 + 20 + ph * (1 - v)

    out = [
        f'<text x="{x0 + PAD}" y="{y0 + 13}" font-size="11">{escape(r.id)} ({r.gold})</text>',
        f'<rect x="{x0 + PAD}" y="{y0 + 20}" width="{pw}" height="{ph}" fill="none" '
        'stroke="#ccc"/>',
    ]
    goal = r.goal_factor * r.gold
    if goal <= xmax:
        out.append(
            f'<line x1="{px(goal):.1f}" y1="{py(0):.1f}" x2="{px(goal):.1f}" '
            f'y2="{py(1):.1f}" stroke="#2ca02c" stroke-dasharray="2 2"/>'
        )
    out.append(
        f'<line x1="{px(0):.1f}" y1="{py(0.9):.1f}" x2="{px(xmax):.1f}" '
        f'y2="{py(0.9):.1f}" stroke="#eee"/>'
    )
    for name, (colour, dash) in STYLE.items():
        rec = r.curves[name].recall[: int(xmax)]
        pts = " ".join(f"{px(n + 1):.1f},{py(v):.1f}" for n, v in enumerate(rec))
        if pts:
            out.append(
                f'<polyline points="{px(0):.1f},{py(0):.1f} {pts}" fill="none" '
                f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="{dash}">'
                f"<title>{escape(labels[name])}</title></polyline>"
            )
    out.append(
        f'<text x="{x0 + PAD - 4}" y="{py(1) + 4:.1f}" font-size="9" text-anchor="end">1</text>'
    )
    out.append(
        f'<text x="{x0 + PAD - 4}" y="{py(0) + 4:.1f}" font-size="9" text-anchor="end">0</text>'
    )
    out.append(
        f'<text x="{px(xmax):.1f}" y="{py(0) + 12:.1f}" font-size="9" '
        f'text-anchor="end">{xmax}</text>'
    )
    return out


def svg(replays: Sequence[ThemeReplay], lang: str = "nl") -> str:
    from ..i18n import t
    from . import labels  # noqa: F401  (registers the labels)

    names = {k: t(f"learn_reader_{k}", lang) for k in STYLE}
    factor = replays[0].goal_factor if replays else SIMULATION.goal_factor
    goal = f"{factor:g}".replace(".", "," if lang == "nl" else ".")
    cols = 3
    rows = max(1, -(-len(replays) // cols))
    width, height = cols * W, rows * H + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif">',
        f'<text x="8" y="16" font-size="12">{escape(t("learn_plot_title", lang, goal=goal))}</text>',
    ]
    lx = 8
    for name, (colour, dash) in STYLE.items():
        parts.append(
            f'<line x1="{lx}" y1="28" x2="{lx + 18}" y2="28" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="{dash}"/>'
        )
        parts.append(f'<text x="{lx + 22}" y="32" font-size="10">{escape(names[name])}</text>')
        lx += 30 + 7 * len(names[name])
    for n, r in enumerate(replays):
        parts.extend(_panel(r, (n % cols) * W, 40 + (n // cols) * H, names))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
