"""The workspace's procurement plan pages: the plan with its lines, its announcement, and the line forms."""

import datetime as dt
import html as htmllib
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation

from prongsai.procurement.models import PlanLine, ProcurementPlan, ProcurementRecord
from prongsai.procurement.services import plan_line_add, procurement_plan_save, record_save
from tests.procurement.records_world import NOW, World, _english, line_input, record_input, shared_world, world
from tests.signin.verified import login_verified

FIXTURES = (_english, shared_world, world)


def _client(world: World, username: str) -> Client:
    return login_verified(Client(), world.person(username))


def _messages(response: Any) -> list[str]:
    storage: Any = get_messages(response.wsgi_request)
    return [str(m) for m in storage._queued_messages]


def _summary(response: Any) -> list[str]:
    page = response.content.decode()
    if 'class="error-summary' not in page:
        return []
    block = page[page.index('class="error-summary') :]
    block = block[: block.index("</div>")]
    items = re.findall(r"<li>(.*?)</li>", block, re.S)
    return [" ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", item)).split()) for item in items]


def _rows(response: Any) -> list[str]:
    page = response.content.decode()
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [" ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", row)).split()) for row in rows]


def _plan_url(fiscal_year: int = 2569) -> str:
    return reverse("procurement:plan", args=["unit-a", fiscal_year])


def _line_post(**changes: str) -> dict[str, str]:
    data = {
        "name": "จ้างเหมาทำความสะอาด",
        "budget": "๓๖๐,๐๐๐.๐๐ บาท",
        "method": "selection",
        "expected_month": "2025-11",
        "budget_source": "งบดำเนินงาน",
        "note": "",
    }
    data.update(changes)
    return data


def test_the_plan_lists_its_lines_with_their_records_and_total(world: World, django_assert_num_queries: Any) -> None:
    editor = world.person("editor_a")
    procurement_plan_save(
        actor=editor, organization=world.unit_a, fiscal_year=2569, announced_on=dt.date(2025, 10, 20), now=NOW
    )
    first = plan_line_add(actor=editor, organization=world.unit_a, fiscal_year=2569, data=line_input(), now=NOW)
    plan_line_add(
        actor=editor,
        organization=world.unit_a,
        fiscal_year=2569,
        data=line_input(
            name="จ้างซ่อมรถยนต์", budget=Decimal("30000.50"), method="e_market", expected_month=dt.date(2025, 12, 1)
        ),
        now=NOW,
    )
    record_save(actor=editor, organization=world.unit_a, data=record_input(plan_line_id=first.pk), now=NOW)
    client = _client(world, "reviewer1_a")
    client.get(reverse("procurement:index"))
    with django_assert_num_queries(8):  # session, person, device check, roles, unit, plan, its lines, notices
        page = client.get(_plan_url())
    assert page.status_code == 200
    assert "Unit A · Announced on 20 October 2025" in htmllib.unescape(page.content.decode())
    assert _rows(page) == [
        "1 จัดซื้อวัสดุสำนักงาน 120,000.00 Specific method (เฉพาะเจาะจง) March 2026 งบดำเนินงาน 1",
        "2 จ้างซ่อมรถยนต์ 30,000.50 Electronic market (e-market) December 2025 งบดำเนินงาน 0",
    ]
    assert "Total 150,000.50" in " ".join(re.sub(r"<[^>]+>", " ", page.content.decode()).split())
    assert 'name="announced_on"' not in page.content.decode()  # a reviewer reads, does not edit


def test_the_plans_announcement_is_saved_from_its_page(world: World) -> None:
    client = _client(world, "editor_a")
    response = client.post(_plan_url(), {"announced_on": "2025-10-20", "note_th": "ประกาศ ณ วันที่ 20 ตุลาคม 2568"})
    assert response.status_code == 302
    assert response["Location"] == _plan_url()
    assert _messages(response) == ["The procurement plan is saved."]
    plan = ProcurementPlan.objects.get()
    assert (plan.organization_id, plan.fiscal_year, plan.announced_on, plan.note_th) == (
        world.unit_a.pk,
        2569,
        dt.date(2025, 10, 20),
        "ประกาศ ณ วันที่ 20 ตุลาคม 2568",
    )


def test_an_announcement_in_the_future_is_refused_on_its_field(world: World) -> None:
    client = _client(world, "editor_a")
    page = client.post(_plan_url(2570), {"announced_on": "2999-01-01", "note_th": ""})
    assert page.status_code == 200
    assert _summary(page) == ["Announced on: The announcement date cannot be in the future."]
    assert ProcurementPlan.objects.count() == 0
    with translation.override("th"):
        url = reverse("procurement:plan", args=["unit-a", 2570])
    page = client.post(url, {"announced_on": "2999-01-01", "note_th": ""})
    assert _summary(page) == ["ประกาศเมื่อ: วันที่ประกาศแผนต้องไม่อยู่ในอนาคต"]


def test_the_first_line_typed_with_thai_digits_starts_the_plan(world: World) -> None:
    client = _client(world, "editor_a")
    page = client.get(reverse("procurement:line_new", args=["unit-a", 2569]))
    options = re.findall(r'<option value="(\d{4}-\d{2})"', page.content.decode())
    assert options == [
        "2025-10",
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
        "2026-03",
        "2026-04",
        "2026-05",
        "2026-06",
        "2026-07",
        "2026-08",
        "2026-09",
    ]
    response = client.post(reverse("procurement:line_new", args=["unit-a", 2569]), _line_post())
    assert response.status_code == 302
    assert response["Location"] == _plan_url()
    assert _messages(response) == ["The plan line is saved."]
    assert list(
        PlanLine.objects.values_list(
            "plan__fiscal_year", "position", "name", "budget", "method", "expected_month", "budget_source"
        )
    ) == [(2569, 1, "จ้างเหมาทำความสะอาด", Decimal("360000.00"), "selection", dt.date(2025, 11, 1), "งบดำเนินงาน")]


def test_a_line_with_problems_shows_each_on_its_field_and_stores_nothing(world: World) -> None:
    client = _client(world, "editor_a")
    page = client.post(
        reverse("procurement:line_new", args=["unit-a", 2569]),
        _line_post(name="", budget="-5", method="", expected_month="2026-10"),
    )
    assert page.status_code == 200
    assert _summary(page) == [
        "Item to procure: The item to procure is required.",
        "Planned budget (baht): Write an amount of baht, for example 95,000.00.",
        "Procurement method: This field is required.",
        "Expected month: Select a valid choice. 2026-10 is not one of the available choices.",
    ]
    page = client.post(reverse("procurement:line_new", args=["unit-a", 2569]), _line_post(name="", budget=""))
    assert _summary(page) == [
        "Item to procure: The item to procure is required.",
        "Planned budget (baht): The planned budget is required.",
    ]
    assert ProcurementPlan.objects.count() == 0
    assert PlanLine.objects.count() == 0


def test_a_line_is_changed_and_removed_from_its_pages(world: World) -> None:
    editor = world.person("editor_a")
    line = plan_line_add(actor=editor, organization=world.unit_a, fiscal_year=2569, data=line_input(), now=NOW)
    record_save(actor=editor, organization=world.unit_a, data=record_input(plan_line_id=line.pk), now=NOW)
    client = _client(world, "editor_a")
    form = client.get(reverse("procurement:line_edit", args=["unit-a", line.pk])).content.decode()
    assert 'name="budget" value="120,000.00"' in form
    assert '<option value="2026-03" selected>March 2026</option>' in form
    response = client.post(reverse("procurement:line_edit", args=["unit-a", line.pk]), _line_post(budget="125,500.25"))
    assert response["Location"] == _plan_url()
    line.refresh_from_db()
    assert (line.name, line.budget, line.expected_month) == (
        "จ้างเหมาทำความสะอาด",
        Decimal("125500.25"),
        dt.date(2025, 11, 1),
    )
    page = client.get(reverse("procurement:line_delete", args=["unit-a", line.pk]))
    text = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", page.content.decode())).split())
    assert "Remove line 1, “จ้างเหมาทำความสะอาด” (125,500.25 baht), from the plan?" in text
    assert "1 procurement record names this line; it keeps its data and is no longer linked to the plan." in text
    response = client.post(reverse("procurement:line_delete", args=["unit-a", line.pk]))
    assert response["Location"] == _plan_url()
    assert _messages(response) == ["The plan line is removed."]
    assert PlanLine.objects.count() == 0
    assert ProcurementRecord.objects.get().plan_line_id is None


@pytest.mark.parametrize("username", ["reviewer1_a", "executive", "editor_b", "outsider"])
def test_only_the_units_editors_reach_the_plans_forms(world: World, username: str) -> None:
    line = plan_line_add(
        actor=world.person("editor_a"), organization=world.unit_a, fiscal_year=2569, data=line_input(), now=NOW
    )
    client = _client(world, username)
    assert client.get(reverse("procurement:line_new", args=["unit-a", 2569])).status_code == 404
    assert client.get(reverse("procurement:line_edit", args=["unit-a", line.pk])).status_code == 404
    assert client.post(reverse("procurement:line_delete", args=["unit-a", line.pk])).status_code == 404
    assert client.post(_plan_url(), {"announced_on": "2025-10-01", "note_th": "x"}).status_code == 404
    assert PlanLine.objects.count() == 1
    assert ProcurementPlan.objects.get().note_th == ""


def test_a_line_of_another_units_plan_is_not_found_under_this_unit(world: World) -> None:
    line = plan_line_add(
        actor=world.person("editor_b"), organization=world.unit_b, fiscal_year=2569, data=line_input(), now=NOW
    )
    client = _client(world, "editor_a")
    assert client.get(reverse("procurement:line_edit", args=["unit-a", line.pk])).status_code == 404
    assert client.post(reverse("procurement:line_delete", args=["unit-a", line.pk])).status_code == 404
    assert PlanLine.objects.count() == 1
