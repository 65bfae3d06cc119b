"""Choose, for each toponym in an article, the place it refers to.

Population alone sends "Paris" in a Texas story to France. Each candidate is
scored on:

- a prior: population (log scale), the kind (a country name usually means the
  country), whether the name matched with its diacritics;
- the article's context: countries and first-level regions named unambiguously
  in it (anchors), the distance to other anchored places, the country most
  of the article is about (its dominant country), and the first-level region most
  of the article's names could be in (each name votes 1 / the number of regions
  it has readings in: a local story's towns and counties share one state);
- local syntax: "Alexandria, La." (a town followed by its region or country),
  "Donetsk region" (a region, not the town), and a relative location whose
  anchor is known.

Context is built in two rounds: unambiguous toponyms first, then everything the
first round resolved. The whole article is one pass; nothing is global.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from ..geo import Candidate, Gazetteer, normalise_name
from ..geo.distance import nearest_km, point_terms

# Score weights, tuned on the GeoWebNews and LGL development sets.
W_POPULATION = 0.5  # per order of magnitude
W_KIND = {"country": 3.0, "region": 1.0, "area": 1.5, "town": 0.0}
W_EXACT = 1.5
W_MAIN_NAME = 1.0  # the name is the place's own name, not one of its alternate names
W_CAPITAL = 2.0
W_COUNTRY_NAMED = 3.0
W_DOMINANT_COUNTRY = 1.5
W_REGION_NAMED = 2.5
W_DOMINANT_ADMIN1 = 1.5
W_SHARED_ADMIN1 = 0.75  # per vote of the article's other names for the candidate's first-level region
SHARED_ADMIN1_CAP = 3
W_NEARBY = 3.0
NEARBY_SCALE_KM = 250.0
W_CONTAINER = 6.0
W_KIND_HINT = 5.0
W_TOWN_OVER_OWN_REGION = 2.5
W_NOT_THE_COUNTRY = 6.0
# The main town of an article lies in its main first-level region unless others are named far more.
W_AREA_IN_MAIN_ADMIN1 = 1.5
# Context counts only a tenth for a candidate this many times smaller than the name's
# most populous sense: a French article does not make "EU" the town of Eu.
MINOR_SENSE_RATIO = 500
# A toponym is an anchor in round one when its best candidate leads the next by this much.
ANCHOR_MARGIN = 3.0


@dataclass
class Toponym:
    """A recognised place name awaiting resolution."""

    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...] = ()
    kind_hint: str | None = None  # "region" for "Donetsk region", "town" for "the city of X"
    container: int | None = None  # index of the toponym that contains it ("Alexandria, La.")
    dateline: bool = False  # "BAKU —": where the story was filed
    mislabelled: bool = False  # the model called it a person or organisation; taken for its context
    in_title: bool = False  # the town in a newspaper's title ("The Washington Post"): named, not where things happen
    chosen: Candidate | None = None
    scores: dict[str, float] = field(default_factory=dict)


@dataclass
class Context:
    countries: Counter = field(default_factory=Counter)
    regions: set[str] = field(default_factory=set)
    points: list[tuple[int, float, float, str]] = field(default_factory=list)  # (toponym index, lat, lon, place id)
    point_terms: list[tuple[float, float, float]] = field(default_factory=list)  # geo.point_terms of each point
    # Which toponyms named each country: "Mexico" read as the country must not vote for
    # Mexico City as the reading of that same name.
    country_sources: dict[str, set[int]] = field(default_factory=dict)
    # First-level regions of the places read so far: a local story stays in one state.
    admin1_sources: dict[str, set[int]] = field(default_factory=dict)
    # For each first-level region, the names of the article that could be a place in it
    # (any candidate, not only the chosen one): the state that explains most names.
    admin1_names: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def dominant(self) -> str | None:
        return self.countries.most_common(1)[0][0] if self.countries else None

    def add(self, index: int, c: Candidate) -> None:
        if c.country_code:
            self.countries[c.country_code] += 1
            self.country_sources.setdefault(c.country_code, set()).add(index)
        if c.kind == "region" and c.admin1:
            self.regions.add(c.admin1)  # a county names its state too
        if c.kind in ("town", "region") and c.admin1:
            self.admin1_sources.setdefault(c.admin1, set()).add(index)
        if c.kind in ("town", "region") and not c.feature:
            self.points.append((index, c.lat, c.lon, c.id))
            self.point_terms.append(point_terms(c.lat, c.lon))

    def shared_admin1(self, c: Candidate, own_name: str) -> float:
        """Votes of the article's other names for ``c``'s first-level region.

        A name votes 1 / (the number of regions it has readings in): "Immokalee" is
        one vote for Florida, "Henderson County" a fifth of a vote for five states.
        """
        names = self.admin1_names.get(c.admin1 or "")
        return sum(v for name, v in names.items() if name != own_name) if names else 0.0

    def dominant_admin1(self, excluded: set[int]) -> str | None:
        """The first-level region most of the other places are in (two places at least)."""
        counts = {code: len(sources - excluded) for code, sources in self.admin1_sources.items()}
        code = max(counts, key=counts.get, default=None)
        return code if code is not None and counts[code] >= 2 else None

    def names_country(self, code: str | None, excluded: set[int]) -> bool:
        return bool(self.country_sources.get(code or "", set()) - excluded)


def prior(c: Candidate, t: Toponym) -> float:
    score = W_POPULATION * math.log10(c.population + 10) + W_KIND.get(c.kind, 0.0)
    if c.exact:
        score += W_EXACT
    if c.capital:
        score += W_CAPITAL
    if normalise_name(c.name) == normalise_name(t.text):
        score += W_MAIN_NAME
    if t.kind_hint == "region" and c.kind in ("region", "area"):
        score += W_KIND_HINT
    if t.kind_hint == "town" and c.kind == "town":
        score += W_KIND_HINT
    # "Mexico" is the country: not Mexico City (which only carries it as an alternate name)
    # nor the State of México inside it (unless the text says "Mexico state").
    own_country = next((o for o in t.candidates if o.kind == "country" and o.exact
                        and normalise_name(o.name) == normalise_name(t.text)), None)
    if own_country is not None and c.kind != "country" and t.kind_hint is None and (
        normalise_name(c.name) != normalise_name(t.text) or c.country_code == own_country.country_code
    ):
        score -= W_NOT_THE_COUNTRY
    # "Donetsk", "Idlib", "New York": the town, not the region named after it.
    if c.kind == "region" and t.kind_hint != "region" and any(
        o.kind == "town" and o.admin1 == c.admin1 and o.population * 20 >= c.population for o in t.candidates
    ):
        score -= W_TOWN_OVER_OWN_REGION + W_KIND["region"]
    return score


def contextual(c: Candidate, index: int, t: Toponym, ctx: Context, toponyms: list[Toponym],
               same_name: set[int] | None = None, others: list | None = None) -> float:
    """Context support for ``c``; ``same_name``: the toponyms spelled like ``t`` (they do not vote for it);
    ``others``: ``_other_points(ctx, same_name)``, when already built."""
    if same_name is None:
        same_name = _same_name(index, t, toponyms)
    if others is None:
        others = _other_points(ctx, same_name)
    score = _context_score(c, index, t, ctx, toponyms, same_name, others)
    largest = max(o.population for o in t.candidates)
    return score * 0.1 if c.population * MINOR_SENSE_RATIO < largest else score


def _same_name(index: int, t: Toponym, toponyms: list[Toponym],
               by_name: dict[str, set[int]] | None = None) -> set[int]:
    """``by_name``: ``_indices_by_name(toponyms)``, when already built (it saves a pass per call)."""
    key = normalise_name(t.text)
    if by_name is not None:
        return by_name.get(key, set()) | {index}
    return {i for i, o in enumerate(toponyms) if o.text == t.text or normalise_name(o.text) == key} | {index}


def _indices_by_name(toponyms: list[Toponym]) -> dict[str, set[int]]:
    """Normalised name -> indices of the toponyms spelled so (equal texts normalise alike)."""
    out: dict[str, set[int]] = {}
    for i, o in enumerate(toponyms):
        out.setdefault(normalise_name(o.text), set()).add(i)
    return out


def _other_points(ctx: Context, same_name: set[int]) -> list[tuple[str, tuple[float, float, float]]]:
    """(id, ``point_terms``) of the context's points not from a toponym spelled alike, in context order."""
    return [(pid, terms) for (i, _, _, pid), terms in zip(ctx.points, ctx.point_terms) if i not in same_name]


def _context_score(c: Candidate, index: int, t: Toponym, ctx: Context, toponyms: list[Toponym],
                   same_name: set[int], others: list[tuple[str, tuple[float, float, float]]]) -> float:
    score = 0.0
    dominant_admin1 = ctx.dominant_admin1(same_name)
    if c.kind != "country" and ctx.names_country(c.country_code, same_name):
        score += W_COUNTRY_NAMED
        if c.country_code == ctx.dominant:
            score += W_DOMINANT_COUNTRY
    if c.kind == "town" and c.admin1 in ctx.regions:
        score += W_REGION_NAMED
    if c.kind in ("town", "region") and c.admin1 and c.admin1 == dominant_admin1:
        score += W_DOMINANT_ADMIN1
    if c.kind in ("town", "region") and c.admin1 and not _names_a_polity(t):
        score += W_SHARED_ADMIN1 * min(ctx.shared_admin1(c, normalise_name(t.text)), SHARED_ADMIN1_CAP)
    if c.kind in ("town", "region"):
        # A place read through one of its alternate names is not near itself: "Paris" is not
        # the Georgia town that lists it as a former name because that town is named too.
        alias_only = normalise_name(c.name) != normalise_name(t.text)
        nearest = nearest_km(c.lat, c.lon, (terms for pid, terms in others if not (alias_only and pid == c.id))
                             if alias_only else (terms for _, terms in others))
        if nearest is not None:
            score += W_NEARBY * math.exp(-nearest / NEARBY_SCALE_KM)
    if t.container is not None:
        outer = toponyms[t.container]
        outer_places = [o for o in ([outer.chosen] if outer.chosen else outer.candidates) if o.kind in ("region", "country")]
        # "Washington, D.C.": the name after the comma may be the town's own other name.
        own = outer.chosen is not None and outer.chosen.id == c.id and outer is not t
        if own or any(o.kind == "region" and o.admin1 == c.admin1 or o.kind == "country" and o.country_code == c.country_code
                      for o in outer_places):
            score += W_CONTAINER
    return score


def _names_a_polity(t: Toponym) -> bool:
    """The name is a country's or a first-level region's own name ("Oregon", "Indiana", "Lebanon")."""
    key = normalise_name(t.text)
    return any(c.id.startswith(("country:", "admin1:")) and normalise_name(c.name) == key for c in t.candidates)


def best(t: Toponym, index: int, ctx: Context | None, toponyms: list[Toponym],
         by_name: dict[str, set[int]] | None = None) -> tuple[Candidate | None, float]:
    """The best candidate and its lead over the runner-up."""
    if not t.candidates:
        return None, 0.0
    scored = []
    same_name = _same_name(index, t, toponyms, by_name) if ctx else set()
    others = _other_points(ctx, same_name) if ctx else []  # the same for every candidate
    for c in t.candidates:
        s = prior(c, t) + (contextual(c, index, t, ctx, toponyms, same_name, others) if ctx else 0.0)
        scored.append((s, -c.population, c))
    scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
    lead = scored[0][0] - scored[1][0] if len(scored) > 1 else math.inf
    t.scores = {c.id: s for s, _, c in scored[:5]}
    return scored[0][2], lead


def resolve(toponyms: list[Toponym], extra_context: list[Candidate] = ()) -> None:
    """Set ``chosen`` on every toponym that has candidates."""
    admin1_names = _admin1_names(toponyms)
    by_name = _indices_by_name(toponyms)
    anchors = Context(admin1_names=admin1_names)
    for c in extra_context:
        anchors.add(-1, c)
    for i, t in enumerate(toponyms):
        c, lead = best(t, i, None, toponyms)
        if c is not None and (lead >= ANCHOR_MARGIN or len(t.candidates) == 1):
            anchors.add(i, c)
    for i, t in enumerate(toponyms):
        t.chosen, _ = best(t, i, anchors, toponyms, by_name)
    # Round two: the whole article's first reading is the context.
    full = Context(admin1_names=admin1_names)
    for c in extra_context:
        full.add(-1, c)
    for i, t in enumerate(toponyms):
        if t.chosen is not None:
            full.add(i, t.chosen)
    for i, t in enumerate(toponyms):
        t.chosen, _ = best(t, i, full, toponyms, by_name)


def _admin1_names(toponyms: list[Toponym]) -> dict[str, dict[str, float]]:
    regions_of: dict[str, set[str]] = {}
    for t in toponyms:
        regions = regions_of.setdefault(normalise_name(t.text), set())
        regions.update(c.admin1 for c in t.candidates if c.kind in ("town", "region") and c.admin1 and not c.feature)
    out: dict[str, dict[str, float]] = {}
    for name, regions in regions_of.items():
        for code in regions:
            out.setdefault(code, {})[name] = 1.0 / len(regions)
    return out


def dominant_area(toponyms: list[Toponym]) -> Candidate | None:
    """The town the article is mostly about (else its region): where its unknown names probably are.

    Votes stay inside the article's main country and favour its main first-level region (a
    named region counts twice): two mentions of a namesake abroad do not outvote a story's
    state and city ("Louisiana ... New Orleans ... Dubreuil").
    """
    chosen = [t.chosen for t in toponyms if t.chosen is not None]
    if not chosen:
        return None
    country = Counter(c.country_code for c in chosen if c.country_code).most_common(1)
    home = [c for c in chosen if not country or c.country_code == country[0][0]] or chosen
    admin1 = Counter()
    for c in home:
        if c.admin1 and c.kind in ("town", "region"):
            admin1[c.admin1] += 2 if c.kind == "region" else 1
    main_admin1 = admin1.most_common(1)[0][0] if admin1 else None
    for kinds in (("town",), ("region",)):
        votes = Counter()
        for c in home:
            if c.kind in kinds:
                votes[c.id] += 1
        if votes:
            first = {c.id: c for c in reversed(home)}
            best = max(votes, key=lambda i: votes[i] + W_AREA_IN_MAIN_ADMIN1 * (first[i].admin1 == main_admin1))
            return first[best]
    return None


def lookup(gazetteer: Gazetteer, text: str) -> tuple[Candidate, ...]:
    """Candidates for a surface form, trying the forms news writing adds ("the", "'s", "region")."""
    for form in surface_forms(text):
        found = gazetteer.lookup(form)
        if found:
            return found
    return ()


def surface_forms(text: str) -> list[str]:
    text = " ".join(text.split())
    forms = [text]
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            forms.append(text[: -len(suffix)])
    if text.lower().startswith("the "):
        forms.append(text[4:])
    return forms
