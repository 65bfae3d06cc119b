"""``counterclaim ingest``: read sources, extract, store; print what happened."""

from __future__ import annotations

import json
import sys

import click

from .options import column_map, column_options, db_option, json_option

EXIT_ERROR = 1
EXIT_REJECTED = 3


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@column_options
@click.option(
    "--batch-size",
    default=32,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Articles per transaction (a killed run loses at most one batch; re-run to finish).",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Extraction processes (each loads the pipeline; this process stays the one writer).",
)
@click.option(
    "--dask",
    "dask_scheduler",
    metavar="ADDRESS",
    help="Extract on a Dask cluster (tcp://scheduler:8786); this process writes the results.",
)
@click.option("--allow-private", is_flag=True, help="Allow URLs that resolve to loopback/private addresses.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@json_option
def ingest(
    paths: tuple[str, ...],
    db: str,
    batch_size: int,
    workers: int,
    dask_scheduler: str | None,
    allow_private: bool,
    quiet: bool,
    as_json: bool,
    **kwargs: str,
) -> None:
    """Ingest articles into the ledger database: extract, deduplicate, store.

    PATHS are .txt, .html, .jsonl, .csv/.tsv files, folders (recursive), URLs or - for stdin.
    The same text twice is stored once; a changed text at the same URL (or id) becomes a new
    revision. Re-running an interrupted ingest finishes it without duplicates.
    Exit code 0 when everything was stored, 3 when some inputs were rejected (the rest is
    stored), 1 on a database error.

    \b
    Example:
      counterclaim ingest ../shared/seed/seed_article.txt
      counterclaim ingest articles/ reports.csv --text-column body --date-column published
      counterclaim ingest archive/ --workers 2 --db postgresql://me@localhost/ledger
      counterclaim ingest archive/ --dask tcp://scheduler:8786 --db postgresql://me@db/ledger
    """
    from ..batch import run_ingest
    from ..errors import CounterclaimError
    from ..store import open_store

    columns = column_map(kwargs)
    try:
        with open_store(db) as store:
            summary = run_ingest(
                list(paths),
                store,
                columns=columns,
                batch_size=batch_size,
                progress=not quiet,
                allow_private=allow_private,
                stdin=sys.stdin,
                workers=workers,
                dask=dask_scheduler,
            )
    except CounterclaimError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_summary(summary, db))
    if summary.rejected:
        sys.exit(EXIT_REJECTED)


def format_summary(summary, db: str) -> str:
    lines = [
        f"ingested {summary.ingested}, duplicates {summary.duplicates}, revisions {len(summary.revisions)}, "
        f"rejected {len(summary.rejected)}  ({summary.seconds:.1f} s, into {db})"
    ]
    for rejection in summary.rejected:
        lines.append(f"  rejected {rejection.where}: [{rejection.code}] {rejection.reason}")
    for warning in summary.warnings[:20]:
        lines.append(f"  warning {warning}")
    if len(summary.warnings) > 20:
        lines.append(f"  ... and {len(summary.warnings) - 20} more warnings")
    return "\n".join(lines)
