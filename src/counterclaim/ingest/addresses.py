"""SSRF guard: which network addresses a fetch may connect to.

A URL given to ``ingest`` or found in a feed (or a redirect) must not make
counterclaim talk to the machine it runs on, the local network or a cloud
metadata service. Host names are resolved first and every resolved address is
checked (IPv4 and IPv6, including IPv4 embedded in IPv6); one bad address
refuses the host. The same check runs again when the socket is opened (see
``fetch.GuardedBackend``), so DNS that changes its answer between the check and
the connection gains nothing.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Collection

from ..errors import BlockedAddress

# host, port -> IP address strings. Injectable so tests can map a name to 127.0.0.1 without DNS.
Resolver = Callable[[str, int], list[str]]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud instance-metadata endpoints (AWS/GCP/Azure/OpenStack, AWS ECS, AWS IPv6, Alibaba, Oracle).
# Refused even with allow_private: no news lives there, credentials do.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200", "192.0.0.192")
)
NAT64 = ipaddress.ip_network("64:ff9b::/96")


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        from ..errors import FetchError

        raise FetchError(f"cannot resolve host {host!r} ({exc.strerror})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address hidden in an IPv4-mapped, 6to4 or NAT64 IPv6 address, if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def blocked_reason(address: IPAddress, *, allow_private: bool = False) -> str | None:
    """Why connecting to this address is refused, or None when it is allowed."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner is not None:
            reason = blocked_reason(inner, allow_private=allow_private)
            return f"{reason} (embedded in {address})" if reason else None
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if allow_private:
        return None
    for test, name in (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_private", "a private-network address"),
        ("is_reserved", "a reserved address"),
    ):
        if getattr(address, test):
            return name
    if not address.is_global:
        return "not a public address"
    return None


def parse_address(text: str) -> IPAddress:
    return ipaddress.ip_address(text.split("%", 1)[0])  # drop an IPv6 zone id ("fe80::1%eth0")


def checked_addresses(
    host: str,
    port: int,
    *,
    resolver: Resolver = system_resolver,
    allow_private: bool = False,
    trusted_hosts: Collection[str] = (),
) -> list[str]:
    """Resolve ``host`` and return its addresses if every one is allowed; raise BlockedAddress otherwise."""
    addresses = resolver(host, port)
    if not addresses:
        raise BlockedAddress(f"host {host!r} resolves to no address")
    trusted = host.lower().rstrip(".") in {h.lower() for h in trusted_hosts}
    for text in addresses:
        reason = blocked_reason(parse_address(text), allow_private=allow_private or trusted)
        if reason:
            hint = "" if "metadata" in reason else "; use --allow-private to fetch from your own network"
            raise BlockedAddress(f"refused to connect to {host!r}: {text} is {reason}{hint}")
    return addresses
