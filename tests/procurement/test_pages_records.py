"""The workspace's procurement pages of a unit: its fiscal year, a month's records, the record form, closing months.

The pages run on the real clock (the views take no `now`), so the records here lie in fiscal year 2569,
which is past whenever these tests run.
"""

import datetime as dt
import html as htmllib
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from prongsai.audit.models import AuditEvent
from prongsai.procurement.models import Bid, ProcurementMonth, ProcurementRecord
from prongsai.procurement.services import month_close, plan_line_add, record_save
from tests.procurement.records_world import NOW, World, _english, line_input, record_input, shared_world, world
from tests.signin.verified import login_verified

FIXTURES = (_english, shared_world, world)

MARCH = dt.date(2026, 3, 1)


def _client(world: World, username: str) -> Client:
    return login_verified(Client(), world.person(username))


def _messages(response: Any) -> list[str]:
    storage: Any = get_messages(response.wsgi_request)
    return [str(m) for m in storage._queued_messages]


def _text(response: Any) -> str:
    """Return the page's main content as text, tags removed and spaces collapsed."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def _summary(response: Any) -> list[str]:
    """Return the lines of the error summary above the form."""
    html = response.content.decode()
    if 'class="error-summary' not in html:
        return []
    block = html[html.index('class="error-summary') :]
    block = block[: block.index("</div>")]
    items = re.findall(r"<li>(.*?)</li>", block, re.S)
    return [" ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", item)).split()) for item in items]


def _record_post(**changes: str) -> dict[str, str]:
    """Return the record form as an editor fills it in: amounts as people type them, two bids, one empty row."""
    data = {
        "sequence": "1",
        "month": "2026-03",
        "item": "จัดซื้อวัสดุสำนักงาน",
        "budget": "100,000.00",
        "reference_price": "98,000",
        "method": "specific",
        "method_detail": "เฉพาะเจาะจง",
        "winner": "บริษัท ก จำกัด",
        "winner_price": "95,000.00 บาท",
        "reason": "เสนอราคาต่ำสุด",
        "contract_kind": "purchase_order",
        "contract_number": "15/2569",
        "contract_date": "2026-03-03",
        "egp_number": "69039000123",
        "budget_source": "งบดำเนินงาน",
        "status": "completed",
        "plan_line": "",
        "bids-TOTAL_FORMS": "3",
        "bids-INITIAL_FORMS": "0",
        "bids-MIN_NUM_FORMS": "0",
        "bids-MAX_NUM_FORMS": "100",
        "bids-0-bidder": "บริษัท ก จำกัด",
        "bids-0-price": "95,000.00",
        "bids-1-bidder": "ห้างหุ้นส่วนจำกัด ข",
        "bids-1-price": "๙๗,๕๐๐.๕๐",
        "bids-2-bidder": "",
        "bids-2-price": "",
        "save": "1",
    }
    data.update(changes)
    return data


def _month_url(code: str = "2026-03", slug: str = "unit-a") -> str:
    return reverse("procurement:month", args=[slug, code])


# --- access -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("editor_a", 200),
        ("reviewer1_a", 200),
        ("supervisor_a", 200),
        ("executive", 200),
        ("editor_b", 404),
        ("editor_dept", 404),
        ("outsider", 404),
    ],
)
def test_whoever_sees_the_units_register_reads_its_procurement_and_nobody_else_learns_it_exists(
    world: World, username: str, status: int
) -> None:
    client = _client(world, username)
    assert client.get(reverse("procurement:year", args=["unit-a", 2569])).status_code == status
    assert client.get(_month_url()).status_code == status
    assert client.get(reverse("procurement:plan", args=["unit-a", 2569])).status_code == status


@pytest.mark.parametrize("username", ["reviewer1_a", "supervisor_a", "executive", "editor_b", "outsider"])
def test_only_the_units_editors_reach_the_pages_that_change_records(world: World, username: str) -> None:
    record = record_save(actor=world.person("editor_a"), organization=world.unit_a, data=record_input(), now=NOW)
    client = _client(world, username)
    assert client.get(reverse("procurement:record_new", args=["unit-a", "2026-03"])).status_code == 404
    assert client.get(reverse("procurement:record_edit", args=["unit-a", record.pk])).status_code == 404
    assert client.post(reverse("procurement:record_delete", args=["unit-a", record.pk])).status_code == 404
    response = client.post(reverse("procurement:month_close", args=["unit-a", "2026-03"]), {"as_of": "2026-04-01"})
    assert response.status_code == 404
    assert client.post(_record_post_url(), _record_post(sequence="2")).status_code == 404
    assert ProcurementRecord.objects.count() == 1
    assert not ProcurementMonth.objects.exists()


def _record_post_url(code: str = "2026-03") -> str:
    return reverse("procurement:record_new", args=["unit-a", code])


def test_a_reader_sees_no_way_to_change_the_records(world: World) -> None:
    record_save(actor=world.person("editor_a"), organization=world.unit_a, data=record_input(), now=NOW)
    page = _client(world, "reviewer1_a").get(_month_url())
    assert page.status_code == 200
    assert "จัดซื้อวัสดุสำนักงาน" in _text(page)
    html = page.content.decode()
    assert "/records/new/" not in html
    assert "/edit/" not in html
    assert 'name="as_of"' not in html


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(world: World) -> None:
    response = Client().get(reverse("procurement:year", args=["unit-a", 2569]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("workspace:login"))


def test_a_record_of_another_unit_is_not_found_under_this_units_address(world: World) -> None:
    record = record_save(actor=world.person("editor_b"), organization=world.unit_b, data=record_input(), now=NOW)
    client = _client(world, "editor_a")
    assert client.get(reverse("procurement:record_edit", args=["unit-a", record.pk])).status_code == 404
    assert client.post(reverse("procurement:record_delete", args=["unit-a", record.pk])).status_code == 404
    assert ProcurementRecord.objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("code", ["2026-13", "March", "2026-3", "1800-01"])
def test_an_address_with_no_month_in_it_is_not_found(world: World, code: str) -> None:
    assert _client(world, "editor_a").get(_month_url(code)).status_code == 404


def test_a_fiscal_year_outside_the_buddhist_era_range_is_not_found(world: World) -> None:
    assert _client(world, "editor_a").get(reverse("procurement:year", args=["unit-a", 2026])).status_code == 404


# --- the fiscal year --------------------------------------------------------------------------------------------


def test_the_units_procurement_opens_at_the_current_fiscal_year(world: World) -> None:
    today = timezone.localdate()
    current = today.year + 543 + (1 if today.month >= 10 else 0)  # the fiscal year ends in September
    response = _client(world, "editor_a").get(reverse("procurement:unit", args=["unit-a"]))
    assert response.status_code == 302
    assert response["Location"] == f"/en/workspace/procurement/unit-a/{current}/"


def test_the_year_shows_each_month_from_october_with_its_records_sums_and_closing(
    world: World, django_assert_num_queries: Any
) -> None:
    editor = world.person("editor_a")
    plan_line_add(actor=editor, organization=world.unit_a, fiscal_year=2569, data=line_input(), now=NOW)
    plan_line_add(
        actor=editor,
        organization=world.unit_a,
        fiscal_year=2569,
        data=line_input(name="จ้างซ่อมรถยนต์", budget=Decimal("30000.50")),
        now=NOW,
    )
    record_save(actor=editor, organization=world.unit_a, data=record_input(), now=NOW)
    record_save(
        actor=editor,
        organization=world.unit_a,
        data=record_input(sequence=2, budget=Decimal("5000"), winner_price=Decimal("4800.25")),
        now=NOW,
    )
    record_save(actor=editor, organization=world.unit_a, data=record_input(month=dt.date(2026, 1, 1)), now=NOW)
    month_close(
        actor=editor, organization=world.unit_a, month=dt.date(2025, 10, 1), as_of=dt.date(2025, 11, 5), now=NOW
    )
    month_close(actor=editor, organization=world.unit_a, month=dt.date(2026, 1, 1), as_of=dt.date(2026, 2, 2), now=NOW)
    client = _client(world, "editor_a")
    client.get(reverse("procurement:index"))  # the session and the person's scope are read once before counting
    with django_assert_num_queries(
        9
    ):  # session, person, roles, the device check, unit, plan, months' sums, closings, notices
        page = client.get(reverse("procurement:year", args=["unit-a", 2569]))
    text = _text(page)
    assert "2 lines, 150,000.50 baht in all." in text
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", page.content.decode(), re.S)
    cells = [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]
    assert cells == [
        "October 2025 0 0.00 0.00 No procurement (ไม่มีการจัดซื้อจัดจ้าง), as of 5 November 2025",
        "November 2025 0 0.00 0.00 Open",
        "December 2025 0 0.00 0.00 Open",
        "January 2026 1 100,000.00 95,000.00 Closed as of 2 February 2026",
        "February 2026 0 0.00 0.00 Open",
        "March 2026 2 105,000.00 99,800.25 Open",
        "April 2026 0 0.00 0.00 Open",
        "May 2026 0 0.00 0.00 Open",
        "June 2026 0 0.00 0.00 Open",
        "July 2026 0 0.00 0.00 Open",
        "August 2026 0 0.00 0.00 Open",
        "September 2026 0 0.00 0.00 Open",
        "Total 3 205,000.00 194,800.25",
    ]


def test_a_year_without_a_plan_offers_its_editor_to_start_one(world: World) -> None:
    page = _client(world, "editor_a").get(reverse("procurement:year", args=["unit-a", 2569]))
    assert "The unit has no procurement plan for this fiscal year yet." in _text(page)
    assert reverse("procurement:line_new", args=["unit-a", 2569]) in page.content.decode()
    page = _client(world, "reviewer1_a").get(reverse("procurement:year", args=["unit-a", 2569]))
    assert reverse("procurement:line_new", args=["unit-a", 2569]) not in page.content.decode()


# --- a month ----------------------------------------------------------------------------------------------------


def test_the_month_lists_its_records_by_row_number_in_the_forms_columns(world: World) -> None:
    editor = world.person("editor_a")
    record_save(actor=editor, organization=world.unit_a, data=record_input(sequence=2, item="จ้างซ่อมรถยนต์"), now=NOW)
    record_save(actor=editor, organization=world.unit_a, data=record_input(), now=NOW)
    page = _client(world, "editor_a").get(_month_url())
    html = page.content.decode()
    headers = re.findall(r"<th scope=\"col\">(.*?)</th>", html)
    assert headers == [
        "No.",
        "Item procured",
        "Budget (baht)",
        "Reference price (baht)",
        "Procurement method",
        "Bidders and prices offered",
        "Selected vendor and agreed price",
        "Reason for the selection",
        "Contract or agreement number and date",
        "Actions",
    ]
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    rows = [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    common = (
        "100,000.00 98,000.00 เฉพาะเจาะจง บริษัท ก จำกัด / 95,000.00 ห้างหุ้นส่วนจำกัด ข / 97,500.50 "
        "บริษัท ก จำกัด / 95,000.00 เสนอราคาต่ำสุด Purchase order (ใบสั่งซื้อ) 15/2569 dated 3 March 2026 "
        "Edit record {n} · Remove record {n}"
    )
    assert rows == [
        "1 จัดซื้อวัสดุสำนักงาน e-GP project number 69039000123 · Contract completed " + common.format(n=1),
        "2 จ้างซ่อมรถยนต์ e-GP project number 69039000123 · Contract completed " + common.format(n=2),
    ]
    assert "Total 200,000.00 190,000.00" in _text(page)


def test_the_months_page_runs_the_same_queries_however_many_records_it_shows(
    world: World, django_assert_num_queries: Any
) -> None:
    editor = world.person("editor_a")
    record_save(actor=editor, organization=world.unit_a, data=record_input(), now=NOW)
    client = _client(world, "editor_a")
    client.get(reverse("procurement:index"))
    # session, person, roles, the device check, unit, records, their bids, the closing, notices
    with django_assert_num_queries(9):
        client.get(_month_url())
    for sequence in range(2, 7):
        record_save(actor=editor, organization=world.unit_a, data=record_input(sequence=sequence), now=NOW)
    with django_assert_num_queries(9):
        page = client.get(_month_url())
    assert "Total 600,000.00 570,000.00" in _text(page)


def test_an_empty_month_says_that_closing_it_declares_no_procurement_and_once_closed_declares_it(world: World) -> None:
    client = _client(world, "editor_a")
    page = client.get(_month_url("2026-02"))
    assert (
        "This month has no records: closing it declares “ไม่มีการจัดซื้อจัดจ้าง” (no procurement) for the month, "
        "as of the date you give." in _text(page)
    )
    response = client.post(
        reverse("procurement:month_close", args=["unit-a", "2026-02"]), {"as_of": "2026-03-02", "note_th": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == _month_url("2026-02")
    assert _messages(response) == ["February 2026 is closed."]
    closed = ProcurementMonth.objects.get()
    assert (closed.month, closed.as_of, closed.closed_by_id) == (
        dt.date(2026, 2, 1),
        dt.date(2026, 3, 2),
        world.person("editor_a").pk,
    )
    text = _text(client.get(_month_url("2026-02")))
    assert (
        "This month is closed without records: it declares “ไม่มีการจัดซื้อจัดจ้าง” (no procurement) "
        "as of 2 March 2026." in text
    )
    assert "No procurement this month (ไม่มีการจัดซื้อจัดจ้าง)." in text


def test_closing_with_a_bad_date_shows_every_problem_and_stores_nothing(world: World) -> None:
    client = _client(world, "editor_a")
    url = reverse("procurement:month_close", args=["unit-a", "2026-02"])
    page = client.post(url, {"as_of": "2026-01-20"})
    assert page.status_code == 200
    assert _summary(page) == ["Information as of: The “as of” date cannot be before the month's first day."]
    assert "<title>Error:" in page.content.decode()
    page = client.post(url, {"as_of": ""})
    assert _summary(page) == ["Information as of: This field is required."]
    assert not ProcurementMonth.objects.exists()
    with translation.override("th"):
        url = reverse("procurement:month_close", args=["unit-a", "2026-02"])
    page = client.post(url, {"as_of": "2026-01-20"})
    assert _summary(page) == ["ข้อมูล ณ วันที่: วันที่ของข้อมูล (ณ วันที่) ต้องไม่ก่อนวันแรกของเดือน"]


def test_a_closed_month_is_reopened_from_its_page(world: World) -> None:
    editor = world.person("editor_a")
    record_save(actor=editor, organization=world.unit_a, data=record_input(), now=NOW)
    month_close(actor=editor, organization=world.unit_a, month=MARCH, as_of=dt.date(2026, 3, 16), now=NOW)
    client = _client(world, "editor_a")
    page = client.get(_month_url())
    text = _text(page)
    assert "This month is closed: its summary is complete as of 16 March 2026." in text
    assert "/records/new/" not in page.content.decode()
    assert reverse("procurement:record_edit", args=["unit-a", 1]) not in page.content.decode()
    response = client.post(reverse("procurement:month_reopen", args=["unit-a", "2026-03"]))
    assert response["Location"] == _month_url()
    assert _messages(response) == ["March 2026 is open again."]
    assert not ProcurementMonth.objects.exists()
    response = client.post(reverse("procurement:month_reopen", args=["unit-a", "2026-03"]))
    assert _messages(response) == ["March 2026 is not closed."]


# --- the record form --------------------------------------------------------------------------------------------


def test_a_new_record_is_offered_the_months_next_row_number(world: World) -> None:
    record_save(actor=world.person("editor_a"), organization=world.unit_a, data=record_input(sequence=4), now=NOW)
    page = _client(world, "editor_a").get(_record_post_url())
    html = page.content.decode()
    assert re.search(r'<input type="number" name="sequence" value="5"', html)
    assert re.search(r'<input type="month" name="month" value="2026-03"', html)
    assert html.count('name="bids-') == 4 + 3 * 2  # the management form and three empty rows


def test_a_record_typed_as_people_write_amounts_is_stored_exactly(world: World) -> None:
    client = _client(world, "editor_a")
    before = AuditEvent.objects.count()
    response = client.post(_record_post_url(), _record_post())
    assert response.status_code == 302
    assert response["Location"] == _month_url()
    assert _messages(response) == ["Record 1 of March 2026 is saved."]
    record = ProcurementRecord.objects.get()
    assert (record.month, record.fiscal_year, record.sequence, record.item) == (MARCH, 2569, 1, "จัดซื้อวัสดุสำนักงาน")
    assert (record.budget, record.reference_price, record.winner_price) == (
        Decimal("100000.00"),
        Decimal("98000.00"),
        Decimal("95000.00"),
    )
    assert (record.contract_kind, record.contract_number, record.contract_date) == (
        "purchase_order",
        "15/2569",
        dt.date(2026, 3, 3),
    )
    assert (record.source, record.created_by_id) == ("entered", world.person("editor_a").pk)
    assert list(Bid.objects.order_by("position").values_list("position", "bidder", "price")) == [
        (1, "บริษัท ก จำกัด", Decimal("95000.00")),
        (2, "ห้างหุ้นส่วนจำกัด ข", Decimal("97500.50")),
    ]
    assert list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True))[before:] == [
        "procurement.record_save"
    ]


def test_a_record_names_a_line_of_the_plan_of_its_fiscal_year(world: World) -> None:
    line = plan_line_add(
        actor=world.person("editor_a"), organization=world.unit_a, fiscal_year=2569, data=line_input(), now=NOW
    )
    client = _client(world, "editor_a")
    page = client.get(_record_post_url())
    assert f'<option value="{line.pk}">1. จัดซื้อวัสดุสำนักงาน (120,000.00)</option>' in page.content.decode()
    client.post(_record_post_url(), _record_post(plan_line=str(line.pk)))
    assert ProcurementRecord.objects.get().plan_line_id == line.pk


def test_every_problem_of_a_record_is_shown_on_its_field_and_nothing_is_stored(world: World) -> None:
    client = _client(world, "editor_a")
    page = client.post(
        _record_post_url(),
        _record_post(item="", budget="หนึ่งแสน", winner="", winner_price="", **{"bids-1-bidder": ""}),
    )
    assert page.status_code == 200
    assert _summary(page) == [
        "Item procured: The item procured is required.",
        "Budget (baht): Write an amount of baht, for example 95,000.00.",
        "Selected vendor: The selected vendor is required (unless cancelled).",
        "Bidders: Bidder 2 has no name.",
    ]
    html = page.content.decode()
    assert '<textarea name="item" cols="40" rows="2" maxlength="2000" aria-invalid="true"' in html
    assert 'id="id_budget_error"' in html
    assert ProcurementRecord.objects.count() == 0
    assert Bid.objects.count() == 0


def test_the_records_problems_read_in_thai_on_the_thai_page(world: World) -> None:
    client = _client(world, "editor_a")
    with translation.override("th"):
        url = _record_post_url()
    page = client.post(url, _record_post(item="", budget="หนึ่งแสน"))
    assert _summary(page) == [
        "งานที่จัดซื้อจัดจ้าง: ต้องระบุงานที่จัดซื้อจัดจ้าง",
        "วงเงินที่จะซื้อหรือจ้าง (บาท): กรอกจำนวนเงินเป็นบาท เช่น 95,000.00",
    ]
    assert ProcurementRecord.objects.count() == 0


def test_a_row_number_taken_in_the_month_is_shown_on_the_row_number(world: World) -> None:
    record_save(actor=world.person("editor_a"), organization=world.unit_a, data=record_input(), now=NOW)
    page = _client(world, "editor_a").post(_record_post_url(), _record_post(item="อีกรายการ"))
    assert _summary(page) == [
        "Row number (ลำดับ): Row number 1 of March 2026 is already taken by another record.",
    ]
    assert ProcurementRecord.objects.count() == 1


def test_adding_a_bidder_row_keeps_what_was_typed_and_stores_nothing(world: World) -> None:
    data = _record_post(item="", **{"bids-2-bidder": "บริษัท ค จำกัด", "bids-2-price": "99,000"})
    del data["save"]
    data["add_bid"] = "1"
    page = _client(world, "editor_a").post(_record_post_url(), data)
    assert page.status_code == 200
    assert _summary(page) == []
    html = page.content.decode()
    assert 'name="bids-TOTAL_FORMS" value="4"' in html
    assert 'name="bids-2-bidder" value="บริษัท ค จำกัด"' in html
    assert 'name="bids-1-price" value="๙๗,๕๐๐.๕๐"' in html
    assert 'name="bids-3-bidder" maxlength="500"' in html
    assert 'name="budget" value="100,000.00"' in html
    assert ProcurementRecord.objects.count() == 0


def test_a_record_is_changed_through_its_form_which_shows_its_amounts_as_written(world: World) -> None:
    record = record_save(actor=world.person("editor_a"), organization=world.unit_a, data=record_input(), now=NOW)
    client = _client(world, "editor_a")
    url = reverse("procurement:record_edit", args=["unit-a", record.pk])
    html = client.get(url).content.decode()
    assert 'name="budget" value="100,000.00"' in html
    assert 'name="bids-0-bidder" value="บริษัท ก จำกัด"' in html
    assert 'name="bids-1-price" value="97,500.50"' in html
    assert 'name="bids-TOTAL_FORMS" value="4"' in html  # two bids and two empty rows
    data = _record_post(
        winner_price="94,500.75",
        **{"bids-0-bidder": "ห้างหุ้นส่วนจำกัด ข", "bids-0-price": "96,000", "bids-1-bidder": "", "bids-1-price": ""},
    )
    response = client.post(url, data)
    assert response["Location"] == _month_url()
    stored = ProcurementRecord.objects.get(pk=record.pk)
    assert stored.winner_price == Decimal("94500.75")
    assert list(Bid.objects.filter(record=record).values_list("position", "bidder", "price")) == [
        (1, "ห้างหุ้นส่วนจำกัด ข", Decimal("96000.00"))
    ]
    event = AuditEvent.objects.order_by("-sequence").first()
    assert event is not None
    assert (event.action, event.data["changed"]) == ("procurement.record_save", ["bids", "winner_price"])


def test_a_record_of_a_closed_month_is_neither_added_changed_nor_removed(world: World) -> None:
    editor = world.person("editor_a")
    record = record_save(actor=editor, organization=world.unit_a, data=record_input(), now=NOW)
    month_close(actor=editor, organization=world.unit_a, month=MARCH, as_of=dt.date(2026, 3, 16), now=NOW)
    client = _client(world, "editor_a")
    response = client.get(_record_post_url())
    assert response["Location"] == _month_url()
    assert _messages(response) == ["This month is closed: reopen it before adding a record."]
    page = client.post(reverse("procurement:record_edit", args=["unit-a", record.pk]), _record_post(reason="x"))
    assert _summary(page) == [
        "Month of the summary: March 2026 is closed: reopen the month before adding, changing or removing its records."
    ]
    response = client.post(reverse("procurement:record_delete", args=["unit-a", record.pk]))
    assert _messages(response) == [
        "March 2026 is closed: reopen the month before adding, changing or removing its records."
    ]
    assert ProcurementRecord.objects.get(pk=record.pk).reason == "เสนอราคาต่ำสุด"


def test_a_record_is_removed_after_asking(world: World) -> None:
    record = record_save(actor=world.person("editor_a"), organization=world.unit_a, data=record_input(), now=NOW)
    client = _client(world, "editor_a")
    url = reverse("procurement:record_delete", args=["unit-a", record.pk])
    page = client.get(url)
    assert (
        "Remove record 1, “จัดซื้อวัสดุสำนักงาน” (100,000.00 baht), and its bids? "
        "The audit trail keeps that it was removed." in _text(page)
    )
    assert ProcurementRecord.objects.count() == 1
    response = client.post(url)
    assert response["Location"] == _month_url()
    assert _messages(response) == ["Record 1 of March 2026 is removed."]
    assert ProcurementRecord.objects.count() == 0


# --- navigation -------------------------------------------------------------------------------------------------


def test_the_workspace_leads_to_the_units_procurement(world: World) -> None:
    client = _client(world, "editor_a")
    page = client.get(reverse("workspace:unit_detail", args=["unit-a"]))
    assert (
        '<a href="/en/workspace/procurement/unit-a/">Procurement plan and records (5.1.7)</a>' in page.content.decode()
    )
    assert '<a href="/en/workspace/procurement/">Procurement</a>' in page.content.decode()
    index = client.get(reverse("procurement:index"))
    assert re.findall(r'<a href="/en/workspace/procurement/([^/]+)/">', index.content.decode()) == ["unit-a"]
    index = _client(world, "executive").get(reverse("procurement:index"))
    assert re.findall(r'<a href="/en/workspace/procurement/([^/]+)/">', index.content.decode()) == [
        "dept",
        "unit-a",
        "unit-b",
    ]


def test_a_month_not_begun_offers_neither_adding_nor_closing(world: World) -> None:
    page = _client(world, "editor_a").get(_month_url("2099-01"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "/records/new/" not in html
    assert 'name="as_of"' not in html
    assert "No procurement recorded for this month yet." in _text(page)
