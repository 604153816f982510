"""The ICT Center's weekly digest: on its weekday only, once a week, about the units each monitor watches."""

import datetime as dt
from typing import Any

from prongsai.monitoring.models import SiteCheck
from prongsai.notifications.models import Notice
from prongsai.notifications.services import notice_mutes_set, notices_schedule
from prongsai.organizations.models import Role
from tests.register.conftest import BANGKOK, World

from .notify_world import NOW, TODAY, day, grant, notices, publish_due, report, round_open

MONDAY = 0


def _run(today: dt.date, weekday: int = MONDAY) -> Any:
    return notices_schedule(today=today, now=NOW, review_days=(14, 3), deadline_days=(7, 1), digest_weekday=weekday)


def _check(world: World, org: str, state: str, when: dt.datetime, url: str) -> SiteCheck:
    return SiteCheck.objects.create(
        organization=world.org(org),
        url=url,
        checklist=world.checklist,
        state=state,
        trigger=SiteCheck.Trigger.SCHEDULE,
        queued_at=when,
        error="timeout" if state == SiteCheck.State.FAILED else "",
        started_at=when,
        finished_at=when + dt.timedelta(minutes=5),
    )


def _world_with_news(world: World) -> None:
    publish_due(world, "unit_a", "G.1", day(-1))
    publish_due(world, "unit_a", "M.2", day(-10))
    publish_due(world, "unit_b", "G.1", day(-3))
    publish_due(world, "unit_b", "M.1", day(20))  # current: not listed
    reporting_round = round_open(world, deadline=day(-2))
    report(world, reporting_round, "unit_a", state="submitted", submitted=NOW - dt.timedelta(days=1), late=True)
    round_open(world, kind="twelve_month", deadline=day(60))  # its deadline is ahead: nobody is missing yet
    at = dt.datetime(2026, 3, 13, 9, 0, tzinfo=BANGKOK)
    _check(world, "unit_b", SiteCheck.State.FAILED, at, "https://b.example.go.th/")
    _check(world, "unit_a", SiteCheck.State.DONE, at, "https://a.example.go.th/")
    _check(world, "unit_a", SiteCheck.State.FAILED, at - dt.timedelta(days=10), "https://a.example.go.th/")


def test_the_digest_lists_overdue_items_missing_and_late_reports_and_failed_checks(world: World) -> None:
    _world_with_news(world)
    run = _run(TODAY)
    assert run.made["digest"] == 1
    assert notices(kind="digest") == [
        (
            "ict_monitor",
            "digest",
            "สรุปประจำสัปดาห์ เริ่มวันที่ 16 มีนาคม 2569",
            "Weekly digest, week of 16 March 2026",
            "/th/workspace/monitor/",
        )
    ]
    notice = Notice.objects.get(kind="digest")
    assert notice.body_en == (
        "Overdue items by unit:\n- Unit A: G.1, M.2\n- Unit B: G.1\n\n"
        "Unit reports missing after the deadline:\n- 2569-6: Unit B\n\n"
        "Unit reports submitted late:\n- 2569-6: Unit A\n\n"
        "Website checks that failed in the last 7 days:\n- Unit B: https://b.example.go.th/ (13 March 2026)"
    )
    assert notice.body_th == (
        "รายการที่เลยกำหนดทบทวน แยกตามหน่วยงาน:\n- กองเกษตร: G.1, M.2\n- ศูนย์ขนส่ง: G.1\n\n"
        "หน่วยงานที่ยังไม่ส่งรายงานเมื่อพ้นกำหนด:\n- 2569-6: ศูนย์ขนส่ง\n\n"
        "หน่วยงานที่ส่งรายงานล่าช้า:\n- 2569-6: กองเกษตร\n\n"
        "การตรวจเว็บไซต์ที่ไม่สำเร็จในช่วง 7 วันที่ผ่านมา:\n- ศูนย์ขนส่ง: https://b.example.go.th/ (13 มีนาคม 2569)"
    )


def test_a_monitor_of_one_unit_reads_only_about_that_unit(world: World) -> None:
    _world_with_news(world)
    grant(world, Role.ICT_MONITOR, "monitor_b", "unit_b")
    _run(TODAY)
    assert Notice.objects.get(kind="digest", recipient__username="monitor_b").body_en == (
        "Overdue items by unit:\n- Unit B: G.1\n\n"
        "Unit reports missing after the deadline:\n- 2569-6: Unit B\n\n"
        "Unit reports submitted late:\nNone.\n\n"
        "Website checks that failed in the last 7 days:\n- Unit B: https://b.example.go.th/ (13 March 2026)"
    )


def test_a_quiet_week_still_says_so(world: World) -> None:
    _run(TODAY)
    assert Notice.objects.get(kind="digest").body_en == (
        "Overdue items by unit:\nNone.\n\nUnit reports missing after the deadline:\nNone.\n\n"
        "Unit reports submitted late:\nNone.\n\nWebsite checks that failed in the last 7 days:\nNone."
    )


def test_the_digest_goes_out_only_on_its_weekday_and_once_a_week(world: World) -> None:
    made = {offset: _run(day(offset)).made["digest"] for offset in range(-1, 8)}
    assert made == {-1: 0, 0: 1, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 1}
    assert _run(TODAY).made["digest"] == 0  # this week's was sent
    # Another weekday in the settings: Friday 20 March.
    assert _run(day(4), weekday=4).made["digest"] == 0  # still the week of 16 March: sent already
    assert _run(day(11), weekday=4).made["digest"] == 0  # Friday 27 March: the week of 23 March had its digest
    assert _run(day(18), weekday=4).made["digest"] == 1  # Friday 3 April: the week of 30 March


def test_a_monitor_may_mute_the_digest(world: World) -> None:
    grant(world, Role.ICT_MONITOR, "monitor_2", "department")
    notice_mutes_set(actor=world.person("ict_monitor"), muted=["digest"], now=NOW)
    _run(TODAY)
    assert [person for person, *_rest in notices(kind="digest")] == ["monitor_2"]
