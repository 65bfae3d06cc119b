"""Fetching URLs: a local server for pages, redirects, huge and slow responses; the SSRF guard."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from counterclaim.errors import (
    BlockedAddress,
    FetchError,
    FetchTimeout,
    HttpStatusError,
    ResponseTooLarge,
    TooManyRedirects,
    UnsupportedContentType,
)
from counterclaim.ingest import Rejection, read_sources
from counterclaim.ingest.addresses import blocked_reason, checked_addresses, system_resolver
from counterclaim.ingest.fetch import FetchPolicy, fetch
from counterclaim.model import Article
from test_fetch_server import LocalServer

NOW = datetime(2024, 6, 1, tzinfo=UTC)
HTML = {"Content-Type": "text/html; charset=utf-8"}
PAGE = (
    b"<html><head><title>Ceasefire holds</title><meta property='og:site_name' content='Local Wire'></head>"
    b"<body><nav>Home | World</nav><article><h1>Ceasefire holds</h1>"
    b"<p>The foreign ministry said on Monday that the ceasefire had held overnight along the whole front "
    b"line, while the other side accused it of shelling two villages in the north of the region.</p>"
    b"<p>Observers from the monitoring mission said that they could not confirm either account and that "
    b"their patrols had been unable to reach the villages because of damaged roads.</p>"
    b"</article></body></html>"
)


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


def names(mapping: dict[str, str]):
    """A resolver that maps test host names, and leaves IP literals to the system (no DNS needed)."""

    def resolve(host: str, port: int) -> list[str]:
        if host in mapping:
            return [mapping[host]]
        return system_resolver(host, port)

    return resolve


def local(**kwargs) -> FetchPolicy:
    """Policy for talking to the local test server."""
    settings = {"allow_private": True, "connect_timeout": 2.0, "read_timeout": 2.0, "total_timeout": 5.0}
    return FetchPolicy(**{**settings, **kwargs})


# --- addresses ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "blocked"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.10.10", "link-local"),
        ("169.254.169.254", "metadata"),
        ("100.100.100.200", "metadata"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("100.64.0.1", "not a public"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("fd00:ec2::254", "metadata"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "metadata"),
        ("2002:c0a8:0101::1", "private"),  # 6to4 around 192.168.1.1
        ("64:ff9b::a00:1", "private"),  # NAT64 around 10.0.0.1
        ("93.184.216.34", None),
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
        ("::ffff:8.8.8.8", None),
    ],
)
def test_address_table(address: str, blocked: str | None) -> None:
    reason = blocked_reason(ipaddress.ip_address(address))
    if blocked is None:
        assert reason is None
    else:
        assert reason is not None and blocked in reason


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.1", "fe80::1", "::ffff:192.168.0.1"])
def test_allow_private_opens_private_ranges(address: str) -> None:
    assert blocked_reason(ipaddress.ip_address(address), allow_private=True) is None


def test_metadata_stays_blocked_even_with_allow_private() -> None:
    assert "metadata" in blocked_reason(ipaddress.ip_address("169.254.169.254"), allow_private=True)


def test_one_private_address_among_several_refuses_the_host() -> None:
    resolve = lambda host, port: ["93.184.216.34", "10.0.0.5"]  # noqa: E731
    with pytest.raises(BlockedAddress, match="10.0.0.5 is a private"):
        checked_addresses("mixed.test", 80, resolver=resolve)


def test_hostname_resolving_to_loopback_is_refused_after_dns(server: LocalServer) -> None:
    policy = FetchPolicy(resolver=names({"news.test": "127.0.0.1"}))
    with pytest.raises(BlockedAddress, match="'news.test'.*loopback"):
        fetch(server.url("/page", host="news.test"), policy)
    assert not any(path == "/page" for path, _ in server.requests)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://[::1]/",
        "http://2130706433/",
        "http://0x7f.0.0.1/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_literal_loopback_spellings_are_refused(url: str) -> None:
    with pytest.raises(BlockedAddress):
        fetch(url, FetchPolicy(connect_timeout=0.5))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://127.0.0.1/"])
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(BlockedAddress, match="only http and https"):
        fetch(url)


# --- pages through the local server --------------------------------------------------------------


def test_normal_page_becomes_an_article(server: LocalServer) -> None:
    server.routes["/2021/02/03/ceasefire"] = lambda h: (200, HTML, PAGE)
    url = server.url("/2021/02/03/ceasefire")
    article = next(read_sources([url], allow_private=True, now=NOW))
    assert isinstance(article, Article), article
    assert "ceasefire had held overnight" in article.text and "Home | World" not in article.text
    assert (article.date, article.date_origin) == ("2021-02-03", "url")
    assert (article.title, article.outlet, article.source) == ("Ceasefire holds", "Local Wire", url)
    path, headers = [r for r in server.requests if r[0] == "/2021/02/03/ceasefire"][-1]
    assert headers["user-agent"].startswith("counterclaim/")


def test_url_without_allow_private_is_a_rejection_not_a_crash(server: LocalServer) -> None:
    server.routes["/p"] = lambda h: (200, HTML, PAGE)
    items = list(read_sources([server.url("/p"), server.url("/p")], now=NOW))
    assert [(type(i), i.code) for i in items] == [(Rejection, "E401")] * 2


def test_plain_text_url_uses_the_txt_rules(server: LocalServer) -> None:
    body = (
        "date 2020-11-08 " + "The army said that it had taken the town after a night of fighting. " * 3
    ).encode()
    server.routes["/plain"] = lambda h: (200, {"Content-Type": "text/plain; charset=utf-8"}, body)
    article = next(read_sources([server.url("/plain")], allow_private=True, now=NOW))
    assert (article.date, article.date_origin) == ("2020-11-08", "header")


def test_declared_charset_of_plain_text_is_honoured(server: LocalServer) -> None:
    body = (
        "The mayor said the caf\u00e9 had been shelled and that the army held the town centre. " * 3
    ).encode("latin-1")
    server.routes["/latin"] = lambda h: (200, {"Content-Type": "text/plain; charset=ISO-8859-1"}, body)
    article = next(read_sources([server.url("/latin")], allow_private=True, now=NOW))
    assert "café" in article.text
    assert not any(w.startswith("[E103]") for w in article.ingest_warnings)


def test_redirects_are_followed_up_to_five(server: LocalServer) -> None:
    for hop in range(7):
        server.routes[f"/hop{hop}"] = lambda h, hop=hop: (302, {"Location": f"/hop{hop + 1}"}, b"")
    server.routes["/hop7"] = lambda h: (200, HTML, PAGE)
    assert fetch(server.url("/hop2"), local()).url.endswith("/hop7")  # five redirects: fine
    with pytest.raises(TooManyRedirects, match="more than 5"):
        fetch(server.url("/hop1"), local())


def test_redirect_to_a_private_address_is_refused(server: LocalServer) -> None:
    """The first hop is a trusted host name; the redirect goes to a loopback address: refused."""
    server.routes["/go-private"] = lambda h: (302, {"Location": server.url("/secret")}, b"")
    server.routes["/secret"] = lambda h: (200, HTML, PAGE)
    policy = FetchPolicy(resolver=names({"feeds.test": "127.0.0.1"}), trusted_hosts={"feeds.test"})
    server.requests.clear()
    with pytest.raises(BlockedAddress, match="127.0.0.1 is a loopback"):
        fetch(server.url("/go-private", host="feeds.test"), policy)
    assert [path for path, _ in server.requests] == ["/go-private"]  # /secret never requested
    # the same chain is followed when private addresses are allowed: the refusal above is the guard's
    assert fetch(server.url("/go-private", host="feeds.test"), local(resolver=policy.resolver)).status == 200


@pytest.mark.parametrize(
    "target",
    [
        "http://10.0.0.1/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:8080/",
        "http://metadata.test/",
    ],
)
def test_redirect_targets_are_checked_before_connecting(server: LocalServer, target: str) -> None:
    server.routes["/go"] = lambda h: (301, {"Location": target}, b"")
    policy = FetchPolicy(
        resolver=names({"feeds.test": "127.0.0.1", "metadata.test": "169.254.169.254"}),
        trusted_hosts={"feeds.test"},
        connect_timeout=0.5,
    )
    with pytest.raises(BlockedAddress):
        fetch(server.url("/go", host="feeds.test"), policy)


def test_dns_that_changes_its_answer_is_caught_at_connect(server: LocalServer) -> None:
    """Rebinding: the pre-flight lookup says public, the connection-time lookup says loopback."""
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])
    policy = FetchPolicy(resolver=lambda host, port: next(answers), connect_timeout=1)
    with pytest.raises(BlockedAddress, match="loopback"):
        fetch(server.url("/p", host="rebind.test"), policy)


def test_huge_response_is_cut_off(server: LocalServer) -> None:
    sent: list[int] = []

    def endless(headers):
        def chunks():
            for _ in range(2000):  # up to 128 MB if nobody stopped reading
                sent.append(1)
                yield b"x" * 65536

        return 200, HTML, chunks()

    server.routes["/huge"] = endless
    with pytest.raises(ResponseTooLarge, match="cut off after 1,000,000 bytes"):
        fetch(server.url("/huge"), local(max_bytes=1_000_000))
    assert len(sent) < 200


def test_declared_huge_response_is_refused_before_reading(server: LocalServer) -> None:
    server.routes["/declared"] = lambda h: (200, {**HTML, "Content-Length": str(10**9)}, iter([b"x"]))
    with pytest.raises(ResponseTooLarge, match="declares 1,000,000,000 bytes"):
        fetch(server.url("/declared"), local(max_bytes=1_000_000))


def test_slow_response_times_out(server: LocalServer) -> None:
    def slow(headers):
        time.sleep(1.5)
        return 200, HTML, PAGE

    server.routes["/slow"] = slow
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetch(server.url("/slow"), local(read_timeout=0.3, total_timeout=1))
    assert time.monotonic() - started < 1.4


def test_trickling_body_hits_the_total_deadline(server: LocalServer) -> None:
    def trickle(headers):
        def chunks():
            for _ in range(40):
                time.sleep(0.05)
                yield b"<p>x</p>"

        return 200, HTML, chunks()

    server.routes["/trickle"] = trickle
    with pytest.raises(FetchTimeout, match="still arriving"):
        fetch(server.url("/trickle"), local(read_timeout=1, total_timeout=0.5))


@pytest.mark.parametrize(
    ("status", "headers", "error"),
    [
        (200, {"Content-Type": "image/png"}, UnsupportedContentType),
        (200, {"Content-Type": "application/pdf"}, UnsupportedContentType),
        (404, HTML, HttpStatusError),
        (500, HTML, HttpStatusError),
    ],
)
def test_bad_responses(server: LocalServer, status: int, headers: dict, error: type) -> None:
    server.routes["/bad"] = lambda h: (status, headers, b"\x89PNG....")
    with pytest.raises(error):
        fetch(server.url("/bad"), local())


def test_connection_refused_is_a_fetch_error() -> None:
    with pytest.raises(FetchError):
        fetch("http://127.0.0.1:9/", local())
