"""ACLED's actor conventions applied to an event's actors once its type is known.

The ACLED codebook (acleddata.com, "Actors" section) codes the crowd of a
demonstration as the generic actor "Protesters (Country)" and of a riot as
"Rioters (Country)" -- named unions or parties are only associated actors --
and the police who intervene as the second actor. Violence whose perpetrator the
text does not name is "Unidentified Armed Group (Country)"; a country standing as
the agent of violence means its armed forces. The victims ("Civilians (X)") are
never the first actor of political violence.
"""

from __future__ import annotations

from dataclasses import replace

from .participants import Participant

VIOLENCE = frozenset({"Battles", "Violence against civilians", "Explosions/Remote violence"})
CROWD_FIRST = {"Protests": ("Protesters ({country})", "population"), "Riots": ("Rioters ({country})", "population")}
INTERVENING = "Excessive force against protesters"  # the state forces are actor1 here


def _generic(template: str, kind: str, country: str, like: Participant | None) -> Participant:
    start, end = (like.start, like.end) if like is not None and like.kind == "population" else (0, 0)
    return Participant(template.format(country=country), None, kind, start, end)


def codebook_actors(event_type: str, sub_event_type: str, actor1: Participant | None,
                    actor2: Participant | None, country: str | None
                    ) -> tuple[Participant | None, Participant | None]:
    """(actor1, actor2) following ACLED's conventions for an event of this type in ``country``."""
    if event_type in CROWD_FIRST and sub_event_type != INTERVENING:
        template, kind = CROWD_FIRST[event_type]
        where = country or (actor1.side if actor1 is not None else None)
        if where is None:
            return actor1, actor2
        crowd = template.format(country=where)
        if actor1 is not None and actor1.name == crowd:
            return actor1, actor2
        if actor1 is not None and actor1.kind != "population":
            # "police dispersed the protesters": the crowd is actor1, the police (or a named group) actor2
            return _generic(template, kind, where, None), actor2 or actor1
        victim = actor1 if actor1 is not None and actor1.name.startswith("Civilians") else None
        return _generic(template, kind, where, actor1), actor2 or victim
    if event_type in VIOLENCE:
        if actor1 is not None and actor1.kind == "population" and actor1.side and actor1.name == actor1.side:
            return replace(actor1, name=f"Military Forces of {actor1.side}", kind="military"), actor2
        if actor1 is None or actor1.name.startswith("Civilians"):
            if country is None:
                return actor1, actor2
            victim = actor1
            unknown = Participant(f"Unidentified Armed Group ({country})", None, "armed_group", 0, 0)
            return unknown, actor2 or victim
    return actor1, actor2
