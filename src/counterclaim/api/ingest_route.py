"""``POST /api/articles``: the one write endpoint, present only when a token is set.

Each posted article runs through the same extraction pipeline as ``ingest``
and is stored with ``add_results`` (duplicates by content hash are reported,
not stored twice). The pipeline is loaded on the first post, not at start-up.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field, ValidationError, field_validator
from starlette.concurrency import run_in_threadpool

from ..errors import BadParameter
from ..model import Article, article_id, content_hash
from . import params
from .security import check_token

MAX_ARTICLES_PER_POST = 50
MAX_TEXT_CHARS = 1_000_000


class ArticleIn(BaseModel):
    text: str = Field(..., min_length=1, max_length=MAX_TEXT_CHARS)
    date: str | None = Field(None, description="publication date YYYY-MM-DD")
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)
    external_id: str | None = Field(None, max_length=200)

    @field_validator("url")
    @classmethod
    def http_only(cls, value: str | None) -> str | None:
        if value and urlsplit(value).scheme not in ("http", "https"):
            raise ValueError("url must be http(s)")
        return value


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(..., min_length=1, max_length=MAX_ARTICLES_PER_POST)


def to_article(item: ArticleIn) -> Article:
    if not item.text.strip():
        raise BadParameter("text is empty")
    date = params.iso_date(item.date, "date")
    digest = content_hash(item.text)
    return Article(
        id=article_id(digest), text=item.text, date=date,
        date_origin="metadata" if date else "ingest-time", title=item.title, outlet=item.outlet,
        url=item.url, source="api", external_id=item.external_id, hash=digest,
    )


def parse_body(raw: bytes) -> ArticlesIn:
    try:
        return ArticlesIn.model_validate_json(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'body'}: {err['msg']}" for err in exc.errors()[:5]
        )
        raise BadParameter(f"invalid articles: {problems}") from None


REQUEST_SCHEMA = {
    "type": "object",
    "required": ["articles"],
    "properties": {"articles": {"type": "array", "minItems": 1, "maxItems": MAX_ARTICLES_PER_POST,
                                "items": ArticleIn.model_json_schema()}},
}


def ingest_router(token: str) -> APIRouter:
    router = APIRouter(prefix="/api")

    @router.post(
        "/articles", summary="Ingest articles (needs 'Authorization: Bearer <token>')",
        openapi_extra={"requestBody": {"required": True,
                                       "content": {"application/json": {"schema": REQUEST_SCHEMA}}}},
    )
    async def post_articles(request: Request) -> dict[str, Any]:
        # the token is checked before the body is read, so strangers learn nothing about validation
        check_token(token, request.headers.get("authorization"))
        body = parse_body(await request.body())
        articles = [to_article(a) for a in body.articles]
        return await run_in_threadpool(_ingest, request.app.state.store, articles)

    return router


def _ingest(store: Any, articles: list[Article]) -> dict[str, Any]:
    from ..link import link_after_batch
    from ..pipeline import default_pipeline

    results = list(default_pipeline().run_many(articles))
    report = store.call("add_results", results)
    link_warnings = store.apply(link_after_batch, report.added_ids)
    return {
        "ids": [a.id for a in articles],
        "added": report.added,
        "duplicates": report.duplicates,
        "revisions": list(report.revisions),
        "warnings": {r.article.id: r.warnings for r in results if r.warnings},
        "link_warnings": link_warnings,
    }
