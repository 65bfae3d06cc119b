"""Look place names up in the gazetteer index: every place a name may refer to."""

from __future__ import annotations

import functools
import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from .index import exact_key, open_index
from .names import normalise_name


@dataclass(frozen=True)
class Candidate:
    """One place a name may refer to."""

    id: str  # "gn:147105", "country:AM", "admin1:AZ.55", "area:donbas"
    name: str
    kind: str  # town | region | country | area
    lat: float
    lon: float
    geonameid: int | None
    country_code: str | None
    admin1: str | None
    population: int
    precision: int
    feature: bool = False  # a sea, range or world region rather than a polity
    aliases: tuple[str, ...] = ()
    exact: bool = True  # the looked-up name matched with its diacritics, not only folded
    capital: bool = False  # a national capital ("Washington" in the news is usually the capital)


def _candidate(row: sqlite3.Row, exact: bool = True) -> Candidate:
    return Candidate(
        id=row["id"], name=row["name"], kind=row["kind"], lat=row["lat"], lon=row["lon"],
        geonameid=row["geonameid"], country_code=row["country_code"], admin1=row["admin1"],
        population=row["population"], precision=row["precision"], feature=bool(row["feature"]),
        aliases=tuple(json.loads(row["aliases"])), exact=exact, capital=bool(row["capital"]),
    )


class Gazetteer:
    """Read-only access to the index; look-ups are memoised per process."""

    def __init__(self, path: Path | None = None) -> None:
        self._db = open_index(path)
        self._lock = threading.Lock()
        self.lookup = functools.lru_cache(maxsize=50_000)(self._lookup)  # type: ignore[method-assign]
        self.get = functools.lru_cache(maxsize=10_000)(self._get)  # type: ignore[method-assign]

    def _query(self, sql: str, args: tuple) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def _lookup(self, name: str) -> tuple[Candidate, ...]:
        """Places whose name or alternate name is ``name``, most populous first."""
        key = normalise_name(name)
        key = key.removeprefix("the ")
        if not key:
            return ()
        exact = exact_key(name)
        rows = self._query(
            "SELECT p.*, MAX(n.exact = ? OR n.exact = ?) AS exact_match FROM names n JOIN places p ON p.id = n.place_id"
            " WHERE n.key = ? GROUP BY p.id ORDER BY exact_match DESC, p.population DESC",
            (exact, exact.removeprefix("the "), key),
        )
        return tuple(_candidate(r, bool(r["exact_match"])) for r in rows)

    def _get(self, place_id: str) -> Candidate | None:
        rows = self._query("SELECT * FROM places WHERE id = ?", (place_id,))
        return _candidate(rows[0]) if rows else None

    def country(self, code: str) -> Candidate | None:
        return self.get(f"country:{code}")


_LOCK = threading.Lock()
_DEFAULT: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (opened on first use, built on first use ever)."""
    global _DEFAULT
    with _LOCK:
        if _DEFAULT is None:
            _DEFAULT = Gazetteer()
        return _DEFAULT
