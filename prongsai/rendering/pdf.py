"""Print a report's HTML to PDF in headless Chromium, and make the file byte-stable.

The official Thai style (A4, Sarabun 16 pt, Thai page numbers "- ๒ -") lives in the print
templates' CSS; this module supplies the Sarabun faces as data: URLs (the package fontpkg-sarabun,
the same files the workspace serves) so the browser never asks the network for anything: every
request the document makes is refused. Chromium writes the time of printing into the file; the
PDF is rewritten with PyMuPDF without those dates, with a fixed producer and no /ID, so the same
HTML always gives the same bytes — an approved report's PDF never changes.

Playwright's sync API runs an event loop in the thread that uses it; Django refuses ORM calls
from such a thread, and a request handler may already have a loop. Each print therefore runs in
a fresh worker thread of its own, which touches no database.
"""

from __future__ import annotations

import base64
import concurrent.futures
import functools
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

import fontpkg_sarabun
import pymupdf

from prongsai.monitoring.engine.render import QUIET_CHROMIUM_ARGS, chromium_path

if TYPE_CHECKING:
    from playwright.sync_api import Route

__all__ = ["PdfUnavailable", "html_to_pdf", "htmls_to_pdfs", "sarabun_font_faces"]

_FACES = (("Regular", 400, "normal"), ("Bold", 700, "normal"), ("Italic", 400, "italic"))
_PRINT_SECONDS = 120.0
_PRODUCER = "Prongsai"


class PdfUnavailable(RuntimeError):
    """The machine has no Chromium to print with (or PRONGSAI_CHROMIUM is "none")."""


@functools.cache
def sarabun_font_faces() -> str:
    """Return CSS @font-face rules for Sarabun regular, bold and italic, the fonts embedded as data: URLs.

    Embedding keeps the print off the network and off the file system's layout; the rules are
    built once per process.
    """
    rules = []
    for style_name, weight, style in _FACES:
        data = (fontpkg_sarabun.ROOT / "files" / f"Sarabun-{style_name}.ttf").read_bytes()
        encoded = base64.b64encode(data).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "Sarabun"; font-weight: {weight}; font-style: {style}; '
            f'src: url(data:font/ttf;base64,{encoded}) format("truetype"); }}'
        )
    return "\n".join(rules)


def _refuse(route: Route) -> None:
    """Refuse a request of the document: a report prints from its own HTML and embedded fonts only."""
    route.abort()


def _print(htmls: Sequence[str], executable: str) -> list[bytes]:
    """Print each HTML document in one headless Chromium, offline, scripts off, every request refused.

    The browser starts once for the whole batch (starting it is most of a single print's time);
    each document gets a page of its own in the same locked-down context.
    """
    from playwright.sync_api import sync_playwright

    args = list(QUIET_CHROMIUM_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium will not start its sandbox as root (containers, CI)
    printed = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=args)
        try:
            context = browser.new_context(java_script_enabled=False, offline=True, service_workers="block")
            context.route("**/*", _refuse)
            for html in htmls:
                page = context.new_page()
                page.set_content(html, wait_until="load", timeout=_PRINT_SECONDS * 1000)
                page.evaluate("document.fonts.ready.then(() => document.fonts.size)")  # every face decoded first
                printed.append(page.pdf(prefer_css_page_size=True, print_background=True, tagged=False, outline=False))
                page.close()
        finally:
            browser.close()
    return printed


def _stabilise(raw: bytes, title: str) -> bytes:
    """Rewrite Chromium's PDF without the printing time, with a fixed producer and without a file /ID."""
    document = pymupdf.open(stream=raw, filetype="pdf")  # type: ignore[no-untyped-call]
    try:
        document.set_metadata(
            {
                "title": title,
                "author": "",
                "subject": "",
                "keywords": "",
                "creator": _PRODUCER,
                "producer": _PRODUCER,
                "creationDate": "",
                "modDate": "",
                "trapped": "",
            }
        )
        stable: bytes = document.tobytes(garbage=4, deflate=True, no_new_id=True)  # type: ignore[no-untyped-call]
        return stable
    finally:
        document.close()  # type: ignore[no-untyped-call]


def html_to_pdf(html: str, *, title: str = "") -> bytes:
    """Print the HTML document to PDF (page size and margins from its CSS) and return byte-stable bytes.

    Nothing outside the document is fetched: fonts must be embedded (see sarabun_font_faces).
    Raise PdfUnavailable when no Chromium is installed.
    """
    (pdf,) = htmls_to_pdfs([(html, title)])
    return pdf


def htmls_to_pdfs(documents: Sequence[tuple[str, str]]) -> list[bytes]:
    """Print several (html, title) documents in one browser; each PDF is the bytes html_to_pdf gives alone.

    For batches (a year of monthly summaries): the browser starts once. Raise PdfUnavailable when
    no Chromium is installed.
    """
    executable = chromium_path()
    if executable is None:
        raise PdfUnavailable("no Chromium to print with")
    if not documents:
        return []
    htmls = [html for html, _title in documents]
    with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf-print") as pool:
        raws = pool.submit(_print, htmls, executable).result(timeout=_PRINT_SECONDS * len(htmls) + 30)
    return [_stabilise(raw, title) for raw, (_html, title) in zip(raws, documents, strict=True)]
