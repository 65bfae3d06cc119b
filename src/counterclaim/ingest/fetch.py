"""Fetching one URL safely: SSRF guard, manual redirects, timeouts, size cap, content types.

Every hop of a redirect chain is checked like the first URL, before the request
(for a clear message) and again when the socket opens (``GuardedBackend``), so a
redirect or a DNS answer that changes cannot reach a private address. Proxies
from the environment are ignored for the same reason.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from .. import __version__
from ..errors import (
    BlockedAddress,
    FetchError,
    FetchTimeout,
    HttpStatusError,
    ResponseTooLarge,
    TooManyRedirects,
    UnsupportedContentType,
)
from .addresses import Resolver, checked_addresses, system_resolver
from .guards import MAX_MARKUP_BYTES
from .html import draft_from_html
from .records import Draft
from .text import decode_text_bytes

USER_AGENT = f"counterclaim/{__version__} (+https://github.com/counterclaim/counterclaim)"
REDIRECT_CODES = frozenset((301, 302, 303, 307, 308))
PAGE_TYPES = frozenset(("text/html", "application/xhtml+xml", "text/plain", "text/xml", "application/xml"))
FEED_TYPES = PAGE_TYPES | {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+xml",
}


@dataclass(frozen=True)
class FetchPolicy:
    """Limits for one fetch. Tests shorten the timeouts and inject a resolver."""

    allow_private: bool = False
    trusted_hosts: Collection[str] = ()  # host names allowed to be private (an intranet feed server)
    resolver: Resolver = system_resolver
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0  # the whole fetch, redirects and a slowly trickling body included
    max_bytes: int = MAX_MARKUP_BYTES
    max_redirects: int = 5
    accepted_types: frozenset[str] = PAGE_TYPES


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    content: bytes = b""

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for parameter in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "charset":
                return value.strip().strip('"').lower() or None
        return None


class GuardedBackend(httpcore.SyncBackend):
    """Opens sockets only to addresses the SSRF guard allows, resolved by our own resolver."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        last_error: Exception | None = None
        for address in checked_addresses(
            host,
            port,
            resolver=self.policy.resolver,
            allow_private=self.policy.allow_private,
            trusted_hosts=self.policy.trusted_hosts,
        ):
            try:  # connect to the checked address itself; TLS still verifies the host name
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last_error = exc
        raise last_error or httpcore.ConnectError(f"cannot connect to {host}")

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        raise BlockedAddress("unix sockets are never fetched")


def open_client(policy: FetchPolicy) -> httpx.Client:
    transport = httpx.HTTPTransport(trust_env=False, retries=0)
    # httpx has no public hook for the network backend; swap it on the pool it built.
    transport._pool._network_backend = GuardedBackend(policy)  # noqa: SLF001
    return httpx.Client(
        transport=transport,
        headers={"User-Agent": USER_AGENT},
        follow_redirects=False,
        trust_env=False,
        timeout=httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout),
    )


def check_url(url: str, policy: FetchPolicy) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BlockedAddress(f"only http and https URLs are fetched, not {parts.scheme or 'no scheme'}:")
    if not parts.hostname:
        raise FetchError(f"URL has no host: {url}")
    checked_addresses(
        parts.hostname,
        parts.port or (443 if parts.scheme == "https" else 80),
        resolver=policy.resolver,
        allow_private=policy.allow_private,
        trusted_hosts=policy.trusted_hosts,
    )


def read_capped(response: httpx.Response, policy: FetchPolicy, deadline: float) -> bytes:
    """The body, streamed, stopping as soon as it passes the size cap or the deadline."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise ResponseTooLarge(
            f"response declares {int(declared):,} bytes; the limit is {policy.max_bytes:,}"
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > policy.max_bytes:
            raise ResponseTooLarge(f"response cut off after {policy.max_bytes:,} bytes (the limit)")
        if time.monotonic() > deadline:
            raise FetchTimeout(f"response still arriving after {policy.total_timeout:g} s; gave up")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(
    url: str,
    policy: FetchPolicy = FetchPolicy(),
    *,
    headers: Mapping[str, str] | None = None,
    client: httpx.Client | None = None,
) -> Fetched:
    """GET a URL under the policy. A 304 comes back as ``Fetched(status=304)``; errors raise FetchError."""
    deadline = time.monotonic() + policy.total_timeout
    own_client = client is None
    client = client or open_client(policy)
    current = url
    try:
        for _hop in range(policy.max_redirects + 1):
            check_url(current, policy)
            remaining = max(0.01, deadline - time.monotonic())
            timeout = httpx.Timeout(
                min(policy.read_timeout, remaining), connect=min(policy.connect_timeout, remaining)
            )
            with client.stream("GET", current, headers=dict(headers or {}), timeout=timeout) as response:
                if response.status_code in REDIRECT_CODES and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    continue
                if response.status_code == 304:
                    return Fetched(current, 304, dict(response.headers))
                if response.status_code >= 400:
                    raise HttpStatusError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
                fetched = Fetched(current, response.status_code, dict(response.headers))
                if fetched.media_type and fetched.media_type not in policy.accepted_types:
                    raise UnsupportedContentType(
                        f"content type {fetched.media_type!r} is not a page or a feed"
                    )
                content = read_capped(response, policy, deadline)
                return Fetched(current, response.status_code, dict(response.headers), content)
        raise TooManyRedirects(f"more than {policy.max_redirects} redirects (last: {current})")
    except httpx.TimeoutException as exc:
        raise FetchTimeout(f"timed out ({type(exc).__name__})") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch: {type(exc).__name__}: {exc}") from None
    finally:
        if own_client:
            client.close()


def fetch_draft(url: str, *, allow_private: bool = False, policy: FetchPolicy | None = None) -> Draft:
    """Fetch a page and read it as an article (HTML via trafilatura, plain text as a .txt file)."""
    policy = policy or FetchPolicy(allow_private=allow_private)
    fetched = fetch(url, policy)
    if fetched.media_type == "text/plain":
        content = fetched.content
        charset = fetched.charset
        if charset and charset not in ("utf-8", "utf8", "us-ascii", "ascii"):
            try:  # the server named another encoding: honour it, then read as UTF-8 text
                content = content.decode(charset).encode("utf-8")
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong label: fall back to our own detection
        draft = decode_text_bytes(content, url)
        draft.url = fetched.url
        return draft
    return draft_from_html(fetched.content, url, url=fetched.url)
