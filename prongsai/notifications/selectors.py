"""Reads of a person's notices: the list, the unread count in the workspace header, what they mute."""

from typing import Any

from django.db.models import QuerySet

from .models import Delivery, Notice, NoticeMute


def notice_list(*, person: Any) -> QuerySet[Notice]:
    """Return the person's own notices, newest first (nobody else's, whatever their role)."""
    return Notice.objects.filter(recipient=person).order_by("-created_at", "-id")


def notices_unread_count(*, person: Any) -> int:
    """Return how many of the person's notices are unread (one query; none for someone not signed in)."""
    if person is None or not person.is_authenticated:
        return 0
    return Notice.objects.filter(recipient=person, read_at__isnull=True).count()


def notice_mutes_of(*, person: Any) -> set[str]:
    """Return the optional kinds the person mutes."""
    return set(NoticeMute.objects.filter(user=person).values_list("kind", flat=True))


def deliveries_pending() -> list[int]:
    """Return the ids of the deliveries whose e-mail has not been sent yet, oldest first.

    The schedule hands these to the e-mail task on every run, so a delivery recorded by a run
    that stopped before enqueueing its e-mail still goes out (the task's claim keeps it to once).
    """
    return list(Delivery.objects.filter(email=Delivery.Email.PENDING).order_by("pk").values_list("pk", flat=True))
