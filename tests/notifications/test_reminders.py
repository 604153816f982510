"""Review reminders (14 and 3 days) to a unit's editors and overdue escalation to its head, on an injected day."""

from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from prongsai.audit.models import AuditEvent
from prongsai.notifications.models import Delivery, Notice, NoticeMute
from prongsai.notifications.services import notice_mutes_set, notices_schedule
from prongsai.organizations.models import Role
from tests.register.conftest import World, actions_after, last_sequence

from .notify_world import NOW, TODAY, day, grant, notices, outbox, publish_due

NOT_MONDAY = 6  # keeps the weekly digest out of these tests (TODAY is a Monday)
G1 = "/th/workspace/units/unit-a/items/G.1/"
M2 = "/th/workspace/units/unit-a/items/M.2/"
P1 = "/th/workspace/units/unit-a/items/P.1/"


def schedule(today: Any = TODAY) -> Any:
    return notices_schedule(today=today, now=NOW, review_days=(14, 3), deadline_days=(7, 1), digest_weekday=NOT_MONDAY)


def test_review_reminders_reach_the_units_active_editors_at_14_and_3_days(world: World) -> None:
    grant(world, Role.EDITOR, "editor_a2", "unit_a")
    grant(world, Role.EDITOR, "editor_gone", "unit_a", is_active=False)
    publish_due(world, "unit_a", "G.1", day(14))  # the 14-day reminder's first day
    publish_due(world, "unit_a", "M.2", day(3))  # the 3-day reminder's first day
    publish_due(world, "unit_a", "P.1", day(4))  # still the 14-day window: "in 4 days"
    publish_due(world, "unit_a", "M.1", day(15))  # not yet

    run = schedule()

    g1 = ("Review due in 14 days: G.1 Integrity statement — Unit A", G1)
    m2 = ("Review due in 3 days: M.2 Complaint channel — Unit A", M2)
    p1 = ("Review due in 4 days: P.1 Monthly procurement summary — Unit A", P1)
    th = {
        g1: "ครบกำหนดทบทวนในอีก 14 วัน: G.1 เจตจำนงสุจริตของผู้บริหาร — กองเกษตร",
        m2: "ครบกำหนดทบทวนในอีก 3 วัน: M.2 ช่องทางการร้องเรียน — กองเกษตร",
        p1: "ครบกำหนดทบทวนในอีก 4 วัน: P.1 สรุปผลการจัดซื้อจัดจ้างรายเดือน — กองเกษตร",
    }
    assert notices() == sorted(
        (person, "review_due", th[(en, link)], en, link)
        for person in ("editor_a", "editor_a2")
        for en, link in (g1, m2, p1)
    )
    ids = {code: world.entry(world.unit_a, code).pk for code in ("G.1", "M.2", "P.1")}
    assert sorted(Delivery.objects.filter(recipient__username="editor_a").values_list("key", flat=True)) == sorted(
        [f"due:14:{ids['G.1']}:2026-03-30", f"due:3:{ids['M.2']}:2026-03-19", f"due:14:{ids['P.1']}:2026-03-20"]
    )
    assert (run.total, run.made) == (6, {"review_due": 6, "overdue": 0, "round_deadline": 0, "digest": 0})


def test_a_reminder_says_when_and_where_in_both_languages(world: World) -> None:
    publish_due(world, "unit_a", "G.1", day(3))
    schedule()
    notice = Notice.objects.get()
    assert (notice.recipient.username, notice.link, notice.created_at, notice.read_at) == ("editor_a", G1, NOW, None)
    assert notice.body_th == (
        "กองเกษตร\nต้องทบทวนและปรับปรุง G.1 เจตจำนงสุจริตของผู้บริหาร ให้เป็นปัจจุบันภายในวันที่ 19 มีนาคม 2569 (มาตรการข้อ 5.2 ขั้นตอนที่ 5)"
    )
    assert notice.body_en == (
        "Unit A\nG.1 Integrity statement must be reviewed and brought up to date by 19 March 2026 "
        "(measure 5.2, step 5)."
    )


def test_the_windows_edges_day_by_day(world: World) -> None:
    entry = publish_due(world, "unit_a", "G.1", day(14))
    keys_by_day = {}
    for offset in (-1, 0, 1, 10, 11, 12, 13, 14, 15):
        schedule(day(offset))
        keys_by_day[offset] = sorted(
            Delivery.objects.filter(recipient__username="editor_a").values_list("key", flat=True)
        )
    k14, k3 = f"due:14:{entry.pk}:2026-03-30", f"due:3:{entry.pk}:2026-03-30"
    overdue = f"overdue:{entry.pk}:2026-03-30"
    assert keys_by_day == {
        -1: [],  # 15 days before: nothing
        0: [k14],
        1: [k14],  # the same reminder is not sent again
        10: [k14],
        11: [k14, k3],  # 3 days before
        12: [k14, k3],
        13: [k14, k3],
        14: [k14, k3],  # the due day itself: nothing new
        15: [k14, k3, overdue],  # the day after: overdue
    }
    assert Notice.objects.filter(recipient__username="editor_a").exclude(kind="digest").count() == 3


def test_a_missed_14_day_run_sends_only_the_3_day_reminder_and_says_today_on_the_day(world: World) -> None:
    entry = publish_due(world, "unit_a", "G.1", day(2))
    grant(world, Role.EDITOR, "editor_a2", "unit_a")
    schedule()
    assert list(Delivery.objects.values_list("key", flat=True).distinct()) == [f"due:3:{entry.pk}:2026-03-18"]
    # A later editor joining on the due day gets the same reminder once, worded for that day.
    grant(world, Role.EDITOR, "editor_a3", "unit_a")
    schedule(day(2))
    assert notices(recipient__username="editor_a3") == [
        (
            "editor_a3",
            "review_due",
            "ครบกำหนดทบทวนวันนี้: G.1 เจตจำนงสุจริตของผู้บริหาร — กองเกษตร",
            "Review due today: G.1 Integrity statement — Unit A",
            G1,
        )
    ]
    assert Notice.objects.count() == 3


def test_overdue_items_escalate_to_the_editors_and_the_unit_head(world: World) -> None:
    publish_due(world, "unit_a", "G.1", day(-1))
    publish_due(world, "unit_b", "G.1", day(-40))
    grant(world, Role.SUPERVISOR, "supervisor_b", "unit_b")
    grant(world, Role.SUPERVISOR, "supervisor_b_gone", "unit_b", is_active=False)

    run = schedule()

    assert notices() == [
        (
            "editor_a",
            "overdue",
            "เลยกำหนดทบทวน: G.1 เจตจำนงสุจริตของผู้บริหาร — กองเกษตร",
            "Review overdue: G.1 Integrity statement — Unit A",
            G1,
        ),
        (
            "editor_b",
            "overdue",
            "เลยกำหนดทบทวน: G.1 เจตจำนงสุจริตของผู้บริหาร — ศูนย์ขนส่ง",
            "Review overdue: G.1 Integrity statement — Unit B",
            "/th/workspace/units/unit-b/items/G.1/",
        ),
        (
            "supervisor_a",
            "overdue",
            "เลยกำหนดทบทวน: G.1 เจตจำนงสุจริตของผู้บริหาร — กองเกษตร",
            "Review overdue: G.1 Integrity statement — Unit A",
            G1,
        ),
        (
            "supervisor_b",
            "overdue",
            "เลยกำหนดทบทวน: G.1 เจตจำนงสุจริตของผู้บริหาร — ศูนย์ขนส่ง",
            "Review overdue: G.1 Integrity statement — Unit B",
            "/th/workspace/units/unit-b/items/G.1/",
        ),
    ]
    assert run.made["overdue"] == 4
    notice = Notice.objects.get(recipient__username="supervisor_a")
    assert notice.body_en == (
        "Unit A\nThe review of G.1 Integrity statement fell due on 15 March 2026: the published information is out of "
        "date until it is reviewed."
    )
    assert notice.body_th == (
        "กองเกษตร\nG.1 เจตจำนงสุจริตของผู้บริหาร ครบกำหนดทบทวนเมื่อวันที่ 15 มีนาคม 2569 "
        "ข้อมูลที่เผยแพร่อยู่ไม่เป็นปัจจุบันจนกว่าจะได้รับการทบทวน"
    )
    # Overdue once per missed review date, however many days it stays overdue.
    assert schedule(day(1)).total == 0


def test_unpublished_items_and_inactive_units_get_no_reminders(world: World) -> None:
    from prongsai.disclosures.models import Entry

    Entry.objects.filter(organization=world.unit_a, item__code="M.1").update(next_review_due=day(-3))  # never published
    publish_due(world, "unit_b", "G.1", day(3))
    world.unit_b.is_active = False
    world.unit_b.save(update_fields=["is_active"])
    assert schedule().total == 0
    assert Notice.objects.count() == 0


def test_muted_reminders_are_skipped_but_overdue_escalation_is_not(world: World) -> None:
    grant(world, Role.EDITOR, "editor_a2", "unit_a")
    for person in ("editor_a", "supervisor_a"):
        notice_mutes_set(actor=world.person(person), muted=["review_due", "round_deadline", "digest"], now=NOW)
    publish_due(world, "unit_a", "G.1", day(3))
    publish_due(world, "unit_a", "M.2", day(-2))

    schedule()

    assert [(person, kind) for person, kind, *_rest in notices()] == [
        ("editor_a", "overdue"),
        ("editor_a2", "overdue"),
        ("editor_a2", "review_due"),
        ("supervisor_a", "overdue"),
    ]


def test_mandatory_kinds_cannot_be_muted(world: World) -> None:
    person = world.person("supervisor_a")
    mark = last_sequence()
    with pytest.raises(ValueError, match="not an optional notice kind: overdue, report_returned"):
        notice_mutes_set(actor=person, muted=["digest", "overdue", "report_returned"], now=NOW)
    assert NoticeMute.objects.count() == 0
    assert actions_after(mark) == []


def test_muting_is_audited_and_only_changes_are(world: World) -> None:
    person = world.person("editor_a")
    mark = last_sequence()
    assert notice_mutes_set(actor=person, muted=["review_due", "digest"], now=NOW) == {"review_due", "digest"}
    notice_mutes_set(actor=person, muted=["digest", "review_due"], now=NOW)  # no change: not recorded
    notice_mutes_set(actor=person, muted=["round_deadline"], now=NOW)
    assert actions_after(mark) == [
        ("notifications.mute", {"muted": ["digest", "review_due"], "added": ["digest", "review_due"], "removed": []}),
        (
            "notifications.mute",
            {"muted": ["round_deadline"], "added": ["round_deadline"], "removed": ["digest", "review_due"]},
        ),
    ]
    assert sorted(NoticeMute.objects.values_list("user__username", "kind")) == [("editor_a", "round_deadline")]


def test_the_command_delivers_emails_once_and_prints_its_counts(world: World, settings: Any) -> None:
    settings.PRONGSAI_DIGEST_WEEKDAY = NOT_MONDAY
    grant(world, Role.EDITOR, "editor_no_address", "unit_a", email="")
    publish_due(world, "unit_a", "G.1", day(14))
    publish_due(world, "unit_a", "M.2", day(-1))
    mark = last_sequence()
    mail.outbox.clear()

    from io import StringIO

    first, second = StringIO(), StringIO()
    call_command("notify", "--today", "2026-03-16", stdout=first)
    call_command("notify", "--today", "2026-03-16", stdout=second)

    assert first.getvalue() == (
        "2026-03-16: แจ้งเตือนใหม่ 5 รายการ (ใกล้ครบกำหนดทบทวน 2 เลยกำหนดทบทวน 3 ใกล้ครบกำหนดส่งรายงาน 0 "
        "สรุปประจำสัปดาห์ 0) / 5 new notices (2 review reminders, 3 overdue, 0 deadline reminders, 0 digests)\n"
    )
    assert second.getvalue() == (
        "2026-03-16: แจ้งเตือนใหม่ 0 รายการ (ใกล้ครบกำหนดทบทวน 0 เลยกำหนดทบทวน 0 ใกล้ครบกำหนดส่งรายงาน 0 "
        "สรุปประจำสัปดาห์ 0) / 0 new notices (0 review reminders, 0 overdue, 0 deadline reminders, 0 digests)\n"
    )
    assert outbox() == [
        ("editor_a@example.go.th", "[Prongsai] ครบกำหนดทบทวนในอีก 14 วัน: G.1 เจตจำนงสุจริตของผู้บริหาร — กองเกษตร"),
        ("editor_a@example.go.th", "[Prongsai] เลยกำหนดทบทวน: M.2 ช่องทางการร้องเรียน — กองเกษตร"),
        ("supervisor_a@example.go.th", "[Prongsai] เลยกำหนดทบทวน: M.2 ช่องทางการร้องเรียน — กองเกษตร"),
    ]
    message = next(m for m in mail.outbox if m.to == ["supervisor_a@example.go.th"])
    assert message.body == (
        "กองเกษตร\nM.2 ช่องทางการร้องเรียน ครบกำหนดทบทวนเมื่อวันที่ 15 มีนาคม 2569 "
        "ข้อมูลที่เผยแพร่อยู่ไม่เป็นปัจจุบันจนกว่าจะได้รับการทบทวน\n\n"
        "Unit A\nThe review of M.2 Complaint channel fell due on 15 March 2026: the published information is out of "
        "date until it is reviewed.\n\n"
        "http://127.0.0.1:8000/th/workspace/units/unit-a/items/M.2/\n"
    )
    # The person without an address has the notices in the workspace only.
    assert sorted(Delivery.objects.filter(recipient__username="editor_no_address").values_list("kind", "email")) == [
        ("overdue", "no_address"),
        ("review_due", "no_address"),
    ]
    assert sorted(Delivery.objects.values_list("email", flat=True).distinct()) == ["no_address", "sent"]
    runs = [e.data for e in AuditEvent.objects.filter(sequence__gt=mark, action="notifications.schedule")]
    assert runs == [
        {"today": "2026-03-16", "delivered": 5, "review_due": 2, "overdue": 3, "round_deadline": 0, "digest": 0},
        {"today": "2026-03-16", "delivered": 0, "review_due": 0, "overdue": 0, "round_deadline": 0, "digest": 0},
    ]


def test_the_command_refuses_a_date_it_cannot_read(world: World) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="the date must be YYYY-MM-DD"):
        call_command("notify", "--today", "16/03/2569")


@pytest.mark.parametrize("items", [1, 3])
def test_the_schedules_reads_take_fixed_queries(world: World, items: int, django_assert_num_queries: Any) -> None:
    from prongsai.notifications.events import deadline_events, overdue_events, review_due_events

    from .notify_world import report, round_open

    for code in ("G.1", "M.1", "M.2")[:items]:
        publish_due(world, "unit_a", code, day(3))
        publish_due(world, "unit_b", code, day(-2))
    reporting_round = round_open(world, deadline=day(1))
    report(world, reporting_round, "unit_a")
    # the entries, then the people of their units
    with django_assert_num_queries(2):
        assert len(review_due_events(today=TODAY, days=(14, 3))) == items
    with django_assert_num_queries(2):
        assert len(overdue_events(today=TODAY)) == items
    # the rounds, the units that report, those that submitted, their reporters and heads
    with django_assert_num_queries(4):
        assert len(deadline_events(today=TODAY, days=(7, 1))) == 1  # unit B has nobody to tell
