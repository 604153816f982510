"""Tell people about the register's review steps and the reports' steps, once the step's transaction has committed.

Connected in NotificationsConfig.ready(). Each receiver only queues this app's task after commit,
so a rolled-back submission or decision never tells anyone.
"""

from typing import Any

from django.db import transaction

from prongsai.disclosures.models import EntryVersion
from prongsai.reports.models import UnitReportVersion
from prongsai.reports.workflow import ReportState

from .tasks import notify_decision, notify_report_awaiting_approval, notify_report_decided, notify_review_requested


def review_requested_notify(sender: type[EntryVersion], *, version: EntryVersion, **_: Any) -> None:
    """Queue the notice to the reviewers of the submitted version's step."""
    version_id = version.pk
    transaction.on_commit(lambda: notify_review_requested.enqueue(version_id))


def review_decided_notify(sender: type[EntryVersion], *, version: EntryVersion, **_: Any) -> None:
    """Queue the notice to the unit's editors about the approval or return."""
    version_id = version.pk
    transaction.on_commit(lambda: notify_decision.enqueue(version_id))


def unit_report_awaiting_approval_notify(sender: Any, *, version: UnitReportVersion, **_: Any) -> None:
    """Queue the notice to the unit head that the unit's report awaits approval."""
    version_id = version.pk
    transaction.on_commit(lambda: notify_report_awaiting_approval.enqueue(version_id))


def unit_report_decided_notify(sender: Any, *, version: UnitReportVersion, **_: Any) -> None:
    """Queue the notice to the unit's reporters and head when the ICT Center returned the report."""
    if version.state != ReportState.RETURNED:
        return
    version_id = version.pk
    transaction.on_commit(lambda: notify_report_decided.enqueue(version_id))
