"""The department overview of the monitor: scores, trends, counts, checks under way, filters, Thai order, queries."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from prongsai.accounts.models import User
from prongsai.monitoring.models import ItemFinding, SiteCheck
from prongsai.monitoring.outcome import CheckOutcome, ItemStatus
from prongsai.monitoring.selectors import ScoreBand, monitor_overview
from prongsai.monitoring.services import check_fail, check_record, check_start, finding_override
from prongsai.organizations.access import access_scope_for
from prongsai.organizations.models import Organization
from prongsai.organizations.services import organization_create, organization_websites_set, role_assign

from ..signin.verified import login_verified
from ..workspace.conftest import Department, make_department
from .records import BANGKOK, outcome

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_language_afterwards() -> Iterator[None]:
    """Leave no language active: a request to an /en/ page activates English for the rest of the thread."""
    yield
    translation.deactivate()


PAGE = "/en/workspace/monitor/"
NOVEMBER_2025 = dt.datetime(2025, 11, 10, 9, tzinfo=BANGKOK)  # six-month round, FY 2569
MAY_2026 = dt.datetime(2026, 5, 12, 9, tzinfo=BANGKOK)  # twelve-month round, FY 2569


def with_websites(dept: Department) -> Department:
    for unit in dept.units:
        organization_websites_set(actor=None, organization=unit, urls=[f"https://{unit.slug}.example.go.th/"])
    return dept


def check(unit: Organization, result: CheckOutcome, finished: dt.datetime) -> SiteCheck:
    """Record a finished check of the unit that ends at ``finished``."""
    started = check_start(
        actor=None,
        organization=unit,
        website=unit.websites.get(),
        trigger=SiteCheck.Trigger.COMMAND,
        now=finished - dt.timedelta(minutes=3),
    )
    return check_record(site_check=started, outcome=result, now=finished)


def client_for(user: Any) -> Client:
    return login_verified(Client(), user)


@pytest.fixture
def dept(db: Any) -> Department:
    return with_websites(make_department(3))


def rows_by_slug(dept: Department, user: str = "monitor", **filters: Any) -> dict[str, Any]:
    scope = access_scope_for(dept.people[user])
    result = monitor_overview(scope=scope, today=timezone.localdate(), **filters)
    return {row.organization.slug: row for row in result.rows}


def test_each_unit_shows_its_latest_score_trend_counts_and_run(dept: Department) -> None:
    unit0, unit1, _unit2 = dept.units
    check(unit0, outcome({"5.1.7.3": ItemStatus.NOT_FOUND}), NOVEMBER_2025)  # 90.0
    check(unit0, outcome({"5.1.7.3": ItemStatus.PARTIAL}, current=False), MAY_2026 - dt.timedelta(days=20))
    check(unit0, outcome({"5.1.7.3": ItemStatus.PARTIAL}), MAY_2026)  # 95.0, the round's last check
    check(unit1, outcome(), NOVEMBER_2025)  # 100.0
    failed = check_start(actor=None, organization=unit1, website=unit1.websites.get(), trigger="command", now=MAY_2026)
    check_fail(site_check=failed, error="Connection refused", now=MAY_2026 + dt.timedelta(minutes=1))

    rows = rows_by_slug(dept)
    assert list(rows) == ["ops", "unit-0", "unit-1", "unit-2"]
    first = rows["unit-0"]
    assert (first.score, first.previous_score, first.trend, first.trend_direction) == (95.0, 90.0, 5.0, "up")
    assert first.counts == {ItemStatus.FOUND: 17, ItemStatus.PARTIAL: 1, ItemStatus.NOT_FOUND: 0}
    assert first.not_current == 0
    assert first.check is not None
    assert first.check.finished_at == MAY_2026
    assert first.run is None
    second = rows["unit-1"]
    assert (second.score, second.trend, second.band) == (100.0, None, ScoreBand.HIGH)
    assert second.run is not None
    assert (second.run.state, second.run.error) == ("failed", "Connection refused")
    assert rows["unit-2"].check is None
    assert rows["unit-2"].band is ScoreBand.UNCHECKED

    html = client_for(dept.people["monitor"]).get(PAGE).content.decode()
    assert '<span aria-hidden="true">▲</span> +5.0<span class="sr"> up from 90.0</span>' in html
    assert "Failed</span>" in html
    assert "Connection refused" in html
    assert "4 units" in html


def test_a_fall_shows_a_down_arrow(dept: Department) -> None:
    check(dept.units[0], outcome(), NOVEMBER_2025)
    check(dept.units[0], outcome(current=False), MAY_2026)  # every item present but out of date: 80.0
    row = rows_by_slug(dept)["unit-0"]
    assert (row.score, row.trend, row.trend_direction, row.not_current) == (80.0, -20.0, "down", 18)
    html = client_for(dept.people["monitor"]).get(PAGE).content.decode()
    assert '<span aria-hidden="true">▼</span> −20.0<span class="sr"> down from 100.0</span>' in html


def test_rounds_follow_bangkok_time_at_their_edges(dept: Department) -> None:
    # 31 March 23:30 in Bangkok is still the six-month round; half an hour later is the next round.
    check(dept.units[0], outcome({"5.1.7.3": ItemStatus.NOT_FOUND}), dt.datetime(2026, 3, 31, 23, 30, tzinfo=BANGKOK))
    check(dept.units[0], outcome(), dt.datetime(2026, 4, 1, 0, 0, tzinfo=BANGKOK))
    check(dept.units[1], outcome({"5.1.7.3": ItemStatus.NOT_FOUND}), dt.datetime(2025, 9, 30, 23, 59, tzinfo=BANGKOK))
    check(dept.units[1], outcome(), dt.datetime(2025, 10, 1, 0, 5, tzinfo=BANGKOK))
    check(dept.units[2], outcome({"5.1.7.3": ItemStatus.NOT_FOUND}), dt.datetime(2026, 4, 1, 0, 0, tzinfo=BANGKOK))
    check(dept.units[2], outcome(), dt.datetime(2026, 9, 30, 23, 0, tzinfo=BANGKOK))
    rows = rows_by_slug(dept)
    assert rows["unit-0"].previous_score == 90.0
    assert rows["unit-1"].previous_score == 90.0
    assert rows["unit-2"].previous_score is None  # both checks in the same round


def test_scores_apply_the_monitors_overrides(dept: Department) -> None:
    site_check = check(dept.units[0], outcome({"5.1.7.3": ItemStatus.NOT_FOUND}), MAY_2026)
    finding = ItemFinding.objects.select_related("site_check", "item").get(site_check=site_check, item__code="5.1.7.3")
    finding_override(
        actor=dept.people["monitor"], finding=finding, status="found", current=True, reason="On the notices"
    )
    row = rows_by_slug(dept)["unit-0"]
    assert row.score == 100.0
    assert row.counts == {ItemStatus.FOUND: 18, ItemStatus.PARTIAL: 0, ItemStatus.NOT_FOUND: 0}
    # The unit page says the same.
    html = client_for(dept.people["monitor"]).get("/en/workspace/monitor/units/unit-0/").content.decode()
    assert "score <strong>100.0</strong>" in html


def test_filters_by_band_and_thai_name(dept: Department) -> None:
    check(dept.units[0], outcome({"5.1.7.3": ItemStatus.NOT_FOUND}), MAY_2026)  # 90.0
    check(dept.units[1], outcome(current=None), MAY_2026)  # 80.0
    weak = dict.fromkeys(["5.1.3", "5.1.4", "5.1.5", "5.1.6", "5.1.7.1", "5.1.7.2", "5.1.7.3"], ItemStatus.NOT_FOUND)
    check(dept.units[2], outcome(weak), MAY_2026)  # 18 of 30 weight missing: 40.0
    assert list(rows_by_slug(dept, band=ScoreBand.HIGH)) == ["unit-0", "unit-1"]
    assert list(rows_by_slug(dept, band=ScoreBand.UNCHECKED)) == ["ops"]
    assert list(rows_by_slug(dept, search="ทดสอบที่ 2")) == ["unit-2"]
    client = client_for(dept.people["monitor"])
    response = client.get(PAGE, {"band": "unchecked"})
    assert [row.organization.slug for row in response.context["overview"].rows] == ["ops"]
    assert response.context["overview"].bands == {
        ScoreBand.HIGH: 2,
        ScoreBand.MIDDLE: 0,
        ScoreBand.LOW: 1,
        ScoreBand.UNCHECKED: 1,
    }
    assert rows_by_slug(dept, band=ScoreBand.LOW)["unit-2"].score == 40.0
    bad = client.get(PAGE, {"band": "excellent"})
    assert bad.status_code == 200
    assert "Select a valid choice. excellent is not one of the available choices." in bad.content.decode()
    assert [row.organization.slug for row in bad.context["overview"].rows] == ["ops", "unit-0", "unit-1", "unit-2"]


def test_units_come_in_thai_dictionary_order_a_page_at_a_time(db: Any) -> None:
    dept = make_department(1)
    for slug, name in [("transport", "ขนส่ง"), ("farming", "เกษตรกรรม"), ("finance", "กองคลัง")]:
        organization_create(
            actor=None, kind="unit", parent=dept.department, slug=slug, name_th=name, name_en=slug.title()
        )
    scope = access_scope_for(dept.people["monitor"])
    today = timezone.localdate()
    first = monitor_overview(scope=scope, today=today, page_size=3)
    second = monitor_overview(scope=scope, today=today, page=2, page_size=3)
    names = [row.organization.name_th for row in first.rows + second.rows]
    # Leading vowels do not lead: เกษตรกรรม files under ก, after กอง…, before ข.
    assert names == ["สำนักงานปลัด", "กองคลัง", "กองทดสอบที่ 0", "เกษตรกรรม", "ขนส่ง"]
    assert (first.page_count, second.page, first.unit_count) == (2, 2, 5)


def test_access_and_the_navigation_link(dept: Department) -> None:
    assert Client().get(PAGE).status_code == 302
    nobody = User.objects.create_user("nobody", password="pw-for-tests-only")
    assert client_for(nobody).get(PAGE).status_code == 403
    link = 'href="/en/workspace/monitor/"'
    assert link in client_for(dept.people["monitor"]).get("/en/workspace/").content.decode()
    assert link not in client_for(dept.people["editor"]).get("/en/workspace/").content.decode()
    # An editor sees only the unit they work for.
    assert list(rows_by_slug(dept, user="editor")) == ["unit-0"]
    # Someone who views several units is offered the overview too.
    role_assign(actor=None, role="editor", organization=dept.units[1], user=dept.people["editor"])
    assert link in client_for(dept.people["editor"]).get("/en/workspace/").content.decode()


def test_the_page_speaks_thai_by_default(dept: Department) -> None:
    check(dept.units[0], outcome(), MAY_2026)
    html = client_for(dept.people["monitor"]).get("/th/workspace/monitor/").content.decode()
    assert '<html lang="th">' in html
    assert "12 พฤษภาคม 2569" in html
    assert "กองทดสอบที่ 0" in html


def _queries(client: Client) -> int:
    client.get(PAGE)  # warm the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(PAGE).status_code == 200
    return len(captured.captured_queries)


def _forget_everything() -> None:
    """Empty the tables the next department is built in (one test, two sizes)."""
    SiteCheck.objects.all().delete()
    Organization.objects.filter(parent__isnull=False).delete()
    Organization.objects.all().delete()
    User.objects.all().delete()


def test_the_page_takes_the_same_queries_however_many_units(db: Any) -> None:
    counts = []
    for size in (2, 12):
        dept = with_websites(make_department(size))
        for index, unit in enumerate(dept.units):
            check(unit, outcome(), NOVEMBER_2025)
            check(unit, outcome({"5.1.7.3": ItemStatus.NOT_FOUND}), MAY_2026 + dt.timedelta(minutes=index))
        site_check = unit.site_checks.order_by("-finished_at").first()
        finding = ItemFinding.objects.select_related("site_check", "item").get(
            site_check=site_check, item__code="5.1.7.3"
        )
        finding_override(actor=dept.people["monitor"], finding=finding, status="found", current=True, reason="x")
        counts.append(_queries(client_for(dept.people["monitor"])))
        _forget_everything()
    # session, user, the monitor's second factor, roles, tree; units; the last two rounds' checks; tallies;
    # overrides; check runs; the person's unread notices (header)
    assert counts == [11, 11]
