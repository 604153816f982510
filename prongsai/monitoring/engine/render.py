"""Run a page's scripts as a person's browser would, and keep the document they make: :class:`Renderer`.

Some agency sites write their menus, tiles or tables with script (a ``components.js`` that writes the whole
navigation into an empty ``<nav>``, a list filled after the page loads). The crawler sees only the HTML the server
sent, where such a site has one page and no links; a person sees what the scripts made of it. For a page that
runs scripts, the crawl asks a headless Chromium (Debian's package, driven by Playwright) to load it and keeps
the document the scripts leave behind, whose links the crawl then follows.

The browser reaches nothing by itself. Every request the page makes is intercepted: the page's own document is
answered with the body the crawl already fetched; its scripts and data requests (GET) on the same site are
fetched by the crawl's fetcher, under the same address guard, robots rules, politeness and byte caps as every
other fetch; everything else (pictures, styles, fonts, other hosts, other methods, frames, pop-ups) is refused.
As a second wall the browser starts with a proxy that leads nowhere, so a request that slipped past the
interception (a web socket, say) could not leave the machine either. Pages render one or two at a time per
worker process, each in a fresh browser context, within a time limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from playwright.async_api import Error as PlaywrightError

from prongsai.monitoring.engine.fetch import FetchResult

if TYPE_CHECKING:
    from playwright.async_api import Browser, Route

__all__ = ["QUIET_CHROMIUM_ARGS", "RenderConfig", "Renderer", "SubFetch", "chromium_path", "open_renderer"]

log = logging.getLogger(__name__)

SubFetch = Callable[[str], Awaitable[FetchResult | None]]
"""Fetch what a rendered page asks for (a same-site script or data request): the answer, or None to refuse it."""

_SUBRESOURCES = frozenset({"script", "xhr", "fetch"})
_NOWHERE_PROXY = "socks5://127.0.0.1:9"
"""The discard port: nothing listens there, so a connection the interception missed is refused at once."""


@dataclass(frozen=True)
class RenderConfig:
    """When and how long pages are rendered.

    ``max_pages`` (1 per site by default, 0 renders nothing) pages that run scripts: the start page, then pages
    whose served HTML has fewer than ``thin_links`` (12) links, the mark of a page its scripts fill. One page
    keeps a national round within six hours with OCR at its budget too (``bench/monitor_farm/national.py``);
    the start page is where script-written menus hide a whole site. Up to ``max_element_pages`` (6) more pages
    run when they hold a custom element no rendered page had. Each render has
    ``seconds`` (30; a site's scripts arrive one by one at its politeness delay the first time, from the crawl's
    cache after that) to load and settle, ``max_requests`` (40) requests of its own and ``max_bytes`` (8 MiB) of
    rendered document; ``at_once`` (2) pages render at a time in one worker process.
    """

    max_pages: int = 1
    thin_links: int = 12
    max_element_pages: int = 6
    """Further pages a site may have rendered beyond ``max_pages`` (when it renders at all) because they hold a
    custom element (``<side-menu>``) no rendered page had: sites built of web components write a section's menu
    in an element of its own. Sites without such elements never use these."""
    seconds: float = 30.0
    max_requests: int = 40
    max_bytes: int = 8 * 1024 * 1024
    at_once: int = 2
    chromium: str = ""
    """The browser's executable; empty: ``PRONGSAI_CHROMIUM`` or ``chromium`` on the PATH ("none" there: no browser)."""


def chromium_path(configured: str = "") -> str | None:
    """Return the Chromium executable to use, or None when the machine has none or ``PRONGSAI_CHROMIUM`` is "none"."""
    chosen = os.environ.get("PRONGSAI_CHROMIUM", "")
    if chosen == "none":
        return None
    for candidate in (configured, chosen, "chromium", "chromium-browser"):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


class Renderer:
    """One headless Chromium for the crawls of a worker process, started at the first page that needs it (a site
    with no scripts costs nothing); see the module's documentation. Use it through :func:`open_renderer`."""

    def __init__(self, executable: str, config: RenderConfig) -> None:
        self.executable = executable
        self.config = config
        self._gate = asyncio.Semaphore(max(1, config.at_once))
        self._started = asyncio.Lock()
        self._stack = contextlib.AsyncExitStack()
        self._browser: Browser | None = None

    async def _ready(self) -> Browser:
        async with self._started:
            if self._browser is None:
                from playwright.async_api import async_playwright

                playwright = await self._stack.enter_async_context(async_playwright())
                browser = await playwright.chromium.launch(executable_path=self.executable, args=_browser_args())
                self._stack.push_async_callback(browser.close)
                self._browser = browser
            return self._browser

    async def close(self) -> None:
        """Stop the browser, if it was started."""
        await self._stack.aclose()
        if self._browser is not None:
            self._browser = None
            # Playwright leaves its driver's pipe to the garbage collector: collect it while the loop can close it.
            gc.collect()

    async def render(self, page: FetchResult, fetch: SubFetch) -> FetchResult | None:
        """Return ``page`` with the document its scripts leave behind as its body, or None when it did not render.

        ``fetch`` answers the page's same-site script and data requests; nothing else reaches the network.
        """
        async with self._gate:
            try:
                async with asyncio.timeout(self.config.seconds + 5):
                    html = await self._render(page, fetch)
            except Exception as error:  # noqa: BLE001 - a page that breaks the browser is only not rendered
                log.info("render of %s failed: %s", page.final_url, error)
                return None
        body = html.encode("utf-8")
        if len(body) > self.config.max_bytes:
            return None
        headers = (("Content-Type", "text/html; charset=utf-8"),)
        return replace(page, body=body, headers=headers, content_type="text/html", charset="utf-8", truncated=False)

    async def _render(self, served: FetchResult, fetch: SubFetch) -> str:
        browser = await self._ready()
        context = await browser.new_context(
            java_script_enabled=True, service_workers="block", accept_downloads=False, offline=False
        )
        requests = 0

        async def answer(route: Route) -> None:
            nonlocal requests
            request = route.request
            if not requests and request.resource_type == "document":  # the page itself (however Chromium spells it)
                requests += 1
                await route.fulfill(
                    status=served.status or 200,
                    headers={"Content-Type": served.header("Content-Type") or "text/html"},
                    body=served.body,
                )
                return
            if request.method != "GET" or request.resource_type not in _SUBRESOURCES:
                await route.abort()
                return
            requests += 1
            result = await fetch(request.url) if requests <= self.config.max_requests else None
            if result is None or result.error is not None or result.status is None:
                await route.abort()
                return
            content_type = result.header("Content-Type") or "application/octet-stream"
            await route.fulfill(status=result.status, headers={"Content-Type": content_type}, body=result.body)

        try:
            await context.route("**/*", answer)
            tab = await context.new_page()
            milliseconds = self.config.seconds * 1000
            await tab.goto(served.final_url, wait_until="load", timeout=milliseconds)
            with contextlib.suppress(PlaywrightError):  # a page that keeps polling is read as it stands
                await tab.wait_for_load_state("networkidle", timeout=milliseconds / 3)
            return await tab.content()
        finally:
            await context.close()


@asynccontextmanager
async def open_renderer(config: RenderConfig) -> AsyncIterator[Renderer | None]:
    """Yield a renderer whose headless Chromium starts when a page first needs it, and stops on leaving; yield None
    (nothing is rendered) where the machine has no Chromium or ``config`` renders no page."""
    executable = chromium_path(config.chromium) if config.max_pages > 0 else None
    if executable is None:
        yield None
        return
    renderer = Renderer(executable, config)
    try:
        yield renderer
    finally:
        await renderer.close()


QUIET_CHROMIUM_ARGS = (
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--mute-audio",
)
"""Flags for a headless Chromium that does nothing of its own accord: no GPU, no updates, sync or extensions."""


def _browser_args() -> list[str]:
    args = [f"--proxy-server={_NOWHERE_PROXY}", "--proxy-bypass-list=<-loopback>", *QUIET_CHROMIUM_ARGS]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium will not start its sandbox as root (containers, CI)
    return args
