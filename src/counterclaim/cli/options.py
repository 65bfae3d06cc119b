"""Option bundles shared by several commands (column mapping, database path, output format)."""

from __future__ import annotations

import os
from typing import Callable

import click

DEFAULT_DB = "counterclaim.db"


def db_option(func: Callable) -> Callable:
    return click.option(
        "--db",
        default=lambda: os.environ.get("COUNTERCLAIM_DB", DEFAULT_DB),
        show_default=f"$COUNTERCLAIM_DB or ./{DEFAULT_DB}",
        help="SQLite file, sqlite:///path or postgresql://… URL.",
    )(func)


def column_options(func: Callable) -> Callable:
    """--text-column, --date-column, … for CSV/TSV/JSONL inputs."""
    for name in ("text", "date", "title", "url", "outlet", "id"):
        func = click.option(
            f"--{name}-column",
            default=name,
            show_default=True,
            help=f"Column/field holding the article {name} (CSV, TSV, JSONL).",
        )(func)
    return func


def column_map(kwargs: dict):
    """Pop the --*-column options out of a command's kwargs into a ColumnMap."""
    from ..ingest import ColumnMap

    return ColumnMap(**{n: kwargs.pop(f"{n}_column") for n in ("text", "date", "title", "url", "outlet", "id")})


def json_option(func: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(func)


def page_options(default_limit: int) -> Callable[[Callable], Callable]:
    """--limit and --cursor for commands that print one page of a listing."""

    def add(func: Callable) -> Callable:
        func = click.option("--cursor", help="Continue from the cursor a previous page printed.")(func)
        return click.option(
            "--limit", default=default_limit, show_default=True, type=click.IntRange(1, 1000)
        )(func)

    return add
