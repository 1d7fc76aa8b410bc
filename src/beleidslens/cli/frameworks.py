"""``beleidslens frameworks list|show|validate``."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import FrameworkError


@click.group()
def frameworks() -> None:
    """List, show and validate frameworks."""


@frameworks.command("list")
def list_() -> None:
    """List the built-in frameworks."""
    from ..framework import builtin_frameworks, parse_framework

    for ident, text in builtin_frameworks().items():
        fw = parse_framework(text, f"builtin:{ident}")
        click.echo(f"{ident}\t{fw.name} ({len(fw.themes)} themes)")


@frameworks.command("show")
@click.argument("name")
def show(name: str) -> None:
    """Show a framework (built-in id or YAML path): its themes and aspects."""
    from ..framework import load_framework

    fw = load_framework(name)
    click.echo(f"{fw.name} [{fw.id}, version {fw.version}]")
    if fw.description:
        click.echo(fw.description.strip())
    for theme in fw.themes:
        click.echo(f"\n{theme.id}: {theme.label}")
        for aspect in theme.aspects:
            click.echo(f"  - {aspect.id}: {aspect.label}")


@frameworks.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Validate framework YAML files: 'file: ok' on stdout for a valid one; every problem of
    an invalid one as 'file:line: field: message' on stderr (exit 4)."""
    from ..framework import load_framework

    failed = 0
    for path in files:
        try:
            load_framework(path)
        except FrameworkError as exc:
            failed += 1
            for problem in exc.problems:
                click.echo(problem.one_line(), err=True)
            continue
        click.echo(f"{path}: ok")
    if failed:
        raise SystemExit(4)
