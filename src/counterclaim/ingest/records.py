"""What the readers produce: rejections, column maps, and drafts on their way to becoming Articles."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import CounterclaimError


@dataclass(frozen=True)
class Rejection:
    """One bad article, record or file. Readers yield these; they never raise out of ``read_sources``."""

    where: str  # "path/to/file.csv:row 17", "feed.jsonl:line 3", "stdin", "https://..."
    code: str  # "E101" (see counterclaim.errors)
    reason: str  # one clear human sentence

    @classmethod
    def from_error(cls, error: CounterclaimError, where: str) -> Rejection:
        return cls(where=error.where or where, code=error.code, reason=error.message)

    def __str__(self) -> str:
        return f"[{self.code}] {self.where}: {self.reason}"


@dataclass(frozen=True)
class ColumnMap:
    """Which columns (CSV/TSV) or keys (JSONL) hold each field. Only ``text`` is required in the data."""

    text: str = "text"
    date: str = "date"
    title: str = "title"
    url: str = "url"
    outlet: str = "outlet"
    id: str = "id"

    def explicit_optional(self) -> list[str]:
        """Optional columns the user renamed: if they are missing, that is a mistake worth reporting."""
        default = ColumnMap()
        return [
            getattr(self, name)
            for name in ("date", "title", "url", "outlet", "id")
            if getattr(self, name) != getattr(default, name)
        ]


@dataclass
class Draft:
    """An article as read, before checks and date resolution turn it into an Article or a Rejection."""

    text: str
    where: str
    date_value: str | None = None  # a date string found in a header, metadata or a date column
    date_origin: str | None = None  # "header" or "metadata" when date_value is set
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    external_id: str | None = None
    warnings: list[str] = field(default_factory=list)
