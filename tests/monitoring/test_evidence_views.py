"""The evidence viewer: the page as the check fetched it, shown safely, its documents downloaded, its text marked."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from prongsai.monitoring.engine.fetch import FetchResult
from prongsai.monitoring.models import SiteCheck

from ..signin.verified import login_verified
from ..workspace.conftest import Department
from .archives import LEGACY_PAGE, PDF_BODY, PLAN_PAGE, SITE, write_archive
from .records import MAY, department_with_website, outcome, recorded, recorded_with_archive

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_language_afterwards() -> Iterator[None]:
    """Leave no language active: a request to an /en/ page activates English for the rest of the thread."""
    yield
    translation.deactivate()


CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"
PLAN = f"{SITE}/5.1.4/"
PDF = f"{SITE}/docs/%E0%B9%81%E0%B8%9C%E0%B8%99.pdf"


@pytest.fixture
def dept(db: Any) -> Department:
    return department_with_website()


@pytest.fixture
def check(dept: Department) -> SiteCheck:
    """A recorded check of unit 0 whose evidence archive lies under the evidence root (a relative path)."""
    return recorded_with_archive(dept)


def client_for(user: Any) -> Client:
    return login_verified(Client(), user)


def viewer(site_check: SiteCheck, url: str, language: str = "en") -> str:
    return f"/{language}/workspace/monitor/checks/{site_check.pk}/evidence/?url={quote(url, safe='')}"


def body(site_check: SiteCheck, url: str) -> str:
    return f"/en/workspace/monitor/checks/{site_check.pk}/evidence/body/?url={quote(url, safe='')}"


def test_the_unit_page_links_each_evidence_url_to_its_copy(dept: Department, check: SiteCheck) -> None:
    html = client_for(dept.people["editor"]).get("/th/workspace/monitor/units/unit-0/").content.decode()
    link = f'href="/th/workspace/monitor/checks/{check.pk}/evidence/?url=https%3A%2F%2Funit0.example.go.th%2F5.1.4%2F"'
    assert link in html
    assert html.count('class="as-it-was"') == 18


def test_without_an_archive_the_unit_page_offers_no_copy(dept: Department) -> None:
    recorded(dept, outcome(), MAY)
    html = client_for(dept.people["editor"]).get("/th/workspace/monitor/units/unit-0/").content.decode()
    assert 'class="as-it-was"' not in html


def test_the_viewer_shows_the_metadata_the_sandboxed_page_and_the_marked_text(
    dept: Department, check: SiteCheck
) -> None:
    response = client_for(dept.people["editor"]).get(viewer(check, PLAN))
    assert response.status_code == 200
    html = response.content.decode()
    page = response.context["page"]
    assert (page.record.url, page.record.status, page.content_type, page.size, page.record.truncated) == (
        PLAN,
        200,
        "text/html; charset=utf-8",
        len(PLAN_PAGE.encode()),
        False,
    )
    assert page.phrases == ("แผน",)
    assert "<dt>HTTP status</dt><dd>200</dd>" in html
    assert "<dt>Content type</dt><dd>text/html; charset=utf-8</dd>" in html
    assert f"<dt>Size</dt><dd>{len(PLAN_PAGE.encode())}\xa0bytes</dd>" in html
    assert "<dt>Complete</dt><dd>Yes</dd>" in html
    assert "12 May 2026" in html  # fetched 03:01 UTC, shown in Bangkok time
    frame = f'<iframe class="evidence-frame" sandbox src="/en/workspace/monitor/checks/{check.pk}/evidence/body/?url='
    assert frame in html
    assert html.count("<mark>แผน</mark>") == 2
    assert "The matched phrases are highlighted (2 places)." in html
    # The archived page's markup never reaches the workspace page itself.
    assert "evil.example" not in html
    # Only ICT monitors are offered the whole archive.
    assert "evidence.warc.gz" not in html
    monitor_html = client_for(dept.people["monitor"]).get(viewer(check, PLAN)).content.decode()
    assert f'href="/en/workspace/monitor/checks/{check.pk}/evidence.warc.gz"' in monitor_html


def test_an_archived_page_is_served_sandboxed_without_sniffing(dept: Department, check: SiteCheck) -> None:
    response = client_for(dept.people["editor"]).get(body(check, PLAN))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CSP
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "Content-Disposition" not in response
    assert response.content.decode() == PLAN_PAGE


def test_a_legacy_thai_page_is_served_as_the_check_decoded_it(dept: Department, check: SiteCheck) -> None:
    response = client_for(dept.people["editor"]).get(body(check, f"{SITE}/5.1.2/"))
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response.content.decode() == LEGACY_PAGE
    assert response["Content-Security-Policy"] == CSP


def test_a_document_is_offered_as_a_download_with_its_stored_type(dept: Department, check: SiteCheck) -> None:
    client = client_for(dept.people["editor"])
    response = client.get(body(check, PDF))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%E0%B9%81%E0%B8%9C%E0%B8%99.pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == PDF_BODY
    html = client.get(viewer(check, PDF)).content.decode()
    assert "<dt>Complete</dt><dd>No: the check stopped reading at its size limit.</dd>" in html
    assert "Download the archived file" in html
    assert "<iframe" not in html


def test_a_fetch_that_got_no_answer_shows_why_and_has_no_body(dept: Department, check: SiteCheck) -> None:
    client = client_for(dept.people["editor"])
    html = client.get(viewer(check, "http://169.254.169.254/latest/")).content.decode()
    assert "No answer was received: blocked_address" in html
    assert "<iframe" not in html
    assert client.get(body(check, "http://169.254.169.254/latest/")).status_code == 404


def test_an_error_page_is_evidence_too(dept: Department, check: SiteCheck) -> None:
    response = client_for(dept.people["editor"]).get(viewer(check, f"{SITE}/5.1.7.3/"))
    assert response.context["page"].record.status == 404
    assert "<dt>HTTP status</dt><dd>404</dd>" in response.content.decode()


def test_addresses_outside_the_archive_and_checks_without_one_are_not_found(dept: Department, check: SiteCheck) -> None:
    client = client_for(dept.people["editor"])
    assert client.get(viewer(check, f"{SITE}/never-fetched/")).status_code == 404
    assert client.get(body(check, f"{SITE}/never-fetched/")).status_code == 404
    assert client.get(f"/en/workspace/monitor/checks/{check.pk}/evidence/").status_code == 404
    assert client.get(viewer(check, PLAN).replace(f"/checks/{check.pk}/", "/checks/999999/")).status_code == 404
    # A finished check whose archive is gone says so (test_evidence_not_kept.py): 410, not 404.
    SiteCheck.objects.filter(pk=check.pk).update(evidence_path="")
    assert client.get(viewer(check, PLAN)).status_code == 410
    assert client.get(body(check, PLAN)).status_code == 410
    SiteCheck.objects.filter(pk=check.pk).update(evidence_path="unit-0/gone.warc.gz")
    assert client.get(viewer(check, PLAN)).status_code == 410
    assert (
        client_for(dept.people["monitor"]).get(f"/en/workspace/monitor/checks/{check.pk}/evidence.warc.gz").status_code
        == 410
    )


def test_the_unit_scope_decides_who_sees_the_evidence(dept: Department, check: SiteCheck) -> None:
    archive = f"/en/workspace/monitor/checks/{check.pk}/evidence.warc.gz"
    assert Client().get(viewer(check, PLAN)).status_code == 302
    outsider = client_for(dept.people["outsider"])
    for address in (viewer(check, PLAN), body(check, PLAN), archive):
        assert outsider.get(address).status_code == 403
    assert client_for(dept.people["editor"]).get(archive).status_code == 403


def test_a_monitor_downloads_the_whole_archive(dept: Department, check: SiteCheck) -> None:
    response = client_for(dept.people["monitor"]).get(f"/en/workspace/monitor/checks/{check.pk}/evidence.warc.gz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/gzip"
    assert response["Content-Disposition"] == f'attachment; filename="unit-0-check-{check.pk}.warc.gz"'
    stored = Path(settings.PRONGSAI_MONITOR_EVIDENCE_ROOT) / check.evidence_path
    assert b"".join(response.streaming_content) == stored.read_bytes()


def test_the_viewer_speaks_thai_by_default(dept: Department, check: SiteCheck) -> None:
    html = client_for(dept.people["editor"]).get(viewer(check, PLAN, "th")).content.decode()
    assert '<html lang="th">' in html
    assert "12 พฤษภาคม 2569" in html


def test_a_quoted_charset_among_other_parameters_is_honoured(dept: Department, check: SiteCheck) -> None:
    url = f"{SITE}/news/"
    page = "<html><body><p>ข่าวประชาสัมพันธ์ แผนงาน</p></body></html>"
    result = FetchResult(
        requested_url=url,
        final_url=url,
        status=200,
        headers=(("Content-Type", 'text/html; charset="windows-874"; profile=x'),),
        body=page.encode("cp874"),
    )
    write_archive(Path(settings.PRONGSAI_MONITOR_EVIDENCE_ROOT) / check.evidence_path, [result])
    client = client_for(dept.people["editor"])
    assert client.get(body(check, url)).content.decode() == page
    text = "".join(piece for piece, _ in client.get(viewer(check, url)).context["page"].segments)
    assert text == "ข่าวประชาสัมพันธ์ แผนงาน"


def test_the_viewer_takes_fixed_queries(dept: Department, check: SiteCheck, django_assert_num_queries: Any) -> None:
    client = client_for(dept.people["editor"])
    client.get(viewer(check, PLAN))  # warm the session and build the index
    # session, user, whether the person has a second factor, the check with its unit, roles, the findings' evidence,
    # the person's unread notices (header)
    with django_assert_num_queries(7):
        assert client.get(viewer(check, PLAN)).status_code == 200
    with django_assert_num_queries(5):
        assert client.get(body(check, PLAN)).status_code == 200


def test_plain_text_is_shown_inline_and_a_large_size_is_given_exactly(dept: Department, check: SiteCheck) -> None:
    url = f"{SITE}/robots.txt"
    text = "User-agent: *\n" + "Disallow: /private/\n" * 249  # 14 + 249 × 20 = 4,994 bytes
    result = FetchResult(
        requested_url=url, final_url=url, status=200, headers=(("Content-Type", "text/plain"),), body=text.encode()
    )
    write_archive(Path(settings.PRONGSAI_MONITOR_EVIDENCE_ROOT) / check.evidence_path, [result])
    client = client_for(dept.people["editor"])
    served = client.get(body(check, url))
    assert (served["Content-Type"], served["Content-Security-Policy"], served.content) == (
        "text/plain",
        CSP,
        text.encode(),
    )
    assert "Content-Disposition" not in served
    html = client.get(viewer(check, url)).content.decode()
    assert "<dt>Size</dt><dd>4.9\xa0KB (4994 bytes)</dd>" in html
    assert '<iframe class="evidence-frame"' in html


def test_an_answer_from_a_private_address_is_kept_to_ict_monitors(dept: Department, check: SiteCheck) -> None:
    """Where private addresses are allowed, a registered address could make the monitor read an internal page."""
    internal, public = "http://intranet.unit0.example/admin/", f"{SITE}/5.1.2/"
    page = "<html><body><p>รหัสผ่านระบบภายใน</p></body></html>"
    results = [
        FetchResult(
            requested_url=url,
            final_url=url,
            status=200,
            headers=(("Content-Type", "text/html; charset=utf-8"),),
            body=page.encode(),
            address=address,
        )
        for url, address in ((internal, "10.20.30.40"), (public, "203.150.1.1"))
    ]
    write_archive(Path(settings.PRONGSAI_MONITOR_EVIDENCE_ROOT) / check.evidence_path, results)
    editor = client_for(dept.people["editor"])
    for address in (viewer(check, internal), body(check, internal)):
        refused = editor.get(address)
        assert refused.status_code == 403
        assert "รหัสผ่าน" not in refused.content.decode()
    assert "This answer came from a private network address" in editor.get(viewer(check, internal)).content.decode()
    assert editor.get(body(check, public)).content.decode() == page
    monitor = client_for(dept.people["monitor"])
    assert monitor.get(body(check, internal)).content.decode() == page
    assert monitor.get(viewer(check, internal)).status_code == 200
