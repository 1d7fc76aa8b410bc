"""The ``beleidslens`` command: a thin shell over the library.

Commands are imported lazily so ``beleidslens ingest`` never pays for the web stack.
Each command lives in its own module below :mod:`beleidslens.cli` and only parses options
and calls one library function. Domain errors become one line on stderr and an exit code.
"""

from __future__ import annotations

import gc
import importlib
import sys
import warnings
from typing import Any

import click

from .. import __version__
from ..errors import BeleidslensError, IngestWarning

# command name → "module:attribute" below beleidslens.cli
COMMANDS: dict[str, tuple[str, str]] = {
    "ingest": ("ingest:ingest", "Read a document and show its structure, text or JSON model."),
    "analyze": ("analyze:analyze", "Analyse a document against a framework."),
    "render": ("render:render", "Render a saved analysis JSON in another format."),
    "evaluate": ("evaluate:evaluate", "Score an analysis against an expert analysis (Markdown)."),
    "audit": ("audit:audit", "Check a human analysis against the source document."),
    "compare": ("compare:compare", "Compare documents side by side per theme and aspect."),
    "money": ("money:money", "List amounts, targets and financial tables in a document."),
    "frameworks": ("frameworks:frameworks", "List, show and validate frameworks."),
    "backends": ("backends:backends", "List scoring backends and report formats."),
    "serve": ("serve:serve", "Run the review workbench in the browser."),
    "train": ("train:train", "Train a coder on coded passages (CSV)."),
    "classify": ("classify:classify", "Code every row of a CSV or passage of a document."),
    "simulate": ("simulate:simulate", "Replay an analyst's screening against an expert analysis."),
    "batch": ("batch:batch", "Analyse many documents into one table (SQLite, XLSX, CSV, Parquet)."),
    "corpus-report": ("corpus_report:corpus_report", "Overview of a batch: documents × themes."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        target, _help = COMMANDS[cmd_name]
        module_name, attr = target.split(":")
        module = importlib.import_module(f"{__name__}.{module_name}")
        command: click.Command = getattr(module, attr)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="beleidslens")
def cli() -> None:
    """beleidslens: what a policy document contributes to each theme of a framework,
    and what it leaves out, with every finding traceable to its words and page."""


def _one_line_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    """Ingestion warnings (a PDF page skipped) as one line on stderr, like errors."""
    if issubclass(category, IngestWarning):
        click.echo(f"beleidslens: warning: {message}", err=True)
    else:
        _show_warning(message, category, filename, lineno, file, line)


_show_warning = warnings.showwarning


# A command allocates many small containers that live until it ends (term bags, document
# nodes, report models): with the default threshold (700) the cyclic collector ran ~150
# times in an analysis of the 2021 agreement (~80 ms of its ~1.1 s CPU, measured with
# gc.callbacks), with 10,000 ~10 times (~30 ms); peak memory unchanged (135 MB).
GC_THRESHOLD = 10_000


def main(argv: list[str] | None = None) -> Any:
    warnings.showwarning = _one_line_warning
    first, *older = gc.get_threshold()
    gc.set_threshold(max(first, GC_THRESHOLD), *older)
    try:
        return cli.main(args=argv, prog_name="beleidslens", standalone_mode=False)
    except BeleidslensError as exc:
        click.echo(f"beleidslens: error: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("beleidslens: aborted", err=True)
        sys.exit(130)
    except click.exceptions.NoArgsIsHelpError as exc:
        exc.show()  # a bare command asks for its help page
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        # one line, like every other error; the usage is one --help away
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
        message = " ".join(exc.format_message().split()).rstrip(".")
        click.echo(f"beleidslens: error: {message}{hint}", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("beleidslens: interrupted", err=True)
        sys.exit(130)
    except OSError as exc:
        # a listing written with click.echo to a closed pipe or a full disk
        from .options import STDOUT_ERRNOS, stdout_error

        if exc.errno not in STDOUT_ERRNOS:
            raise
        error = stdout_error(exc)
        click.echo(f"beleidslens: error: {error.one_line()}", err=True)
        sys.exit(error.exit_code)
