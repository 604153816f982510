"""Frozen reports' files are rendered once and kept, drafts rendered fresh; downloads only for who may read them."""

import hashlib
import io
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from prongsai.audit.models import AuditEvent
from prongsai.reports import files
from prongsai.reports.documents import unit_report_xlsx
from prongsai.reports.files import report_file
from prongsai.reports.models import OverallReport, RenderedReport, UnitReportVersion
from tests.reports import render_world as rendering
from tests.reports.render_world import at, needs_chromium, overall_report, pages, unit_version
from tests.signin.verified import login_verified

# The module's world and its per-test view (fixtures of render_world).
render_world = rendering.render_world
world = rendering.world

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def narrative_in(content: bytes) -> Any:
    """Return the narrative cell of a unit report's workbook (Summary, row 19)."""
    return openpyxl.load_workbook(io.BytesIO(content))["Summary"]["B19"].value


def test_a_submitted_version_is_rendered_once_and_served_unchanged_after_the_data_changes(world: Any) -> None:
    version = unit_version()
    first = report_file(unit_version=version, format="xlsx", language="th", now=at(21, 4, 9))
    stored = RenderedReport.objects.get()
    assert (stored.unit_version_id, stored.overall_id, stored.format, stored.language) == (
        version.pk,
        None,
        "xlsx",
        "th",
    )
    assert stored.sha256 == hashlib.sha256(first).hexdigest()
    assert bytes(stored.content) == first
    assert stored.created_at == at(21, 4, 9)
    event = AuditEvent.objects.get(action="report.file_store")
    assert (event.object_type, event.object_id, event.organization_id) == (
        "reports.unitreportversion",
        str(version.pk),
        world.unit_a.pk,
    )
    assert event.data == {"format": "xlsx", "language": "th", "sha256": stored.sha256, "bytes": len(first)}

    UnitReportVersion.objects.filter(pk=version.pk).update(narrative_th="เปลี่ยนแล้ว")
    changed = unit_version()
    assert narrative_in(unit_report_xlsx(changed)) == "เปลี่ยนแล้ว"  # a fresh rendering would differ
    assert (
        narrative_in(report_file(unit_version=changed, format="xlsx", language="th"))
        == "หน่วยงานปรับปรุงข้อมูลสำคัญครบถ้วนแล้ว"
    )
    assert report_file(unit_version=changed, format="xlsx", language="th") == first
    assert RenderedReport.objects.count() == 1
    assert AuditEvent.objects.filter(action="report.file_store").count() == 1
    # Each language is a file of its own.
    english = report_file(unit_version=changed, format="xlsx", language="en")
    assert narrative_in(english) == "The unit has brought its key information up to date."
    assert RenderedReport.objects.count() == 2


def test_a_kept_file_is_read_in_one_query(world: Any, django_assert_num_queries: Any) -> None:
    version = unit_version()
    first = report_file(unit_version=version, format="xlsx", language="th")
    with django_assert_num_queries(1):
        assert report_file(unit_version=version, format="xlsx", language="th") == first


def test_a_draft_is_rendered_fresh_every_time_and_kept_nowhere(world: Any) -> None:
    UnitReportVersion.objects.filter(report__organization=world.unit_a).update(state="draft")
    draft = unit_version()
    first = report_file(unit_version=draft, format="xlsx", language="th")
    assert narrative_in(first) == "หน่วยงานปรับปรุงข้อมูลสำคัญครบถ้วนแล้ว"
    UnitReportVersion.objects.filter(pk=draft.pk).update(narrative_th="ร่างใหม่")
    assert narrative_in(report_file(unit_version=unit_version(), format="xlsx", language="th")) == "ร่างใหม่"
    assert not RenderedReport.objects.exists()
    assert not AuditEvent.objects.filter(action="report.file_store").exists()


def test_an_overall_report_is_kept_only_once_approved(world: Any) -> None:
    OverallReport.objects.update(state="awaiting_approval", approved_by=None, approved_at=None)
    report_file(overall=overall_report(), format="xlsx", language="th")
    assert not RenderedReport.objects.exists()
    OverallReport.objects.update(
        state="approved", approved_by=world.person("supervisor_dept"), approved_at=at(20, 4, 15)
    )
    content = report_file(overall=overall_report(), format="xlsx", language="th")
    assert RenderedReport.objects.get().overall_id == overall_report().pk
    assert RenderedReport.objects.get().sha256 == hashlib.sha256(content).hexdigest()


def test_when_another_request_stored_the_file_first_its_bytes_are_served(world: Any, monkeypatch: Any) -> None:
    version = unit_version()
    RenderedReport.objects.create(
        unit_version=version, format="xlsx", language="th", content=b"kept", sha256="0" * 64, created_at=at(21, 4, 9)
    )
    original = files._stored
    calls = []

    def missed_once(*args: Any) -> bytes | None:
        calls.append(args)
        return None if len(calls) == 1 else original(*args)

    monkeypatch.setattr(files, "_stored", missed_once)
    assert report_file(unit_version=version, format="xlsx", language="th") == b"kept"
    assert RenderedReport.objects.count() == 1


def test_refuses_unknown_formats_languages_and_two_reports(world: Any) -> None:
    version = unit_version()
    with pytest.raises(ValueError, match="unknown format 'docx'"):
        report_file(unit_version=version, format="docx", language="th")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        report_file(unit_version=version, format="pdf", language="fr")
    with pytest.raises(ValueError, match="exactly one"):
        report_file(unit_version=version, overall=overall_report(), format="pdf", language="th")


# --- downloads -----------------------------------------------------------------------------------------------------


def unit_url(version: UnitReportVersion, file_format: str = "xlsx", language: str = "th") -> str:
    with translation.override(language):
        return reverse("report_files:unit_version", kwargs={"pk": version.pk, "format": file_format})


def overall_url(report: OverallReport, file_format: str = "xlsx", language: str = "th") -> str:
    with translation.override(language):
        return reverse("report_files:overall", kwargs={"pk": report.pk, "format": file_format})


def signed_in(world: Any, username: str) -> Client:
    return login_verified(Client(), world.person(username))


def test_unit_staff_and_overseers_download_the_unit_report(world: Any) -> None:
    version = unit_version()
    assert unit_url(version) == f"/th/workspace/reports/files/units/{version.pk}/xlsx/"
    for username in ("reporter_a", "supervisor_a", "editor_a", "executive", "ict_monitor", "supervisor_dept"):
        response = signed_in(world, username).get(unit_url(version))
        assert response.status_code == 200, username
        assert response["Content-Type"] == XLSX
        assert response["Content-Disposition"] == (
            "attachment; filename*=utf-8''"
            "%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99%E0%B8%9C%E0%B8%A5%E0%B8%81%E0%B8%B2%E0%B8%A3"
            "%E0%B9%80%E0%B8%9C%E0%B8%A2%E0%B9%81%E0%B8%9E%E0%B8%A3%E0%B9%88%E0%B8%82%E0%B9%89%E0%B8%AD%E0%B8%A1"
            "%E0%B8%B9%E0%B8%A5-unit-a-2569-6-v1.xlsx"
        )
        assert response.content == bytes(RenderedReport.objects.get(language="th").content)
    english = signed_in(world, "reporter_a").get(unit_url(version, language="en"))
    assert english["Content-Disposition"] == 'attachment; filename="unit-report-unit-a-2569-6-v1.xlsx"'
    assert narrative_in(english.content) == "The unit has brought its key information up to date."


def test_nobody_else_learns_the_unit_report_exists(world: Any) -> None:
    version = unit_version()
    for username in ("editor_b", "outsider"):
        assert signed_in(world, username).get(unit_url(version)).status_code == 404, username
    assert signed_in(world, "reporter_a").get(unit_url(version, "docx")).status_code == 404
    anonymous = Client().get(unit_url(version))
    assert anonymous.status_code == 302
    assert "/login/" in anonymous["Location"]
    assert not RenderedReport.objects.exists()


def test_the_overall_report_is_for_department_level_overseers(world: Any) -> None:
    report = overall_report()
    for username in ("executive", "ict_monitor", "supervisor_dept"):
        response = signed_in(world, username).get(overall_url(report))
        assert response.status_code == 200, username
        assert response["Content-Disposition"] == (
            "attachment; filename*=utf-8''"
            "%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99%E0%B8%A0%E0%B8%B2%E0%B8%9E%E0%B8%A3%E0%B8%A7%E0%B8%A1"
            "-2569-6.xlsx"
        )
    # A unit's reporter oversees only the unit; unit staff and outsiders do not read the whole department.
    for username in ("reporter_a", "supervisor_a", "editor_a", "outsider"):
        assert signed_in(world, username).get(overall_url(report)).status_code == 404, username


def test_the_approved_overall_pdf_download_is_the_kept_file(world: Any) -> None:
    needs_chromium()
    report = overall_report()
    client = signed_in(world, "executive")
    first = client.get(overall_url(report, "pdf"))
    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert pages(first.content)[0][0] == "- ๑ -"
    OverallReport.objects.filter(pk=report.pk).update(summary_th="สรุปใหม่หลังอนุมัติ")
    again = client.get(overall_url(report, "pdf"))
    assert again.content == first.content
    assert RenderedReport.objects.get().sha256 == hashlib.sha256(first.content).hexdigest()


def test_downloading_a_kept_file_takes_a_fixed_number_of_queries(world: Any, django_assert_num_queries: Any) -> None:
    version = unit_version()
    client = signed_in(world, "reporter_a")
    first = client.get(unit_url(version))
    # Session, person, the second-factor check, the person's roles and the organization tree (the access
    # scope), the version with its round, unit and people, the kept file.
    with django_assert_num_queries(7):
        again = client.get(unit_url(version))
    assert again.content == first.content


def test_without_chromium_a_pdf_download_says_why_and_keeps_nothing(world: Any, monkeypatch: Any) -> None:
    from prongsai.rendering import pdf

    monkeypatch.setattr(pdf, "chromium_path", lambda: None)
    version = unit_version()
    response = signed_in(world, "reporter_a").get(unit_url(version, "pdf"))
    assert response.status_code == 503
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "เครื่องแม่ข่ายนี้ยังพิมพ์ไฟล์ PDF ไม่ได้ (ไม่มี Chromium) ดาวน์โหลดเป็น XLSX ได้ หรือแจ้งผู้ดูแลระบบ\n"
        "This server cannot print PDF files yet (Chromium is not installed).\n"
        "Download the XLSX, or tell the administrator.\n"
    )
    assert not RenderedReport.objects.filter(format="pdf").exists()
