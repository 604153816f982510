"""Writes of the notifications: deliver an event exactly once, e-mail it once, run the daily schedule, read, mute.

Exactly once: a delivery row is unique per (recipient, event key) and is written together with
the notice in a transaction of its own. Whoever writes it first — a cron run, a worker, a retried
task — delivers; everyone else meets the unique key and skips. That is why `events_deliver` must
not be called inside an outer transaction that stays open: the rows it writes have to be visible
(committed) before another process's insert can be refused instead of waiting.
"""

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from smtplib import SMTPException
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction

from prongsai.audit.services import audit_record

from .events import NoticeEvent, deadline_events, digest_events, overdue_events, review_due_events
from .links import absolute_url
from .models import OPTIONAL_KINDS, Delivery, Notice, NoticeKind, NoticeMute

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "[Prongsai] "
# How many event keys one query looks up (a national overdue list has tens of thousands).
KEY_BATCH = 500


def _muted(recipient_ids: Iterable[int]) -> set[tuple[int, str]]:
    """Return the (person, kind) pairs muted by these people (one query)."""
    return set(NoticeMute.objects.filter(user_id__in=list(recipient_ids)).values_list("user_id", "kind"))


def _deliver_one(*, event: NoticeEvent, recipient_id: int, now: dt.datetime) -> int | None:
    """Write the notice and its delivery in one transaction; return the delivery's id, or None if it exists."""
    try:
        with transaction.atomic():
            notice = Notice.objects.create(
                recipient_id=recipient_id,
                kind=event.kind,
                subject_th=event.text.subject_th[:300],
                subject_en=event.text.subject_en[:300],
                body_th=event.text.body_th,
                body_en=event.text.body_en,
                link=event.link,
                created_at=now,
            )
            delivery = Delivery.objects.create(
                recipient_id=recipient_id, key=event.key, kind=event.kind, notice=notice, created_at=now
            )
    except IntegrityError:
        # Another run or worker delivered this event to this person first.
        return None
    return delivery.pk


def events_deliver(*, events: Sequence[NoticeEvent], now: dt.datetime) -> list[int]:
    """Deliver each event to each of its recipients once; return the ids of the deliveries made now.

    Muted optional kinds are skipped (nothing is recorded, so unmuting later lets a reminder still
    in its window through). Pairs already delivered are skipped after one query; a pair another
    worker writes meanwhile is refused by the unique key. Mandatory kinds ignore mutes.
    """
    recipients = {person for event in events for person in event.recipients}
    if not recipients:
        return []
    muted = _muted(recipients)
    keys = sorted({event.key for event in events})
    done: set[tuple[int, str]] = set()
    for start in range(0, len(keys), KEY_BATCH):
        done.update(Delivery.objects.filter(key__in=keys[start : start + KEY_BATCH]).values_list("recipient_id", "key"))
    made = []
    for event in events:
        for person in event.recipients:
            if (person, event.key) in done:
                continue
            if event.kind in OPTIONAL_KINDS and (person, event.kind) in muted:
                continue
            delivery_id = _deliver_one(event=event, recipient_id=person, now=now)
            if delivery_id is not None:
                made.append(delivery_id)
                done.add((person, event.key))
    return made


def _email_body(notice: Notice) -> str:
    """Return the e-mail's text: the Thai message, the English one, and the address of the page."""
    parts = [notice.body_th]
    if notice.body_en and notice.body_en != notice.body_th:
        parts.append(notice.body_en)
    parts.append(absolute_url(notice.link))
    return "\n\n".join(parts) + "\n"


def deliveries_email(*, delivery_ids: Iterable[int], now: dt.datetime) -> int:
    """E-mail each delivery's notice to its recipient once; return how many e-mails were sent.

    A delivery is claimed (pending → sending) before its e-mail goes out, so two workers given the
    same deliveries send each one once. A person without an address, or no longer active, gets
    the notice in the workspace only. A refused e-mail is marked failed with the reason and logged.
    """
    sent = 0
    for delivery_id in delivery_ids:
        if not Delivery.objects.filter(pk=delivery_id, email=Delivery.Email.PENDING).update(
            email=Delivery.Email.SENDING
        ):
            continue
        delivery = Delivery.objects.select_related("notice", "recipient").get(pk=delivery_id)
        person: Any = delivery.recipient
        address = person.email if person.is_active else ""
        if not address:
            Delivery.objects.filter(pk=delivery_id).update(email=Delivery.Email.NO_ADDRESS)
            continue
        message = EmailMessage(
            subject=SUBJECT_PREFIX + delivery.notice.subject_th,
            body=_email_body(delivery.notice),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
        )
        try:
            message.send(fail_silently=False)
        except (SMTPException, OSError) as refusal:
            logger.warning("notice e-mail %s to %s failed: %s", delivery_id, address, refusal)
            Delivery.objects.filter(pk=delivery_id).update(email=Delivery.Email.FAILED, email_error=str(refusal))
            continue
        Delivery.objects.filter(pk=delivery_id).update(email=Delivery.Email.SENT, emailed_at=now)
        sent += 1
    return sent


@dataclass
class ScheduleRun:
    """What one run of the schedule delivered: new deliveries by kind, and their ids for the e-mail task."""

    today: dt.date
    made: dict[str, int] = field(default_factory=dict)
    delivery_ids: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.delivery_ids)

    def count(self, kind: NoticeKind) -> int:
        return self.made.get(kind.value, 0)


def notices_schedule(
    *,
    today: dt.date,
    now: dt.datetime,
    review_days: Iterable[int] | None = None,
    deadline_days: Iterable[int] | None = None,
    digest_weekday: int | None = None,
) -> ScheduleRun:
    """Deliver the notices due on `today`: review reminders, overdue items, round deadlines, the weekly digest.

    Safe to run any number of times and from several processes at once: an event already
    delivered to a person is not delivered again (see `events_deliver`). The run is recorded in
    the audit trail with its counts. The caller hands the pending deliveries to the e-mail task.
    """
    review_days = tuple(settings.PRONGSAI_REMINDER_DAYS if review_days is None else review_days)
    deadline_days = tuple(settings.PRONGSAI_ROUND_REMINDER_DAYS if deadline_days is None else deadline_days)
    weekday = settings.PRONGSAI_DIGEST_WEEKDAY if digest_weekday is None else digest_weekday
    run = ScheduleRun(today=today)
    for kind, events in (
        (NoticeKind.REVIEW_DUE, review_due_events(today=today, days=review_days)),
        (NoticeKind.OVERDUE, overdue_events(today=today)),
        (NoticeKind.ROUND_DEADLINE, deadline_events(today=today, days=deadline_days)),
        (NoticeKind.DIGEST, digest_events(today=today, weekday=weekday)),
    ):
        made = events_deliver(events=events, now=now)
        run.made[kind.value] = len(made)
        run.delivery_ids += made
    with transaction.atomic():
        audit_record(
            actor=None,
            actor_label="manage.py notify",
            action="notifications.schedule",
            data={"today": today.isoformat(), "delivered": run.total, **run.made},
            now=now,
        )
    return run


def notice_mark_read(*, actor: Any, notice_id: int, now: dt.datetime) -> Notice:
    """Mark one of the person's own notices read; another person's notice is not found (Notice.DoesNotExist)."""
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=notice_id, recipient=actor)
        if notice.read_at is None:
            notice.read_at = now
            notice.save(update_fields=["read_at"])
    return notice


def notices_mark_all_read(*, actor: Any, now: dt.datetime) -> int:
    """Mark every unread notice of the person read; return how many were unread."""
    return Notice.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=now)


def notice_mutes_set(*, actor: Any, muted: Iterable[str], now: dt.datetime) -> set[str]:
    """Set which optional kinds the person mutes (in the workspace and by e-mail alike); return them.

    Mandatory kinds cannot be muted: asking for one raises ValueError and changes nothing. The
    change, when there is one, is recorded in the audit trail.
    """
    wanted = set(muted)
    allowed = {kind.value for kind in OPTIONAL_KINDS}
    if not wanted <= allowed:
        raise ValueError(f"not an optional notice kind: {', '.join(sorted(wanted - allowed))}")
    with transaction.atomic():
        before = set(NoticeMute.objects.select_for_update().filter(user=actor).values_list("kind", flat=True))
        if before == wanted:
            return wanted
        NoticeMute.objects.filter(user=actor, kind__in=before - wanted).delete()
        NoticeMute.objects.bulk_create(
            NoticeMute(user=actor, kind=kind, created_at=now) for kind in sorted(wanted - before)
        )
        audit_record(
            actor=actor,
            action="notifications.mute",
            target=actor,
            data={"muted": sorted(wanted), "added": sorted(wanted - before), "removed": sorted(before - wanted)},
            now=now,
        )
    return wanted
