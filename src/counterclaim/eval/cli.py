"""``counterclaim eval TASK --data PATH``: one module per task, each exposing ``command``."""

from __future__ import annotations

import click

from ..cli import LazyGroup

TASKS: dict[str, str] = {
    "attribution": "counterclaim.eval.attribution:command",  # PolNeAR brat (claims)
    "stance": "counterclaim.eval.stance:command",  # Emergent CSV (claims)
    "geoparse": "counterclaim.eval.geoparse:command",  # GeoWebNews / LGL / GeoVirus (places)
    "time": "counterclaim.eval.timex:command",  # TimeML (dates)
    "acled": "counterclaim.eval.acled:command",  # ACLED CSV (events)
    "subtypes": "counterclaim.eval.subtypes:command",  # snippet TSV (events)
    "plover": "counterclaim.eval.plover:command",  # PLOVER CSV (events)
    "grouping": "counterclaim.eval.grouping:command",  # Emergent claim clusters (linking)
}


@click.group(cls=LazyGroup, lazy=TASKS)
def eval_group() -> None:
    """Score an extractor against gold data; prints precision / recall / F1 (``--json`` for JSON).

    \b
    Example:
      counterclaim eval attribution --data ../shared/data/claims/polnear --split dev
    """
