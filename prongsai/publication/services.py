"""Move the public edition forward when something the public sees changes."""

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Edition
from .selectors import edition_forget


def edition_bump(*, reason: str, now: dt.datetime | None = None) -> None:
    """Mark every cached public page stale; call inside the transaction of the change.

    The update takes the row lock only until the caller's transaction ends, and a rollback of the
    change rolls the bump back with it, so a cached page never outlives what it shows.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Registered inside the block: it runs once the outermost transaction has committed the bump.
        transaction.on_commit(edition_forget)
        updated = Edition.objects.filter(pk=1).update(number=F("number") + 1, changed_at=now, reason=reason[:64])
        if not updated:
            Edition.objects.get_or_create(pk=1, defaults={"number": 2, "changed_at": now, "reason": reason[:64]})
