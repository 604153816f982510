"""A small unit website served from memory on a loopback port, for tests that run real checks through the database."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MENU = (
    '<nav><a href="/">หน้าแรก</a> <a href="/structure">โครงสร้างองค์กร</a> '
    '<a href="/contact">ติดต่อเรา</a> <a href="/privacy">นโยบายคุ้มครองข้อมูลส่วนบุคคล</a></nav>'
)


def _page(title: str, body: str) -> bytes:
    return (
        f'<!doctype html><html lang="th"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body>{MENU}<main><h1>{title}</h1>{body}</main></body></html>"
    ).encode()


PAGES = {
    "/": _page("กองทดสอบ", "<p>ยินดีต้อนรับสู่เว็บไซต์กองทดสอบ</p>"),
    "/structure": _page(
        "โครงสร้างองค์กร",
        "<p>โครงสร้างองค์กรของกองทดสอบ ประกอบด้วย ผู้อำนวยการกอง และฝ่ายต่าง ๆ สามฝ่าย</p><p>ข้อมูล ณ วันที่ 1 ตุลาคม 2569</p>",
    ),
    "/contact": _page(
        "ติดต่อเรา",
        "<p>ที่อยู่ 1 ถนนพระราม 6 แขวงพญาไท เขตพญาไท กรุงเทพมหานคร 10400 โทรศัพท์ 0 2123 4567 "
        "อีเมล contact@unit.example.go.th</p>",
    ),
    "/privacy": _page("นโยบายคุ้มครองข้อมูลส่วนบุคคล", "<p>หน่วยงานเก็บข้อมูลส่วนบุคคลเท่าที่จำเป็น</p>"),
    "/robots.txt": b"User-agent: *\nAllow: /\n",
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = PAGES.get(self.path.split("?")[0])
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        kind = "text/plain" if self.path.endswith(".txt") else "text/html; charset=utf-8"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def small_site(address: str = "127.0.0.1") -> Iterator[str]:
    """Serve the site on ``address`` (a loopback address: 127.0.0.1 by default) and yield its home page URL."""
    server = ThreadingHTTPServer((address, 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{address}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
