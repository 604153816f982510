"""The rounds' pages: the rounds list and opening form, a round's units, a unit's report, its edit form and diff."""

import datetime as dt
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from prongsai.reports.models import Round, UnitReport
from prongsai.reports.services import (
    unit_report_approve,
    unit_report_return,
    unit_report_save,
    unit_report_send_for_approval,
    unit_report_start,
)
from tests.reports.unit_world import World, _english, open_round, publish_at, shared_world, world
from tests.signin.verified import login_verified

FIXTURES = (_english, shared_world, world)


@pytest.fixture
def now() -> dt.datetime:
    """The pages use the real clock: the tests open a round whose period runs now."""
    return timezone.now()


def _client(world: World, username: str) -> Client:
    return login_verified(Client(), world.person(username))


def _messages(response: Any) -> list[str]:
    """Return the messages this request added (earlier ones wait in the session until a page shows them)."""
    storage: Any = get_messages(response.wsgi_request)
    return [str(m) for m in storage._queued_messages]


def _current_round(world: World, now: dt.datetime) -> Round:
    """Open the round the present day falls in, with the deadline a month after its end."""
    from prongsai.thaidate import current_round

    period = current_round(timezone.localdate(now))
    kind = "6" if period.months_covered == 6 else "12"
    return open_round(
        world, fiscal_year=period.fiscal_year, kind=kind, deadline=period.end + dt.timedelta(days=30), now=now
    )


def test_the_rounds_page_offers_the_form_to_the_ict_center_only(world: World) -> None:
    page = _client(world, "ict_monitor").get(reverse("reports:rounds"))
    assert page.status_code == 200
    assert b'name="fiscal_year"' in page.content
    page = _client(world, "executive").get(reverse("reports:rounds"))
    assert page.status_code == 200
    assert b'name="fiscal_year"' not in page.content
    assert _client(world, "editor_a").get(reverse("reports:rounds")).status_code == 403


def test_opening_a_round_from_the_page(world: World) -> None:
    client = _client(world, "ict_monitor")
    response = client.post(
        reverse("reports:round_open"), {"fiscal_year": "2570", "kind": "12", "deadline": "2027-10-31"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:round", args=["2570-12"])
    assert _messages(response) == ["Round 2570-12 is open."]
    assert Round.objects.get().code == "2570-12"
    response = client.post(
        reverse("reports:round_open"), {"fiscal_year": "2570", "kind": "12", "deadline": "2027-10-31"}
    )
    assert _messages(response) == ["Round 2570-12 has already been opened."]
    response = _client(world, "executive").post(
        reverse("reports:round_open"), {"fiscal_year": "2570", "kind": "6", "deadline": "2027-04-30"}
    )
    assert _messages(response) == []
    assert response.status_code == 403


def test_the_round_page_lists_every_unit_with_flags_in_fixed_queries(
    world: World, now: dt.datetime, django_assert_num_queries: Any
) -> None:
    round = _current_round(world, now)
    unit_report_start(actor=world.person("reporter_a"), round=round, organization=world.unit_a, now=now)
    client = _client(world, "ict_monitor")
    url = reverse("reports:round", args=[round.code])
    client.get(url)  # warm the session
    with django_assert_num_queries(10):  # the page, and the header's unread notices
        page = client.get(url)
    text = page.content.decode()
    assert "Unit A" in text  # English is active: the English names
    rows = [(row.slug, row.state, row.missing) for row in page.context["overview"].rows]
    assert rows == [("unit-a", "draft", False), ("unit-b", "", False)]
    filtered = client.get(url, {"show": "not_started"})
    assert [row.slug for row in filtered.context["overview"].rows] == ["unit-b"]
    # A unit's reporter sees only their unit.
    own = _client(world, "reporter_a").get(url)
    assert [row.slug for row in own.context["overview"].rows] == ["unit-a"]


def test_the_round_page_shows_a_page_of_units_at_a_time(
    world: World, now: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prongsai.reports import views

    monkeypatch.setattr(views, "ROUND_PAGE_SIZE", 1)
    round = _current_round(world, now)
    client = _client(world, "ict_monitor")
    url = reverse("reports:round", args=[round.code])
    first = client.get(url).content.decode()
    assert "page 1 of 2" in first
    assert 'href="?page=2" rel="next"' in first
    assert reverse("reports:unit_report", args=[round.code, "unit-a"]) in first
    assert reverse("reports:unit_report", args=[round.code, "unit-b"]) not in first
    second = client.get(url, {"show": "", "page": "2"}).content.decode()
    assert 'href="?show=&amp;page=1" rel="prev"' in second
    assert reverse("reports:unit_report", args=[round.code, "unit-b"]) in second
    assert "2 units · 0 late · 0 missing" in second  # the counts cover every unit, not the page


def test_the_unit_report_page_shows_the_stored_facts_in_fixed_queries(
    world: World, now: dt.datetime, django_assert_num_queries: Any
) -> None:
    round = _current_round(world, now)
    publish_at(world, world.unit_a, "G.1", now - dt.timedelta(minutes=5))
    client = _client(world, "reporter_a")
    url = reverse("reports:unit_report", args=[round.code, "unit-a"])
    start = client.post(reverse("reports:unit_report_start", args=[round.code, "unit-a"]))
    assert _messages(start) == ["The report is started, prefilled with what the system knows."]
    with django_assert_num_queries(10):  # the page, and the header's unread notices
        page = client.get(url)
    text = page.content.decode()
    assert "Integrity statement" in text
    assert "Published" in text
    assert "คุณ reviewer1_a" in text
    assert reverse("workspace:entry_detail", args=["unit-a", "G.1"]) in text
    assert reverse("workspace:entry_diff", args=["unit-a", "G.1", 0, 1]) in text
    assert "Write the narrative and actions" in text
    assert f'href="{reverse("reports:rounds")}"' in text  # the workspace navigation links the rounds
    # The version's files are offered from its page, and the workbook downloads.
    version = UnitReport.objects.get(round=round, organization=world.unit_a).current_version
    assert version is not None
    xlsx = reverse("report_files:unit_version", args=[version.pk, "xlsx"])
    assert xlsx in text
    assert reverse("report_files:unit_version", args=[version.pk, "pdf"]) in text
    download = client.get(xlsx)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    # Thai: Buddhist-era dates.
    with translation.override("th"):
        thai = client.get(reverse("reports:unit_report", args=[round.code, "unit-a"])).content.decode()
    assert "เจตจำนงสุจริตของผู้บริหาร" in thai
    assert f"{timezone.localdate(now).year + 543}" in thai


def test_writing_sending_and_approving_through_the_pages(world: World, now: dt.datetime) -> None:
    round = _current_round(world, now)
    reporter = _client(world, "reporter_a")
    reporter.post(reverse("reports:unit_report_start", args=[round.code, "unit-a"]))
    edit = reverse("reports:unit_report_edit", args=[round.code, "unit-a"])
    assert reporter.get(edit).status_code == 200
    saved = reporter.post(
        edit, {"narrative_th": "ผลการดำเนินงาน", "narrative_en": "Results", "actions_th": "", "actions_en": ""}
    )
    assert _messages(saved) == ["The report is saved."]
    sent = reporter.post(reverse("reports:unit_report_action", args=[round.code, "unit-a", "send"]))
    assert _messages(sent) == ["The report is sent to the unit head for approval."]
    # The reporter cannot approve: the step is the head's.
    assert (
        reporter.post(reverse("reports:unit_report_action", args=[round.code, "unit-a", "approve"])).status_code == 403
    )
    head = _client(world, "supervisor_a")
    page = head.get(reverse("reports:unit_report", args=[round.code, "unit-a"]))
    assert "Approve and submit to the ICT Center" in page.content.decode()
    approved = head.post(reverse("reports:unit_report_action", args=[round.code, "unit-a", "approve"]))
    assert _messages(approved) == ["The report is approved and submitted to the ICT Center."]
    report = UnitReport.objects.get()
    assert report.state == "submitted"
    ict = _client(world, "ict_monitor")
    returned = ict.post(reverse("reports:unit_report_action", args=[round.code, "unit-a", "return"]), {"comment": ""})
    assert _messages(returned) == ["Say what needs to change: a returned report needs comments."]
    accepted = ict.post(reverse("reports:unit_report_action", args=[round.code, "unit-a", "accept"]), {"comment": "ดี"})
    assert _messages(accepted) == ["The report is accepted."]
    report.refresh_from_db()
    assert report.state == "accepted"


def test_the_head_who_wrote_the_version_is_told_why_there_is_no_approval(world: World, now: dt.datetime) -> None:
    round = _current_round(world, now)
    both = world.person("head_reporter_a")
    version = unit_report_start(actor=both, round=round, organization=world.unit_a, now=now)
    unit_report_save(
        actor=both, version=version, narrative_th="ผล", narrative_en="", actions_th="", actions_en="", now=now
    )
    unit_report_send_for_approval(actor=both, version=version, now=now)
    client = _client(world, "head_reporter_a")
    page = client.get(reverse("reports:unit_report", args=[round.code, "unit-a"])).content.decode()
    assert "You wrote or sent this version, so another head decides on it." in page
    assert "Approve and submit to the ICT Center" not in page
    response = client.post(reverse("reports:unit_report_action", args=[round.code, "unit-a", "approve"]))
    assert _messages(response) == [
        "You cannot approve or send back a report version you wrote or sent for approval yourself."
    ]


@pytest.mark.parametrize(
    ("username", "status"),
    [("reporter_b", 403), ("editor_b", 403), ("outsider", 403), ("executive", 200), ("editor_a", 200)],
)
def test_who_may_read_a_units_report(world: World, now: dt.datetime, username: str, status: int) -> None:
    round = _current_round(world, now)
    unit_report_start(actor=world.person("reporter_a"), round=round, organization=world.unit_a, now=now)
    page = _client(world, username).get(reverse("reports:unit_report", args=[round.code, "unit-a"]))
    assert page.status_code == status
    if status == 200:
        text = page.content.decode()
        assert "Write the narrative and actions" not in text
        assert "Approve and submit" not in text


def test_the_executive_reads_but_cannot_start(world: World, now: dt.datetime) -> None:
    round = _current_round(world, now)
    response = _client(world, "executive").post(reverse("reports:unit_report_start", args=[round.code, "unit-a"]))
    assert response.status_code == 403
    assert not UnitReport.objects.exists()


def test_an_unknown_round_is_not_found(world: World) -> None:
    client = _client(world, "ict_monitor")
    assert client.get(reverse("reports:round", args=["2569-9"])).status_code == 404
    assert client.get(reverse("reports:unit_report", args=["2599-6", "unit-a"])).status_code == 404


def test_the_diff_page_shows_what_changed(world: World, now: dt.datetime) -> None:
    round = _current_round(world, now)
    reporter, head, ict = world.person("reporter_a"), world.person("supervisor_a"), world.person("ict_monitor")
    version = unit_report_start(actor=reporter, round=round, organization=world.unit_a, now=now)
    unit_report_save(
        actor=reporter, version=version, narrative_th="ผล", narrative_en="", actions_th="", actions_en="", now=now
    )
    unit_report_send_for_approval(actor=reporter, version=version, now=now)
    unit_report_approve(actor=head, version=version, now=now)
    unit_report_return(actor=ict, version=version, comment="แก้ไข", now=now)
    client = _client(world, "reporter_a")
    corrected = client.post(reverse("reports:unit_report_action", args=[round.code, "unit-a", "correct"]))
    assert _messages(corrected) == ["A new version is started to correct the report."]
    client.post(
        reverse("reports:unit_report_edit", args=[round.code, "unit-a"]),
        {"narrative_th": "ผล\nเพิ่มเติม", "narrative_en": "", "actions_th": "", "actions_en": ""},
    )
    page = client.get(reverse("reports:unit_report_diff", args=[round.code, "unit-a", 1, 2]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Changes from version 1 to version 2" in text
    assert "+ เพิ่มเติม" in text
    assert client.get(reverse("reports:unit_report_diff", args=[round.code, "unit-a", 1, 3])).status_code == 404
