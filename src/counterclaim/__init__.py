"""counterclaim: a ledger of events and attributed claims from dated conflict news."""

from __future__ import annotations

from .model import (
    Article,
    ArticleResult,
    Claim,
    DateMention,
    Event,
    Fatalities,
    Mention,
    Place,
    Proposition,
    Span,
    StatusChange,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleResult",
    "Claim",
    "DateMention",
    "Event",
    "Fatalities",
    "Mention",
    "Place",
    "Proposition",
    "Span",
    "StatusChange",
    "__version__",
]
