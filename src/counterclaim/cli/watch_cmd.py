"""``counterclaim watch``: poll RSS/Atom feeds, extract new and updated items, store them.

Each feed's state (ETag, Last-Modified, item hashes) is saved in the store only
after that feed's articles are written, so a killed watcher re-reads at most one
feed's items on restart, and the store's content hashes drop the repeats.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from ..link import link_after_batch

from .options import db_option

EXIT_ERROR = 1
EXIT_REJECTED = 3
INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """'15m' -> 900.0; plain numbers are seconds."""
    found = INTERVAL.match(text)
    if not found or float(found[1]) <= 0:
        raise click.BadParameter(f"{text!r} is not an interval such as 30s, 15m, 1h")
    return float(found[1]) * SECONDS[found[2].lower()]


def read_feeds_file(path: Path) -> list[str]:
    """One feed URL per line; blank lines and # comments ignored."""
    urls = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):  # no inline comments: URLs may contain '#'
            urls.append(line)
    return urls


@dataclass
class RoundReport:
    added: int = 0
    duplicates: int = 0
    revisions: int = 0
    rejected: list[str] = field(default_factory=list)  # "[E4xx] where: reason"
    failed_feeds: int = 0


def poll_once(
    feeds: Sequence[str],
    store: Any,
    pipeline_factory: Callable[[], Any],
    *,
    allow_private: bool = False,
    fetch_links: bool = False,
    echo: Callable[[str], None] = click.echo,
    poll: Callable[..., Any] | None = None,
) -> RoundReport:
    """Poll every feed once; a failing feed is reported and the next one goes on."""
    from ..ingest.feeds import poll_feed

    poll = poll or poll_feed
    report = RoundReport()
    for url in feeds:
        try:
            state = store.get_feed_state(url)
            articles, new_state, rejections = poll(
                url, state, allow_private=allow_private, fetch_links=fetch_links
            )
            report.rejected.extend(str(r) for r in rejections)
            for rejection in rejections:
                echo(f"  rejected {rejection}")
            if rejections and rejections[0].where == url:
                report.failed_feeds += 1
            fresh = [a for a in articles if not store.has_hash(a.hash)]
            if fresh:
                results = list(pipeline_factory().run_many(fresh))
                added = store.add_results(results)
                for warning in link_after_batch(store, added.added_ids):  # propositions the items touch
                    echo(f"  {warning}")
                report.added += added.added
                report.duplicates += added.duplicates
                report.revisions += len(added.revisions)
            report.duplicates += len(articles) - len(fresh)
            if new_state != (state or {}):  # unchanged after a 304 or a failed poll: nothing to save
                store.put_feed_state(url, new_state)
            echo(f"{url}: {len(fresh)} new or updated item(s)")
        except Exception as exc:  # noqa: BLE001 - one feed must not stop the others
            report.failed_feeds += 1
            report.rejected.append(f"{url}: {type(exc).__name__}: {exc}")
            echo(f"{url}: failed: {exc}")
    return report


@click.command()
@click.argument("feeds", nargs=-1)
@click.option("--every", default="15m", show_default=True, help="Time between polls: 30s, 15m, 1h.")
@click.option("--once", is_flag=True, help="Poll every feed once and exit.")
@db_option
@click.option(
    "--feeds-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A file with one feed URL per line (# comments allowed).",
)
@click.option("--allow-private", is_flag=True, help="Allow feeds and pages on loopback/private addresses.")
@click.option("--fetch-links", is_flag=True, help="Fetch each new item's linked page for its full text.")
def watch(
    feeds: tuple[str, ...],
    every: str,
    once: bool,
    db: str,
    feeds_file: Path | None,
    allow_private: bool,
    fetch_links: bool,
) -> None:
    """Poll RSS/Atom FEEDS and ingest new and updated items (updates become revisions).

    Conditional GET (ETag / Last-Modified) keeps polls cheap; a feed that fails is
    reported and the others go on. Feed state lives in the database, so a restarted
    watcher neither loses nor doubles items. Exit code (with --once): 0 all fine,
    3 some feed or item was rejected, 1 database error.

    \b
    Example:
      counterclaim watch https://example.org/world/rss --every 15m
      counterclaim watch --feeds-file feeds.txt --once --db ledger.db
    """
    from ..errors import CounterclaimError
    from ..store import open_store

    interval = parse_interval(every)
    urls = list(feeds) + (read_feeds_file(feeds_file) if feeds_file else [])
    if not urls:
        raise click.UsageError("give at least one FEED URL or --feeds-file")

    def pipeline_factory():
        from ..pipeline import default_pipeline

        return default_pipeline()

    try:
        with open_store(db) as store:
            while True:
                report = poll_once(
                    urls, store, pipeline_factory, allow_private=allow_private, fetch_links=fetch_links
                )
                click.echo(
                    f"stored {report.added} (revisions {report.revisions}), duplicates "
                    f"{report.duplicates}, rejected {len(report.rejected)}"
                )
                if once:
                    break
                time.sleep(interval)
    except CounterclaimError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        click.echo("stopped")
        return
    if report.rejected:
        sys.exit(EXIT_REJECTED)
