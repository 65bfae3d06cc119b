"""``counterclaim articles``, ``show`` and ``search``: read the ledger database."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from typing import Any

import click

from .options import db_option, json_option, page_options

EXIT_ERROR = 1
EXIT_NOT_FOUND = 4


def _fail(message: str, code: int = EXIT_ERROR) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _open(db: str) -> Any:
    from ..errors import CounterclaimError
    from ..store import open_store

    try:
        return open_store(db)
    except CounterclaimError as exc:
        _fail(str(exc))


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _print_page(page: Any, as_json: bool, empty: str, render: Callable[[dict], str]) -> None:
    """One page of a listing: JSON with its cursor, or a line per item and the next-page hint."""
    if as_json:
        _print_json({"items": page.items, "next_cursor": page.next_cursor})
        return
    if not page.items:
        click.echo(empty)
        return
    for item in page.items:
        click.echo(render(item))
    if page.next_cursor:
        click.echo(f"more: --cursor {page.next_cursor}")


def _cut(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


@click.command()
@db_option
@click.option("--since", help="Only articles dated on/after this day (2020-11-08, or 2020-11, 2020).")
@click.option("--until", help="Only articles dated on/before this day (or month / year).")
@click.option("--outlet", help="Only this outlet (case-insensitive).")
@click.option("--query", "-q", help="Only articles matching these words (full-text).")
@page_options(50)
@json_option
def articles(
    db: str,
    since: str | None,
    until: str | None,
    outlet: str | None,
    query: str | None,
    limit: int,
    cursor: str | None,
    as_json: bool,
) -> None:
    """List stored articles, newest first, with filters.

    \b
    Example:
      counterclaim articles --since 2020-11-01 --until 2020-11-10
      counterclaim articles --outlet "Caucasus Wire" --query Shusha --json
    """
    from ..errors import CounterclaimError

    with _open(db) as store:
        try:
            page = store.list_articles(
                since=since, until=until, outlet=outlet, query=query, limit=limit, cursor=cursor
            )
        except CounterclaimError as exc:
            _fail(str(exc))
    _print_page(
        page,
        as_json,
        "no articles match",
        lambda item: f"{item['id']}  {item['date'] or '----------'}  {_cut(item['outlet'], 18):<18}  "
        f"{_cut(item['title'] or '(no title)', 70)}",
    )


@click.command()
@click.argument("article_id")
@db_option
@click.option("--no-color", is_flag=True, help="Mark spans as [text](kind) instead of colours.")
@json_option
def show(article_id: str, db: str, no_color: bool, as_json: bool) -> None:
    """Show one article with its extracted spans marked, then its claims, events, places and dates.

    Colours mark speakers, cues, claim contents, places, dates, actors, numbers and events
    (a legend is printed first); without a terminal, or with --no-color, spans are marked
    as [text](kind). Exit code 4 when there is no such article.

    \b
    Example:
      counterclaim show a3f9c2d41b7e0a55
      counterclaim show a3f9c2d41b7e0a55 --json
    """
    from ..export.terminal import detail_lines, legend, mark_text

    with _open(db) as store:
        result = store.get_result(article_id)
    if result is None:
        _fail(f"no article with id {article_id!r} (see `counterclaim articles`)", EXIT_NOT_FOUND)
    if as_json:
        _print_json(result)
        return
    color = not no_color and sys.stdout.isatty()
    style = click.style
    head = result.get("title") or "(no title)"
    click.echo(style(head, bold=True) if color else head)
    meta = [
        result.get("id"),
        f"{result.get('date')} ({result.get('date_origin')})",
        result.get("outlet"),
        result.get("url") or result.get("source"),
    ]
    click.echo("  ".join(str(m) for m in meta if m))
    if result.get("revision_of") or len(result.get("revisions") or []) > 1:
        click.echo(
            f"revision of {result.get('revision_of') or '-'}; all revisions: "
            f"{', '.join(result.get('revisions') or [])}"
        )
    click.echo("")
    click.echo(legend(color=color, style=style))
    click.echo("")
    click.echo(mark_text(result, color=color, style=style))
    click.echo("")
    for line in detail_lines(result):
        click.echo(line)


_HIT = re.compile(r"\[\[(.*?)\]\]", re.S)


@click.command()
@click.argument("query")
@db_option
@page_options(20)
@json_option
def search(query: str, db: str, limit: int, cursor: str | None, as_json: bool) -> None:
    """Full-text search over article titles and texts, best matches first.

    Words are matched with stemming (fighting = fight); every word must occur.

    \b
    Example:
      counterclaim search Shusha
      counterclaim search "heavy fighting" --json
    """
    from ..errors import CounterclaimError

    with _open(db) as store:
        try:
            page = store.search(query, limit=limit, cursor=cursor)
        except CounterclaimError as exc:
            _fail(str(exc))
    color = sys.stdout.isatty()

    def render(item: dict) -> str:
        snippet = " ".join((item.get("snippet") or "").split())
        snippet = _HIT.sub(
            lambda m: click.style(m.group(1), bold=True, fg="yellow") if color else f"[{m.group(1)}]", snippet
        )
        return f"{item['id']}  {item['date'] or '----------'}  {_cut(item['title'] or '(no title)', 70)}\n    {snippet}"

    _print_page(page, as_json, "no matches", render)
