"""``beleidslens analyze DOC --framework NAME_OR_PATH``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .options import emit, lang_option, output_option


def parse_backend_options(values: tuple[str, ...]) -> dict[str, str]:
    """``("blend=0.5", "model=/m")`` → ``{"blend": "0.5", "model": "/m"}``. Values stay
    strings: each backend converts them to its options' types (``model=007`` stays a name)."""
    out: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="'--backend-option'")
        out[key] = value
    return out


def backend_option(func: Any) -> Any:
    return click.option(
        "--backend-option",
        "backend_options",
        multiple=True,
        metavar="KEY=VALUE",
        help="Option for the scoring backend, repeatable (e.g. model=PATH, blend=0.5, "
        "base_url=URL; see docs/scoring.md).",
    )(func)


@click.command()
@click.argument("document")
@click.option(
    "-f", "--framework", "framework", required=True, help="Built-in framework id or YAML file."
)
@click.option("--backend", default="lexical", show_default=True, help="Scoring backend.")
@backend_option
@click.option(
    "--format",
    "fmt",
    default="json",
    show_default=True,
    help="Report format: any registered renderer (see 'beleidslens backends').",
)
@output_option
@lang_option
def analyze(
    document: str,
    framework: str,
    backend: str,
    backend_options: tuple[str, ...],
    fmt: str,
    output: Path | None,
    lang: str,
) -> None:
    """Analyse DOCUMENT (file or URL) against a framework."""
    from ..analysis.options import AnalysisOptions
    from ..analysis.pipeline import analyze as run
    from ..framework import load_framework
    from ..ingest import load_document
    from ..render.base import RENDERERS, RenderOptions
    from ..scoring import SCORERS

    scorer_options = parse_backend_options(backend_options)
    RENDERERS.resolve(fmt)  # fail early on an unknown format
    SCORERS.resolve(backend)  # …and backend
    fw = load_framework(framework)
    doc = load_document(document)
    result = run(doc, fw, backend=backend, options=AnalysisOptions(scorer=scorer_options))
    renderer = RENDERERS.create(fmt)
    emit(renderer.render(result, RenderOptions(lang=lang), doc), output)
