"""``beleidslens evaluate ANALYSIS.json GOLD.md``."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import AnalysisError
from .options import RegistryChoice, emit, output_option, prepare_output


@click.command()
@click.argument("analysis", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("gold", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--framework",
    "framework",
    default=None,
    help="Framework to match headings against (default: the analysis's own, if built in).",
)
@click.option(
    "--format",
    "fmt",
    type=RegistryChoice("render.base:EVALUATION_RENDERERS"),
    default="text",
    show_default=True,
)
@output_option
def evaluate(
    analysis: Path, gold: Path, framework: str | None, fmt: str, output: Path | None
) -> None:
    """Score an analysis against an expert analysis in the report Markdown format."""
    from ..analysis import Analysis
    from ..evaluate.gold import read_expert_markdown
    from ..evaluate.metrics import evaluate as run
    from ..framework import load_framework
    from ..render.base import EVALUATION_RENDERERS, render_report

    prepare_output(output, analysis, gold, framework)
    result = Analysis.load(analysis)
    expert = read_expert_markdown(gold)
    if not expert.themes:
        raise AnalysisError("no theme headings found in the expert analysis", gold)
    fw = load_framework(framework or result.framework.id)
    ev = run(result, expert, fw)
    emit(render_report(EVALUATION_RENDERERS, ev, fmt, "nl"), output)
