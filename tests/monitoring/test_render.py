"""Pages whose scripts write their content are read as a browser leaves them, and the browser reaches nothing itself.

A real headless Chromium (Debian's package) runs the pages of a loopback site; every request it makes goes
through the crawl's own fetcher or is refused. A second loopback server stands for every other host and must
hear nothing.
"""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from aiohttp import web

from prongsai.monitoring.engine.crawl import CrawlConfig, CrawledResponse, ResponseKind, crawl_site
from prongsai.monitoring.engine.fetch import FetchConfig
from prongsai.monitoring.engine.politeness import PolitenessConfig
from prongsai.monitoring.engine.render import RenderConfig, chromium_path, open_renderer
from tests.monitoring.fetch_loopback import FakeClock, Handler, Server, html, run_async, serve

REQUIRE_SERVICES = os.environ.get("PRONGSAI_REQUIRE_SERVICES") == "1"
CONFIG = CrawlConfig(
    workers=2,
    fetch=FetchConfig(total_timeout=5.0, max_retries=0),
    politeness=PolitenessConfig(min_delay=0.0, per_host_concurrency=2),
    render=RenderConfig(max_pages=5),
)


@pytest.fixture(autouse=True)
def _chromium(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRONGSAI_CHROMIUM")  # the monitor's other tests run without a browser
    if chromium_path() is None:
        if REQUIRE_SERVICES:
            pytest.fail("PRONGSAI_REQUIRE_SERVICES=1 but Chromium is not installed")
        pytest.skip("needs Chromium (apt-get install chromium)")


def text(body: str, content_type: str) -> Handler:
    """Return a handler answering with ``body`` as UTF-8 text of ``content_type`` (a script, JSON)."""

    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(text=body, content_type=content_type, charset="utf-8")

    return handler


# The site's whole navigation is written by one script into an empty <nav>, as some agency templates do, and its
# news list is filled from a JSON request after the page loads.
HOME = """<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>สำนักวิทยบริการ</title>
<script src="/js/components.js"></script></head>
<body><nav id="menu"></nav><main><h1>ยินดีต้อนรับ</h1><ul id="news"></ul></main>
<script>
fetch('/api/news.json').then(r => r.json()).then(rows => {
  document.getElementById('news').innerHTML = rows.map(r => `<li><a href="${r.href}">${r.title}</a></li>`).join('');
});
</script></body></html>"""
COMPONENTS = """document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('menu').innerHTML =
    '<a href="/structure.php">โครงสร้างองค์กร</a> <a href="/contact.php">ติดต่อเรา</a>';
});"""
NEWS = '[{"href": "/news.php?id=7", "title": "ประกาศรับสมัครบุคลากร 2568"}]'
PAGE = "<html><body><h1>{}</h1><p>เนื้อหาของหน้า</p></body></html>"


async def crawl(server: Server, config: CrawlConfig = CONFIG) -> tuple[list[CrawledResponse], int]:
    """Crawl ``server`` with a browser for its scripts; return the pages' responses and how many were rendered."""
    responses: list[CrawledResponse] = []

    async def keep(response: CrawledResponse) -> None:
        if response.kind is ResponseKind.PAGE:
            responses.append(response)

    async with open_renderer(config.render) as renderer:
        result = await crawl_site(
            server.url("/"), config=config, policy=server.policy, clock=FakeClock(), on_response=keep,
            renderer=renderer,
        )  # fmt: skip
    return responses, result.stats.rendered


def site_routes() -> dict[str, Handler]:
    return {
        "/": html(HOME),
        "/js/components.js": text(COMPONENTS, "application/javascript"),
        "/api/news.json": text(NEWS, "application/json"),
        "/structure.php": html(PAGE.format("โครงสร้างองค์กร")),
        "/contact.php": html(PAGE.format("ติดต่อเรา")),
        "/news.php": html(PAGE.format("ประกาศรับสมัครบุคลากร 2568")),
    }


def test_a_menu_and_a_list_written_by_script_are_read_and_followed() -> None:
    async def scenario() -> tuple[Server, list[CrawledResponse], int]:
        async with serve(site_routes()) as server:
            return server, *(await crawl(server))

    server, responses, rendered = run_async(scenario())

    # The pages only the scripts link to were found and fetched, each once.
    for path in ("/structure.php", "/contact.php", "/news.php?id=7"):
        assert server.count(path) == 1, path
    home = next(response for response in responses if response.result.final_url == server.url("/"))
    # What the server sent is kept as it was; what a person reads is the rendered page.
    assert "โครงสร้างองค์กร".encode() not in home.result.body
    assert home.rendered is not None
    rendered_html = home.rendered.body.decode("utf-8")
    assert 'href="/structure.php"' in rendered_html
    assert "ประกาศรับสมัครบุคลากร 2568" in rendered_html
    # Only the start page runs scripts here: the other pages have none.
    assert rendered == 1
    assert all(response.rendered is None for response in responses if response is not home)


def test_nothing_but_the_sites_own_scripts_and_data_is_fetched_for_a_rendered_page() -> None:
    async def scenario() -> tuple[Server, Server]:
        async with serve({}, default=html("<p>elsewhere</p>")) as elsewhere:
            other = f"http://localhost:{elsewhere.port}"
            page = (
                "<!DOCTYPE html><html><head><meta charset='utf-8'>"
                f"<link rel='stylesheet' href='/style.css'><script src='{other}/tracker.js'></script></head><body>"
                f"<img src='/logo.png'><img src='{other}/pixel.gif'><iframe src='{other}/frame'></iframe>"
                "<div id='out'></div><script>"
                f"fetch('{other}/api').catch(() => null);"
                "fetch('/form', {method: 'POST', body: 'x=1'}).catch(() => null);"
                f"try {{ new WebSocket('ws://localhost:{elsewhere.port}/ws'); }} catch (e) {{}}"
                "document.getElementById('out').innerHTML = '<a href=\"/written.php\">เขียนด้วยสคริปต์</a>';"
                "</script></body></html>"
            )
            routes = {"/": html(page), "/written.php": html(PAGE.format("หน้า"))}
            async with serve(routes, default=html("<p>asset</p>")) as server:
                await crawl(server)
            return server, elsewhere

    server, elsewhere = run_async(scenario())

    assert elsewhere.requests == []
    # On the site: the page and the page its script wrote a link to; no picture, style sheet or POST.
    assert set(server.methods) == {"GET"}
    assert sorted(path for path in server.requests if path != "/robots.txt" and path != "/sitemap.xml") == [
        "/",
        "/written.php",
    ]


def test_with_rendering_off_pages_are_read_as_served() -> None:
    async def scenario() -> tuple[Server, int]:
        async with serve(site_routes()) as server:
            _, rendered = await crawl(server, replace(CONFIG, render=RenderConfig(max_pages=0)))
            return server, rendered

    server, rendered = run_async(scenario())

    assert rendered == 0
    assert server.count("/structure.php") == 0
    assert server.count("/js/components.js") == 0


# A site built of web components: every page has the site's menu element, and the about pages a side menu
# element of their own, both written by one shared script.
ELEMENTS = """class MainMenu extends HTMLElement {
  connectedCallback() { this.innerHTML = '<a href="/about.php">เกี่ยวกับเรา</a> <a href="/news.php">ข่าว</a>'; }
}
class SideMenu extends HTMLElement {
  connectedCallback() { this.innerHTML = '<a href="/structure.php">โครงสร้างองค์กร</a>'; }
}
customElements.define('main-menu', MainMenu);
customElements.define('side-menu', SideMenu);"""


def element_page(title: str, *elements: str) -> Handler:
    tags = "".join(f"<{name}></{name}>" for name in elements)
    return html(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><script src='/js/elements.js'></script></head>"
        f"<body>{tags}<h1>{title}</h1></body></html>"
    )


def test_a_page_with_a_custom_element_no_rendered_page_had_is_rendered_beyond_the_budget() -> None:
    routes = {
        "/": element_page("หน้าแรก", "main-menu"),
        "/js/elements.js": text(ELEMENTS, "application/javascript"),
        "/about.php": element_page("เกี่ยวกับเรา", "main-menu", "side-menu"),
        "/news.php": element_page("ข่าว", "main-menu"),
        "/structure.php": html(PAGE.format("โครงสร้างองค์กร")),
    }

    async def scenario() -> tuple[Server, list[CrawledResponse], int]:
        async with serve(routes) as server:
            return server, *(await crawl(server, replace(CONFIG, render=RenderConfig(max_pages=1))))

    server, responses, rendered = run_async(scenario())

    # The start page (the budget of one), then the about page for its side menu; the news page holds only the
    # menu the start page already showed.
    assert rendered == 2
    by_path = {response.result.final_url.removeprefix(server.url("")): response for response in responses}
    assert by_path["/about.php"].rendered is not None
    assert by_path["/news.php"].rendered is None
    assert server.count("/structure.php") == 1


def test_with_no_page_budget_no_custom_element_is_rendered_either() -> None:
    routes = {
        "/": element_page("หน้าแรก", "main-menu"),
        "/js/elements.js": text(ELEMENTS, "application/javascript"),
        "/about.php": element_page("เกี่ยวกับเรา", "main-menu", "side-menu"),
    }

    async def scenario() -> tuple[Server, int]:
        async with serve(routes) as server:
            _, rendered = await crawl(server, replace(CONFIG, render=RenderConfig(max_pages=0)))
            return server, rendered

    server, rendered = run_async(scenario())

    assert rendered == 0
    assert server.count("/js/elements.js") == 0
