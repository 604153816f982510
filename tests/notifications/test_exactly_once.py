"""Exactly once: the same event never reaches a person twice — two cron runs, two workers racing, a task run twice."""

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import OperationalError, close_old_connections, connection

from prongsai.notifications.events import overdue_events
from prongsai.notifications.models import Delivery, Notice
from prongsai.notifications.selectors import deliveries_pending
from prongsai.notifications.services import deliveries_email, events_deliver, notices_schedule
from prongsai.notifications.tasks import notify_decision
from prongsai.organizations.models import Role
from tests.register.conftest import World, build_world

from .notify_world import NOW, TODAY, day, grant, outbox, publish_due

WORKERS = 4


def _news(world: World) -> None:
    """Two review reminders and an overdue item: 2 + 2 + 2 deliveries at unit A (editor, head), 2 at unit B."""
    grant(world, Role.EDITOR, "editor_a2", "unit_a")
    publish_due(world, "unit_a", "G.1", day(14))  # editor_a, editor_a2
    publish_due(world, "unit_a", "M.2", day(-1))  # editor_a, editor_a2, supervisor_a
    publish_due(world, "unit_b", "G.1", day(3))  # editor_b


EXPECTED = sorted(
    [
        ("editor_a", "overdue"),
        ("editor_a", "review_due"),
        ("editor_a2", "overdue"),
        ("editor_a2", "review_due"),
        ("editor_b", "review_due"),
        ("supervisor_a", "overdue"),
    ]
)


def _schedule() -> Any:
    return notices_schedule(today=TODAY, now=NOW, review_days=(14, 3), deadline_days=(7, 1), digest_weekday=6)


def _race(work: Callable[[], Any]) -> list[Any]:
    """Run `work` in several threads released at once; return what each returned (retrying SQLite's table locks)."""
    barrier = threading.Barrier(WORKERS)
    results: list[Any] = []
    errors: list[Exception] = []

    def worker() -> None:
        try:
            barrier.wait()
            for attempt in range(200):
                try:
                    results.append(work())
                    break
                except OperationalError:
                    # SQLite's in-memory test database locks whole tables and fails at once instead of
                    # waiting; the worker runs again, as a retried cron run would. PostgreSQL waits: no retry.
                    if connection.vendor != "sqlite" or attempt == 199:
                        raise
                    time.sleep(0.005 * (1 + attempt % 4))
        except Exception as exc:  # noqa: BLE001 - collected and asserted on in the main thread
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert len(results) == WORKERS
    return results


def _delivered() -> list[tuple[str, str]]:
    return sorted(Delivery.objects.values_list("recipient__username", "kind"))


def test_a_second_run_the_same_day_delivers_nothing(world: World) -> None:
    _news(world)
    first = _schedule()
    assert first.total == 6
    assert _schedule().total == 0
    assert _delivered() == EXPECTED
    assert Notice.objects.count() == 6


def test_a_run_that_planned_before_another_delivered_skips_what_was_delivered(world: World) -> None:
    """The race in slow motion: worker A reads what is due, worker B delivers it all, then A writes."""
    _news(world)
    planned_by_a = overdue_events(today=TODAY)
    assert _schedule().total == 6  # worker B
    assert events_deliver(events=planned_by_a, now=NOW) == []  # worker A
    # Even without the pre-check, the unique key refuses the second writer (and its notice is rolled back).
    from prongsai.notifications.services import _deliver_one

    assert _deliver_one(event=planned_by_a[0], recipient_id=world.person("editor_a").pk, now=NOW) is None
    assert Notice.objects.count() == 6


def test_a_delivery_is_emailed_once_however_often_it_is_sent(world: World) -> None:
    _news(world)
    _schedule()
    mail.outbox.clear()
    pending = deliveries_pending()
    assert len(pending) == 6
    assert deliveries_email(delivery_ids=pending, now=NOW) == 6
    assert deliveries_email(delivery_ids=pending, now=NOW) == 0
    assert deliveries_pending() == []
    assert len(mail.outbox) == 6
    assert sorted(Delivery.objects.values_list("email", "emailed_at").distinct()) == [("sent", NOW)]


def test_a_task_run_twice_tells_once(world: World) -> None:
    from prongsai.disclosures.services import Verdicts, version_return, version_save_draft, version_submit
    from tests.register.conftest import content_for

    editor = world.person("editor_a")
    version = version_save_draft(
        actor=editor, entry=world.entry(world.unit_a, "M.2"), content=content_for("M.2"), now=NOW
    )
    version_submit(actor=editor, version=version, now=NOW)
    version_return(
        actor=world.person("reviewer4_a"), version=version, verdicts=Verdicts(True, True, False, comment="เก่า"), now=NOW
    )
    mail.outbox.clear()
    assert notify_decision.call(version.pk) == 1
    assert notify_decision.call(version.pk) == 0
    assert outbox() == [("editor_a@example.go.th", "[Prongsai] M.2 ส่งกลับให้แก้ไข — กองเกษตร")]
    assert list(Notice.objects.values_list("recipient__username", "kind")) == [("editor_a", "version_returned")]


@pytest.mark.django_db(transaction=True)
def test_workers_racing_the_schedule_deliver_each_event_once() -> None:
    world = build_world()
    _news(world)
    runs = _race(_schedule)
    made = [delivery_id for run in runs for delivery_id in run.delivery_ids]
    assert len(made) == len(set(made))  # no delivery was made by two workers
    if connection.vendor == "postgresql":
        # Nobody retried: the workers' deliveries add up to all of them. (On SQLite a worker that met a
        # table lock ran again, and what its first attempt delivered is not in its result.)
        assert len(made) == 6
    assert _delivered() == EXPECTED
    assert Notice.objects.count() == 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_workers_racing_the_whole_notify_command_send_each_email_once(settings: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    settings.PRONGSAI_DIGEST_WEEKDAY = 6  # not today: the digest has tests of its own
    world = build_world()
    _news(world)
    grant(world, Role.EDITOR, "editor_no_address", "unit_a", email="")
    mail.outbox.clear()

    def notify() -> str:
        out = StringIO()
        call_command("notify", "--today", TODAY.isoformat(), stdout=out)
        return out.getvalue()

    lines = _race(notify)
    totals = sorted(int(line.split(" / ")[1].split(" ")[0]) for line in lines)
    assert sum(totals) == 8  # six to the people above, two to the one without an address
    assert outbox() == sorted(
        [
            ("editor_a2@example.go.th", "[Prongsai] ครบกำหนดทบทวนในอีก 14 วัน: G.1 เจตจำนงสุจริตของผู้บริหาร — กองเกษตร"),
            ("editor_a2@example.go.th", "[Prongsai] เลยกำหนดทบทวน: M.2 ช่องทางการร้องเรียน — กองเกษตร"),
            ("editor_a@example.go.th", "[Prongsai] ครบกำหนดทบทวนในอีก 14 วัน: G.1 เจตจำนงสุจริตของผู้บริหาร — กองเกษตร"),
            ("editor_a@example.go.th", "[Prongsai] เลยกำหนดทบทวน: M.2 ช่องทางการร้องเรียน — กองเกษตร"),
            ("editor_b@example.go.th", "[Prongsai] ครบกำหนดทบทวนในอีก 3 วัน: G.1 เจตจำนงสุจริตของผู้บริหาร — ศูนย์ขนส่ง"),
            ("supervisor_a@example.go.th", "[Prongsai] เลยกำหนดทบทวน: M.2 ช่องทางการร้องเรียน — กองเกษตร"),
        ]
    )
    assert sorted(Delivery.objects.values_list("email", flat=True)) == ["no_address"] * 2 + ["sent"] * 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_workers_racing_to_send_the_same_deliveries_send_each_once() -> None:
    world = build_world()
    _news(world)
    _schedule()
    pending = deliveries_pending()
    mail.outbox.clear()
    sent = _race(lambda: deliveries_email(delivery_ids=pending, now=NOW))
    assert sum(sent) == 6
    assert len(mail.outbox) == 6
    assert len({(m.to[0], m.subject) for m in mail.outbox}) == 6
