"""``beleidslens backends``: what is plugged into every registry, plugins included."""

from __future__ import annotations

import click


@click.command()
def backends() -> None:
    """List scoring backends and report formats (analysis, audit, compare, money)."""
    from ..registry import plugin_errors, registries

    regs = registries()
    sections = (
        ("Scoring backends (--backend)", regs.scorers),
        ("Report formats (analyze/render --format)", regs.renderers),
        ("Audit formats (audit --format)", regs.audit_renderers),
        ("Compare formats (compare --format)", regs.compare_renderers),
        ("Money formats (money --format)", regs.money_renderers),
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
