"""One colour per side, the same on every page, in the map and in the legend.

Colours are CSS classes (``side-0`` .. ``side-7``, ``side-none``) rather than
inline styles, because the Content-Security-Policy forbids inline styles.
Well-known conflict parties get fixed slots so that opposing sides contrast;
any other side gets a stable slot from a hash of its name.
"""

from __future__ import annotations

import zlib

N_SLOTS = 8
FIXED_SLOTS = {
    "azerbaijan": 0,
    "armenia": 1,
    "artsakh": 2,
    "russia": 3,
    "ukraine": 4,
    "turkey": 5,
    "israel": 6,
    "hamas": 7,
    "palestine": 7,
}


def side_slot(side: str | None) -> str:
    if not side:
        return "none"
    key = side.strip().lower()
    if key in FIXED_SLOTS:
        return str(FIXED_SLOTS[key])
    return str(zlib.crc32(key.encode("utf-8")) % N_SLOTS)


def side_class(side: str | None) -> str:
    return f"side-{side_slot(side)}"
