"""Background tasks that tell people about work waiting for them (run by the task worker).

Each task delivers its event (the notice in the workspace, recorded once per person and event)
and e-mails the deliveries it made; run twice, it finds the deliveries made and sends nothing.
"""

from collections.abc import Iterable

from django.tasks import task
from django.utils import timezone

from .events import (
    NoticeEvent,
    decision_event,
    report_awaiting_event,
    report_returned_event,
    review_requested_event,
)
from .services import deliveries_email, events_deliver

# How many deliveries one e-mail task sends; the schedule enqueues one task per batch.
SEND_BATCH = 200


def _deliver_and_send(event: NoticeEvent | None) -> int:
    if event is None:
        return 0
    now = timezone.now()
    return deliveries_email(delivery_ids=events_deliver(events=[event], now=now), now=now)


@task()
def notify_review_requested(version_id: int) -> int:
    """Tell the reviewers of the item's step that a version awaits their review; return how many e-mails were sent."""
    return _deliver_and_send(review_requested_event(version_id))


@task()
def notify_decision(version_id: int) -> int:
    """Tell the unit's editors that a version was approved or returned; return how many e-mails were sent."""
    return _deliver_and_send(decision_event(version_id))


@task()
def notify_report_awaiting_approval(version_id: int) -> int:
    """Tell the unit head that the unit's report awaits approval; return how many e-mails were sent."""
    return _deliver_and_send(report_awaiting_event(version_id))


@task()
def notify_report_decided(version_id: int) -> int:
    """Tell the unit's reporters and head that the ICT Center returned its report (an acceptance tells nobody)."""
    return _deliver_and_send(report_returned_event(version_id))


@task()
def deliveries_send(delivery_ids: list[int]) -> int:
    """E-mail the notices of deliveries the schedule made; return how many e-mails were sent."""
    return deliveries_email(delivery_ids=delivery_ids, now=timezone.now())


def deliveries_dispatch(delivery_ids: Iterable[int]) -> int:
    """Hand deliveries to the e-mail task in batches; return how many tasks were enqueued."""
    ids = list(delivery_ids)
    batches = [ids[start : start + SEND_BATCH] for start in range(0, len(ids), SEND_BATCH)]
    for batch in batches:
        deliveries_send.enqueue(batch)
    return len(batches)
