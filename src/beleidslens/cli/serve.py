"""``beleidslens serve``: run the review workbench on a local SQLite file."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("serve")
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite file (default: workbench.sqlite3 in $BELEIDSLENS_HOME or the user data dir).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
def serve(db: Path | None, host: str, port: int) -> None:
    """Run the review workbench in the browser."""
    import uvicorn

    from ..web.app import create_app
    from ..web.store import default_db_path

    path = db or default_db_path()
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"beleidslens: warning: listening on {host}: anyone who can reach this address "
            "can read and change your analyses",
            err=True,
        )
    app = create_app(path)
    click.echo(f"beleidslens workbench: http://{host}:{port}/  (database: {path})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
