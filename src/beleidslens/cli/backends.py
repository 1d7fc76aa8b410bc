"""``beleidslens backends``: scoring backends and report formats from the registries."""

from __future__ import annotations

import click


@click.command()
def backends() -> None:
    """List scoring backends and report formats."""
    from ..render.base import RENDERERS
    from ..scoring import SCORERS

    click.echo("Scoring backends (--backend):")
    for entry in SCORERS:
        click.echo(f"  {entry.name:<14} {entry.description}")
    click.echo("Report formats (--format):")
    for fmt in RENDERERS:
        click.echo(f"  {fmt.name:<14} {fmt.description}")
