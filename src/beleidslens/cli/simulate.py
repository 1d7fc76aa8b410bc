"""``beleidslens simulate DOC --framework F --gold EXPERT.md``."""

from __future__ import annotations

from pathlib import Path

import click

from .options import (
    RegistryChoice,
    emit,
    framework_option,
    lang_option,
    output_option,
    prepare_output,
    scoring_options,
)


@click.command()
@click.argument("document")
@framework_option
@click.option(
    "--gold",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Expert analysis (report Markdown format).",
)
@scoring_options
@click.option(
    "--format",
    "fmt",
    type=RegistryChoice("render.base:SIMULATION_RENDERERS"),
    default="json",
    show_default=True,
)
@click.option(
    "--plot",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write an SVG of recall against passages screened.",
)
@output_option
@lang_option
def simulate(
    document: str,
    framework: str,
    gold: Path,
    backend: str,
    backend_options: dict[str, str],
    fmt: str,
    plot: Path | None,
    output: Path | None,
    lang: str,
) -> None:
    """Replay an analyst who screens each theme top-down, accepting the expert's passages,
    with and without re-ranking after every decision (see docs/learning.md)."""
    from ..fsutil import atomic_write
    from ..learn.simulate import simulate as run
    from ..render.base import SIMULATION_RENDERERS, render_report

    prepare_output(output, document, framework, gold)
    prepare_output(plot, document, framework, gold, output)
    replays = run(document, framework, gold, backend=backend, scorer_options=backend_options)
    if plot is not None:
        from ..learn.plot import svg

        atomic_write(plot, svg(replays, lang))
    emit(render_report(SIMULATION_RENDERERS, replays, fmt, lang), output)
