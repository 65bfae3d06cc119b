"""Versioned schema migrations, recorded in ``schema_migrations``.

Each migration has a number, a name and a function run inside the migrating
transaction; the same sequence runs on SQLite and PostgreSQL, and a migration
reaches for ``dialect`` only for the bits that differ (see ``dialects``).
``migrate`` is idempotent: applied versions are skipped, so opening a store
twice, or from two processes at once, is safe (writers are serialised by the
dialect's write lock, and DDL is transactional in both databases).

To change the schema: append a migration with explicit DDL (never edit an
applied one) and update ``schema.py`` to match. Migration 1 creates the tables
of ``schema.V1_TABLES``; when a later migration alters one of them, freeze that
table's v1 definition here first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Engine, select
from sqlalchemy.engine import Connection

from ..errors import SchemaTooNew
from .dialects import Dialect
from .schema import V1_TABLES, metadata, schema_migrations


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection, Dialect], None]


def _core_tables(conn: Connection, dialect: Dialect) -> None:
    metadata.create_all(conn, tables=list(V1_TABLES), checkfirst=True)


def _search(conn: Connection, dialect: Dialect) -> None:
    dialect.install_search(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, query tables (mentions, places, dates, claims, events), feeds", _core_tables),
    Migration(2, "full-text search over title + text; distance function", _search),
)
LATEST = MIGRATIONS[-1].version


def applied_versions(conn: Connection) -> set[int]:
    return set(conn.execute(select(schema_migrations.c.version)).scalars())


def migrate(engine: Engine, dialect: Dialect) -> list[int]:
    """Apply the missing migrations in order; return the versions applied now."""
    done: list[int] = []
    with engine.connect().execution_options(cc_write=True) as conn, conn.begin():
        dialect.lock_for_write(conn)
        schema_migrations.create(conn, checkfirst=True)
        applied = applied_versions(conn)
        if applied and max(applied) > LATEST:
            raise SchemaTooNew(
                f"the database is at schema version {max(applied)}, newer than this counterclaim "
                f"understands ({LATEST}); upgrade counterclaim"
            )
        for migration in MIGRATIONS:
            if migration.version in applied:
                continue
            migration.apply(conn, dialect)
            conn.execute(
                schema_migrations.insert().values(
                    version=migration.version,
                    name=migration.name,
                    applied_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                )
            )
            done.append(migration.version)
    return done
