"""``beleidslens backends``: what is plugged into every registry, plugins included."""

from __future__ import annotations

import click


@click.command()
def backends() -> None:
    """List scoring backends and every command's report formats (plugins included)."""
    from ..registry import plugin_errors, registries

    regs = registries()
    sections = (
        ("Scoring backends (--backend)", regs.scorers),
        ("Report formats (analyze/render --format)", regs.renderers),
        ("Audit formats (audit --format)", regs.audit_renderers),
        ("Compare formats (compare --format)", regs.compare_renderers),
        ("Money formats (money --format)", regs.money_renderers),
        ("Document formats (ingest --format)", regs.document_renderers),
        ("Evaluation formats (evaluate --format)", regs.evaluation_renderers),
        ("Simulation formats (simulate --format)", regs.simulation_renderers),
        ("Corpus report formats (corpus-report --format)", regs.corpus_renderers),
    )
    for title, registry in sections:
        click.echo(f"{title}:")
        for entry in registry:
            click.echo(f"  {entry.name:<14} {entry.description}")
            err = registry.requirement_error(entry.name)
            if err is not None:
                click.echo(f"  {'':<14} not available: {err.one_line()}")
    for line in plugin_errors():
        click.echo(f"Plugin not loaded: {line}")
