"""``counterclaim export``: the whole ledger as JSON, NDJSON, ACLED-style CSV or GeoJSON."""

from __future__ import annotations

import sys

import click

from .options import db_option

EXIT_ERROR = 1


@click.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "ndjson", "csv", "geojson"]),
    default="ndjson",
    show_default=True,
    help="json/ndjson: article results; csv: one row per event in ACLED columns; geojson: events.",
)
@click.option("--out", default="-", show_default=True, help="Output file inside --dir, or - for stdout.")
@click.option(
    "--dir",
    "base_dir",
    default=".",
    show_default=True,
    help="Folder the output must stay inside (paths escaping it are refused).",
)
def export(db: str, fmt: str, out: str, base_dir: str) -> None:
    """Export every stored article result, or its events.

    The file is written atomically (a failed export leaves no half file) and must
    resolve inside --dir (default: the current folder): ../ tricks and symlinks that
    lead out of it are refused with E210.

    \b
    Example:
      counterclaim export --format csv --out events.csv
      counterclaim export --format ndjson | gzip > ledger.ndjson.gz
      counterclaim export --format geojson --out map.geojson --dir exports/
    """
    from ..errors import CounterclaimError
    from ..export import WRITERS, atomic_output, safe_output_path
    from ..store import open_store

    writer = WRITERS[fmt]
    try:
        target = None if out == "-" else safe_output_path(out, base_dir)
        with open_store(db) as store:
            if target is None:
                count = writer(store.iter_results(), sys.stdout)
                sys.stdout.flush()
            else:
                with atomic_output(target) as fh:
                    count = writer(store.iter_results(), fh)
    except CounterclaimError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    what = "events" if fmt in ("csv", "geojson") else "articles"
    if target is not None:
        click.echo(f"wrote {count} {what} to {target}", err=True)
