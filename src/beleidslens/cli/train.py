"""``beleidslens train ROWS.csv --text-column C --label-column L [--group-column G] -o MODEL``."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("rows_csv", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--text-column", required=True, help="Column holding the passage text.")
@click.option("--label-column", required=True, help="Column holding the code (label).")
@click.option(
    "--group-column",
    default=None,
    help="Column naming the document a row belongs to (context stays within it).",
)
@click.option(
    "--heading-column",
    default=None,
    help="Column marking heading rows (default: 'is_heading' when present; a label "
    "'H' is a heading too).",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Model file to write (atomically).",
)
@click.option(
    "--folds",
    default=3,
    show_default=True,
    type=click.IntRange(0, 20),
    help="Cross-validation folds (0: no figures, default calibration).",
)
@click.option("--report", is_flag=True, help="Print per-class precision, recall and F1.")
def train(
    rows_csv: Path,
    text_column: str,
    label_column: str,
    group_column: str | None,
    heading_column: str | None,
    output: Path,
    folds: int,
    report: bool,
) -> None:
    """Train a coder on coded passages (see docs/learning.md)."""
    from ..learn.deps import require_sklearn
    from ..learn.params import LearnParams
    from ..learn.rows import read_csv
    from .options import prepare_output

    prepare_output(output, rows_csv)  # not the input (also via links), writable: before any work
    _records, rows = read_csv(
        rows_csv,
        text_column=text_column,
        label_column=label_column,
        group_column=group_column,
        heading_column=heading_column,
        require_labels=True,
    )
    require_sklearn("beleidslens train")
    from ..learn import modelfile
    from ..learn.model import train as run

    params = LearnParams.from_options({"folds": folds})
    coder, cv = run(rows, params, progress=lambda msg: click.echo(f"… {msg}", err=True))
    meta = {
        "text_column": text_column,
        "label_column": label_column,
        "group_column": group_column,
        "source": rows_csv.name,
    }
    modelfile.save(coder, output, report=cv.to_dict(), meta=meta)
    if cv.folds:
        click.echo(
            f"{cv.rows} rows, {cv.classes} classes; {cv.folds}-fold cross-validation by "
            f"{cv.by}: accuracy {cv.accuracy:.3f}, macro-F1 {cv.macro_f1:.3f} "
            f"(smoothing {cv.smooth}, temperature {cv.temperature:.3f}; {cv.seconds:.1f} s)"
        )
    else:
        click.echo(f"{cv.rows} rows, {cv.classes} classes; not cross-validated")
    if report and cv.per_class:
        click.echo(f"{'class':<16} {'prec':>6} {'recall':>6} {'F1':>6} {'rows':>6}")
        for c in cv.per_class:
            click.echo(
                f"{c.label[:16]:<16} {c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f} "
                f"{c.support:>6}"
            )
    click.echo(f"model written to {output}")
