"""The workspace's "fill from records" page, and the records shown to editors and reviewers on version pages."""

import datetime as dt
from typing import Any

import lxml.html
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from prongsai.disclosures.models import EntryVersion, VersionRecords
from prongsai.disclosures.services import version_submit
from prongsai.plans.models import ActionPlan, Programme, Project

from ..signin.verified import login_verified
from ..workspace.conftest import Department
from .conftest import entry_of
from .world import AS_OF

FIXED_TODAY = dt.date(2026, 4, 10)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Make the server's today 10 April 2026 (the form's defaults and the future-date check read it)."""
    from django.utils import timezone

    real = timezone.localdate

    def localdate(value: Any = None, timezone: Any = None) -> dt.date:
        return real(value, timezone) if value is not None else FIXED_TODAY

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return FIXED_TODAY


def records_url(code: str, slug: str = "unit-0", language: str = "th") -> str:
    return f"/{language}/workspace/units/{slug}/items/{code}/records/"


def client_for(user: Any) -> Client:
    return login_verified(Client(), user)


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def test_the_form_offers_the_current_fiscal_year_and_today(dept: Department, plan: ActionPlan, today: dt.date) -> None:
    response = client_for(dept.people["editor"]).get(records_url("5.1.5"))
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.content)
    assert tree.xpath("//input[@name='fiscal_year']/@value") == ["2569"]
    assert tree.xpath("//input[@name='as_of']/@value") == ["2026-04-10"]
    assert tree.xpath("//label[@for='id_fiscal_year']/text()") == ["ปีงบประมาณ (พ.ศ.):"]
    assert tree.xpath("//section[@aria-labelledby='records-preview']") == []


def test_the_preview_shows_the_summary_and_the_tables_and_stores_nothing(
    dept: Department, plan: ActionPlan, today: dt.date
) -> None:
    response = client_for(dept.people["editor"]).get(
        records_url("5.1.4"), {"fiscal_year": "2569", "as_of": "2026-04-10"}
    )
    tree = lxml.html.fromstring(response.content)
    (preview,) = tree.xpath("//section[@aria-labelledby='records-preview']")
    assert preview.xpath("./p[@lang='th']/text()") == [
        "แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2569: 3 โครงการ งบประมาณรวม 4,500,000.00 บาท"
    ]
    assert preview.xpath("./p[@lang='en']/text()") == [
        "Action plan for fiscal year 2026: 3 projects, total budget 4,500,000.00 baht"
    ]
    assert [_text(c) for c in preview.xpath(".//table/caption")] == [
        "แผนงาน โครงการ และกิจกรรมตามแผนปฏิบัติราชการ ปีงบประมาณ พ.ศ. 2569"
    ]
    assert preview.xpath(".//form[@method='post']/input[@name='fiscal_year' or @name='as_of']/@value") == [
        "2569",
        "2026-04-10",
    ]
    assert not EntryVersion.objects.exists()


def test_posting_puts_the_records_into_the_draft_and_returns_to_the_entry(
    dept: Department, unit: Any, procurement: dict[str, Any], today: dt.date
) -> None:
    client = client_for(dept.people["editor"])
    response = client.post(records_url("5.1.7.3"), {"fiscal_year": "2569", "as_of": "2026-04-10"})
    assert response.status_code == 302
    assert response["Location"] == "/th/workspace/units/unit-0/items/5.1.7.3/"
    entry = entry_of(unit, "5.1.7.3")
    records = VersionRecords.objects.get(version=entry.open_version)
    assert (records.kind, [m["month"] for m in records.data["months"]]) == (
        "procurement_summaries",
        ["2025-11", "2025-12", "2026-01"],
    )
    page = client.get(response["Location"])
    content = page.content.decode()
    assert "นำข้อมูลเข้าฉบับร่างแล้ว ตรวจดูแล้วจึงส่งให้ผู้ตรวจสอบ" in content
    tree = lxml.html.fromstring(page.content)
    (panel,) = tree.xpath("//section[@aria-labelledby='in-progress']")
    assert [_text(h) for h in panel.xpath(".//section[@class='records-month']/h4")] == [
        "สรุปผลการดำเนินการจัดซื้อจัดจ้าง (สขร.1) เดือนพฤศจิกายน 2568",
        "สรุปผลการดำเนินการจัดซื้อจัดจ้าง (สขร.1) เดือนธันวาคม 2568",
        "สรุปผลการดำเนินการจัดซื้อจัดจ้าง (สขร.1) เดือนมกราคม 2569",
    ]
    # The workspace shows no public download links for a draft.
    assert panel.xpath(".//p[@class='records-files']") == []


def test_problems_are_listed_and_nothing_is_stored(dept: Department, plan: ActionPlan, today: dt.date) -> None:
    client = client_for(dept.people["editor"])
    response = client.post(records_url("5.1.5"), {"fiscal_year": "2570", "as_of": "2026-04-10"})
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.content)
    (alert,) = tree.xpath("//div[@role='alert']")
    assert [_text(li) for li in alert.xpath(".//li")] == ["หน่วยงานยังไม่มีแผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2570"]
    future = client.get(records_url("5.1.5"), {"fiscal_year": "2569", "as_of": "2026-04-11"})
    alert = lxml.html.fromstring(future.content).xpath("//div[@role='alert']")[0]
    assert [_text(li) for li in alert.xpath(".//li")] == ["ข้อมูล ณ วันที่: วันที่ “ข้อมูล ณ วันที่” ต้องไม่เป็นวันในอนาคต"]
    assert alert.xpath(".//li/a/@href") == ["#id_as_of"]
    assert not EntryVersion.objects.exists()


def test_a_version_awaiting_review_is_explained(dept: Department, unit: Any, plan: ActionPlan, today: dt.date) -> None:
    client = client_for(dept.people["editor"])
    client.post(records_url("5.1.4"), {"fiscal_year": "2569", "as_of": "2026-04-10"})
    version_submit(actor=dept.people["editor"], version=entry_of(unit, "5.1.4").open_version)
    response = client.post(records_url("5.1.4"), {"fiscal_year": "2569", "as_of": "2026-04-10"})
    alert = lxml.html.fromstring(response.content).xpath("//div[@role='alert']")[0]
    assert [_text(li) for li in alert.xpath(".//li")] == [
        "ฉบับของรายการ 5.1.4 อยู่ระหว่างรอการตรวจสอบ ให้ถอนกลับก่อนจึงจะแก้ไขได้"
    ]


@pytest.mark.parametrize(
    ("person", "path"),
    [
        ("outsider", records_url("5.1.5")),  # an editor of another unit
        ("reviewer1", records_url("5.1.5")),  # reviews, does not edit
        ("monitor", records_url("5.1.5")),
        ("editor", records_url("5.1.1.1")),  # not an item records fill
        ("editor", records_url("5.1.5", slug="nowhere")),
    ],
)
def test_only_editors_of_the_unit_reach_the_page_of_a_records_item(
    dept: Department, plan: ActionPlan, person: str, path: str
) -> None:
    client = client_for(dept.people[person])
    assert client.get(path).status_code == 404
    assert client.post(path, {"fiscal_year": "2569", "as_of": "2026-04-10"}).status_code == 404
    assert not EntryVersion.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(dept: Department) -> None:
    response = Client().get(records_url("5.1.5"))
    assert response.status_code == 302
    assert response["Location"].startswith("/th/workspace/login/?next=")


def test_the_entry_page_offers_the_fill_only_where_records_apply(dept: Department) -> None:
    editor = client_for(dept.people["editor"])

    def links(client: Client, code: str) -> list[str]:
        tree = lxml.html.fromstring(client.get(f"/th/workspace/units/unit-0/items/{code}/").content)
        return [str(href) for href in tree.xpath("//div[@class='actions']/a[.='กรอกจากข้อมูลในระบบ']/@href")]

    assert links(editor, "5.1.7.2") == [records_url("5.1.7.2")]
    assert links(editor, "5.1.1.1") == []
    assert links(client_for(dept.people["reviewer1"]), "5.1.5") == []


def test_the_reviewer_sees_exactly_the_tables_the_public_will_see(
    dept: Department, unit: Any, procurement: dict[str, Any], today: dt.date
) -> None:
    client_for(dept.people["editor"]).post(records_url("5.1.7.1"), {"fiscal_year": "2569", "as_of": "2026-04-10"})
    version_submit(actor=dept.people["editor"], version=entry_of(unit, "5.1.7.1").open_version)
    response = client_for(dept.people["reviewer2"]).get("/th/workspace/units/unit-0/items/5.1.7.1/review/")
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.content)
    (table,) = tree.xpath("//section[@class='records-section']//table")
    assert _text(table.xpath("./caption")[0]) == "แผนการจัดซื้อจัดจ้างประจำปี ปีงบประมาณ พ.ศ. 2569"
    assert [[_text(cell) for cell in row] for row in table.xpath("./tfoot/tr")] == [
        ["รวม (3 รายการ)", "575,000.50", ""]
    ]


@pytest.mark.parametrize("extra", [0, 8])
def test_the_preview_takes_the_same_queries_whatever_the_plan(
    dept: Department, plan: ActionPlan, today: dt.date, extra: int
) -> None:
    for n in range(extra):
        programme = Programme.objects.create(plan=plan, position=10 + n, name_th=f"แผนงาน {n}")
        Project.objects.create(
            programme=programme, name_th=f"โครงการ {n}", budget="1.00", division="กอง",
            start=dt.date(2025, 10, 1), end=dt.date(2026, 9, 30),
        )  # fmt: skip
    client = client_for(dept.people["editor"])
    client.get(records_url("5.1.5"))  # sign-in bookkeeping happens on the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(records_url("5.1.5"), {"fiscal_year": "2569", "as_of": str(AS_OF)})
    assert response.status_code == 200
    # session, user, second factor, roles; organization, entry; plan with its unit, programmes, projects,
    # reports; the page's count of unread notices
    assert len(queries) == 11, "\n".join(q["sql"][:150] for q in queries)


def test_the_entry_page_shows_the_published_and_the_new_records_with_ids_of_their_own(
    dept: Department, unit: Any, plan: ActionPlan, today: dt.date
) -> None:
    from .conftest import publish_records

    publish_records(dept, unit, "5.1.5", as_of=dt.date(2026, 3, 31))
    client = client_for(dept.people["editor"])
    client.post(records_url("5.1.5"), {"fiscal_year": "2569", "as_of": "2026-04-10"})
    tree = lxml.html.fromstring(client.get("/th/workspace/units/unit-0/items/5.1.5/").content)
    charts = tree.xpath("//*[local-name()='svg'][@role='img']")
    assert [chart.get("aria-labelledby") for chart in charts] == [
        "v2-progress-chart-title v2-progress-chart-desc",  # in progress, as of 10 April
        "v1-progress-chart-title v1-progress-chart-desc",  # published, as of 31 March
    ]
    assert [chart.xpath("./*[local-name()='desc']/text()")[0].split(" ทั้งแผน")[0] for chart in charts] == [
        "3 โครงการ ข้อมูล ณ วันที่ 10 เมษายน 2569",
        "3 โครงการ ข้อมูล ณ วันที่ 31 มีนาคม 2569",
    ]
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))
