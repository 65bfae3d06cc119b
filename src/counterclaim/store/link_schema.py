"""The link tables (migration 5): link members, propositions and figure conflicts.

- ``link_members``: one row per claim/event frame (or casualty figure) of an
  article, keyed by its member id, grouped by ``block`` (predicate class +
  place, or ``toll|bloc|category``). Rows are derived from the stored article
  result, so they can always be rebuilt; the linker re-reads only the blocks
  a new article touches.
- ``propositions``: the groups the linker computed for each block, with the
  status and dated history (JSON in ``data``) and the columns listings filter on.
- ``figure_conflicts``: per casualty quantity, the rival figures of different sides.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.engine import Connection

from .dialects import Dialect
from .schema import metadata

link_members = Table(
    "link_members",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("member_id", String(200), nullable=False, unique=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("block", Text, nullable=False),
    Column("date", String(10)),
    Column("data", Text, nullable=False),  # the member dict (JSON)
    Index("ix_link_members_block", "block"),
    Index("ix_link_members_article", "article_id"),
)

propositions = Table(
    "propositions",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("block", Text, nullable=False),
    Column("cls", String(40), nullable=False),
    Column("statement", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("place", Text),
    Column("date", String(10)),
    Column("first_report", String(10)),
    Column("latest_report", String(10)),
    Column("sort_date", String(10), nullable=False, default=""),
    Column("n_sources", Integer, nullable=False, default=0),
    Column("n_sides", Integer, nullable=False, default=0),
    Column("sides_asserting", Text, nullable=False, default=""),  # "|Azerbaijan|" for LIKE matching
    Column("sides_denying", Text, nullable=False, default=""),
    Column("was_contested", Integer, nullable=False, default=0),
    Column("data", Text, nullable=False),  # the proposition dict (JSON): history, members with roles
    Index("ix_propositions_block", "block"),
    Index("ix_propositions_status_sort", "status", "sort_date"),
    Index("ix_propositions_sort", "sort_date", "id"),
)

figure_conflicts = Table(
    "figure_conflicts",
    metadata,
    Column("block", String(200), primary_key=True),
    Column("id", String(200), nullable=False),
    Column("quantity", Text, nullable=False),
    Column("latest", String(10)),
    Column("data", Text, nullable=False),
)

LINK_TABLES = (link_members, propositions, figure_conflicts)


def create_link_tables(conn: Connection, dialect: Dialect) -> None:
    metadata.create_all(conn, tables=list(LINK_TABLES), checkfirst=True)
