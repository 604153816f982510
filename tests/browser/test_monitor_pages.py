"""The monitor's pages in a real browser: accessible in Thai and English, and an archived page stays inert."""

from typing import Any
from urllib.parse import quote

import pytest

from ..monitoring.archives import SITE
from ..monitoring.records import department_with_website, recorded_with_archive
from .accessibility import axe_violations
from .test_workspace_flow import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_monitor_pages_pass_axe_and_archived_pages_run_nothing(live_server: Any, browser: Any) -> None:
    dept = department_with_website()
    site_check = recorded_with_archive(dept)
    base = live_server.url
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(base) else None)
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(f"{request.url} {request.failure}"))
    finished: list[str] = []
    page.on("requestfinished", lambda request: finished.append(request.url))
    sign_in(page, base, "monitor")
    evidence = f"/workspace/monitor/checks/{site_check.pk}/evidence/?url={quote(SITE + '/5.1.4/', safe='')}"
    failures = {}
    for language in ("th", "en"):
        for address in ("/workspace/monitor/", "/workspace/monitor/units/unit-0/", evidence):
            response = page.goto(f"{base}/{language}{address}")
            assert response is not None
            assert response.status == 200, address
            violations = axe_violations(page)
            if violations:
                failures[f"{language}{address}"] = violations
    assert failures == {}
    # The archived page is in its frame with its heading shown.
    frame = page.frame_locator("iframe.evidence-frame")
    assert frame.locator("h1").inner_text() == "แผนปฏิบัติราชการประจำปี พ.ศ. 2569"
    # The remote picture is refused by the frame's policy before it reaches the network (once per
    # language); the script never runs, so its request is never even attempted.
    assert outside == ["https://evil.example/pixel.png"] * 2
    assert failed == ["https://evil.example/pixel.png csp"] * 2
    assert [url for url in finished if not url.startswith(base)] == []
    context.close()
