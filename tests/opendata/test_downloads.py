"""The dataset downloads at /opendata/datasets/<name>.csv|json|xlsx, over the open-data world (world.py).

Every expected cell is written by hand from the worlds' docstrings (tests/opendata/world.py,
tests/publish/world.py). Database ids differ between runs and databases, so the expected rows
take the project and plan-line ids from the world's own objects.
"""

import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from prongsai.disclosures.models import Entry, EntryVersion
from prongsai.opendata.catalogue import catalogue_sync
from prongsai.opendata.models import Dataset
from prongsai.organizations.models import Organization
from prongsai.plans.models import Project
from prongsai.procurement.models import Bid, ProcurementRecord

from ..publish.conftest import publish_records
from ..publish.world import AS_OF
from .world import SYNCED, OpendataWorld

BOM = b"\xef\xbb\xbf"
LAST_MODIFIED = "Sat, 11 Apr 2026 01:00:00 GMT"  # SYNCED, 08:00 in Bangkok
UNIT_0 = "unit-0,กองทดสอบที่ 0,Test division 0"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Start every test with an empty cache: ids (and so digests) repeat across tests' worlds."""
    caches[django_settings.PRONGSAI_PORTAL_CACHE].clear()
    yield
    caches[django_settings.PRONGSAI_PORTAL_CACHE].clear()


def _csv(client: Client, name: str) -> str:
    response = client.get(f"/opendata/datasets/{name}.csv")
    assert response.status_code == 200
    assert response.content.startswith(BOM)
    return response.content[len(BOM) :].decode("utf-8")


def _json(client: Client, name: str) -> dict[str, Any]:
    response = client.get(f"/opendata/datasets/{name}.json")
    assert response.status_code == 200
    document: dict[str, Any] = json.loads(response.content)
    return document


def _lines(world: OpendataWorld) -> tuple[int, int, int]:
    computers, repairs, supplies = world.procurement["lines"]
    return computers.pk, repairs.pk, supplies.pk


RECORDS_HEADER = (
    "unit,unit_name_th,unit_name_en,fiscal_year,as_of,month,sequence,item,budget,reference_price,method,method_th,"
    "method_detail,bidders,bids,winner,winner_price,reason,contract_kind,contract_kind_th,contract_number,"
    "contract_date,egp_number,budget_source,status,status_th,plan_line_id"
)


def _records_csv(world: OpendataWorld, unit: str = UNIT_0) -> list[str]:
    computers, repairs, supplies = _lines(world)
    return [
        f"{unit},2569,2026-04-10,2025-11,1,จัดซื้อวัสดุสำนักงาน,30000.50,30000.50,specific,เฉพาะเจาะจง,เฉพาะเจาะจง,"
        "ร้าน ก: 29500.00,1,ร้าน ก,29500.00,ราคาต่ำสุดและคุณสมบัติครบถ้วน,purchase_order,ใบสั่งซื้อ,15/2569,2025-11-20,"
        f"68119000001,งบดำเนินงาน,completed,สิ้นสุดสัญญา,{supplies}",
        f"{unit},2569,2026-04-10,2026-01,1,จัดซื้อเครื่องคอมพิวเตอร์,450000.00,448000.00,e_bidding,"
        "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding),ประกวดราคาอิเล็กทรอนิกส์ (e-bidding),"
        "บริษัท ก จำกัด: 440000.00; บริษัท ข จำกัด: 445500.00,2,บริษัท ก จำกัด,440000.00,ราคาต่ำสุด,contract,สัญญา,"
        f"4/2569,2026-01-28,69019000002,,in_contract,อยู่ระหว่างระยะสัญญา,{computers}",
        f"{unit},2569,2026-04-10,2026-03,1,จ้างซ่อมแซมอาคาร,95000.00,,specific,เฉพาะเจาะจง,,หจก. ค: 94000.00,1,"
        f"หจก. ค,94000.00,,work_order,ใบสั่งจ้าง,7/2569,2026-03-18,,,,,{repairs}",
    ]


# --- Exact files --------------------------------------------------------------------------------


def test_procurement_records_csv(world: OpendataWorld, client: Client) -> None:
    response = client.get("/opendata/datasets/unit-0-procurement-records.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="unit-0-procurement-records.csv"'
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Last-Modified"] == LAST_MODIFIED
    assert response.content == BOM + "\r\n".join([RECORDS_HEADER, *_records_csv(world), ""]).encode()


def test_procurement_plan_csv(world: OpendataWorld, client: Client) -> None:
    computers, repairs, supplies = _lines(world)
    assert _csv(client, "unit-0-procurement-plans") == "\r\n".join(
        [
            "unit,unit_name_th,unit_name_en,fiscal_year,announced_on,as_of,plan_line_id,line_no,item,budget,method,"
            "method_th,expected_month,budget_source,note",
            f"{UNIT_0},2569,2025-10-15,2026-04-10,{computers},1,จัดซื้อเครื่องคอมพิวเตอร์,450000.00,e_bidding,"
            "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding),2026-01,งบลงทุน,",
            f"{UNIT_0},2569,2025-10-15,2026-04-10,{repairs},2,จ้างซ่อมแซมอาคาร,95000.00,specific,เฉพาะเจาะจง,2026-03,,",
            f"{UNIT_0},2569,2025-10-15,2026-04-10,{supplies},3,จัดซื้อวัสดุสำนักงาน,30000.50,specific,เฉพาะเจาะจง,"
            "2025-11,,ซื้อครั้งเดียวทั้งปี",
            "",
        ]
    )


def _project_ids(world: OpendataWorld) -> list[int]:
    return [
        Project.objects.get(programme__plan__organization=world.published, name_th=name).pk
        for name in ("พัฒนาระบบสารสนเทศ", "อบรมผู้ใช้งาน", "ปรับปรุงอาคาร")
    ]


def test_action_plan_json(world: OpendataWorld, client: Client) -> None:
    information, training, building = _project_ids(world)
    response = client.get("/opendata/datasets/unit-0-action-plans.json")
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="unit-0-action-plans.json"'
    document = json.loads(response.content)
    unit = {"unit": "unit-0", "unit_name_th": "กองทดสอบที่ 0", "unit_name_en": "Test division 0"}
    year = {"fiscal_year": 2569, "as_of": "2026-04-10"}
    assert document == {
        "dataset": "unit-0-action-plans",
        "title": {"th": "แผนปฏิบัติการประจำปี — กองทดสอบที่ 0", "en": "Annual action plans — Test division 0"},
        "license": "CC-BY-4.0",
        "modified": "2026-04-11T08:00:00+07:00",
        "columns": document["columns"],  # checked below
        "rows": [
            {
                **unit, **year, "programme_no": 1, "programme_th": "แผนงานพัฒนาระบบ",
                "programme_en": "Systems development", "project_id": information, "project_no": "1.1",
                "project_th": "พัฒนาระบบสารสนเทศ", "project_en": "Information system", "kind": "project",
                "kind_th": "โครงการ", "budget": "3000000.00", "budget_source": "งบลงทุน", "start": "2025-10-01",
                "end": "2026-09-30", "division": "ศูนย์เทคโนโลยีสารสนเทศ", "kpi": "ระบบใช้งานได้", "target": "1 ระบบ",
            },
            {
                **unit, **year, "programme_no": 1, "programme_th": "แผนงานพัฒนาระบบ",
                "programme_en": "Systems development", "project_id": training, "project_no": "1.2",
                "project_th": "อบรมผู้ใช้งาน", "project_en": "", "kind": "activity", "kind_th": "กิจกรรม",
                "budget": "500000.00", "budget_source": "", "start": "2025-11-01", "end": "2026-02-28",
                "division": "ฝ่ายบริหารทั่วไป", "kpi": "", "target": "",
            },
            {
                **unit, **year, "programme_no": 2, "programme_th": "แผนงานบริหารจัดการ", "programme_en": "",
                "project_id": building, "project_no": "2.1", "project_th": "ปรับปรุงอาคาร", "project_en": "",
                "kind": "project", "kind_th": "โครงการ", "budget": "1000000.00", "budget_source": "",
                "start": "2025-10-01", "end": "2026-09-30", "division": "ฝ่ายอาคาร", "kpi": "", "target": "",
            },
        ],
    }  # fmt: skip
    assert [column["name"] for column in document["columns"]] == list(document["rows"][0])
    assert document["columns"][14] == {
        "name": "budget",
        "type": "money",
        "description": {"th": "งบประมาณ (บาท)", "en": "The budget (baht)."},
    }


def test_plan_progress_csv_has_a_row_per_report_known_on_the_as_of_date(world: OpendataWorld, client: Client) -> None:
    information, training, building = _project_ids(world)
    lines = _csv(client, "unit-0-plan-progress").split("\r\n")
    assert lines[0] == (
        "unit,unit_name_th,unit_name_en,fiscal_year,as_of,project_id,project_no,project_th,project_en,budget,month,"
        "report_as_of,progress_percent,disbursed,status,status_th,note_th,note_en,latest"
    )
    head = f"{UNIT_0},2569,2026-04-10"
    # May's report (as of 31 May) is after the version's date: not in it.
    assert lines[1:] == [
        f"{head},{information},1.1,พัฒนาระบบสารสนเทศ,Information system,3000000.00,2026-01,2026-01-31,20.00,600000.00,"
        "on_schedule,เป็นไปตามแผน,,,false",
        f"{head},{information},1.1,พัฒนาระบบสารสนเทศ,Information system,3000000.00,2026-03,2026-03-31,45.00,1200000.00,"
        "on_schedule,เป็นไปตามแผน,ติดตั้งเครื่องแม่ข่ายแล้ว,,true",
        f"{head},{training},1.2,อบรมผู้ใช้งาน,,500000.00,2026-02,2026-02-28,100.00,480000.00,completed,แล้วเสร็จ,,,true",
        f"{head},{building},2.1,ปรับปรุงอาคาร,,1000000.00,2026-04,2026-04-05,10.00,100000.00,behind,ล่าช้ากว่าแผน,"
        "รอผู้รับจ้าง,,true",
        "",
    ]


def test_channel_statistics_and_monitor_scores_csv(world: OpendataWorld, client: Client) -> None:
    assert _csv(client, "unit-0-channel-statistics") == "\r\n".join(
        [
            "unit,unit_name_th,unit_name_en,fiscal_year,month,kind,kind_th,topic,topic_th,status,status_th,count",
            f"{UNIT_0},2569,2026-03,complaint,เรื่องร้องเรียนหรือข้อเสนอแนะ,fraud,การทุจริตหรือประพฤติมิชอบ,in_progress,"
            "อยู่ระหว่างดำเนินการ,1",
            f"{UNIT_0},2569,2026-03,opinion,ความคิดเห็นต่อการให้บริการ,service_quality,คุณภาพการให้บริการ,received,รับเรื่องแล้ว,1",
            f"{UNIT_0},2569,2026-04,opinion,ความคิดเห็นต่อการให้บริการ,service_quality,คุณภาพการให้บริการ,received,รับเรื่องแล้ว,1",
            "",
        ]
    )
    # Checked on 10 April 2026: after 31 March, so FY 2569's twelve-month round.
    assert _csv(client, "unit-0-monitor-scores") == (
        "unit,unit_name_th,unit_name_en,fiscal_year,round,checked_at,score,website\r\n"
        f"{UNIT_0},2569,12,2026-04-10T15:00:00+07:00,72.5,https://unit-0.example.go.th/\r\n"
    )


def test_register_csv_gives_every_item_and_what_is_published(
    world: OpendataWorld, client: Client, settings: Any
) -> None:
    lines = _csv(client, "unit-0-register").split("\r\n")
    assert lines[0] == (
        "unit,unit_name_th,unit_name_en,item_code,item_name_th,item_name_en,published,version,published_at,as_of,"
        "nothing_to_publish,next_review_due,portal_url"
    )
    assert len(lines) == 1 + 18 + 1
    assert lines[-1] == ""
    assert lines[1] == (
        f"{UNIT_0},5.1.1.1,โครงสร้างหน่วยงาน,Organization structure,false,,,,,,"
        "http://testserver/th/units/unit-0/items/5.1.1.1/"
    )
    entry = Entry.objects.select_related("published_version").get(
        organization=world.published, item__code="5.1.7.2", item__checklist__is_active=True
    )
    published_at = timezone.localtime(entry.published_version.published_at).replace(microsecond=0).isoformat()
    assert (
        f'{UNIT_0},5.1.7.2,ผลการจัดซื้อจัดจ้างรายโครงการ,"Procurement details, per item",true,1,{published_at},'
        f"2026-04-10,false,{entry.next_review_due.isoformat()},http://testserver/th/units/unit-0/items/5.1.7.2/"
    ) in lines
    published = [line.split(",")[3] for line in lines[1:-1] if ",true,1," in line]
    assert published == ["5.1.4", "5.1.5", "5.1.7.1", "5.1.7.2"]
    # The portal's address follows the server that was asked.
    settings.ALLOWED_HOSTS = ["testserver", "data.example.go.th"]
    other = client.get("/opendata/datasets/unit-0-register.csv", HTTP_HOST="data.example.go.th")
    assert "http://data.example.go.th/th/units/unit-0/items/5.1.1.1/" in other.content.decode("utf-8")


def test_procurement_records_xlsx_every_cell(world: OpendataWorld, client: Client) -> None:
    computers, repairs, supplies = _lines(world)
    response = client.get("/opendata/datasets/unit-0-procurement-records.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="unit-0-procurement-records.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "procurement-records"
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 4
    assert sheet.max_column == 27
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    unit = ["unit-0", "กองทดสอบที่ 0", "Test division 0", 2569, dt.datetime(2026, 4, 10)]
    assert values == [
        RECORDS_HEADER.split(","),
        [
            *unit, "2025-11", 1, "จัดซื้อวัสดุสำนักงาน", 30000.5, 30000.5, "specific", "เฉพาะเจาะจง", "เฉพาะเจาะจง",
            "ร้าน ก: 29500.00", 1, "ร้าน ก", 29500, "ราคาต่ำสุดและคุณสมบัติครบถ้วน", "purchase_order", "ใบสั่งซื้อ",
            "15/2569", dt.datetime(2025, 11, 20), "68119000001", "งบดำเนินงาน", "completed", "สิ้นสุดสัญญา", supplies,
        ],
        [
            *unit, "2026-01", 1, "จัดซื้อเครื่องคอมพิวเตอร์", 450000, 448000, "e_bidding",
            "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
            "บริษัท ก จำกัด: 440000.00; บริษัท ข จำกัด: 445500.00", 2, "บริษัท ก จำกัด", 440000, "ราคาต่ำสุด",
            "contract", "สัญญา", "4/2569", dt.datetime(2026, 1, 28), "69019000002", None, "in_contract",
            "อยู่ระหว่างระยะสัญญา", computers,
        ],
        [
            *unit, "2026-03", 1, "จ้างซ่อมแซมอาคาร", 95000, None, "specific", "เฉพาะเจาะจง", None, "หจก. ค: 94000.00", 1,
            "หจก. ค", 94000, None, "work_order", "ใบสั่งจ้าง", "7/2569", dt.datetime(2026, 3, 18), None, None, None,
            None, repairs,
        ],
    ]  # fmt: skip
    assert all(cell.font.bold for cell in sheet[1])
    formats = [cell.number_format for cell in sheet[2]]
    assert formats[4] == "yyyy-mm-dd"  # as_of
    assert formats[8] == formats[9] == formats[16] == "#,##0.00"  # budget, reference price, winner's price
    assert formats[21] == "yyyy-mm-dd"  # contract date
    assert all(sheet.cell(row=2, column=index).data_type == "s" for index in (1, 6, 8, 14, 21))


def test_xlsx_bytes_depend_only_on_the_rows(world: OpendataWorld, client: Client) -> None:
    first = client.get("/opendata/datasets/unit-0-register.xlsx").content
    caches[django_settings.PRONGSAI_PORTAL_CACHE].clear()
    assert client.get("/opendata/datasets/unit-0-register.xlsx").content == first


# --- Department-wide datasets and the catalogue --------------------------------------------------


def test_department_datasets_hold_every_units_rows_units_first(world: OpendataWorld, client: Client) -> None:
    assert _csv(client, "ops-procurement-records") == "\r\n".join([RECORDS_HEADER, *_records_csv(world), ""])
    register = _csv(client, "ops-register").split("\r\n")[1:-1]
    assert [line.split(",")[0] for line in register] == ["unit-0"] * 18 + ["unit-1"] * 18
    assert register[18].startswith("unit-1,กองทดสอบที่ 1,Test division 1,5.1.1.1,โครงสร้างหน่วยงาน,")
    document = _json(client, "ops-channel-statistics")
    assert document["title"] == {
        "th": "สถิติความคิดเห็นและเรื่องร้องเรียน ทุกหน่วยงาน — สำนักงานปลัด",
        "en": "Opinion and complaint statistics, all units — OPS",
    }
    assert [(row["unit"], row["month"], row["kind"], row["count"]) for row in document["rows"]] == [
        ("unit-0", "2026-03", "complaint", 1),
        ("unit-0", "2026-03", "opinion", 1),
        ("unit-0", "2026-04", "opinion", 1),
    ]


def test_every_dataset_downloads_as_many_rows_as_the_catalogue_says(world: OpendataWorld, client: Client) -> None:
    counts = {name: (rows, kind) for name, rows, kind in Dataset.objects.values_list("name", "rows", "kind")}
    assert len(counts) == 16
    for name, (rows, kind) in counts.items():
        document = _json(client, name)
        assert len(document["rows"]) == rows, name
        assert [column["name"] for column in document["columns"]][:3] == ["unit", "unit_name_th", "unit_name_en"]
        assert len(_csv(client, name).split("\r\n")) == rows + 2, name
        assert load_workbook(io.BytesIO(client.get(f"/opendata/datasets/{name}.xlsx").content)).active.max_row == (
            rows + 1
        ), name
        assert kind in name


def test_inactive_units_are_not_downloaded_nor_in_the_department(world: OpendataWorld, client: Client) -> None:
    Organization.objects.filter(pk=world.quiet.pk).update(is_active=False)
    assert client.get("/opendata/datasets/unit-1-register.csv").status_code == 404
    catalogue_sync(now=SYNCED + dt.timedelta(hours=1))
    register = _csv(client, "ops-register").split("\r\n")[1:-1]
    assert [line.split(",")[0] for line in register] == ["unit-0"] * 18


# --- Always what is published, never a draft ---------------------------------------------------


def test_a_new_publication_shows_in_the_next_download_after_the_sync(world: OpendataWorld, client: Client) -> None:
    before = client.get("/opendata/datasets/unit-0-procurement-records.csv")
    ProcurementRecord.objects.filter(pk=world.procurement["march"].pk).update(
        item="จ้างซ่อมแซมอาคาร (แก้ไข)", reason="ราคาต่ำสุด", status="in_contract"
    )
    publish_records(world.dept, world.published, "5.1.7.2", as_of=AS_OF)
    resynced = SYNCED + dt.timedelta(days=1)
    assert catalogue_sync(now=resynced, organization_ids=[world.published.pk]).updated >= 2  # unit and department
    after = client.get("/opendata/datasets/unit-0-procurement-records.csv", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert after["Last-Modified"] == "Sun, 12 Apr 2026 01:00:00 GMT"
    lines = after.content[len(BOM) :].decode("utf-8").split("\r\n")
    repairs = _lines(world)[1]
    assert lines[3] == (
        f"{UNIT_0},2569,2026-04-10,2026-03,1,จ้างซ่อมแซมอาคาร (แก้ไข),95000.00,,specific,เฉพาะเจาะจง,,หจก. ค: 94000.00,1,"
        f"หจก. ค,94000.00,ราคาต่ำสุด,work_order,ใบสั่งจ้าง,7/2569,2026-03-18,,,in_contract,อยู่ระหว่างระยะสัญญา,{repairs}"
    )
    register = _csv(client, "unit-0-register")
    assert ',5.1.7.2,ผลการจัดซื้อจัดจ้างรายโครงการ,"Procurement details, per item",true,2,' in register


def test_drafts_and_live_records_never_appear(world: OpendataWorld, client: Client) -> None:
    from prongsai.disclosures.services import version_submit
    from prongsai.procurement.publishing import procurement_publish

    before = client.get("/opendata/datasets/unit-0-procurement-records.csv")
    register_before = client.get("/opendata/datasets/unit-0-register.csv").content
    ProcurementRecord.objects.filter(pk=world.procurement["november"].pk).update(item="ร่างที่ยังไม่อนุมัติ")
    Bid.objects.filter(record=world.procurement["november"]).update(bidder="ผู้เสนอราคาในร่าง")
    editor = world.dept.people["editor"]
    draft = procurement_publish(
        actor=editor, organization=world.published, fiscal_year=2569, code="5.1.7.2", as_of=AS_OF
    )
    plan_draft = procurement_publish(
        actor=editor, organization=world.published, fiscal_year=2569, code="5.1.7.1", as_of=AS_OF
    )
    version_submit(actor=editor, version=plan_draft)
    assert EntryVersion.objects.get(pk=draft.pk).state == "draft"
    assert EntryVersion.objects.get(pk=plan_draft.pk).state == "submitted"
    result = catalogue_sync(now=SYNCED + dt.timedelta(days=1))
    assert (result.created, result.updated, result.removed) == (0, 0, 0)
    caches[django_settings.PRONGSAI_PORTAL_CACHE].clear()
    after = client.get("/opendata/datasets/unit-0-procurement-records.csv")
    assert (after.content, after["ETag"]) == (before.content, before["ETag"])
    assert "ร่างที่ยังไม่อนุมัติ" not in after.content.decode("utf-8")
    assert client.get("/opendata/datasets/unit-0-register.csv").content == register_before


# --- Formula injection ---------------------------------------------------------------------------


def test_published_text_that_looks_like_a_formula_is_guarded_in_csv_and_text_in_xlsx(
    world: OpendataWorld, client: Client
) -> None:
    ProcurementRecord.objects.filter(pk=world.procurement["november"].pk).update(
        item='=HYPERLINK("http://evil.example","x")', contract_number="-15/2569", egp_number="+6811"
    )
    Bid.objects.filter(record=world.procurement["november"]).update(bidder="@ร้าน ก")
    publish_records(world.dept, world.published, "5.1.7.2", as_of=AS_OF)
    catalogue_sync(now=SYNCED + dt.timedelta(days=1))
    row = _csv(client, "unit-0-procurement-records").split("\r\n")[1]
    assert row.startswith(
        f'{UNIT_0},2569,2026-04-10,2025-11,1,"\'=HYPERLINK(""http://evil.example"",""x"")",30000.50,30000.50,'
    )
    assert ",'@ร้าน ก: 29500.00,1,ร้าน ก,29500.00," in row
    assert ",'-15/2569,2025-11-20,+6811," in row  # "+6811" is only a number: left alone
    sheet = load_workbook(io.BytesIO(client.get("/opendata/datasets/unit-0-procurement-records.xlsx").content)).active
    item = sheet["H2"]
    assert (item.value, item.data_type) == ('=HYPERLINK("http://evil.example","x")', "s")
    assert _json(client, "unit-0-procurement-records")["rows"][0]["bidders"] == "@ร้าน ก: 29500.00"


# --- Conditional requests, errors and query counts ----------------------------------------------


def test_conditional_get_answers_304(world: OpendataWorld, client: Client, django_assert_num_queries: Any) -> None:
    first = client.get("/opendata/datasets/unit-0-procurement-plans.json")
    etag = first["ETag"]
    assert etag.startswith('"')
    assert etag.endswith('-json"')
    assert client.get("/opendata/datasets/unit-0-procurement-plans.csv")["ETag"] == etag.replace("-json", "-csv")
    with django_assert_num_queries(1):
        again = client.get("/opendata/datasets/unit-0-procurement-plans.json", HTTP_IF_NONE_MATCH=etag)
    assert (again.status_code, again.content, again["ETag"]) == (304, b"", etag)
    assert again["Access-Control-Allow-Origin"] == "*"
    since = client.get("/opendata/datasets/unit-0-procurement-plans.json", HTTP_IF_MODIFIED_SINCE=LAST_MODIFIED)
    assert since.status_code == 304
    earlier = client.get(
        "/opendata/datasets/unit-0-procurement-plans.json", HTTP_IF_MODIFIED_SINCE="Fri, 10 Apr 2026 01:00:00 GMT"
    )
    assert earlier.status_code == 200
    stale = client.get("/opendata/datasets/unit-0-procurement-plans.json", HTTP_IF_NONE_MATCH='"0123-json"')
    assert (stale.status_code, stale.content) == (200, first.content)
    assert first["Cache-Control"] == "public, no-cache"


def test_unknown_dataset_is_404_in_thai_and_english(
    world: OpendataWorld, client: Client, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        response = client.get("/opendata/datasets/unit-1-procurement-records.json")
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"
    assert json.loads(response.content) == {
        "error": "not_found",
        "message": {
            "th": "ไม่มีชุดข้อมูลชื่อ “unit-1-procurement-records”",
            "en": "There is no dataset named “unit-1-procurement-records”.",
        },
    }
    plain = client.get("/opendata/datasets/no-such.csv")
    assert (plain.status_code, plain["Content-Type"]) == (404, "text/plain; charset=utf-8")
    assert plain.content.decode() == "ไม่มีชุดข้อมูลชื่อ “no-such”\nThere is no dataset named “no-such”.\n"
    long_name = "a" * 5000
    with django_assert_num_queries(0):
        huge = client.get(f"/opendata/datasets/{long_name}.xlsx")
    assert huge.status_code == 404
    assert huge.content.decode() == f"ไม่มีชุดข้อมูลชื่อ “{'a' * 100}”\nThere is no dataset named “{'a' * 100}”.\n"
    assert client.get("/opendata/datasets/ops-ทะเบียน.csv").status_code == 404


def test_only_get_and_head(world: OpendataWorld, client: Client) -> None:
    head = client.head("/opendata/datasets/unit-0-monitor-scores.csv")
    assert (head.status_code, head["Content-Disposition"]) == (200, 'attachment; filename="unit-0-monitor-scores.csv"')
    refused = client.post("/opendata/datasets/unit-0-monitor-scores.csv")
    assert (refused.status_code, refused["Allow"]) == (405, "GET, HEAD")


def test_names_are_case_insensitive_and_the_file_keeps_the_catalogue_name(world: OpendataWorld, client: Client) -> None:
    response = client.get("/opendata/datasets/UNIT-0-Monitor-Scores.csv")
    assert response["Content-Disposition"] == 'attachment; filename="unit-0-monitor-scores.csv"'


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        # The dataset, then its sources: published snapshots (2), or the checklist and entries (2), or one grouping.
        ("unit-0-procurement-records", 3),
        ("unit-0-action-plans", 3),
        ("unit-0-register", 3),
        ("unit-0-channel-statistics", 2),
        ("unit-0-monitor-scores", 2),
        # Department-wide: one more, for its units; not one more per unit.
        ("ops-procurement-records", 4),
        ("ops-register", 4),
        ("ops-channel-statistics", 3),
    ],
)
def test_queries_of_a_first_download_and_of_a_repeat(
    world: OpendataWorld, client: Client, django_assert_num_queries: Any, name: str, queries: int
) -> None:
    with django_assert_num_queries(queries):
        first = client.get(f"/opendata/datasets/{name}.csv")
    with django_assert_num_queries(1):
        repeat = client.get(f"/opendata/datasets/{name}.csv")
    assert (first.status_code, repeat.content) == (200, first.content)
    # Another format is another file: built once too.
    with django_assert_num_queries(queries):
        client.get(f"/opendata/datasets/{name}.xlsx")


def test_department_queries_do_not_grow_with_its_units(
    world: OpendataWorld, client: Client, django_assert_num_queries: Any
) -> None:
    from prongsai.organizations.services import organization_create

    for index in range(2, 6):
        organization_create(
            actor=None,
            kind="unit",
            parent=world.department,
            slug=f"unit-{index}",
            name_th=f"กองที่ {index}",
            name_en=f"Division {index}",
        )
    catalogue_sync(now=SYNCED + dt.timedelta(days=1))
    with django_assert_num_queries(4):
        register = client.get("/opendata/datasets/ops-register.csv")
    units = [line.split(",")[0] for line in register.content[len(BOM) :].decode().split("\r\n")[1:-1]]
    assert units == [f"unit-{index}" for index in range(6) for _item in range(18)]
