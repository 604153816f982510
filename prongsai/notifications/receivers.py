"""Tell people about the register's review steps, once the step's transaction has committed.

Connected in NotificationsConfig.ready(). Each receiver only queues this app's task after commit,
so a rolled-back submission or decision never sends an e-mail.
"""

from typing import Any

from django.db import transaction

from prongsai.disclosures.models import EntryVersion

from .tasks import notify_decision, notify_review_requested


def review_requested_notify(sender: type[EntryVersion], *, version: EntryVersion, **_: Any) -> None:
    """Queue the e-mail to the reviewers of the submitted version's step."""
    version_id = version.pk
    transaction.on_commit(lambda: notify_review_requested.enqueue(version_id))


def review_decided_notify(sender: type[EntryVersion], *, version: EntryVersion, **_: Any) -> None:
    """Queue the e-mail to the unit's editors about the approval or return."""
    version_id = version.pk
    transaction.on_commit(lambda: notify_decision.enqueue(version_id))
