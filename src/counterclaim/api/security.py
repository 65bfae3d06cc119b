"""Security headers, request-size limits and the write token.

Article text and titles are untrusted. Besides Jinja2 autoescaping, every
response carries a Content-Security-Policy without inline scripts or styles,
so even an escaping mistake could not run an article's ``<script>`` or
``onerror=``. Request bodies and URLs are bounded before any handler runs.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from ..errors import BadParameter, RequestTooLarge, Unauthorized

MAX_BODY_BYTES = 2 * 1024 * 1024
MAX_URL_BYTES = 4096

ASGIApp = Callable[[dict, Callable, Callable], Awaitable[None]]


def tile_origin(tile_url: str | None) -> str | None:
    """The scheme://host of a tile URL template, for the CSP's img-src."""
    if not tile_url:
        return None
    parts = urlsplit(tile_url.replace("{", "").replace("}", ""))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadParameter(f"tile URL must be http(s)://host/...{{z}}/{{x}}/{{y}}..., got {tile_url!r}")
    return f"{parts.scheme}://{urlsplit(tile_url).netloc}"


def content_security_policy(tile_url: str | None = None) -> str:
    img = "'self' data:" + (f" {tile_origin(tile_url)}" if tile_url else "")
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; "
        f"img-src {img}; connect-src 'self'; font-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )


def _error_body(exc: Exception, status: int) -> bytes:
    code = getattr(exc, "code", "E700")
    return json.dumps({"error": {"code": code, "status": status, "message": str(exc)}}).encode()


class SecurityMiddleware:
    """Adds the headers to every response and refuses oversized requests early."""

    def __init__(self, app: ASGIApp, *, csp: str, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

    async def _refuse(self, send: Callable, exc: Exception, status: int) -> None:
        body = _error_body(exc, status)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()), *self.headers]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        url_len = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
        if url_len > MAX_URL_BYTES:
            await self._refuse(send, RequestTooLarge(f"URL longer than {MAX_URL_BYTES} bytes"), 414)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await self._refuse(send, RequestTooLarge(f"request body over {self.max_body} bytes"), 413)
            return

        received = 0
        started = False

        async def limited_receive() -> dict[str, Any]:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise RequestTooLarge(f"request body over {self.max_body} bytes")
            return message

        async def send_with_headers(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in names]
                message = dict(message, headers=[*message.get("headers", []), *extra])
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except RequestTooLarge as exc:  # a chunked body that grew past the limit
            if not started:
                await self._refuse(send, exc, 413)


def check_token(expected: str, authorization: str | None) -> None:
    """Bearer token check in constant time; raises Unauthorized ([E704])."""
    given = ""
    if authorization and authorization.lower().startswith("bearer "):
        given = authorization[7:].strip()
    if not given or not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise Unauthorized("this endpoint needs 'Authorization: Bearer <token>' with the server's token")
