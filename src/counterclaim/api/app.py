"""The application factory: store, routes, static assets, security and errors.

Errors reach clients as ``{"error": {"code": "E7xx", "status": ..., "message": ...}}``
(JSON under ``/api``, an HTML page elsewhere); unexpected exceptions are logged
server-side and answered with a generic [E700] — never a stack trace.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ApiError, ConfigError, CounterclaimError, InputError
from . import pages, routes_json
from .ingest_route import ingest_router
from .security import SecurityMiddleware, content_security_policy
from .store_access import open_for_app

log = logging.getLogger(__name__)

HTTP_CODES = {404: "E701", 405: "E702", 400: "E702", 401: "E704", 413: "E703", 414: "E703", 501: "E705"}


def _status_of(exc: CounterclaimError) -> int:
    if isinstance(exc, ApiError):
        return exc.status
    if isinstance(exc, (InputError, ConfigError)):
        return 400
    return 500


def _error_response(request: Request, code: str, status: int, message: str) -> Response:
    if request.url.path.startswith("/api") or request.url.path.startswith("/static"):
        return JSONResponse({"error": {"code": code, "status": status, "message": message}},
                            status_code=status)
    return pages.render(request, "error.html", status_code=status, code=code, status=status,
                        message=message)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CounterclaimError)
    async def counterclaim_error(request: Request, exc: CounterclaimError) -> Response:
        return _error_response(request, exc.code, _status_of(exc), str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ()) if p != 'body') or 'body'}: {err.get('msg')}"
            for err in exc.errors()[:5]
        )
        return _error_response(request, "E702", 400, f"[E702] invalid request: {problems}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = HTTP_CODES.get(exc.status_code, "E700")
        message = "not found" if exc.status_code == 404 else str(exc.detail)
        return _error_response(request, code, exc.status_code, f"[{code}] {message}")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return _error_response(request, "E700", 500, "[E700] internal error; see the server log")


def create_app(db: str | Path | Any = None, *, token: str | None = None,
               tile_url: str | None = None) -> FastAPI:
    """The API and dashboard over ``db`` (a path, a store URL, or an open store object).

    ``token`` enables ``POST /api/articles`` (and requires it as a Bearer token);
    ``tile_url`` (``https://host/{z}/{x}/{y}.png``) lays online tiles under the offline map.
    """
    csp = content_security_policy(tile_url)  # validates tile_url before anything is opened
    store = open_for_app(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="counterclaim",
        summary="A ledger of events and attributed claims from dated conflict news.",
        version="1",
        docs_url=None,  # Swagger UI needs a CDN and inline scripts; the schema is enough
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.tile_url = tile_url
    app.state.writable = bool(token)
    _install_error_handlers(app)
    app.include_router(routes_json.router)
    if token:
        app.include_router(ingest_router(token))
    app.include_router(pages.router)
    static_dir = Path(__file__).parent / "static"
    app.mount("/static", StaticFiles(directory=static_dir), name="static")
    app.add_middleware(SecurityMiddleware, csp=csp)
    return app
