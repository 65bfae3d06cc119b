"""The store: articles, their extraction results and the query tables behind one interface.

``open_store(db)`` takes a path or ``sqlite:///file`` (the default,
``./counterclaim.db`` or ``$COUNTERCLAIM_DB``) or ``postgresql://user@host/db``
and returns a migrated ``Store`` (a context manager). Contract:

- ``add_results(results) -> AddReport(added, duplicates, revisions)``: one
  transaction per batch; the same content hash twice is one article; a changed
  text at the same ``url`` (or the same ``external_id`` and outlet, when there is
  no url) is a new revision, both kept and linked.
- ``has_hash(h)``, ``known_hashes(hs)``: let ingest skip parsing known texts.
- ``get_result(id)``: the article-result JSON plus ``revision_of`` and
  ``revisions`` (ids of every revision of the article, oldest first).
- ``list_articles``, ``search`` (FTS, ``snippet`` with ``[[``/``]]`` around hits),
  ``list_claims``, ``list_events`` (``near=(lat, lon, km)``), ``list_places`` ->
  ``Page(items, next_cursor)`` with opaque cursors; ``list_actors()``, ``stats()``.
- ``iter_results()`` for exports; ``get_feed_state`` / ``put_feed_state`` for ``watch``.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ..errors import CannotOpenStore, StoreError, UnsupportedDatabase
from .dialects import HIGHLIGHT_END, HIGHLIGHT_START, dialect_for
from .migrations import migrate
from .page import Page
from .store import AddReport, Store

__all__ = ["AddReport", "Page", "Store", "open_store", "default_db", "HIGHLIGHT_START", "HIGHLIGHT_END"]

DEFAULT_DB = "counterclaim.db"


def default_db() -> str:
    """``$COUNTERCLAIM_DB`` if set, else ``./counterclaim.db``."""
    return os.environ.get("COUNTERCLAIM_DB") or DEFAULT_DB


def _engine_url(db: str | Path) -> str:
    if isinstance(db, Path) or "://" not in str(db):
        path = Path(db).expanduser()
        if not path.parent.exists():
            raise CannotOpenStore(f"the folder {str(path.parent)!r} does not exist", where=str(db))
        if path.is_dir():
            raise CannotOpenStore("this is a folder, not a database file", where=str(db))
        return f"sqlite:///{path}"
    text = str(db)
    scheme = text.split("://", 1)[0].lower()
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if scheme in ("sqlite", "postgresql+psycopg"):
        return text
    raise UnsupportedDatabase(
        f"unsupported database {scheme!r}: use a file path, sqlite:///FILE or postgresql://..."
    )


def open_store(db: str | Path | None = None) -> Store:
    """Open (creating and migrating if needed) the store at ``db``."""
    url = _engine_url(db if db not in (None, "") else default_db())
    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except ArgumentError as exc:
        raise CannotOpenStore(f"not a database URL: {exc}", where=str(db)) from exc
    try:
        kwargs: dict = {}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            kwargs["pool_pre_ping"] = True
        engine = create_engine(url, **kwargs)
    except (ArgumentError, ImportError) as exc:
        raise CannotOpenStore(f"cannot open the database: {exc}", where=shown) from exc
    dialect = dialect_for(engine)
    dialect.configure(engine)
    try:
        migrate(engine, dialect)
    except StoreError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        first = str(exc.orig if getattr(exc, "orig", None) else exc).strip().splitlines()[0]
        raise CannotOpenStore(f"cannot open the database: {first}", where=shown) from exc
    return Store(engine, dialect, shown)
