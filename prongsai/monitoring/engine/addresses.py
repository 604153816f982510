"""The address guard: the monitor connects only to public addresses, checked after DNS resolution.

A unit's website is an address we did not choose, so a hostile or careless
site could point us at the ICT Center's own network: a hostname resolving to
10.0.0.5, a redirect to http://169.254.169.254/ (cloud metadata), a DNS answer
that changes between our check and our connect (rebinding). The guard is
therefore applied where the socket is opened: :class:`GuardedResolver` plugs
into aiohttp's connector, resolves the name, drops every address the policy
refuses and hands aiohttp only the vetted ones, so the connection can only go
to an address that was checked. IP literals never reach a resolver in aiohttp,
so :func:`url_refusal` checks them (and the scheme and credentials) before
every request and every redirect hop.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import SplitResult, urlsplit

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Cloud metadata services and the link-local ranges they live in: refused even when private addresses
# are allowed (an intranet deployment still has no business asking a cloud host for its credentials),
# unless a policy names them explicitly (nobody should need to). AWS, GCP, Azure and OpenStack answer on
# 169.254.169.254, Oracle also on 169.254.0.0/16 addresses, AWS on fd00:ec2::254 (IPv6), Alibaba on
# 100.100.100.200; any link-local address is one hop away and never a unit's website.
METADATA_NETWORKS: tuple[IPNetwork, ...] = tuple(
    ipaddress.ip_network(n) for n in ("169.254.0.0/16", "fe80::/10", "fd00:ec2::/32", "100.100.100.200/32")
)
# Written out although ``is_global`` covers most of them, so a reader sees the
# list and a Python upgrade that changes ``is_global`` cannot open a hole.
NON_PUBLIC_NETWORKS: tuple[IPNetwork, ...] = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",  # "this network", unspecified
        "10.0.0.0/8",
        "100.64.0.0/10",  # carrier-grade NAT
        "127.0.0.0/8",
        "169.254.0.0/16",  # link-local, includes the metadata address
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, includes broadcast
        "::/128",
        "::1/128",
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",  # old site-local
        "ff00::/8",  # multicast
        "2001:db8::/32",
        "100::/64",
    )
)


class Refusal(StrEnum):
    """Why the guard refused a URL or an address; the values are the fetcher's error codes."""

    BAD_SCHEME = "bad_scheme"
    CREDENTIALS = "credentials_in_url"
    INVALID_URL = "invalid_url"
    BLOCKED_ADDRESS = "blocked_address"


class BlockedAddressError(OSError):
    """Every address a hostname resolved to was refused by the policy.

    An ``OSError`` because aiohttp turns resolver ``OSError`` values into a
    connection error and keeps the original as its cause, where the fetcher
    finds it and reports ``blocked_address`` rather than a DNS failure.
    """


@dataclass(frozen=True)
class AddressPolicy:
    """Which non-public addresses the monitor may still connect to.

    The default refuses everything that is not a public unicast address.
    ``allow_private`` opens private and loopback ranges (an intranet
    deployment, the self-check's ``--allow-private``), still not link-local
    ones or the cloud metadata services (:data:`METADATA_NETWORKS`).
    ``allow_networks`` opens whole networks on any port; ``allow_endpoints``
    opens one ``(address, port)`` exactly, so a test can allow its own
    loopback server and still see another loopback port refused.
    """

    allow_private: bool = False
    allow_networks: tuple[str, ...] = ()
    allow_endpoints: tuple[tuple[str, int], ...] = ()
    _networks: tuple[IPNetwork, ...] = field(init=False, repr=False, compare=False)
    _endpoints: frozenset[tuple[IPAddress, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Parse the allow-lists once, so a typo fails when the policy is built, not mid-crawl."""
        object.__setattr__(self, "_networks", tuple(ipaddress.ip_network(n, strict=False) for n in self.allow_networks))
        object.__setattr__(
            self,
            "_endpoints",
            frozenset((ipaddress.ip_address(host), int(port)) for host, port in self.allow_endpoints),
        )

    def permits(self, address: str | IPAddress, port: int) -> bool:
        """Say whether a connection to ``address``:``port`` is allowed."""
        try:
            ip = ipaddress.ip_address(address) if isinstance(address, str) else address
        except ValueError:
            return False
        ip = _unwrap(ip)
        if (ip, port) in self._endpoints or any(ip in network for network in self._networks):
            return True
        if is_metadata_address(ip):
            return False
        if is_public_address(ip):
            return True
        return self.allow_private and not ip.is_unspecified


def is_metadata_address(address: str | IPAddress) -> bool:
    """Say whether an address is link-local or a cloud metadata service's, however it is wrapped."""
    try:
        ip = _unwrap(ipaddress.ip_address(address) if isinstance(address, str) else address)
    except ValueError:
        return False
    return any(ip in network for network in METADATA_NETWORKS if network.version == ip.version)


def _unwrap(ip: IPAddress) -> IPAddress:
    """Return the IPv4 address an IPv6 form carries (mapped, 6to4, NAT64, Teredo client), else ``ip``.

    ``::ffff:127.0.0.1`` reaches 127.0.0.1 on a dual-stack socket; judging
    the wrapper instead of what it carries would let it through.
    """
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip.sixtofour is not None:
            return ip.sixtofour
        if ip.teredo is not None:
            return ip.teredo[1]
        if ip in _NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_public_address(address: str | IPAddress) -> bool:
    """Say whether an address is public unicast: not private, loopback, link-local, multicast, reserved or CGNAT."""
    try:
        ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    except ValueError:
        return False
    ip = _unwrap(ip)
    if any(ip in network for network in NON_PUBLIC_NETWORKS if network.version == ip.version):
        return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified or ip.is_loopback)


def _port_of(parts: SplitResult) -> int | None:
    """Return the URL's port (default for the scheme), or ``None`` when it is not a valid port."""
    try:
        port = parts.port
    except ValueError:
        return None
    if port is not None:
        return port
    return 443 if parts.scheme == "https" else 80


def url_refusal(url: str, policy: AddressPolicy) -> tuple[Refusal, str] | None:
    """Check a URL before any request: http(s) only, no credentials, IP literals through the policy.

    Return ``None`` when the URL may be requested (a hostname is then vetted
    by :class:`GuardedResolver` when the connection opens), else the refusal
    and an English message for logs.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return Refusal.INVALID_URL, f"not a URL: {url[:200]!r}"
    if parts.scheme not in ("http", "https"):
        return Refusal.BAD_SCHEME, f"only http and https are fetched, not {parts.scheme or 'no scheme'!r}"
    if "@" in parts.netloc:
        return Refusal.CREDENTIALS, "URLs carrying a user name or password are not fetched"
    host = parts.hostname
    port = _port_of(parts)
    if not host or port is None:
        return Refusal.INVALID_URL, f"no valid host or port in {url[:200]!r}"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        if _looks_numeric(host):
            # Legacy IPv4 forms (2130706433, 0x7f.1, 127.1) that some resolvers map to addresses.
            return Refusal.INVALID_URL, f"not a canonical address: {host!r}"
        return None
    if not policy.permits(ip, port):
        return Refusal.BLOCKED_ADDRESS, f"address {host} is not public"
    return None


def _looks_numeric(host: str) -> bool:
    """Say whether a host is made of numbers and dots only (a non-canonical IPv4 form)."""
    labels = host.rstrip(".").split(".")
    return all(label.isdigit() or label.lower().startswith("0x") for label in labels if label)


class GuardedResolver(AbstractResolver):
    """An aiohttp resolver that returns only the addresses the policy allows.

    Because aiohttp connects only to what the resolver returns, a name that
    resolves to a private address (or is rebound to one later) is never
    connected to. ``inner`` is the real resolver; tests may pass a fixed one.
    """

    def __init__(self, policy: AddressPolicy, inner: AbstractResolver | None = None) -> None:
        """Wrap ``inner`` (the system resolver by default) with ``policy``."""
        self._policy = policy
        self._inner = inner if inner is not None else ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """Resolve ``host`` and keep only allowed addresses; raise :class:`BlockedAddressError` when none is left."""
        answers = await self._inner.resolve(host, port, family)
        allowed = vet_answers(answers, self._policy)
        if not allowed:
            refused = ", ".join(sorted({a["host"] for a in answers}))
            raise BlockedAddressError(f"{host} resolves only to refused addresses ({refused})")
        return allowed

    async def close(self) -> None:
        """Close the wrapped resolver."""
        await self._inner.close()


def vet_answers(answers: Iterable[ResolveResult], policy: AddressPolicy) -> list[ResolveResult]:
    """Keep the resolver answers whose address and port the policy allows."""
    return [answer for answer in answers if policy.permits(answer["host"], answer["port"])]
