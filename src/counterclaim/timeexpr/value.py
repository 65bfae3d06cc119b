"""``DateValue``: one normalised date/time expression, before it is tied to a span.

``value``/``precision``/``end``/``duration``/``approximate`` mirror the fields of
``model.DateMention``; ``timex`` is the TimeML TIMEX3 ``value`` string
("2020-11-08", "2020-W45", "1989-Q3", "P6W", "PRESENT_REF", "2020-11-07TNI"),
which is what TimeML gold is scored on and what keeps week, quarter and
part-of-day readings that ISO dates alone cannot express.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import DateMention, Span


@dataclass(frozen=True)
class DateValue:
    value: str | None  # ISO date (YYYY, YYYY-MM, YYYY-MM-DD, or with Thh:mm); None if unresolved
    precision: str  # one of model.DATE_PRECISIONS
    end: str | None = None  # ISO end of a range; None = open-ended
    duration: str | None = None  # ISO 8601 duration ("P6W") for durations with a known length
    approximate: bool = False
    timex: str | None = None  # TimeML TIMEX3 value
    timex_type: str = "DATE"  # DATE, TIME, DURATION or SET
    mod: str | None = None  # TimeML mod: APPROX, START, MID, END, MORE_THAN, ...

    @property
    def resolved(self) -> bool:
        return self.value is not None

    def with_(self, **changes: object) -> DateValue:
        return replace(self, **changes)  # type: ignore[arg-type]

    def to_mention(self, span: Span) -> DateMention:
        return DateMention(
            span=span,
            value=self.value,
            precision=self.precision,
            end=self.end,
            duration=self.duration,
            approximate=self.approximate,
        )
