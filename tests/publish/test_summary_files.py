"""The public PDF and XLSX of a month's summary (สขร.1): made from the published snapshot, cached by its digest.

These tests replace prongsai.procurement.documents' summary_pdf and summary_xlsx with recorders, so
they check what the view asks for, what it sends and when it makes a file again, not the files'
insides (test_summary_files_real.py reads the real files back).
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils.http import content_disposition_header

from prongsai.disclosures.models import VersionRecords
from prongsai.procurement import documents
from prongsai.procurement.models import ProcurementRecord
from prongsai.procurement.publishing import procurement_publish
from prongsai.rendering.pdf import PdfUnavailable

from ..workspace.conftest import Department
from .conftest import entry_of, publish_records
from .world import AS_OF

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Recorder:
    """Stands in for summary_pdf and summary_xlsx: records each call and answers bytes naming it."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any], Any, str]] = []
        self.fail_pdf = False

    def maker(self, kind: str) -> Callable[..., bytes]:
        def make(summary: dict[str, Any], *, organization: Any, language: str = "th") -> bytes:
            if kind == "pdf" and self.fail_pdf:
                raise PdfUnavailable("no Chromium here")
            self.calls.append((kind, summary, organization, language))
            return f"{kind}:{summary['month']}:{language}:{len(summary['rows'])}".encode()

        return make


@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    recorder = Recorder()
    monkeypatch.setattr(documents, "summary_pdf", recorder.maker("pdf"))
    monkeypatch.setattr(documents, "summary_xlsx", recorder.maker("xlsx"))
    return recorder


@pytest.fixture
def published(dept: Department, unit: Any, procurement: dict[str, Any]) -> Any:
    return publish_records(dept, unit, "5.1.7.3", as_of=AS_OF)


def address(month: str, kind: str = "pdf", language: str = "th", code: str = "5.1.7.3") -> str:
    return f"/{language}/units/unit-0/items/{code}/summaries/{month}.{kind}"


def test_a_month_file_is_made_from_the_published_snapshot_in_the_page_language(
    files: Recorder, published: Any, unit: Any
) -> None:
    response = Client().get(address("2025-12"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == b"pdf:2025-12:th:0"
    assert response["Content-Disposition"] == content_disposition_header(True, "สขร1-unit-0-2025-12.pdf")
    assert response["Cache-Control"] == "public, no-cache"
    ((kind, summary, organization, language),) = files.calls
    snapshot = VersionRecords.objects.get(version=published).data
    assert (kind, summary, organization, language) == ("pdf", snapshot["months"][1], unit, "th")
    assert summary == {
        "organization": "unit-0",
        "month": "2025-12",
        "fiscal_year": 2569,
        "closed": True,
        "as_of": "2026-01-05",
        "rows": [],
        "totals": {"count": 0, "budget": "0.00", "agreed": "0.00"},
    }


def test_the_english_workbook_has_an_english_name(files: Recorder, published: Any) -> None:
    response = Client().get(address("2026-01", "xlsx", "en"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response.content == b"xlsx:2026-01:en:1"
    assert response["Content-Disposition"] == 'attachment; filename="procurement-summary-unit-0-2026-01.xlsx"'
    assert [call[3] for call in files.calls] == ["en"]


def test_the_file_is_made_once_and_revalidated_cheaply(
    files: Recorder, published: Any, django_assert_num_queries: Any
) -> None:
    client = Client()
    first = client.get(address("2025-11"))
    with django_assert_num_queries(2):  # the unit, the published snapshot's digest
        again = client.get(address("2025-11"))
    assert again.content == first.content
    assert len(files.calls) == 1
    with django_assert_num_queries(2):
        unchanged = client.get(address("2025-11"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304
    assert unchanged["ETag"] == first["ETag"]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        (address("2026-03"), "March is still open: not among the published months"),
        (address("2026-02"), "February was never closed"),
        (address("2026-3"), "not a month"),
        (address("2025-11", "docx"), "not a format"),
        (address("2025-11", code="5.1.7.2"), "5.1.7.2 publishes records, not monthly summaries"),
        ("/th/units/nowhere/items/5.1.7.3/summaries/2025-11.pdf", "no such unit"),
    ],
)
def test_anything_but_a_published_month_is_not_found(files: Recorder, published: Any, path: str, reason: str) -> None:
    assert Client().get(path).status_code == 404, reason
    assert files.calls == []


def test_a_draft_is_not_public(files: Recorder, dept: Department, unit: Any, procurement: dict[str, Any]) -> None:
    procurement_publish(actor=dept.people["editor"], organization=unit, fiscal_year=2569, code="5.1.7.3", as_of=AS_OF)
    assert Client().get(address("2025-11")).status_code == 404


def test_a_newly_approved_version_gives_new_files_and_the_old_are_never_served_for_it(
    files: Recorder, published: Any, dept: Department, unit: Any, procurement: dict[str, Any]
) -> None:
    client = Client()
    first = client.get(address("2025-11"))
    ProcurementRecord.objects.filter(pk=procurement["november"].pk).update(item="จัดซื้อวัสดุสำนักงาน (แก้ไข)")
    # The records changed but nothing new is approved: the same file.
    assert client.get(address("2025-11")).content == first.content
    assert len(files.calls) == 1
    publish_records(dept, unit, "5.1.7.3", as_of=AS_OF)
    second = client.get(address("2025-11"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert [call[1]["rows"][0]["item"] for call in files.calls] == [
        "จัดซื้อวัสดุสำนักงาน",
        "จัดซื้อวัสดุสำนักงาน (แก้ไข)",
    ]
    assert entry_of(unit, "5.1.7.3").published_version_id != published.pk


def test_without_a_printer_the_pdf_is_explained_and_not_cached(files: Recorder, published: Any) -> None:
    files.fail_pdf = True
    response = Client().get(address("2025-11"))
    assert response.status_code == 503
    assert response.content.decode() == (
        "เครื่องแม่ข่ายนี้ยังพิมพ์ไฟล์ PDF ไม่ได้ ดาวน์โหลดเป็น XLSX ได้\n"
        "This server cannot print PDF files yet; download the XLSX instead.\n"
    )
    files.fail_pdf = False
    assert Client().get(address("2025-11")).content == b"pdf:2025-11:th:1"
