"""One HTTP fetch that a hostile site cannot hang, flood or steer: :class:`Fetcher`.

Every request goes through the address guard (IP literals here, hostnames in
the connector's :class:`GuardedResolver`), a per-request deadline, a byte cap
counted on the *decompressed* body (a 10 KB gzip bomb that inflates to 10 GB
stops at the cap), manual redirects (each hop re-checked by the guard and by
the caller's scope check, loops and long chains stopped), and retries with
exponential backoff and jitter on connection errors, 429 and 5xx, honouring
``Retry-After``. Timeouts and certificate errors are not retried: a host too
slow for the deadline would only multiply the wait, and a bad certificate does
not heal in a second. Trouble comes back as a :class:`FetchResult` with an
:class:`ErrorCode`, never as an exception: one bad URL must not end a crawl.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from enum import StrEnum
from urllib.parse import urlsplit

import aiohttp
from multidict import CIMultiDictProxy

from prongsai.monitoring.engine.addresses import AddressPolicy, BlockedAddressError, GuardedResolver, url_refusal
from prongsai.monitoring.engine.clock import Clock
from prongsai.monitoring.engine.politeness import Politeness
from prongsai.monitoring.engine.urls import canonical_url, url_host

DEFAULT_USER_AGENT = "ProngsaiMonitor/1.0 (transparency disclosure checker; +prongsai)"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class ErrorCode(StrEnum):
    """What went wrong with a fetch; ``None`` on a result means an HTTP answer arrived (whatever its status)."""

    BAD_SCHEME = "bad_scheme"
    CREDENTIALS = "credentials_in_url"
    INVALID_URL = "invalid_url"
    BLOCKED_ADDRESS = "blocked_address"
    DNS_ERROR = "dns_error"
    TLS_ERROR = "tls_error"
    CONNECTION_ERROR = "connection_error"
    TIMEOUT = "timeout"
    REDIRECT_LOOP = "redirect_loop"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    REDIRECT_REFUSED = "redirect_refused"
    RETRY_AFTER_TOO_LONG = "retry_after_too_long"
    BAD_RESPONSE = "bad_response"
    ALREADY_FETCHED = "already_fetched"


@dataclass(frozen=True)
class FetchConfig:
    """How one fetch behaves. Every value has a default safe for crawling government sites.

    ``total_timeout`` (30 s) bounds one attempt from connect to the last body
    byte, so a slow-drip body is cut at the deadline; ``read_timeout`` (10 s)
    is the longest silence between two reads; ``max_bytes`` (10 MiB) caps the
    decompressed body; ``max_redirects`` (5, as RFC 9309 asks for robots.txt);
    ``max_retries`` (2) retries after the first attempt with a delay of
    ``backoff_base * 2**n`` (capped at ``backoff_max``) times a jitter in
    [0.5, 1.5); ``Retry-After`` is honoured up to ``retry_after_max`` (60 s) —
    asked to wait longer, we give up rather than knock early.
    """

    user_agent: str = DEFAULT_USER_AGENT
    total_timeout: float = 30.0
    connect_timeout: float = 10.0
    read_timeout: float = 10.0
    max_bytes: int = 10 * 1024 * 1024
    chunk_size: int = 64 * 1024
    max_redirects: int = 5
    max_retries: int = 2
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    retry_after_max: float = 60.0
    accept: str = "text/html,application/xhtml+xml,application/pdf,*/*;q=0.8"
    accept_language: str = "th,en;q=0.8"


@dataclass(frozen=True)
class FetchResult:
    """What one fetch produced: the answer (or the error), where it came from, and how it ended.

    ``redirects`` lists the URLs that answered with a redirect, in order;
    ``final_url`` is the one whose answer this is. ``headers`` keeps every
    header line (duplicates included) as ``(name, value)`` pairs. ``truncated``
    says the body was cut (byte cap or deadline); a document (not text) whose
    Content-Length is over the cap is not read at all: ``truncated`` with no body. ``error`` is ``None`` when an
    HTTP answer arrived, whatever its status.
    """

    requested_url: str
    final_url: str
    redirects: tuple[str, ...] = ()
    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    content_type: str | None = None
    charset: str | None = None
    last_modified: datetime | None = None
    elapsed: float = 0.0
    truncated: bool = False
    attempts: int = 0
    error: ErrorCode | None = None
    error_message: str = ""
    address: str | None = None
    """The IP address the answer came from (the connection's peer), when one answered."""

    @property
    def ok(self) -> bool:
        """Say whether a 2xx answer arrived."""
        return self.error is None and self.status is not None and 200 <= self.status < 300

    def header(self, name: str) -> str | None:
        """Return the first value of header ``name`` (case-insensitive), or ``None``."""
        lowered = name.lower()
        return next((value for key, value in self.headers if key.lower() == lowered), None)


HopCheck = Callable[[str], Awaitable[tuple[ErrorCode, str] | None]]


@dataclass
class _Attempt:
    """One request-response exchange, before redirect and retry decisions."""

    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    truncated: bool = False
    error: ErrorCode | None = None
    message: str = ""
    retryable: bool = False
    content_type: str | None = None
    charset: str | None = None
    location: str | None = None
    address: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


class Fetcher:
    """Fetch URLs over one shared aiohttp session, safely and politely; see the module docstring.

    Build it with :func:`open_fetcher` (which owns the session and its guarded
    connector) or pass a session whose connector uses :class:`GuardedResolver`.
    ``rng`` supplies the jitter (inject a seeded one in tests); ``politeness``
    spaces the requests per host, retries and redirect hops included.
    """

    def __init__(
        self,
        session: aiohttp.ClientSession,
        *,
        config: FetchConfig,
        policy: AddressPolicy,
        clock: Clock,
        politeness: Politeness | None = None,
        rng: random.Random | None = None,
    ) -> None:
        """Fetch through ``session`` with ``config``, vetting addresses with ``policy``."""
        self.session = session
        self.config = config
        self.policy = policy
        self.clock = clock
        self.politeness = politeness
        self._rng = rng if rng is not None else random.Random()

    async def fetch(
        self,
        url: str,
        *,
        max_bytes: int | None = None,
        hop_check: HopCheck | None = None,
        if_modified_since: datetime | None = None,
        etag: str | None = None,
    ) -> FetchResult:
        """Fetch ``url`` following redirects and retrying transient failures; never raise for network trouble.

        ``max_bytes`` lowers the byte cap for this fetch (robots.txt, a crawl's
        remaining byte budget). ``hop_check`` is asked about every redirect
        target (scope, robots) and may refuse it. ``if_modified_since`` and
        ``etag`` make the request conditional (a 304 answer then has no body).
        """
        started = self.clock.monotonic()
        cap = self.config.max_bytes if max_bytes is None else max(0, min(max_bytes, self.config.max_bytes))
        headers = {
            "User-Agent": self.config.user_agent,
            "Accept": self.config.accept,
            "Accept-Language": self.config.accept_language,
        }
        if if_modified_since is not None:
            headers["If-Modified-Since"] = format_datetime(if_modified_since, usegmt=True)
        if etag is not None:
            headers["If-None-Match"] = etag
        current = url
        chain: list[str] = []
        seen = {canonical_url(url) or url}
        attempts = 0
        while True:
            refusal = url_refusal(current, self.policy)
            if refusal is not None:
                return self._result(
                    url, current, chain, started, attempts, error=ErrorCode(refusal[0]), message=refusal[1]
                )
            attempt, used = await self._with_retries(current, headers, cap)
            attempts += used
            if attempt.error is not None or attempt.status not in REDIRECT_STATUSES or attempt.location is None:
                return self._result(url, current, chain, started, attempts, attempt=attempt)
            target = canonical_url(attempt.location, base=current)
            if target is None:
                return self._result(
                    url, current, chain, started, attempts, attempt=attempt, error=ErrorCode.REDIRECT_REFUSED,
                    message=f"redirect to an unusable address {attempt.location[:200]!r}",
                )  # fmt: skip
            if target in seen:
                return self._result(
                    url, current, chain, started, attempts, attempt=attempt, error=ErrorCode.REDIRECT_LOOP,
                    message=f"redirect loop back to {target}",
                )  # fmt: skip
            if len(chain) >= self.config.max_redirects:
                return self._result(
                    url, current, chain, started, attempts, attempt=attempt, error=ErrorCode.TOO_MANY_REDIRECTS,
                    message=f"more than {self.config.max_redirects} redirects",
                )  # fmt: skip
            if hop_check is not None:
                verdict = await hop_check(target)
                if verdict is not None:
                    chain.append(current)
                    return self._result(url, target, chain, started, attempts, error=verdict[0], message=verdict[1])
            seen.add(target)
            chain.append(current)
            current = target

    async def _with_retries(self, url: str, headers: Mapping[str, str], cap: int) -> tuple[_Attempt, int]:
        """Make one request, retrying connection errors, 429 and 5xx with backoff; return last attempt and count."""
        attempt = _Attempt()
        for number in range(self.config.max_retries + 1):
            attempt = await self._polite_once(url, headers, cap)
            if not attempt.retryable or number == self.config.max_retries:
                return attempt, number + 1
            delay = self._backoff(number)
            wait = self._retry_after(attempt.extra.get("retry-after"), attempt.extra.get("date"))
            if wait is not None:
                if wait > self.config.retry_after_max:
                    attempt.error = ErrorCode.RETRY_AFTER_TOO_LONG
                    attempt.message = (
                        f"the server asks to wait {wait:.0f} s, more than {self.config.retry_after_max:.0f} s"
                    )
                    return attempt, number + 1
                delay = max(delay, wait)
            await self.clock.sleep(delay)
        return attempt, self.config.max_retries + 1

    def _backoff(self, number: int) -> float:
        """Return the exponential backoff before retry ``number + 1``, with jitter in [0.5, 1.5)."""
        base = min(self.config.backoff_max, self.config.backoff_base * float(1 << number))
        return base * (0.5 + self._rng.random())

    def _retry_after(self, value: str | None, date: str | None) -> float | None:
        """Return the seconds a ``Retry-After`` value asks for (delta-seconds or an HTTP date), or ``None``.

        An HTTP date is measured against the response's own ``Date`` header
        when it has one (the server's clock, immune to our clock's skew), else
        against the injected clock's ``now``.
        """
        if not value:
            return None
        value = value.strip()
        if value.isdigit():
            return float(value)
        when = _http_date(value)
        if when is None:
            return None
        reference = _http_date(date) if date else None
        seconds: float = (when - (reference or self.clock.now())).total_seconds()
        return max(0.0, seconds)

    async def _polite_once(self, url: str, headers: Mapping[str, str], cap: int) -> _Attempt:
        """Make one request inside the host's politeness slot (if any)."""
        if self.politeness is None:
            return await self._once(url, headers, cap)
        async with self.politeness.slot(url_host(url)):
            return await self._once(url, headers, cap)

    async def _once(self, url: str, headers: Mapping[str, str], cap: int) -> _Attempt:
        """Make exactly one request and read at most ``cap`` decompressed bytes before the deadline."""
        attempt = _Attempt()
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.config.total_timeout):
                async with self.session.get(url, headers=headers, allow_redirects=False) as response:
                    attempt.status = response.status
                    attempt.address = _peer_address(response)
                    attempt.headers = tuple(response.headers.items())
                    attempt.content_type = response.content_type.lower() if "Content-Type" in response.headers else None
                    attempt.charset = response.charset
                    attempt.location = response.headers.get("Location")
                    attempt.extra = _retry_headers(response.headers)
                    attempt.retryable = response.status in RETRY_STATUSES
                    if response.status in REDIRECT_STATUSES or attempt.retryable:
                        # Their bodies are not evidence; don't spend the budget on them.
                        response.close()
                        return attempt
                    if _declared_too_large(response.content_length, cap, attempt.content_type):
                        # A document cut at the cap cannot be opened, so its bytes would only cost
                        # bandwidth and memory: a site's 256 MiB "PDF" is refused from its headers.
                        attempt.truncated = True
                        response.close()
                        return attempt
                    async for chunk in response.content.iter_chunked(self.config.chunk_size):
                        if size + len(chunk) > cap:
                            chunks.append(chunk[: cap - size])
                            size = cap
                            attempt.truncated = True
                            response.close()  # the rest is never read, the connection is not reused
                            break
                        chunks.append(chunk)
                        size += len(chunk)
        except TimeoutError:
            attempt.error = ErrorCode.TIMEOUT
            attempt.message = f"no complete answer within {self.config.total_timeout:g} s"
            attempt.truncated = attempt.status is not None
        except (aiohttp.ClientConnectorCertificateError, aiohttp.ClientSSLError) as exc:
            attempt.error, attempt.message = ErrorCode.TLS_ERROR, str(exc)
        except aiohttp.ClientConnectorError as exc:
            if isinstance(exc.os_error, BlockedAddressError) or isinstance(exc.__cause__, BlockedAddressError):
                attempt.error, attempt.message = ErrorCode.BLOCKED_ADDRESS, str(exc.__cause__ or exc.os_error)
            elif isinstance(exc, aiohttp.ClientConnectorDNSError):
                attempt.error, attempt.message = ErrorCode.DNS_ERROR, str(exc)
            else:
                attempt.error, attempt.message, attempt.retryable = ErrorCode.CONNECTION_ERROR, str(exc), True
        except aiohttp.InvalidURL as exc:
            attempt.error, attempt.message = ErrorCode.INVALID_URL, str(exc)
        except aiohttp.ClientPayloadError as exc:
            # A broken gzip stream or a chunked body cut short: keep what arrived.
            attempt.error, attempt.message, attempt.truncated = ErrorCode.BAD_RESPONSE, str(exc), True
        except aiohttp.ClientResponseError as exc:
            attempt.error, attempt.message = ErrorCode.BAD_RESPONSE, str(exc)
        except (aiohttp.ClientError, OSError) as exc:
            attempt.error, attempt.message, attempt.retryable = (
                ErrorCode.CONNECTION_ERROR,
                str(exc) or type(exc).__name__,
                True,
            )
        except ValueError as exc:  # yarl and the HTTP parser reject some malformed URLs and headers this way
            attempt.error, attempt.message = ErrorCode.BAD_RESPONSE, str(exc)
        if attempt.error is not None and attempt.status is not None and attempt.error is not ErrorCode.TIMEOUT:
            attempt.retryable = False
        attempt.body = b"".join(chunks)
        return attempt

    def _result(
        self,
        requested: str,
        final: str,
        chain: list[str],
        started: float,
        attempts: int,
        *,
        attempt: _Attempt | None = None,
        error: ErrorCode | None = None,
        message: str = "",
    ) -> FetchResult:
        """Assemble the :class:`FetchResult` of a finished fetch."""
        a = attempt or _Attempt()
        return FetchResult(
            requested_url=requested,
            final_url=final,
            redirects=tuple(chain),
            status=a.status,
            headers=a.headers,
            body=a.body,
            content_type=a.content_type,
            charset=a.charset,
            last_modified=_http_date(next((v for k, v in a.headers if k.lower() == "last-modified"), None)),
            elapsed=self.clock.monotonic() - started,
            truncated=a.truncated,
            attempts=attempts,
            error=error if error is not None else a.error,
            error_message=message or a.message,
            address=a.address,
        )


def _peer_address(response: aiohttp.ClientResponse) -> str | None:
    """Return the IP address the response's connection is open to (what the address guard let through)."""
    connection = response.connection
    transport = connection.transport if connection is not None else None
    peer = transport.get_extra_info("peername") if transport is not None else None
    return str(peer[0]) if isinstance(peer, tuple) and peer else None


# Bodies still worth reading when cut at the cap: the start of a page or a sitemap is still text.
_READ_WHEN_CUT = ("text/", "application/xhtml+xml", "application/xml", "application/rss+xml", "application/json")


def _declared_too_large(length: int | None, cap: int, content_type: str | None) -> bool:
    """Say whether a response announces more bytes than the cap and is a kind that is useless once cut.

    With a Content-Encoding the length is the compressed size, so the decompressed body is larger still.
    An answer without a type may be a page and is read.
    """
    if length is None or length <= cap or content_type is None:
        return False
    return not content_type.startswith(_READ_WHEN_CUT)


def _retry_headers(headers: CIMultiDictProxy[str]) -> dict[str, str]:
    """Keep the two headers the retry decision reads."""
    return {name: headers[name] for name in ("retry-after", "date") if name in headers}


def _http_date(value: str | None) -> datetime | None:
    """Parse an HTTP date into an aware UTC datetime, or ``None`` when absent or malformed."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def build_session(config: FetchConfig, policy: AddressPolicy, *, limit: int = 100) -> aiohttp.ClientSession:
    """Create an aiohttp session whose connector resolves through the guard; no proxies from the environment.

    ``trust_env=False`` matters: an ``HTTP_PROXY`` variable would send every
    request to the proxy, whose address the guard never sees. Cookies are not
    kept (a session cookie is how sites make one page look like many).
    """
    connector = aiohttp.TCPConnector(resolver=GuardedResolver(policy), limit=limit, ttl_dns_cache=300)
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=config.connect_timeout, sock_read=config.read_timeout)
    return aiohttp.ClientSession(
        connector=connector,
        timeout=timeout,
        trust_env=False,
        cookie_jar=aiohttp.DummyCookieJar(),
        auto_decompress=True,
        max_line_size=16 * 1024,
        max_field_size=16 * 1024,
    )


@asynccontextmanager
async def open_fetcher(
    *,
    config: FetchConfig,
    policy: AddressPolicy,
    clock: Clock,
    politeness: Politeness | None = None,
    rng: random.Random | None = None,
) -> AsyncIterator[Fetcher]:
    """Open a :class:`Fetcher` on a fresh guarded session and close the session afterwards."""
    async with build_session(config, policy) as session:
        yield Fetcher(session, config=config, policy=policy, clock=clock, politeness=politeness, rng=rng)


def origin_of(url: str) -> str:
    """Return ``scheme://host[:port]`` of ``url`` (no path), the key robots.txt rules belong to."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
