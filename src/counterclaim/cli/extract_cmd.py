"""``counterclaim extract``: run the pipeline on files without storing anything."""

from __future__ import annotations

import json
import sys

import click

from .options import column_map, column_options

EXIT_REJECTED = 3


@click.command()
@click.argument("sources", nargs=-1, required=True)
@column_options
@click.option("--stages", default=None, help="Comma-separated stage names (default: all).")
@click.option("--pretty", is_flag=True, help="Indented JSON (one object per article, not NDJSON).")
@click.option("--allow-private", is_flag=True, help="Allow URLs that resolve to private addresses.")
def extract(sources: tuple[str, ...], stages: str | None, pretty: bool, allow_private: bool, **kwargs) -> None:
    """Extract mentions, places, dates, claims and events; print one article-result JSON per article (NDJSON).

    SOURCES are .txt, .html, .jsonl, .csv/.tsv files, folders, URLs or - for stdin.
    Rejected records are reported on stderr and the exit code is 3; the others still print.

    \b
    Example:
      counterclaim extract ../shared/seed/seed_article.txt
      counterclaim extract reports.csv --text-column body --date-column published > results.ndjson
    """
    from ..ingest import Rejection, read_sources
    from ..pipeline import Pipeline, default_pipeline

    columns = column_map(kwargs)
    pipeline = Pipeline([s.strip() for s in stages.split(",") if s.strip()]) if stages else default_pipeline()
    rejected = 0

    def articles():
        nonlocal rejected
        for item in read_sources(sources, columns=columns, stdin=sys.stdin, allow_private=allow_private):
            if isinstance(item, Rejection):
                rejected += 1
                click.echo(f"rejected {item.where}: [{item.code}] {item.reason}", err=True)
            else:
                yield item

    for result in pipeline.run_many(articles()):
        payload = result.to_dict()
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2 if pretty else None))
    if rejected:
        sys.exit(EXIT_REJECTED)
