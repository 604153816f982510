"""Loopback web servers and a fake clock for the fetcher and crawler tests (no network beyond 127.0.0.1)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from aiohttp import web

from prongsai.monitoring.engine.addresses import AddressPolicy

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def run_async[T](scenario: Coroutine[Any, Any, T]) -> T:
    """Run a test scenario on a fresh event loop in its own thread.

    Other suites (Playwright's sync API) may leave an event loop running in the
    main thread, where ``asyncio.run`` refuses to start; a thread has none.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, scenario).result()


@dataclass
class Server:
    """A running loopback server: its port, the paths it was asked for (in order) and when (loop time)."""

    port: int
    requests: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    user_agents: list[str] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)

    def url(self, path: str = "/") -> str:
        """Return the absolute URL of ``path`` on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def policy(self) -> AddressPolicy:
        """Return a policy allowing exactly this server's address and port."""
        return AddressPolicy(allow_endpoints=(("127.0.0.1", self.port),))

    def count(self, path: str) -> int:
        """Return how often ``path`` (with its query) was requested."""
        return self.requests.count(path)


@asynccontextmanager
async def serve(routes: dict[str, Handler], *, default: Handler | None = None) -> AsyncIterator[Server]:
    """Serve ``routes`` (exact path -> handler; ``default`` for the rest, else 404) on 127.0.0.1, a free port."""
    server = Server(port=0)
    loop = asyncio.get_running_loop()

    async def dispatch(request: web.Request) -> web.StreamResponse:
        server.requests.append(request.path_qs)
        server.times.append(loop.time())
        server.user_agents.append(request.headers.get("User-Agent", ""))
        server.methods.append(request.method)
        handler = routes.get(request.path) or default
        if handler is None:
            return web.Response(status=404, text="not here")
        return await handler(request)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", dispatch)
    runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    server.port = site._server.sockets[0].getsockname()[1]
    try:
        yield server
    finally:
        await runner.cleanup()


def html(body: str, *, status: int = 200, headers: dict[str, str] | None = None) -> Handler:
    """Return a handler answering with an HTML page."""

    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(text=body, status=status, content_type="text/html", charset="utf-8", headers=headers)

    return handler


def redirect(location: str, status: int = 302) -> Handler:
    """Return a handler answering with a redirect to ``location``."""

    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(status=status, headers={"Location": location})

    return handler


class FakeClock:
    """A clock whose sleeps advance time at once and are recorded, so delays are asserted exactly."""

    def __init__(self, start: float = 1000.0) -> None:
        """Start the monotonic reading at ``start``."""
        self.time = start
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        """Return the fake monotonic reading."""
        return self.time

    def now(self) -> datetime:
        """Return a fixed wall time advanced by the fake seconds."""
        return datetime(2026, 3, 15, 9, 0, tzinfo=UTC) + timedelta(seconds=self.time - 1000.0)

    async def sleep(self, seconds: float) -> None:
        """Record the sleep, advance the clock, and yield to the loop."""
        self.sleeps.append(round(seconds, 6))
        self.time += max(0.0, seconds)
        await asyncio.sleep(0)
