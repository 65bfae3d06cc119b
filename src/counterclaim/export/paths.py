"""Where an export may be written: inside the chosen folder, nowhere else.

``safe_output_path("ledger.csv", base=".")`` resolves symlinks and ``..`` and
refuses (E210) any path that lands outside ``base``, so
``--out ../../etc/cron.d/x`` or a symlink pointing out of the folder cannot
be used to write elsewhere. ``atomic_output`` writes to a temporary file beside
the target and renames it into place, so a failed export leaves no half file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from ..errors import UnsafeOutputPath


def safe_output_path(out: str | Path, base: str | Path = ".") -> Path:
    base_dir = Path(base).resolve()
    if not base_dir.is_dir():
        raise UnsafeOutputPath(f"the output folder {str(base)!r} does not exist")
    if "\x00" in str(out):
        raise UnsafeOutputPath("the output path contains a NUL byte")
    target = (base_dir / Path(out).expanduser()).resolve()
    if target == base_dir or not target.is_relative_to(base_dir):
        raise UnsafeOutputPath(
            f"refusing to write {str(out)!r}: it resolves to {str(target)!r}, outside {str(base_dir)!r} "
            "(use --dir to choose another folder)"
        )
    if target.is_dir():
        raise UnsafeOutputPath(f"refusing to write {str(out)!r}: it is a folder")
    if not target.parent.is_dir():
        raise UnsafeOutputPath(
            f"refusing to write {str(out)!r}: the folder {str(target.parent)!r} does not exist"
        )
    return target


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[TextIO]:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
