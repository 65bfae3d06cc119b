"""``counterclaim claims``, ``story`` and ``contradictions``: the linked ledger (issue 6)."""

from __future__ import annotations

from typing import Any

import click

from .options import db_option, json_option, page_options
from .query_cmd import EXIT_NOT_FOUND, _cut, _fail, _open, _print_json, _print_page

STATUSES = ("claimed", "contested", "confirmed", "refuted", "unresolved")


def _history_line(history: list[dict[str, Any]]) -> str:
    return " → ".join(f"{h['status']} {h.get('date') or '?'}" for h in history)


@click.command()
@db_option
@click.option("--status", type=click.Choice(STATUSES), help="Only propositions in this status.")
@click.option("--side", help="Only propositions this side asserts or denies (Azerbaijan, Ukraine…).")
@click.option("--place", help="Only propositions about this place (any of its names: Shusha or Shushi).")
@click.option("--since", help="Only propositions reported on/after this day (2020-11-08).")
@click.option("--query", "-q", help="Only propositions whose statement contains these words.")
@page_options(50)
@json_option
def claims(db: str, status: str | None, side: str | None, place: str | None, since: str | None,
           query: str | None, limit: int, cursor: str | None, as_json: bool) -> None:
    """List propositions (claims grouped across articles) with their current status.

    \b
    Example:
      counterclaim claims --status contested
      counterclaim claims --place Shushi --json
    """
    from ..errors import CounterclaimError

    with _open(db) as store:
        try:
            page = store.list_propositions(status=status, side=side, place=place, since=since, query=query,
                                           limit=limit, cursor=cursor)
        except CounterclaimError as exc:
            _fail(str(exc))
    _print_page(page, as_json, "no propositions (ingest articles first: counterclaim ingest FILES)",
                lambda p: f"{p['id']}  {p['status']:<10} {_cut(p['statement'], 60)}\n"
                f"    {_history_line(p['history'])}  ·  sources {p['n_sources']}  sides {p['n_sides']}"
                f"  ·  asserting {', '.join(p['sides_asserting']) or '-'}"
                f"  ·  denying {', '.join(p['sides_denying']) or '-'}")


@click.command()
@db_option
@click.argument("proposition_id")
@json_option
def story(db: str, proposition_id: str, as_json: bool) -> None:
    """One proposition's timeline: who said what, when, with quotes and sources.

    \b
    Example:
      counterclaim story p1a2b3c4d5e6f7a8
    """
    with _open(db) as store:
        prop = store.get_proposition(proposition_id)
    if prop is None:
        _fail(f"no proposition {proposition_id!r} (list them: counterclaim claims)", EXIT_NOT_FOUND)
    if as_json:
        _print_json(prop)
        return
    click.echo(click.style(prop["statement"], bold=True) + f"  [{prop['status']}]")
    click.echo(f"  place {prop.get('place') or '?'} · sources {prop['n_sources']} · sides {prop['n_sides']}")
    click.echo("  status history:")
    for h in prop["history"]:
        click.echo(f"    {h.get('date') or '?'}  {h['status']:<10} {h['reason']}  (evidence: {', '.join(h['evidence'])})")
    click.echo("  timeline:")
    items = [(c.get("date") or c.get("article_date") or "", "claim", c) for c in prop["claims"]]
    items += [(e.get("date") or "", "event", e) for e in prop["events"]]
    for when, kind, item in sorted(items, key=lambda t: (t[0], t[1])):
        if kind == "claim":
            who = item.get("actor") or (item.get("speaker") or {}).get("text") or "narrator"
            side = f" ({item['side']})" if item.get("side") else ""
            click.echo(f"    {when or '?'}  {item['role']:<9} {who}{side}: “{_cut(item['content']['text'], 90)}”")
        else:
            click.echo(f"    {when or '?'}  {item['role']:<9} event {item.get('sub_event_type')}: “{_cut(item.get('quote'), 80)}”")
        click.echo(f"               — {item.get('outlet') or '?'}, {item.get('article_date') or '?'}: "
                   f"{_cut(item.get('title'), 60)} [{item['article_id']}]")


@click.command()
@db_option
@json_option
def contradictions(db: str, as_json: bool) -> None:
    """Contested propositions (asserted by one side, denied by another) and conflicting casualty figures.

    \b
    Example:
      counterclaim contradictions --json
    """
    with _open(db) as store:
        items = store.list_contradictions()
    if as_json:
        _print_json({"items": items})
        return
    if not items:
        click.echo("no contradictions")
    for item in items:
        if item["kind"] == "contested":
            click.echo(f"{item['id']}  {item['status']:<10} {_cut(item['statement'], 60)}")
            click.echo(f"    asserted by {', '.join(item['sides_asserting']) or '-'}; denied by "
                       f"{', '.join(item['sides_denying']) or '-'}  ·  {_history_line(item['history'])}")
        else:
            click.echo(f"figures: {item['quantity']}")
            for f in item["figures"]:
                approx = "" if f["exact"] else "~"
                wounded = " (killed and wounded)" if f.get("includes_wounded") else ""
                click.echo(f"    {f.get('date') or '?'}  {f.get('side') or '?':<12} {approx}{f['value']}{wounded}"
                           f"  — {f.get('outlet') or '?'}: “{_cut(f.get('quote'), 70)}”")
