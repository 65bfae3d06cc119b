"""The read side of the link tables: propositions, one proposition's story, contradictions.

Mixed into ``Store`` (needs ``self._read()``). Contract used by the API and the CLI:

- ``list_propositions(status, side, place, since, query, limit=50, cursor=None) -> Page``:
  newest report first; ``side`` matches a side asserting or denying; ``place`` matches the
  canonical name or any alias seen in the articles (Shushi finds Shusha); ``since`` keeps
  propositions reported on or after the date; ``query`` searches the statement.
- ``get_proposition(id) -> dict | None``: the listing fields plus ``claims`` (claim dicts with
  ``article_id, title, outlet, article_date`` and the claim's ``role``: asserts, denies,
  hedges, concedes, mentions) and ``events`` (confirming events).
- ``list_contradictions() -> list[dict]``: propositions that were ever contested
  (``kind: "contested"``) and casualty figures that disagree across sides (``kind: "figures"``).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import and_, func, or_, select

from ..errors import BadFilter
from . import cursor as cursors
from .link_schema import figure_conflicts, link_members, propositions
from .page import Page
from .schema import articles, claims, places

_STATUSES = ("claimed", "contested", "confirmed", "refuted", "unresolved")
_MAX_LIMIT = 1000


def _sides(value: str) -> list[str]:
    return [s for s in (value or "").split("|") if s]


def _summary(row: Any) -> dict[str, Any]:
    data = json.loads(row.data)
    return {
        "id": row.id,
        "statement": row.statement,
        "status": row.status,
        "key": data.get("key"),
        "place": row.place,
        "date": row.date,
        "history": data.get("history", []),
        "sides_asserting": _sides(row.sides_asserting),
        "sides_denying": _sides(row.sides_denying),
        "first_report": row.first_report,
        "latest_report": row.latest_report,
        "n_sources": row.n_sources,
        "n_sides": row.n_sides,
    }


class LinkQueries:
    def _read(self) -> Any:  # pragma: no cover - provided by Store
        raise NotImplementedError

    def list_propositions(
        self,
        status: str | None = None,
        side: str | None = None,
        place: str | None = None,
        since: str | None = None,
        query: str | None = None,
        limit: int | None = 50,
        cursor: str | None = None,
    ) -> Page:
        if status and status not in _STATUSES:
            raise BadFilter(f"status must be one of {', '.join(_STATUSES)}, not {status!r}")
        if limit is not None and (not isinstance(limit, int) or limit < 1):
            raise BadFilter(f"limit must be a positive whole number, not {limit!r}")
        size = min(limit or 50, _MAX_LIMIT)
        start = cursors.offset(cursor, "propositions")
        stmt = select(propositions)
        if status:
            stmt = stmt.where(propositions.c.status == status)
        if side:
            needle = f"|{side.lower()}|"
            stmt = stmt.where(
                or_(
                    func.lower(propositions.c.sides_asserting).contains(needle, autoescape=True),
                    func.lower(propositions.c.sides_denying).contains(needle, autoescape=True),
                )
            )
        if since:
            stmt = stmt.where(propositions.c.latest_report >= since)
        if query:
            stmt = stmt.where(propositions.c.statement.icontains(query, autoescape=True))
        with self._read() as conn:
            if place:
                names = {place.lower()} | {
                    n.lower()
                    for n in conn.execute(
                        select(places.c.name)
                        .where(
                            or_(
                                func.lower(places.c.name) == place.lower(),
                                places.c.aliases.icontains(f"|{place}|", autoescape=True),
                            )
                        )
                        .distinct()
                    ).scalars()
                }
                stmt = stmt.where(func.lower(propositions.c.place).in_(sorted(names)))
            stmt = stmt.order_by(propositions.c.sort_date.desc(), propositions.c.id).limit(size + 1).offset(start)
            rows = conn.execute(stmt).all()
        nxt = cursors.encode("propositions", o=start + size) if len(rows) > size else None
        return Page([_summary(r) for r in rows[:size]], nxt)

    def get_proposition(self, proposition_id: str) -> dict[str, Any] | None:
        with self._read() as conn:
            row = conn.execute(select(propositions).where(propositions.c.id == proposition_id)).first()
            if row is None:
                return None
            out = _summary(row)
            roles = {m["id"]: m["role"] for m in json.loads(row.data).get("members", [])}
            members = [
                json.loads(d)
                for d in conn.execute(
                    select(link_members.c.data).where(link_members.c.member_id.in_(list(roles)))
                ).scalars()
            ]
            claim_keys = [(m["article_id"], m["source_id"]) for m in members if m["kind"] == "claim"]
            claim_rows = {}
            if claim_keys:
                stmt = (
                    select(
                        claims.c.article_id,
                        claims.c.claim_id,
                        claims.c.data,
                        articles.c.date.label("article_date"),
                        articles.c.title,
                        articles.c.outlet,
                    )
                    .join(articles, articles.c.id == claims.c.article_id)
                    .where(or_(*(and_(claims.c.article_id == a, claims.c.claim_id == c) for a, c in claim_keys)))
                )
                claim_rows = {(r.article_id, r.claim_id): r for r in conn.execute(stmt)}
        by_member = sorted(members, key=lambda m: (m.get("date") or "", m["id"]))
        out["claims"], out["events"] = [], []
        for m in by_member:
            role = roles.get(m["id"])
            if m["kind"] == "claim" and (m["article_id"], m["source_id"]) in claim_rows:
                r = claim_rows[(m["article_id"], m["source_id"])]
                item = json.loads(r.data)
                item.update(
                    article_id=r.article_id, title=r.title, outlet=r.outlet, article_date=r.article_date, role=role
                )
                out["claims"].append(item)
            elif m["kind"] == "event":
                out["events"].append(
                    {
                        "id": m["source_id"],
                        "article_id": m["article_id"],
                        "title": m.get("title"),
                        "outlet": m.get("outlet"),
                        "article_date": m.get("article_date"),
                        "date": m.get("date"),
                        "sub_event_type": m.get("sub_event_type"),
                        "quote": m.get("quote"),
                        "role": role,
                    }
                )
        return out

    def list_contradictions(self) -> list[dict[str, Any]]:
        with self._read() as conn:
            contested = conn.execute(
                select(propositions)
                .where(propositions.c.was_contested == 1)
                .order_by(propositions.c.sort_date.desc(), propositions.c.id)
            ).all()
            figures = conn.execute(
                select(figure_conflicts).order_by(figure_conflicts.c.latest.desc(), figure_conflicts.c.block)
            ).all()
        out: list[dict[str, Any]] = []
        for row in contested:
            item = _summary(row)
            item["kind"] = "contested"
            out.append(item)
        for row in figures:
            item = json.loads(row.data)
            item["kind"] = "figures"
            out.append(item)
        return out
