"""``beleidslens batch PATH|GLOB|DIR… --framework F -o OUT``: a corpus into one database."""

from __future__ import annotations

from pathlib import Path

import click

from ..fsutil import check_output
from ..scoring.base import DEFAULT_BACKEND
from .options import parse_backend_options
from .progress import quiet_option


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="PATH|GLOB|DIR...")
@click.option(
    "-f", "--framework", "frameworks", multiple=True, required=True,
    help="Built-in framework id or YAML file; repeat for several.",
)  # fmt: skip
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="SQLite database (.db, resumable), or .xlsx / .csv / .parquet (tables written "
    "from OUTPUT.db, which is kept so the run stays resumable).",
)  # fmt: skip
@click.option("--backend", default=DEFAULT_BACKEND, show_default=True, help="Scoring backend.")
@click.option(
    "--backend-option", "backend_options", multiple=True, metavar="KEY=VALUE",
    callback=lambda _c, _p, values: parse_backend_options(values),
    help="Option for the scoring backend, repeatable.",
)  # fmt: skip
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None,
    help="Worker processes (default: one per CPU core).",
)  # fmt: skip
@click.option(
    "--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
    help="local: a process pool here; dask: a Dask cluster (extra 'distributed').",
)  # fmt: skip
@click.option(
    "--address", default=None, metavar="URL",
    help="Dask scheduler to use (tcp://host:8786); without it a local cluster is started.",
)  # fmt: skip
@click.option(
    "--ship-documents", is_flag=True,
    help="Send each document's bytes to the worker (workers without the shared files).",
)  # fmt: skip
@click.option(
    "--metadata", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="CSV with one row per document (key column path/file/name) joined onto documents.",
)  # fmt: skip
@quiet_option
def batch(
    sources: tuple[str, ...],
    frameworks: tuple[str, ...],
    output: Path,
    backend: str,
    backend_options: dict[str, str],
    jobs: int | None,
    executor: str,
    address: str | None,
    ship_documents: bool,
    metadata: Path | None,
    quiet: bool,
) -> None:
    """Analyse every document in PATH|GLOB|DIR... against each framework into one table.

    Documents already analysed with the same content, framework version and backend are
    skipped; a document that fails is recorded with its error and the others go on. Exit
    status 0 when all succeeded, 1 when any failed.
    """
    from contextlib import ExitStack

    from ..corpus.run import run_batch
    from ..corpus.tables import database_for, export, output_kind, table_paths
    from ..progress import Counter, busy, counter

    kind = output_kind(output)  # an unknown extension fails before any work
    database = database_for(output)
    for target in {output, database, *table_paths(output).values()}:
        check_output(target, [*sources, metadata])
    stack = ExitStack()
    bar: list[Counter] = []

    def started(todo: int, skipped: int) -> None:
        if skipped and not quiet:
            click.echo(f"beleidslens: {skipped} documents already analysed, skipped", err=True)
        bar.append(stack.enter_context(counter(todo, "batch", quiet=quiet)))

    def finished(outcome: object) -> None:
        from ..corpus.worker import Outcome

        assert isinstance(outcome, Outcome) and bar
        if not outcome.ok:
            bar[0].write(f"beleidslens: failed: {outcome.error}")
        bar[0].advance(note=Path(outcome.path).name[:30])

    with stack:
        summary = run_batch(
            sources, frameworks, database, backend=backend, backend_options=backend_options,
            jobs=jobs, executor=executor, address=address, metadata=metadata,
            ship_documents=ship_documents, on_start=started, on_outcome=finished,
        )  # fmt: skip
    if kind != "db":
        with busy(f"write {kind}", quiet=quiet):
            export(database, output)
    if not quiet:
        n = len(summary.outcomes)
        rate = n / summary.seconds if summary.seconds > 0 else 0.0
        where = ", ".join(sorted({str(p) for p in (table_paths(output).values() if kind != "db"
                                                      else [database])}))  # fmt: skip
        click.echo(
            f"beleidslens: {summary.documents} documents: {summary.analysed} analysed, "
            f"{summary.skipped} skipped, {len(summary.failed)} failed "
            f"in {summary.seconds:.1f} s ({rate:.2f}/s, {summary.workers} workers) -> {where}",
            err=True,
        )
        if summary.unmatched_metadata:
            click.echo(
                f"beleidslens: {len(summary.unmatched_metadata)} metadata rows match no "
                f"document (e.g. {summary.unmatched_metadata[0]!r})",
                err=True,
            )
    if summary.failed:
        raise SystemExit(1)
