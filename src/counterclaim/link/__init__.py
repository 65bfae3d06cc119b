"""Linking across articles: propositions, contradictions and status history (issue 6).

::

    stored article result ──► members (frames.py: claim -> (predicate class, place, polarity, stance);
                               figures.py: casualty figures)
                          ──► blocks (class + place)  ──► propositions (group.py: date chains)
                                                        ──► status history (status.py: a pure replay)

``link_articles(store, ids)`` runs it incrementally over the store (linker.py);
the ingest job calls ``link_after_batch`` after each stored batch.
"""

from __future__ import annotations

from .linker import LinkReport, link_after_batch, link_articles, members_of

__all__ = ["LinkReport", "link_after_batch", "link_articles", "members_of"]
