"""``counterclaim demo``: the bundled sample corpus into a fresh database, then the ledger summary."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

DEFAULT_DEMO_DB = "counterclaim-demo.db"
SAMPLE_FILES = ("articles.jsonl", "seed_article.txt")  # SOURCES.md beside them is documentation


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


@click.command()
@click.option("--db", default=DEFAULT_DEMO_DB, show_default=True, help="SQLite file to (re)create.")
@click.option("--keep", is_flag=True, help="Add to an existing database instead of starting afresh.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def demo(db: str, keep: bool, quiet: bool) -> None:
    """Ingest the bundled sample articles into a fresh SQLite database and print the ledger.

    The sample corpus is written for this project: the fall of Shusha (Nov 2020), the Hadrut
    claim (Oct 2020), Snake Island (Feb-Mar 2022), conflicting casualty figures, and the seed
    article. The command exits when done; it prints how to browse the result.

    \b
    Example:
      counterclaim demo
      counterclaim demo --db /tmp/demo.db
    """
    from ..batch import run_ingest
    from ..store import open_store

    if "://" not in db and not keep:
        _remove_sqlite(Path(db))
    samples = resources.files("counterclaim.data").joinpath("samples")
    with resources.as_file(samples) as folder, open_store(db) as store:
        sources = [str(folder / name) for name in SAMPLE_FILES]
        summary = run_ingest(sources, store, progress=not quiet)
        click.echo(ledger_summary(store, summary))
    click.echo("")
    click.echo("Browse it in the dashboard:")
    click.echo(f"  counterclaim serve --db {db}    # then open http://127.0.0.1:8000")
    click.echo(f"Query it:  counterclaim articles --db {db}   ·   counterclaim search Shusha --db {db}")


def ledger_summary(store, summary) -> str:
    stats = store.stats()
    lines = [click.style("counterclaim ledger", bold=True)]
    lines.append(
        f"  articles {stats.get('articles', 0)}  (ingested {summary.ingested}, duplicates "
        f"{summary.duplicates}, revisions {len(summary.revisions)}, rejected {len(summary.rejected)})"
    )
    for key in ("mentions", "places", "dates", "claims", "events"):
        if key in stats:
            lines.append(f"  {key:<9}{stats[key]}")
    for rejection in summary.rejected:
        lines.append(f"  rejected {rejection.where}: [{rejection.code}] {rejection.reason}")
    lines.extend(_proposition_lines(store))
    return "\n".join(lines)


def _proposition_lines(store) -> list[str]:
    """Contested and resolved propositions, each with its dated status history (the linking stage)."""
    if not hasattr(store, "list_propositions"):
        return []
    lines = []
    for title, statuses in (("contested", ("contested", "unresolved")), ("resolved", ("confirmed", "refuted"))):
        found = [p for st in statuses for p in store.list_propositions(status=st, limit=20).items]
        lines.append(click.style(f"  {title} propositions ({len(found)})", bold=True))
        for p in found:
            steps = " → ".join(f"{h['status']} {h.get('date') or '?'}" for h in p["history"])
            lines.append(f"    [{p['status']}] {p['statement']}  ({steps})  counterclaim story {p['id']}")
    return lines
