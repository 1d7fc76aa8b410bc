"""HTML report render time on a long programme, beside its JSON and the old offset helper.

The HTML report hands the browser UTF-16 offsets of every passage. The old helper rescanned
the text before each passage (quadratic in the document); the renderer now builds one offset
map per document. This prints, for the ChristenUnie 2023 programme (130 pages) against
``sdg``: the CPU seconds of the HTML render, of the JSON render (the peer), and of the
old per-passage rescan of the same offsets, median of ``--runs``.

    python benchmarks/bench_render_html.py [--document PDF] [--framework sdg] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCUMENT = (
    HERE.parent.parent / "shared" / "corpus" / "nl-manifestos-2023-vanatteveldt"
    / "Conceptverkiezingsprogramma ChristenUnie 2023-2028.pdf"
)  # fmt: skip


def old_utf16_offset(text: str, index: int) -> int:
    """The helper as it was: rescans the prefix for every call."""
    prefix = text[:index]
    return index + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def cpu(fn: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        fn()  # type: ignore[operator]
        times.append(time.process_time() - t0)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--document", default=str(DOCUMENT))
    parser.add_argument("--framework", default="sdg")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import beleidslens as bl
    from beleidslens.render.base import RenderOptions, render
    from beleidslens.render.html import Utf16Offsets

    analysis = bl.analyze(args.document, framework=args.framework)
    text = analysis.document_text or ""
    spans = [(p.location.start, p.location.end) for t in analysis.themes for p in t.passages]
    print(f"{Path(args.document).name}: {len(text):,} characters, {len(spans)} passages, "
          f"{analysis.document.page_count} pages")  # fmt: skip
    html = cpu(lambda: render(analysis, "html", RenderOptions()), args.runs)
    js = cpu(lambda: render(analysis, "json", RenderOptions()), args.runs)

    def mapped() -> list[tuple[int, int]]:
        offsets = Utf16Offsets(text)
        return [(offsets(s), offsets(e)) for s, e in spans]

    new_map = cpu(mapped, args.runs)
    old = cpu(lambda: [(old_utf16_offset(text, s), old_utf16_offset(text, e)) for s, e in spans],
              1)  # fmt: skip
    print(f"HTML render (one offset map per document): {html:6.2f} s CPU")
    print(f"JSON render (peer):                        {js:6.2f} s CPU")
    print(f"offsets: one map {new_map:.3f} s; old per-passage rescan {old:.2f} s "
          f"(what the HTML render cost on top before)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
