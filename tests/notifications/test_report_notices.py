"""Unit reports: the head hears of one awaiting approval, reporters and head of a returned one, and of deadlines."""

import datetime as dt
from typing import Any

from django.core import mail

from prongsai.notifications.models import Delivery, Notice
from prongsai.notifications.services import notice_mutes_set, notices_schedule
from prongsai.notifications.tasks import notify_report_decided
from prongsai.organizations.models import Role
from prongsai.reports.models import UnitReportVersion
from prongsai.reports.signals import unit_report_awaiting_approval, unit_report_decided
from tests.register.conftest import World

from ..callbacks import app_callbacks
from .notify_world import NOW, TODAY, day, grant, notices, outbox, report, round_open

REPORT_A = "/th/workspace/reports/2569-6/units/unit-a/"
REPORT_B = "/th/workspace/reports/2569-6/units/unit-b/"


def _send(signal: Any, version: UnitReportVersion, callbacks: Any) -> None:
    with callbacks(execute=True):
        signal.send(sender=UnitReportVersion, version=version, now=NOW)


def test_a_report_sent_for_approval_reaches_the_unit_head(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    reporting_round = round_open(world, deadline=day(10))
    version = report(world, reporting_round, "unit_a", state="awaiting_approval")
    mail.outbox.clear()

    _send(unit_report_awaiting_approval, version, django_capture_on_commit_callbacks)

    assert notices() == [
        (
            "supervisor_a",
            "report_awaiting_approval",
            "รายงานผลรอบ 2569-6 รอการอนุมัติ — กองเกษตร",
            "Unit report 2569-6 awaits your approval — Unit A",
            REPORT_A,
        )
    ]
    assert outbox() == [("supervisor_a@example.go.th", "[Prongsai] รายงานผลรอบ 2569-6 รอการอนุมัติ — กองเกษตร")]
    assert mail.outbox[0].body == (
        "กองเกษตร\nรายงานผลของหน่วยงานรอบ 2569-6 ฉบับที่ 1 ส่งมาเพื่อขออนุมัติ "
        "เมื่ออนุมัติแล้วรายงานจะส่งถึงศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร\n\n"
        "Unit A\nVersion 1 of the unit's report for round 2569-6 was sent for your approval; approving it submits "
        "it to the ICT Center.\n\n"
        f"http://127.0.0.1:8000{REPORT_A}\n"
    )
    # The same step signalled again (a retried task) tells nobody twice.
    _send(unit_report_awaiting_approval, version, django_capture_on_commit_callbacks)
    assert (Notice.objects.count(), len(mail.outbox)) == (1, 1)


def test_a_returned_report_reaches_the_reporters_and_the_head_with_the_comments(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    grant(world, Role.REPORTER, "reporter_a2", "unit_a")
    grant(world, Role.REPORTER, "reporter_b", "unit_b")
    reporting_round = round_open(world, deadline=day(-5))
    version = report(
        world,
        reporting_round,
        "unit_a",
        state="returned",
        submitted=NOW - dt.timedelta(days=7),
        comment="ขาดสถิติช่องทางร้องเรียน",
    )
    mail.outbox.clear()

    _send(unit_report_decided, version, django_capture_on_commit_callbacks)

    subject_th = "รายงานผลรอบ 2569-6 ถูกส่งกลับให้แก้ไข — กองเกษตร"
    subject_en = "Unit report 2569-6 returned by the ICT Center — Unit A"
    assert notices() == [
        (person, "report_returned", subject_th, subject_en, REPORT_A)
        for person in ("reporter_a", "reporter_a2", "supervisor_a")
    ]
    notice = Notice.objects.get(recipient__username="reporter_a")
    assert notice.body_en == (
        "Unit A\nThe ICT Center returned version 1 of the unit's report for round 2569-6 for correction.\n"
        "The ICT Center's comments:\nขาดสถิติช่องทางร้องเรียน"
    )
    assert notice.body_th == (
        "กองเกษตร\nศูนย์เทคโนโลยีสารสนเทศและการสื่อสารส่งรายงานผลรอบ 2569-6 ฉบับที่ 1 กลับให้แก้ไข\n"
        "ความเห็นของศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร:\nขาดสถิติช่องทางร้องเรียน"
    )
    assert [address for address, _subject in outbox()] == [
        "reporter_a2@example.go.th",
        "reporter_a@example.go.th",
        "supervisor_a@example.go.th",
    ]


def test_an_accepted_report_tells_nobody(world: World, django_capture_on_commit_callbacks: Any) -> None:
    reporting_round = round_open(world, deadline=day(-5))
    version = report(world, reporting_round, "unit_a", state="accepted", submitted=NOW - dt.timedelta(days=7))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        unit_report_decided.send(sender=UnitReportVersion, version=version, now=NOW)
    assert app_callbacks(callbacks) == []
    assert notify_report_decided.call(version.pk) == 0
    assert Notice.objects.count() == 0


def test_nothing_leaves_before_the_reports_step_commits(
    world: World, task_backend: Any, django_capture_on_commit_callbacks: Any
) -> None:
    reporting_round = round_open(world, deadline=day(10))
    version = report(world, reporting_round, "unit_a", state="awaiting_approval")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        unit_report_awaiting_approval.send(sender=UnitReportVersion, version=version, now=NOW)
    assert task_backend.results == []
    callbacks[0]()
    assert [(r.task.name, r.args) for r in task_backend.results] == [("notify_report_awaiting_approval", [version.pk])]


def _deadline_run(today: dt.date) -> Any:
    return notices_schedule(today=today, now=NOW, review_days=(14, 3), deadline_days=(7, 1), digest_weekday=6)


def test_deadline_reminders_go_only_to_units_that_have_not_submitted(world: World) -> None:
    grant(world, Role.REPORTER, "reporter_b", "unit_b")
    grant(world, Role.SUPERVISOR, "supervisor_b", "unit_b")
    grant(world, Role.REPORTER, "reporter_b_gone", "unit_b", is_active=False)
    reporting_round = round_open(world, deadline=day(7))
    # Unit A's report is still a draft; unit B has none at all. The department does not report as a unit.
    report(world, reporting_round, "unit_a", state="draft")

    run = _deadline_run(TODAY)

    subject_a_th = "รอบรายงาน 2569-6: ครบกำหนดส่งในอีก 7 วัน — กองเกษตร"
    subject_a_en = "Round 2569-6: report due in 7 days — Unit A"
    subject_b_th = "รอบรายงาน 2569-6: ครบกำหนดส่งในอีก 7 วัน — ศูนย์ขนส่ง"
    subject_b_en = "Round 2569-6: report due in 7 days — Unit B"
    assert notices() == [
        ("reporter_a", "round_deadline", subject_a_th, subject_a_en, REPORT_A),
        ("reporter_b", "round_deadline", subject_b_th, subject_b_en, REPORT_B),
        ("supervisor_a", "round_deadline", subject_a_th, subject_a_en, REPORT_A),
        ("supervisor_b", "round_deadline", subject_b_th, subject_b_en, REPORT_B),
    ]
    assert run.made["round_deadline"] == 4
    unit_a = world.unit_a.pk
    assert sorted(Delivery.objects.filter(recipient__username="reporter_a").values_list("key", flat=True)) == [
        f"deadline:7:2569-6:{unit_a}:2026-03-23"
    ]
    assert Notice.objects.get(recipient__username="reporter_a").body_en == (
        "Unit A\nThe unit's report for round 2569-6 has not been submitted yet; the ICT Center's deadline is "
        "23 March 2026."
    )

    # Unit A submits; on the day before the deadline only unit B hears again (the 1-day reminder).
    from prongsai.reports.models import UnitReport

    UnitReport.objects.filter(round=reporting_round, organization=world.unit_a).update(
        state="submitted", first_submitted_at=NOW
    )
    _deadline_run(day(6))
    assert sorted(
        (person, subject_en)
        for person, _kind, _th, subject_en, _link in notices()
        if subject_en.endswith(("due in 1 day — Unit B", "due in 1 day — Unit A"))
    ) == [
        ("reporter_b", "Round 2569-6: report due in 1 day — Unit B"),
        ("supervisor_b", "Round 2569-6: report due in 1 day — Unit B"),
    ]
    # On the deadline day itself nothing new; after it, nothing (the digest lists the missing reports).
    assert _deadline_run(day(7)).made["round_deadline"] == 0
    assert _deadline_run(day(8)).made["round_deadline"] == 0


def test_a_returned_report_counts_as_submitted_and_closed_rounds_remind_nobody(world: World) -> None:
    grant(world, Role.REPORTER, "reporter_b", "unit_b")
    reporting_round = round_open(world, deadline=day(1))
    report(world, reporting_round, "unit_a", state="returned", submitted=NOW - dt.timedelta(days=2), comment="แก้")
    assert [person for person, *_rest in notices()] == []
    _deadline_run(TODAY)
    assert [person for person, *_rest in notices()] == ["reporter_b"]

    reporting_round.state = "closed"
    reporting_round.closed_at = NOW
    reporting_round.save(update_fields=["state", "closed_at"])
    Notice.objects.all().delete()
    Delivery.objects.all().delete()
    assert _deadline_run(TODAY).made["round_deadline"] == 0


def test_muted_deadline_reminders_are_skipped(world: World) -> None:
    round_open(world, deadline=day(1))
    notice_mutes_set(actor=world.person("reporter_a"), muted=["round_deadline"], now=NOW)
    _deadline_run(TODAY)
    assert [(person, kind) for person, kind, *_rest in notices()] == [("supervisor_a", "round_deadline")]
