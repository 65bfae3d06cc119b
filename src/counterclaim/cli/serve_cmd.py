"""``counterclaim serve``: the HTTP API and dashboard over a store."""

from __future__ import annotations

import ipaddress
import os

import click

LOOPBACK_NAMES = {"localhost"}


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--db", default=None,
              help="SQLite file, sqlite:///file or postgresql://... URL (default: $COUNTERCLAIM_DB or ./counterclaim.db).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (loopback unless you mean to share it).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token-env", metavar="VAR",
              help="Name of an environment variable holding a token; enables POST /api/articles.")
@click.option("--tile-url", metavar="URL",
              help="Online map tiles under the offline basemap, e.g. https://tile.example/{z}/{x}/{y}.png")
def serve(db: str | None, host: str, port: int, token_env: str | None, tile_url: str | None) -> None:
    """Serve the JSON API and the dashboard (claim board, timeline, map).

    \b
    Example:
      counterclaim demo --db demo.db
      counterclaim serve --db demo.db     # then open http://127.0.0.1:8000/
    """
    import uvicorn

    from ..api import create_app
    from ..errors import BadParameter, CounterclaimError

    token = None
    if token_env:
        token = os.environ.get(token_env, "")
        if len(token) < 16:
            raise click.UsageError(str(BadParameter(f"${token_env} must hold a token of at least 16 characters")))
    if not is_loopback(host):
        click.echo(f"warning: listening on {host}, reachable from other machines", err=True)
    try:
        app = create_app(db, token=token, tile_url=tile_url)
    except CounterclaimError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"counterclaim dashboard: http://{host}:{port}/  (API: /api/openapi.json)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
