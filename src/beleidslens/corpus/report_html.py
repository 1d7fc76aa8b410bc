"""The corpus overview as one self-contained HTML page (inline CSS and JS, nothing
fetched; every value from the database goes through Jinja2 autoescaping)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from .. import __version__
from ..i18n import t
from .report import Grid, Overview, Row, heat


def _asset(name: str) -> Markup:
    # our own file, not user data
    text = resources.files("beleidslens.corpus").joinpath("templates", name).read_text("utf-8")
    return Markup(text)


def _groups(grid: Grid) -> Iterator[tuple[Any, list[Row]]]:
    """Consecutive rows with the same group (rows are sorted by group)."""
    current: list[Row] = []
    for row in grid.rows:
        if current and row.group != current[0].group:
            yield current[0].group, current
            current = []
        current.append(row)
    if current:
        yield current[0].group, current


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("beleidslens.corpus", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(t=t, heat=heat, groups=_groups)
    env.globals["css"] = _asset("corpus.css")
    env.globals["js"] = _asset("corpus.js")
    return env


def render_html(overview: Overview, lang: str = "nl") -> str:
    template = _environment().get_template("corpus.html.j2")
    return template.render(ov=overview, lang=lang, generator=f"beleidslens {__version__}")
