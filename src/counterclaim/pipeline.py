"""Article in, ArticleResult out: one spaCy parse, then the registered stages.

``Pipeline.run`` is pure per article, which is what lets ``run_many`` fan out
over processes (and the scale-out code over a Dask cluster). A stage that
raises does not lose the article: the failure is recorded in
``result.warnings`` with code E600 and the remaining stages still run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Sequence

from .extract.registry import DEFAULT_STAGES, Stage, resolve_order
from .model import Article, ArticleResult
from .nlp import load_nlp

log = logging.getLogger(__name__)


class Pipeline:
    def __init__(self, stages: Sequence[str] = DEFAULT_STAGES) -> None:
        self.stages: list[Stage] = resolve_order(list(stages))
        self.nlp = load_nlp()

    @property
    def versions(self) -> dict[str, str]:
        return {s.name: s.version for s in self.stages}

    def _apply(self, doc, article: Article) -> ArticleResult:
        result = ArticleResult(article=article)
        for st in self.stages:
            try:
                st(doc, result)
            except Exception as exc:  # one bad stage must not lose the article
                log.exception("stage %s failed on %s", st.name, article.id)
                result.warnings.append(f"[E600] stage {st.name} failed: {type(exc).__name__}: {exc}")
        return result

    def run(self, article: Article) -> ArticleResult:
        return self._apply(self.nlp(article.text), article)

    def run_many(
        self, articles: Iterable[Article], *, batch_size: int = 16, n_process: int = 1
    ) -> Iterator[ArticleResult]:
        """Results in input order; ``n_process > 1`` parses in worker processes."""
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
            yield self._apply(doc, article)


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT
