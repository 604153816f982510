"""robots.txt: fetched once per host through the fetcher, parsed with protego, honoured for our user agent.

How each answer is read (RFC 9309 §2.3.1):

* 2xx — the rules apply; ``Crawl-delay`` and ``Sitemap:`` lines are kept.
* 4xx (404 and also 401/403) — "unavailable": everything is allowed.
* 5xx, a timeout or a connection failure — "unreachable": RFC 9309
  §2.3.1.4 says to assume complete disallow, because a server that cannot
  answer for its rules is likely overloaded too, and crawling it anyway is
  exactly what the site owner could not ask us not to do. The disallow holds
  for this run only; the next round asks again.

Registered item URLs (the *seeds*: the addresses a unit itself entered in the
register as where each item is published) are the one exception we make, and
only for an unreachable robots.txt: the unit told us to look there, a human
assessor would open them, and it is one request per URL under the usual
politeness. An explicit ``Disallow`` in a robots.txt that *was* read is the
site owner's stated wish and is honoured even for seeds; the finding then
says the page is disallowed rather than missing. :meth:`RobotsRules.allows`
takes ``seed=`` to apply this rule in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from protego import Protego

from prongsai.monitoring.engine.fetch import Fetcher, FetchResult

ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309 §2.5: parse at least 500 KiB


class RobotsState(StrEnum):
    """How the robots.txt answer was interpreted."""

    RULES = "rules"
    ALLOW_ALL = "allow_all"
    UNREACHABLE = "unreachable"


@dataclass(frozen=True)
class RobotsRules:
    """The robots.txt rules of one origin, as they apply to our user agent."""

    origin: str
    state: RobotsState
    user_agent: str
    crawl_delay: float | None = None
    sitemaps: tuple[str, ...] = ()
    parser: Protego | None = None
    reason: str = ""
    failure: str = ""
    """For an unreachable robots.txt, what went wrong: the fetch error code, or ``http_<status>``."""

    def allows(self, url: str, *, seed: bool = False) -> bool:
        """Say whether ``url`` may be fetched; ``seed`` marks a registered item URL (see the module docstring)."""
        if self.state is RobotsState.ALLOW_ALL:
            return True
        if self.state is RobotsState.UNREACHABLE:
            return seed
        return self.parser is None or bool(self.parser.can_fetch(url, self.user_agent))


def robots_token(user_agent: str) -> str:
    """Return the product token robots.txt groups match (``ProngsaiMonitor`` from ``ProngsaiMonitor/1.0 (...)``)."""
    return user_agent.split("/", 1)[0].split(" ", 1)[0] or user_agent


def robots_from_result(origin: str, result: FetchResult, user_agent: str) -> RobotsRules:
    """Interpret a fetched robots.txt answer (see the module docstring for the rules)."""
    token = robots_token(user_agent)
    if result.error is not None and result.status is None:
        return RobotsRules(
            origin,
            RobotsState.UNREACHABLE,
            token,
            reason=f"{result.error}: {result.error_message}",
            failure=str(result.error),
        )
    status = result.status or 0
    if status >= 500 or (result.error is not None and status < 400):
        return RobotsRules(
            origin, RobotsState.UNREACHABLE, token, reason=f"robots.txt answered {status}", failure=f"http_{status}"
        )
    if 400 <= status < 500:
        return RobotsRules(origin, RobotsState.ALLOW_ALL, token, reason=f"robots.txt answered {status}")
    if not 200 <= status < 300:
        return RobotsRules(origin, RobotsState.ALLOW_ALL, token, reason=f"robots.txt answered {status}")
    text = result.body.decode("utf-8", errors="replace").lstrip("\ufeff")
    parser = Protego.parse(text)
    delay = parser.crawl_delay(token)
    return RobotsRules(
        origin,
        RobotsState.RULES,
        token,
        crawl_delay=float(delay) if delay is not None else None,
        sitemaps=tuple(parser.sitemaps),
        parser=parser,
        reason="truncated at the byte cap" if result.truncated else "",
    )


async def robots_fetch(
    fetcher: Fetcher, origin: str, *, max_bytes: int = ROBOTS_MAX_BYTES
) -> tuple[RobotsRules, FetchResult]:
    """Fetch ``origin``/robots.txt once and return its rules (with the raw result, for evidence)."""
    result = await fetcher.fetch(f"{origin}/robots.txt", max_bytes=max_bytes)
    return robots_from_result(origin, result, fetcher.config.user_agent), result
