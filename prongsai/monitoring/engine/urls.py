"""URLs the crawler works with: canonical forms, same-site scope and crawler-trap defences.

Canonical form (:func:`canonical_url`) is what "fetch every URL once" counts:
w3lib's canonicalisation (sorted query, UTF-8 percent-encoding, so a Thai
path written raw or percent-encoded is the same URL), no fragment, no default
port, lower-case host, and session or tracking parameters removed, because a
site that puts ``jsessionid`` in every link would otherwise look infinite.

Scope (:func:`in_site_scope`): without downloading the Public Suffix List we
cannot know every registrable domain, so the rule is deliberately narrow. The
*site base* is the registered host without a leading ``www.``; in scope are
the base itself, ``www.`` + base, and any subdomain of the base. We never widen
to the parent domain: a unit registered as ``unit.mof.go.th`` must not crawl
``mof.go.th`` or its sibling units. When the base is itself a public suffix
(``go.th``, ``co.uk``, a bare ``th``; see :data:`SECOND_LEVEL_LABELS`),
subdomains are not included and only the exact host counts.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Query parameters that identify a visitor's session or campaign, not a
# resource: dropped so the same page is one URL. ``utm_*`` is matched by prefix.
SESSION_PARAMETERS: frozenset[str] = frozenset(
    {"jsessionid", "phpsessid", "sid", "sessionid", "session_id", "aspsessionid", "cfid", "cftoken", "fbclid", "gclid"}
)
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid|sessionid)=[^/?#]*", re.IGNORECASE)
# ASP.NET "cookieless" sessions put the session in a path segment: /(S(lit3py55t21z5v55vlm25s55))/page.aspx
_ASPNET_SESSION = re.compile(r"/\((?:[A-Z]\([^()/]*\))+\)(?=/|$)")

# Second-level labels under a two-letter country code that are public
# suffixes (``go.th``, ``ac.th``, ``or.th``, ``co.uk``, ``gov.au`` ...).
SECOND_LEVEL_LABELS: frozenset[str] = frozenset(
    {"go", "ac", "or", "co", "in", "mi", "net", "com", "org", "gov", "edu", "ne", "gouv", "gob", "nic"}
)


def canonical_url(url: str, base: str | None = None) -> str | None:
    """Return the canonical form of ``url`` (resolved against ``base``), or ``None`` if it is not a usable http(s) URL.

    Never raises: links on real sites are full of junk (``javascript:``,
    ``mailto:``, broken escapes, ports out of range), and a crawler that
    stops on one bad link is a crawler that a site can stop.
    """
    try:
        url = url.strip()
        if base is not None:
            url = urljoin(base, url)
    except (ValueError, UnicodeError, TypeError):
        return None
    return _canonical(url)


# Every page of a site repeats its menus, so the crawler canonicalises the same few hundred
# absolute URLs over and over; w3lib's canonicalisation was a tenth of the crawl's CPU time.
@functools.lru_cache(maxsize=16_384)
def _canonical(url: str) -> str | None:
    """Return the canonical form of an absolute ``url``, or ``None``; never raises."""
    try:
        return _canonical_absolute(url)
    except (ValueError, UnicodeError, TypeError):
        return None


def _canonical_absolute(url: str) -> str | None:
    """Do the work of :func:`canonical_url` on an absolute URL; may raise on malformed input."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        return None
    host = parts.hostname.rstrip(".")
    if not host:
        return None
    host = host.encode("idna").decode("ascii") if not host.isascii() else host.lower()
    port = parts.port
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    path = _ASPNET_SESSION.sub("", _PATH_SESSION.sub("", parts.path)) or "/"
    query = parts.query
    pairs = parse_qsl(query, keep_blank_values=True)
    if any(_is_session_parameter(k) for k, _ in pairs):
        query = urlencode([(k, v) for k, v in pairs if not _is_session_parameter(k)])
    rebuilt = urlunsplit((scheme, netloc, path, query, ""))
    return canonicalize_url(rebuilt, keep_fragments=False)


def _is_session_parameter(name: str) -> bool:
    """Say whether a query parameter names a session or a campaign (compared case-insensitively)."""
    lowered = name.lower()
    return lowered in SESSION_PARAMETERS or lowered.startswith("utm_")


def url_host(url: str) -> str:
    """Return the lower-case host of ``url`` without a trailing dot ("" when there is none)."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return ""


def site_base(registered_host: str) -> str:
    """Return the site base of a registered host: lower case, no trailing dot, no leading ``www.``."""
    host = registered_host.strip().lower().rstrip(".")
    return host.removeprefix("www.") if host.count(".") >= 2 else host


def is_public_suffix(domain: str) -> bool:
    """Say whether ``domain`` is (by our small built-in rule) a public suffix such as ``th`` or ``go.th``."""
    labels = domain.split(".")
    if len(labels) <= 1:
        return True
    return len(labels) == 2 and len(labels[1]) == 2 and labels[0] in SECOND_LEVEL_LABELS


def in_site_scope(url: str, registered_host: str) -> bool:
    """Say whether ``url`` belongs to the site registered as ``registered_host`` (see the module docstring)."""
    host = url_host(url)
    if not host:
        return False
    registered = registered_host.strip().lower().rstrip(".")
    base = site_base(registered)
    if host in (registered, base):
        return True
    if is_public_suffix(base):
        return False
    return host == f"www.{base}" or host.endswith(f".{base}")


@dataclass(frozen=True)
class TrapConfig:
    """Limits that keep an endless URL space (calendars, session links, recursive paths) finite.

    Defaults: ``max_url_length`` 2,000 characters, ``max_path_depth`` 12
    segments, ``max_query_parameters`` 8, ``max_segment_repeats`` 2 (the same
    segment three times, ``/a/b/a/b/a/``, is a relative-link loop), and
    ``max_urls_per_shape`` 30 URLs whose shape (digits replaced) is the same.
    """

    max_url_length: int = 2000
    max_path_depth: int = 12
    max_query_parameters: int = 8
    max_segment_repeats: int = 2
    max_urls_per_shape: int = 30


def trap_reason(url: str, config: TrapConfig) -> str | None:
    """Return why a canonical URL looks like a crawler trap (``url_too_long``, ``path_too_deep``, ...) or ``None``."""
    if len(url) > config.max_url_length:
        return "url_too_long"
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) > config.max_path_depth:
        return "path_too_deep"
    if parts.query and len(parse_qsl(parts.query, keep_blank_values=True)) > config.max_query_parameters:
        return "too_many_query_parameters"
    if segments and max(Counter(segments).values()) > config.max_segment_repeats:
        return "repeated_path_segment"
    return None


_DIGITS = re.compile(r"\d+")
# Random tokens (session or cache-busting ids under names we do not know): hex of 8 or more, or
# 16 or more letters and digits, in either case with at least one digit. Slugs with hyphens
# (news-2567-q1) are not tokens.
_TOKEN = re.compile(r"(?<![A-Za-z0-9])(?=[A-Za-z]*\d)(?:[0-9a-fA-F]{8,}|[A-Za-z0-9]{16,})(?![A-Za-z0-9])")


def _tokens_out(segment: str) -> str:
    # File names keep their tokens: documents named by a hash are many real files, not one trap.
    return segment if "." in segment else _TOKEN.sub("~", segment)


def url_shape(url: str) -> str:
    """Return the URL with random-looking tokens replaced by ``~`` and every run of digits by ``0``.

    One shape then covers a whole calendar or pager family, and a page whose every link carries
    a fresh session token in its query or in a directory name (file names are left alone).
    """
    head, mark, query = url.partition("?")
    scheme, slashes, rest = head.partition("//")
    host, _, path = rest.partition("/")
    segments = "/".join(_tokens_out(segment) for segment in path.split("/"))
    shaped = f"{scheme}{slashes}{host}/{segments}{mark}{_TOKEN.sub('~', query)}"
    return _DIGITS.sub("0", shaped)


class ShapeCounter:
    """Count URLs per shape and refuse a shape once it reaches its cap.

    ``/calendar?day=2024-05-01`` and its infinitely many successors share the
    shape ``/calendar?day=0-0-0``; after ``limit`` of them the rest are skipped.
    A site's legitimate news list (``/news/1`` ... ``/news/400``) is cut as well,
    which is the intended price: the evidence we need is rarely the 31st item.
    """

    def __init__(self, limit: int) -> None:
        """Allow at most ``limit`` URLs per shape."""
        self._limit = limit
        self._counts: Counter[str] = Counter()

    def admit(self, url: str) -> bool:
        """Count ``url`` under its shape and say whether it is within the cap."""
        shape = url_shape(url)
        if self._counts[shape] >= self._limit:
            return False
        self._counts[shape] += 1
        return True
