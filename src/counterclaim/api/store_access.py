"""How the app reaches the store: opened once, each call serialised by a lock.

The store may hold one database connection; serialising calls keeps it safe
under uvicorn's worker threads (reads are milliseconds at dashboard scale).
Features that land later (``list_propositions``, ``get_proposition``) are
probed with ``supports``, so pages show an empty state instead of failing.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from ..errors import NotAvailable


class LockedStore:
    def __init__(self, store: Any) -> None:
        self._store = store
        self._lock = threading.RLock()

    def supports(self, method: str) -> bool:
        return callable(getattr(self._store, method, None))

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        func = getattr(self._store, method, None)
        if not callable(func):
            raise NotAvailable(f"this store has no {method}(); the feature is not installed yet")
        with self._lock:
            return func(*args, **kwargs)

    def apply(self, func: Any, *args: Any, **kwargs: Any) -> Any:
        """Run ``func(store, *args)`` under the lock (for module-level operations such as linking)."""
        with self._lock:
            return func(self._store, *args, **kwargs)

    def close(self) -> None:
        close = getattr(self._store, "close", None) or getattr(self._store, "__exit__", None)
        if close is None:
            return
        with self._lock:
            if close.__name__ == "__exit__":
                close(None, None, None)
            else:
                close()


def open_for_app(db: str | Path | Any) -> LockedStore:
    """``db`` is a path / URL given to ``open_store`` (None: its default), or an open store object."""
    if db is None or isinstance(db, (str, Path)):
        from ..store import open_store

        store = open_store(db)
        enter = getattr(store, "__enter__", None)
        if enter is not None:
            store = enter() or store
        return LockedStore(store)
    return LockedStore(db)
