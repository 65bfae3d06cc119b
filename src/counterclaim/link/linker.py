"""Incremental linking: new articles update only the propositions they touch.

``link_articles(store, article_ids)`` reads the stored results of those
articles (no re-extraction), reduces them to members (``frames``, ``figures``),
replaces their member rows, and recomputes only the blocks (predicate class +
place, or casualty quantity) those members fall in, from the members stored
for each block: never a scan of the corpus. Each block's propositions are a
pure function of its member set, so any ingest order, and any re-ingest, ends
in the same propositions and statuses.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from .figures import conflicts_for_block, figures_of
from .frames import claim_frames
from .group import propositions_for_block

log = logging.getLogger(__name__)


@dataclass
class LinkReport:
    articles: int = 0
    members: int = 0
    blocks: int = 0
    propositions: int = 0
    conflicts: int = 0


def members_of(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Every link member of one stored article result: claim/event frames and casualty figures."""
    return claim_frames(result) + figures_of(result)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _proposition_row(p: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": p["id"],
        "block": p["block"],
        "cls": p["cls"],
        "statement": p["statement"],
        "status": p["status"],
        "place": p["place"],
        "date": p["date"],
        "first_report": p["first_report"],
        "latest_report": p["latest_report"],
        "sort_date": p["latest_report"] or "",
        "n_sources": p["n_sources"],
        "n_sides": p["n_sides"],
        "sides_asserting": "|" + "|".join(p["sides_asserting"]) + "|" if p["sides_asserting"] else "",
        "sides_denying": "|" + "|".join(p["sides_denying"]) + "|" if p["sides_denying"] else "",
        "was_contested": int(any(h["status"] == "contested" for h in p["history"])),
        "data": _dumps(p),
    }


def link_articles(store: Any, article_ids: Iterable[str]) -> LinkReport:
    """Link the given stored articles into the propositions; see the module docstring."""
    from ..store.link_schema import figure_conflicts, link_members, propositions

    report = LinkReport()
    ids = list(dict.fromkeys(article_ids))
    results = [r for r in (store.get_result(a) for a in ids) if r is not None]
    # only an article's latest revision speaks: older revisions' members are dropped, never double-counted
    superseded = {old for r in results for old in (r.get("revisions") or [])[:-1]}
    results = [r for r in results if r["id"] not in superseded]
    report.articles = len(results)
    new_rows = []
    for result in results:
        for m in members_of(result):
            new_rows.append(
                {"member_id": m["id"], "article_id": result["id"], "block": m["block"], "date": m.get("date"), "data": _dumps(m)}
            )
    report.members = len(new_rows)
    try:
        with store.engine.connect().execution_options(cc_write=True) as conn, conn.begin():
            store.dialect.lock_for_write(conn)
            present = sorted({r["id"] for r in results} | superseded)
            old_blocks = set(
                conn.execute(select(link_members.c.block).where(link_members.c.article_id.in_(present))).scalars()
            ) if present else set()
            if present:
                conn.execute(delete(link_members).where(link_members.c.article_id.in_(present)))
            # the same member id from two revisions of one article: keep one (the first in input order)
            unique = list({r["member_id"]: r for r in reversed(new_rows)}.values())
            if unique:
                conn.execute(store.dialect.insert_ignore(link_members), unique)
            blocks = sorted(old_blocks | {r["block"] for r in unique})
            report.blocks = len(blocks)
            for block in blocks:
                members = [json.loads(d) for d in conn.execute(
                    select(link_members.c.data).where(link_members.c.block == block)
                ).scalars()]
                if block.startswith("toll|"):
                    conn.execute(delete(figure_conflicts).where(figure_conflicts.c.block == block))
                    conflict = conflicts_for_block(block, members)
                    if conflict:
                        latest = max((f.get("date") or "" for f in conflict["figures"]), default="")
                        conn.execute(figure_conflicts.insert().values(
                            block=block, id=conflict["id"], quantity=conflict["quantity"], latest=latest,
                            data=_dumps(conflict),
                        ))
                        report.conflicts += 1
                    continue
                conn.execute(delete(propositions).where(propositions.c.block == block))
                rows = [_proposition_row(p) for p in propositions_for_block(block, members)]
                if rows:
                    conn.execute(store.dialect.insert_ignore(propositions), rows)
                report.propositions += len(rows)
    except SQLAlchemyError as exc:
        raise StoreError(
            f"could not link {len(ids)} articles: {exc.__class__.__name__}: {str(exc).splitlines()[0]}",
            where=getattr(store, "url", None),
        ) from exc
    return report


def link_after_batch(store: Any, article_ids: Sequence[str]) -> list[str]:
    """The ingest job's hook: link a stored batch; a failure becomes a warning, never lost work."""
    if not article_ids or not hasattr(store, "engine") or not hasattr(store, "list_propositions"):
        return []  # nothing new, or a store without the link tables (a test double)
    try:
        link_articles(store, article_ids)
    except Exception as exc:  # noqa: BLE001 - the batch is committed; linking can be re-run
        log.warning("linking failed: %s", exc)
        return [f"link: {exc}"]
    return []
