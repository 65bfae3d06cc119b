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
