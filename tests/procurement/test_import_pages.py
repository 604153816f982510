"""The workspace import page: who may reach it, an accepted upload, the table of every problem, the templates."""

import io
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from prongsai.procurement.models import ImportBatch, ProcurementRecord
from tests.signin.verified import login_verified

from .import_world import MARCH_ROWS, NOW, ImportWorld, _english, import_world, march_workbook, shared_import_world

__all__ = ["_english", "import_world", "shared_import_world"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def _client(world: ImportWorld, username: str) -> Client:
    return login_verified(Client(), world.person(username))


def _page(slug: str = "unit-a", language: str = "en") -> str:
    with translation.override(language):
        return reverse("procurement_import:upload", args=[slug])


def _upload(content: bytes, name: str = "march.xlsx") -> dict[str, Any]:
    return {"workbook": SimpleUploadedFile(name, content, content_type=XLSX)}


def test_addresses() -> None:
    with translation.override("en"):
        assert _page() == "/en/workspace/procurement/import/unit-a/"
        assert (
            reverse("procurement_import:records_template") == "/en/workspace/procurement/import/templates/records.xlsx"
        )
        assert reverse("procurement_import:plan_template") == "/en/workspace/procurement/import/templates/plan.xlsx"


def test_the_units_editor_sees_the_form(import_world: ImportWorld) -> None:
    response = _client(import_world, "editor_a").get(_page())
    assert response.status_code == 200
    page = response.content.decode()
    assert '<input type="file" name="workbook"' in page
    assert 'aria-describedby="id_workbook_helptext"' in page
    assert "No workbook has been imported for this unit yet." in page


@pytest.mark.parametrize("username", ["reviewer_a", "editor_b", "outsider"])
def test_anyone_else_gets_404(import_world: ImportWorld, username: str) -> None:
    client = _client(import_world, username)
    assert client.get(_page()).status_code == 404
    assert client.post(_page(), _upload(march_workbook())).status_code == 404
    assert not ProcurementRecord.objects.exists()


def test_an_unknown_unit_is_404_and_strangers_sign_in_first(import_world: ImportWorld) -> None:
    assert _client(import_world, "editor_a").get(_page("nowhere")).status_code == 404
    response = Client().get(_page())
    assert response.status_code == 302
    assert response["Location"].startswith("/en/workspace/login/")


def test_an_accepted_workbook(import_world: ImportWorld) -> None:
    client = _client(import_world, "editor_a")
    response = client.post(_page(), _upload(march_workbook()))
    assert response.status_code == 303
    assert response["Location"] == _page()
    page = client.get(_page()).content.decode()
    assert "Imported march.xlsx: 3 rows (3 new, 0 updated, 0 unchanged); 0 months without procurement closed." in page
    assert '<th scope="row">march.xlsx</th>' in page
    assert ProcurementRecord.objects.filter(organization=import_world.unit_a).count() == 3
    assert ImportBatch.objects.get().imported_by.username == "editor_a"


def test_a_refused_workbook_shows_every_problem(import_world: ImportWorld) -> None:
    rows = [list(row) for row in MARCH_ROWS]
    rows[0][2] = "เก้าหมื่น"
    rows[1][6] = "-"
    response = _client(import_world, "editor_a").post(_page(), _upload(march_workbook(rows)))
    assert response.status_code == 200
    assert response.context["problems"] == [
        {"sheet": "มี.ค.69", "row": 6, "column": "C (วงเงินที่จะซื้อ หรือจ้าง (บาท))",
         "message": "Cannot read an amount of baht: “เก้าหมื่น”."},
        {"sheet": "มี.ค.69", "row": 7, "column": "G (ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง)",
         "message": "The selected vendor is required (unless cancelled)."},
    ]  # fmt: skip
    page = response.content.decode()
    assert "The workbook was not imported: 2 problems were found. Nothing was stored." in page
    assert "<caption>Problems in the workbook</caption>" in page
    assert not ProcurementRecord.objects.exists()


def test_the_problems_in_thai(import_world: ImportWorld) -> None:
    with translation.override("th"):
        response = _client(import_world, "editor_a").post(_page(language="th"), _upload(b"not a workbook"))
    page = response.content.decode()
    assert "ไม่ได้นำเข้าไฟล์: พบปัญหา 1 รายการ ไม่มีข้อมูลใดถูกบันทึก" in page
    assert "<td>ไฟล์นี้ไม่ใช่ Excel (.xlsx) หรือไฟล์เสียหาย</td>" in page


def test_a_form_without_a_file(import_world: ImportWorld) -> None:
    response = _client(import_world, "editor_a").post(_page(), {})
    assert response.status_code == 200
    assert "Workbook (.xlsx): This field is required." in response.content.decode()


def test_the_page_query_count(import_world: ImportWorld, django_assert_num_queries: Any) -> None:
    client = _client(import_world, "editor_a")
    # session, user, whether the person has a second factor, roles (the access scope), the unit, the last
    # imports; the header's unread notices
    with django_assert_num_queries(7):
        client.get(_page())


@pytest.mark.parametrize(
    ("name", "filename", "first_sheet"),
    [
        ("records_template", "prongsai-procurement-records.xlsx", "ผลการจัดซื้อจัดจ้าง"),
        ("plan_template", "prongsai-procurement-plan.xlsx", "แผนการจัดซื้อจัดจ้าง"),
    ],
)
def test_the_template_downloads(import_world: ImportWorld, name: str, filename: str, first_sheet: str) -> None:
    with translation.override("en"):
        address = reverse(f"procurement_import:{name}")
    assert Client().get(address).status_code == 302
    response = _client(import_world, "reviewer_a").get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames[0] == first_sheet
