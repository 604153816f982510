"""The demo units' own websites, so the website monitor has real sites to check in the demo.

Each demo unit registers a website at ``PRONGSAI_DEMO_SITES_URL`` + its slug. This module serves
those sites from the register: every page an approved version names as its "page on the unit's
website" carries that version's content, as a unit's web team would have put it up, under a menu
repeated on every page; documents are linked from the page that carries them. A site can be served
as it stood on an earlier day (``as_of``), which is how the demo records last round's checks.

Real sites are never a faithful copy of the register, and the demo sites are not either: a few
units never put one published item on their site and show the placeholder "อยู่ระหว่างปรับปรุงข้อมูล"
instead, which is the kind of gap the monitor exists to catch.

It is a plain WSGI application on its own port, started by ``manage.py demo_sites`` (``make demo``
runs it) and, for the few seconds it takes to record the demo's checks, by ``manage.py demo``.
"""

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import unquote, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.conf import settings
from django.db import close_old_connections
from django.db.models import Q
from django.utils import timezone

from prongsai.disclosures.models import Document, EntryVersion
from prongsai.organizations.models import Organization

# Units whose site shows a placeholder instead of one item they have published (slug → item code).
PLACEHOLDERS = {"plan": "5.1.4", "nma": "5.1.1.3", "pr": "5.1.6"}
PLACEHOLDER_TEXT = "อยู่ระหว่างปรับปรุงข้อมูล ขออภัยในความไม่สะดวก"
SNAPSHOT_SECONDS = 30.0

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


def demo_sites_url() -> str:
    """Return the address under which the demo units' websites are served, ending in a slash."""
    base: str = settings.PRONGSAI_DEMO_SITES_URL
    return base if base.endswith("/") else base + "/"


def demo_site_url(slug: str) -> str:
    """Return the home page address of a demo unit's website."""
    return f"{demo_sites_url()}{slug}/"


@dataclass
class _Page:
    title: str
    sections: list[str] = field(default_factory=list)


@dataclass
class _Site:
    name: str
    pages: dict[str, _Page]
    files: dict[str, Document]


def _local_path(url: str, prefix: str) -> str | None:
    """Return the path of ``url`` inside the site at ``prefix`` ("about/structure"), or None if it is elsewhere."""
    base = urlsplit(demo_sites_url())
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(prefix):
        return None
    return parts.path[len(prefix) :].strip("/")


def _live_versions(organization: Organization, moment: dt.datetime) -> Iterable[EntryVersion]:
    return (
        EntryVersion.objects.filter(entry__organization=organization, state="approved", published_at__lte=moment)
        .filter(Q(superseded_at__isnull=True) | Q(superseded_at__gt=moment))
        .select_related("entry__item")
        .prefetch_related("documents")
        .order_by("entry__item__position")
    )


def _site(organization: Organization, moment: dt.datetime) -> _Site:
    """Lay out the unit's site as it stood at ``moment``: one page per address its published versions name."""
    prefix = urlsplit(demo_sites_url()).path + organization.slug + "/"
    pages: dict[str, _Page] = {}
    files: dict[str, Document] = {}
    oit: dict[str, tuple[str, str]] = {}
    for version in _live_versions(organization, moment):
        item = version.entry.item
        # An item the unit keeps only in the register still goes on the site, on a page of the unit's
        # OIT section (the page an ITA assessor is pointed to), as web teams do.
        own_page = f"oit/{item.code.replace('.', '-')}"
        places = [(_local_path(version.url_th, prefix) if version.url_th else own_page, version.body_th, item.name_th)]
        if version.url_en:
            places.append((_local_path(version.url_en, prefix), version.body_en, item.name_en))
        for path, body, title in places:
            if path is None:
                continue
            oit.setdefault(item.code, (path, item.name_th))
            page = pages.setdefault(path, _Page(title))
            if PLACEHOLDERS.get(organization.slug) == item.code:
                page.sections.append(f"<p>{PLACEHOLDER_TEXT}</p>")
                continue
            parts = [body] if body else []
            if version.nothing_to_publish:
                parts.append(f"<p>{escape(version.nothing_note_th)}</p>")
            links = []
            for document in version.documents.all():
                name = f"files/{document.pk}/{document.original_name}"
                files[name] = document
                links.append(
                    f'<li><a href="{prefix}{escape(name)}">{escape(document.title or document.original_name)}</a></li>'
                )
            if links:
                parts.append("<ul>" + "".join(links) + "</ul>")
            page.sections.append("".join(parts))
    if oit:
        rows = "".join(
            f'<tr><td>{escape(code)}</td><td><a href="{prefix}{escape(path)}">{escape(name)}</a></td></tr>'
            for code, (path, name) in oit.items()
        )
        index = _Page("การเปิดเผยข้อมูลสาธารณะ (OIT)")
        index.sections.append(f"<table><tr><th>ข้อ</th><th>ข้อมูล</th></tr>{rows}</table>")
        pages["oit"] = index
    return _Site(organization.name_th, pages, files)


def _html(site: _Site, prefix: str, title: str, content: str) -> bytes:
    menu = "".join(
        f'<li><a href="{prefix}{escape(path)}">{escape(page.title)}</a></li>'
        for path, page in sorted(site.pages.items())
        if path and not path.startswith("oit/")
    )
    return (
        '<!doctype html><html lang="th"><head><meta charset="utf-8">'
        f"<title>{escape(title)} | {escape(site.name)}</title></head><body>"
        f'<header><a href="{prefix}">{escape(site.name)}</a></header>'
        f"<nav><ul>{menu}</ul></nav><main><h1>{escape(title)}</h1>{content}</main>"
        f"<footer>{escape(site.name)} · เว็บไซต์ตัวอย่างของระบบสาธิต Prongsai</footer></body></html>"
    ).encode()


class DemoSites:
    """The WSGI application serving every demo unit's website, now or as of a given day."""

    def __init__(self, *, as_of: dt.datetime | None = None) -> None:
        self.as_of = as_of
        self._cache: dict[str, tuple[float, _Site]] = {}
        self._lock = threading.Lock()
        self._loaded = False

    def load_all(self) -> None:
        """Lay out every unit's site now, in the calling thread, so serving needs no database (the demo's checks)."""
        moment = self.as_of or timezone.now()
        for organization in Organization.objects.order_by("slug"):
            self._cache[organization.slug] = (time.monotonic(), _site(organization, moment))
        self._loaded = True

    def _site_of(self, slug: str) -> _Site | None:
        with self._lock:
            cached = self._cache.get(slug)
            if self._loaded:
                return cached[1] if cached else None
            if cached and (self.as_of is not None or time.monotonic() - cached[0] < SNAPSHOT_SECONDS):
                return cached[1]
        organization = Organization.objects.filter(slug=slug).first()
        if organization is None:
            return None
        site = _site(organization, self.as_of or timezone.now())
        with self._lock:
            self._cache[slug] = (time.monotonic(), site)
        return site

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        close_old_connections()
        try:
            status, kind, body = self.respond(unquote(environ.get("PATH_INFO", "/")))
        finally:
            close_old_connections()
        start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body)))])
        return [body]

    def respond(self, path: str) -> tuple[str, str, bytes]:
        """Return the status line, content type and body for a request path."""
        base_path = urlsplit(demo_sites_url()).path
        if path == base_path + "robots.txt":
            return "200 OK", "text/plain; charset=utf-8", b"User-agent: *\nAllow: /\n"
        if not path.startswith(base_path):
            return _not_found()
        slug, _, rest = path[len(base_path) :].partition("/")
        site = self._site_of(slug) if slug else None
        if site is None:
            return _not_found()
        prefix = f"{base_path}{slug}/"
        rest = rest.strip("/")
        if rest in site.files:
            document = site.files[rest]
            with document.file.open("rb") as stream:
                return "200 OK", document.media_type, stream.read()
        if rest == "":
            welcome = f"<p>ยินดีต้อนรับสู่เว็บไซต์{escape(site.name)}</p>"
            return "200 OK", "text/html; charset=utf-8", _html(site, prefix, site.name, welcome)
        page = site.pages.get(rest)
        if page is None:
            return _not_found()
        return "200 OK", "text/html; charset=utf-8", _html(site, prefix, page.title, "".join(page.sections))


def _not_found() -> tuple[str, str, bytes]:
    return "404 Not Found", "text/html; charset=utf-8", "<!doctype html><title>404</title><p>ไม่พบหน้านี้</p>".encode()


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def demo_sites_server(app: DemoSites) -> WSGIServer:
    """Return a threaded server for the demo sites bound to the host and port of ``PRONGSAI_DEMO_SITES_URL``."""
    base = urlsplit(demo_sites_url())
    return make_server(
        base.hostname or "127.0.0.1",
        base.port or 80,
        app,
        server_class=_ThreadingServer,
        handler_class=_QuietHandler,
    )


@contextmanager
def demo_sites_serving(app: DemoSites) -> Iterator[WSGIServer]:
    """Serve the demo sites on a thread of their own for the duration of the block."""
    server = demo_sites_server(app)
    thread = threading.Thread(target=server.serve_forever, name="demo-sites", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
