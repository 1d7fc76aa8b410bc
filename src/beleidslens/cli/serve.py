"""``beleidslens serve``: run the review workbench on a local SQLite file."""

from __future__ import annotations

import socket
from pathlib import Path

import click

from ..errors import BeleidslensError


def bind_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (port 0: any free port), or a one-line error.

    Binding before uvicorn starts turns "address already in use" and an unknown host into a
    :class:`BeleidslensError` instead of a log line, and tells us the real port for port 0.
    """
    where = f"{host}:{port}"
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise BeleidslensError(f"cannot listen: unknown host ({exc.strerror})", where) from None
    family, kind, proto, _canon, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise BeleidslensError(f"cannot listen: {exc.strerror or exc}", where) from None
    return sock


@click.command("serve")
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite file (default: workbench.sqlite3 in $BELEIDSLENS_HOME or the user data dir).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free port, shown at start).",
)
@click.option(
    "--auth",
    "auth",
    default=None,
    metavar="TOKEN",
    help="Access token every request must carry ('auto': a random one). Required when "
    "--host is not a loopback address; printed at start.",
)
@click.option(
    "--allow-private-urls",
    is_flag=True,
    help="Let the URL form fetch loopback, private and link-local addresses (an intranet "
    "deployment). Refused by default.",
)
def serve(
    db: Path | None, host: str, port: int, auth: str | None, allow_private_urls: bool
) -> None:
    """Run the review workbench in the browser."""
    import secrets

    import uvicorn

    from ..web.app import create_app
    from ..web.security import LOOPBACK_HOSTS, is_loopback
    from ..web.store import default_db_path

    local = is_loopback(host)
    if not local and not auth:
        raise BeleidslensError(
            "listening on a non-loopback address needs an access token: add --auth TOKEN "
            "(or --auth auto)",
            host,
        )
    token = secrets.token_urlsafe(18) if auth == "auto" else auth
    path = db or default_db_path()
    sock = bind_socket(host, port)
    try:
        wildcard = host in ("0.0.0.0", "::", "")
        allowed = set(LOOPBACK_HOSTS) if local else None if wildcard else {host.lower()}
        app = create_app(
            path, allowed_hosts=allowed, auth_token=token, allow_private_urls=allow_private_urls
        )
        if not local:
            click.echo(
                f"beleidslens: warning: listening on {host}: anyone who can reach this address "
                "and has the access token can read and change your analyses",
                err=True,
            )
        bound_port = sock.getsockname()[1]
        shown = f"[{host}]" if ":" in host else host
        click.echo(
            f"beleidslens workbench: http://{shown}:{bound_port}/  (database: {path})", err=True
        )
        if token:
            click.echo(
                f"beleidslens: access token: {token}  "
                f"(open http://{shown}:{bound_port}/?token={token})",
                err=True,
            )
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        server.run(sockets=[sock])
    finally:
        sock.close()
