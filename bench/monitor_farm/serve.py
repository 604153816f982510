"""Serve a generated farm on loopback, every site on its own address at one port.

Linux routes the whole of 127.0.0.0/8 to the loopback interface, so site i listens on 127.0.1.(i+1) (then
127.0.2.x, …) and a crawler's per-host politeness applies as it would on the internet. Besides the
generated files the server answers robots.txt and sitemap.xml from each site's manifest, sends
Last-Modified on the documents the manifest dates, and plays the dynamic traps: an endless calendar,
session ids in URLs, a redirect loop, a huge file and a page that drips out slowly.
"""

import asyncio
import datetime as dt
import email.utils
import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode
from xml.sax.saxutils import escape

from aiohttp import web

from .generate import site_slug

_TYPES = {
    ".html": "text/html",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".png": "image/png",
}


@dataclass(frozen=True)
class ServeConfig:
    """How the dynamic traps behave. Defaults are the benchmark's; tests shrink them.

    `huge_bytes` is the size of the huge file (sent with its Content-Length, in `chunk_bytes` pieces);
    `slow_seconds` how long the slow page takes to finish, one small piece every `drip_seconds`.
    """

    huge_bytes: int = 256 * 1024 * 1024
    chunk_bytes: int = 64 * 1024
    slow_seconds: float = 30.0
    drip_seconds: float = 1.0


def _order_free(key: str) -> str:
    """Return a route key whose query parameters are sorted: web servers ignore their order, so must the farm."""
    path, _, query = key.partition("?")
    if not query:
        return path
    return path + "?" + urlencode(sorted(parse_qsl(query, keep_blank_values=True)))


@dataclass(frozen=True)
class _SiteData:
    root: Path
    manifest: dict[str, Any]

    @functools.cached_property
    def routes(self) -> dict[str, str]:
        """The site's routes by order-free key."""
        return {_order_free(key): relpath for key, relpath in self.manifest["routes"].items()}

    @functools.cached_property
    def last_modified(self) -> dict[str, str]:
        return {_order_free(key): day for key, day in self.manifest["last_modified"].items()}


def _http_date(iso_day: str) -> str:
    """Return the HTTP date of 09:00 UTC on `iso_day` (a document's Last-Modified)."""
    year, month, day = (int(part) for part in iso_day.split("-"))
    moment = dt.datetime(year, month, day, 9, 0, tzinfo=dt.UTC)
    return email.utils.format_datetime(moment, usegmt=True)


class FarmServer:
    """The farm's loopback server: start it, read `site_urls`, stop it."""

    def __init__(self, farm_dir: Path, *, config: ServeConfig | None = None, sites: int | None = None) -> None:
        key = json.loads((farm_dir / "answer_key.json").read_text(encoding="utf-8"))
        count = len(key["sites"]) if sites is None else min(sites, len(key["sites"]))
        self.config = config or ServeConfig()
        self.sites: dict[str, _SiteData] = {}
        for entry in key["sites"][:count]:
            root = farm_dir / "sites" / site_slug(entry["index"])
            manifest = json.loads((root / "site.json").read_text(encoding="utf-8"))
            self.sites[manifest["host"]] = _SiteData(root, manifest)
        self.port = 0
        self._runner: web.AppRunner | None = None

    @property
    def site_urls(self) -> list[str]:
        """Return the base URL of every site, in site order."""
        return [f"http://{host}:{self.port}/" for host in self.sites]

    async def start(self, *, port: int = 0) -> list[str]:
        """Listen on every site's address at `port` (0: a free port, the same for all) and return the URLs."""
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        for host in self.sites:
            site = web.TCPSite(self._runner, host, port or self.port, reuse_address=True)
            await site.start()
            if not self.port:
                self.port = port or self._runner.addresses[0][1]
        return self.site_urls

    async def stop(self) -> None:
        """Close every listening socket and open connection."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        """Answer a request for the site whose address it arrived on."""
        sockname = request.transport.get_extra_info("sockname") if request.transport else None
        host = str(sockname[0]) if sockname else ""
        site = self.sites.get(host)
        if site is None:
            return web.Response(status=421, text="misdirected request")
        base = f"http://{host}:{self.port}"
        path = request.path
        manifest = site.manifest
        traps = manifest["traps"]
        if path == "/robots.txt":
            return self._robots(manifest, base)
        if path == "/sitemap.xml":
            return self._sitemap(manifest, base)
        if "calendar" in traps and path == "/calendar/":
            return self._calendar(request)
        if "session_ids" in traps and path == "/webboard/":
            return self._webboard(request)
        if "redirect_loop" in traps and path in ("/eservice/login", "/eservice/auth"):
            nxt = "/eservice/auth?next=/eservice/login" if path == "/eservice/login" else "/eservice/login"
            raise web.HTTPFound(nxt)
        if "huge_file" in traps and path == "/files/aerial-photos-full.pdf":
            return await self._huge(request)
        if "slow_page" in traps and path == "/stats/visitors.html":
            return await self._slow(request)
        key = _order_free(path + (f"?{request.query_string}" if request.query_string else ""))
        relpath = site.routes.get(key)
        if relpath is None:
            return web.Response(status=404, text="<h1>404 ไม่พบหน้าที่ต้องการ</h1>", content_type="text/html")
        suffix = Path(relpath).suffix
        body = (site.root / "www" / relpath).read_bytes()
        headers = {}
        if key in site.last_modified:
            headers["Last-Modified"] = _http_date(site.last_modified[key])
        content_type = _TYPES.get(suffix, "application/octet-stream")
        if suffix == ".html" and manifest["encoding"] == "utf-8":
            content_type += "; charset=utf-8"
        headers["Content-Type"] = content_type
        return web.Response(body=body, headers=headers)

    @staticmethod
    def _robots(manifest: dict[str, Any], base: str) -> web.Response:
        robots = manifest["robots"]
        if robots is None:
            return web.Response(status=404, text="not found")
        lines = ["User-agent: *", *(f"Disallow: {path}" for path in robots["disallow"])]
        if robots["crawl_delay"] is not None:
            lines.append(f"Crawl-delay: {robots['crawl_delay']:g}")
        if manifest["sitemap"] is not None:
            lines.append(f"Sitemap: {base}/sitemap.xml")
        return web.Response(text="\n".join(lines) + "\n", content_type="text/plain")

    @staticmethod
    def _sitemap(manifest: dict[str, Any], base: str) -> web.Response:
        if manifest["sitemap"] is None:
            return web.Response(status=404, text="not found")
        urls = "".join(f"<url><loc>{escape(base + target)}</loc></url>" for target in manifest["sitemap"])
        xml = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        return web.Response(text=xml, content_type="application/xml")

    @staticmethod
    def _calendar(request: web.Request) -> web.Response:
        """Return a month of an endless events calendar: every month links to the one before and after."""
        try:
            year, month = int(request.query.get("y", "2026")), int(request.query.get("m", "3"))
        except ValueError:
            year, month = 2026, 3
        month = min(max(month, 1), 12)
        prev_y, prev_m = (year - 1, 12) if month == 1 else (year, month - 1)
        next_y, next_m = (year + 1, 1) if month == 12 else (year, month + 1)
        days = "".join(f'<a href="/calendar/?y={year}&m={month}&d={d}">{d}</a> ' for d in range(1, 29))
        body = (
            f"<h1>ปฏิทินกิจกรรม {month}/{year + 543}</h1><p>{days}</p>"
            f'<a href="/calendar/?y={prev_y}&m={prev_m}">‹ เดือนก่อน</a> '
            f'<a href="/calendar/?y={next_y}&m={next_m}">เดือนถัดไป ›</a>'
        )
        return web.Response(text=f"<!DOCTYPE html><html lang='th'><body>{body}</body></html>", content_type="text/html")

    @staticmethod
    def _webboard(request: web.Request) -> web.Response:
        """Return a web board whose every link carries a new session id, so its URLs never repeat."""
        sid = request.query.get("sid", "")
        links = []
        for topic in range(1, 6):
            fresh = hashlib.sha1(f"{sid}:{topic}".encode(), usedforsecurity=False).hexdigest()[:8]
            links.append(f'<li><a href="/webboard/?sid={fresh}&topic={topic}">กระทู้ที่ {topic}</a></li>')
        body = f"<h1>เว็บบอร์ด</h1><ul>{''.join(links)}</ul>"
        return web.Response(text=f"<!DOCTYPE html><html lang='th'><body>{body}</body></html>", content_type="text/html")

    async def _huge(self, request: web.Request) -> web.StreamResponse:
        """Stream `huge_bytes` of a file that claims to be a PDF."""
        response = web.StreamResponse(headers={"Content-Type": "application/pdf"})
        response.content_length = self.config.huge_bytes
        await response.prepare(request)
        chunk = b"%PDF-1.4\n" + b"0" * (self.config.chunk_bytes - 9)
        sent = 0
        try:
            while sent < self.config.huge_bytes:
                piece = chunk[: self.config.huge_bytes - sent]
                await response.write(piece)
                sent += len(piece)
            await response.write_eof()
        except ConnectionError:
            pass  # the crawler stopped reading at its byte cap, as it should (aiohttp says "Connection lost")
        return response

    async def _slow(self, request: web.Request) -> web.StreamResponse:
        """Drip a page out a few bytes at a time over `slow_seconds`."""
        response = web.StreamResponse(headers={"Content-Type": "text/html; charset=utf-8"})
        await response.prepare(request)
        try:
            await response.write("<!DOCTYPE html><html lang='th'><body><h1>สถิติ</h1>".encode())
            steps = max(1, round(self.config.slow_seconds / self.config.drip_seconds))
            for step in range(steps):
                await asyncio.sleep(self.config.drip_seconds)
                await response.write(f"<p>{step}</p>".encode())
            await response.write(b"</body></html>")
            await response.write_eof()
        except ConnectionError:
            pass  # the crawler gave up at its deadline, as it should
        return response


async def serve_forever(farm_dir: Path, *, port: int, sites: int | None, config: ServeConfig | None = None) -> None:
    """Serve the farm until cancelled (Ctrl-C), printing each site's URL first."""
    server = FarmServer(farm_dir, config=config, sites=sites)
    for url in await server.start(port=port):
        print(url, flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await server.stop()
