#!/usr/bin/env python
"""Build a snippet TSV (id, EventSnippet, SubType) from an ACLED CSV, for ``counterclaim eval subtypes``.

ACLED data may not be redistributed: the output must go outside the repository
(e.g. /tmp). Usage::

    python scripts/make_subtype_tsv.py ACLED.csv /tmp/subtypes.tsv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from counterclaim.extract.events.lexicon import acled_types

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    source, target = Path(argv[1]), Path(argv[2]).resolve()
    if not source.exists():
        print(f"[E520] {source}: ACLED CSV not found", file=sys.stderr)
        return 2
    if REPO in target.parents:
        print(f"[E520] {target}: refusing to write ACLED-derived data inside the repository", file=sys.stderr)
        return 2
    codes = {t.sub_event_type: t.code for t in acled_types()}
    codes["Excessive force against protestors"] = codes["Excessive force against protesters"]  # older spelling
    written = skipped = 0
    with source.open(encoding="utf-8", newline="") as fin, target.open("w", encoding="utf-8", newline="") as fout:
        writer = csv.writer(fout, delimiter="\t")
        writer.writerow(["id", "EventSnippet", "SubType"])
        for n, row in enumerate(csv.DictReader(fin)):
            code = codes.get(row.get("sub_event_type", ""))
            notes = " ".join((row.get("notes") or "").split())
            if code is None or not notes:
                skipped += 1
                continue
            writer.writerow([row.get("event_id_cnty") or str(n), notes, code])
            written += 1
    print(f"wrote {written} rows to {target} ({skipped} skipped)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
