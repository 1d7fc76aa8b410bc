"""``beleidslens classify ROWS.csv|DOC --model MODEL [-o OUT.csv]``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import click

from .options import emit, output_option, prepare_output


@click.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--model",
    "model_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Model file from 'train'.",
)
@click.option(
    "--text-column",
    default=None,
    help="CSV: column holding the text (default: the model's training column).",
)
@click.option("--group-column", default=None, help="CSV: column naming each row's document.")
@click.option("--heading-column", default=None, help="CSV: column marking heading rows.")
@click.option(
    "--label-column",
    default=None,
    help="CSV: column whose value 'H' marks a heading row (the codes are not read).",
)
@output_option
def classify(
    source: Path,
    model_path: Path,
    text_column: str | None,
    group_column: str | None,
    heading_column: str | None,
    label_column: str | None,
    output: Path | None,
) -> None:
    """Write every row of a CSV (or every sentence of a document) with the model's
    `predicted` code and its calibrated `probability`, in input order."""
    from ..learn import modelfile
    from ..learn.deps import require_sklearn
    from ..learn.rows import document_rows, read_csv

    modelfile.read_header(model_path)  # a file that is no model fails before anything else
    require_sklearn("beleidslens classify")

    prepare_output(output, source, model_path)  # not an input, writable: before any work
    coder, header = modelfile.load(model_path)
    meta = header.get("meta") or {}
    records: list[dict[str, str]]
    if source.suffix.lower() in (".csv", ".tsv"):
        column = text_column or meta.get("text_column") or "text"
        records, rows = read_csv(
            source,
            text_column=column,
            group_column=group_column or _maybe(source, meta),
            heading_column=heading_column,
            label_column=label_column,
        )
        columns = list(records[0]) if records else [column]
    else:
        rows = document_rows(source)
        records = [
            {"page": "" if r.page is None else str(r.page), "heading": r.heading, "text": r.text}
            for r in rows
        ]
        columns = ["page", "heading", "text"]
    proba = coder.predict_proba(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*columns, "predicted", "probability"])
    for rec, row, p in zip(records, rows, proba, strict=True):
        best = int(p.argmax()) if len(p) else -1
        pred, prob = (
            ("", "")
            if row.is_heading or best < 0
            else (coder.classes[best], f"{float(p[best]):.4f}")
        )
        writer.writerow([*(rec.get(c, "") for c in columns), pred, prob])
    emit(out.getvalue(), output)


def _maybe(source: Path, meta: dict[str, object]) -> str | None:
    """The training's group column, when this CSV has it."""
    name = meta.get("group_column")
    if not isinstance(name, str):
        return None
    with source.open(encoding="utf-8-sig", errors="replace") as fh:
        head = fh.readline()
    return name if name in next(csv.reader([head]), []) else None
