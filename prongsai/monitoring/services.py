"""Writes of the monitor: queue or start a check, record what it concluded or why it failed, reap the
checks of dead workers, override a finding.

Each runs in one transaction with its audit event. A check is recorded whole or not at all: an
outcome that does not fit the check's checklist is refused before anything is written. Services
only write rows; handing queued checks to the task workers is the task module's job
(``tasks.checks_dispatch``), above this one.
"""

import datetime as dt
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.tasks import TaskResultStatus
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

from prongsai.audit.services import audit_record
from prongsai.checklists.selectors import checklist_active
from prongsai.organizations.access import Capability, access_scope_for
from prongsai.organizations.models import Organization, Website

from .leases import host_leases_release_all
from .models import FindingOverride, ItemFinding, MonitorSweep, SiteCheck
from .outcome import CheckOutcome, ItemStatus
from .scoring import ScoreRule, next_round_start


def _require_monitor(actor: Any, organization_id: int) -> None:
    """Allow the system (actor None: the scheduler, a worker, the command line) and ICT monitors of the unit."""
    if actor is None:
        return
    if not access_scope_for(actor).can(Capability.MONITOR, organization_id):
        raise PermissionDenied(_("Only the ICT Center's monitors can check this unit's website."))


def _open_check(
    *, actor: Any, organization: Organization, website: Website, trigger: str, now: dt.datetime, **fields: Any
) -> SiteCheck:
    """Create a check of the unit's website against the active checklist, refusing a second one under way."""
    _require_monitor(actor, organization.pk)
    if website.organization_id != organization.pk:
        raise ValidationError(_("This website is not registered to this unit."))
    checklist = checklist_active()
    if checklist is None:
        raise ValidationError(_("No checklist is active, so there is nothing to check the website against."))
    active = SiteCheck.objects.filter(
        organization=organization, url=website.url, state__in=(SiteCheck.State.QUEUED, SiteCheck.State.RUNNING)
    )
    if active.exists():
        raise _already_checking()
    try:
        with transaction.atomic():
            return SiteCheck.objects.create(
                organization=organization,
                website=website,
                url=website.url,
                checklist=checklist,
                trigger=trigger,
                requested_by=actor,
                queued_at=now,
                **fields,
            )
    except IntegrityError as exc:  # another request queued it between the look and the write
        raise _already_checking() from exc


@transaction.atomic
def check_start(
    *,
    actor: Any,
    organization: Organization,
    website: Website,
    trigger: str,
    now: dt.datetime | None = None,
    evidence_path: str = "",
) -> SiteCheck:
    """Open a running check of one of the unit's websites against the active checklist (no queue: the caller runs it).

    ``evidence_path`` is where the caller will write the check's WARC, relative to the evidence root.
    """
    now = now or timezone.now()
    site_check = _open_check(
        actor=actor,
        organization=organization,
        website=website,
        trigger=trigger,
        now=now,
        state=SiteCheck.State.RUNNING,
        started_at=now,
        heartbeat_at=now,
        evidence_path=evidence_path,
    )
    checklist = site_check.checklist
    audit_record(
        actor=actor,
        action="monitor.start",
        target=site_check,
        organization_id=organization.pk,
        data={"url": website.url, "checklist": checklist.code, "trigger": trigger},
        now=now,
    )
    return site_check


def in_both_languages(message: Any) -> str:
    """Render a lazy message in Thai and English, for text stored once and read by people of either language."""
    with translation.override("th"):
        thai = str(message)
    with translation.override("en"):
        english = str(message)
    return thai if thai == english else f"{thai} / {english}"


def _already_checking() -> ValidationError:
    return ValidationError(_("This website is already queued or being checked; wait for that check to finish."))


@transaction.atomic
def check_queue(
    *,
    actor: Any,
    organization: Organization,
    website: Website,
    trigger: str,
    now: dt.datetime | None = None,
) -> SiteCheck:
    """Queue a check of one of the unit's websites; hand it to a worker with ``tasks.checks_dispatch``."""
    now = now or timezone.now()
    site_check = _open_check(
        actor=actor, organization=organization, website=website, trigger=trigger, now=now, state=SiteCheck.State.QUEUED
    )
    checklist = site_check.checklist
    audit_record(
        actor=actor,
        action="monitor.queue",
        target=site_check,
        organization_id=organization.pk,
        data={"url": website.url, "checklist": checklist.code, "trigger": trigger},
        now=now,
    )
    return site_check


@transaction.atomic
def check_cancel(*, actor: Any, site_check: SiteCheck, now: dt.datetime | None = None) -> SiteCheck:
    """Withdraw a check that is still waiting in the queue (its task, when it comes, finds nothing to do)."""
    now = now or timezone.now()
    _require_monitor(actor, site_check.organization_id)
    cancelled = SiteCheck.objects.filter(pk=site_check.pk, state=SiteCheck.State.QUEUED).update(
        state=SiteCheck.State.FAILED,
        finished_at=now,
        error=in_both_languages(gettext_lazy("Withdrawn from the queue before it ran.")),
    )
    if not cancelled:
        raise ValidationError(_("Only a check still waiting in the queue can be withdrawn."))
    audit_record(
        actor=actor,
        action="monitor.cancel",
        target=site_check,
        organization_id=site_check.organization_id,
        data={"url": site_check.url},
        now=now,
    )
    site_check.refresh_from_db()
    return site_check


@transaction.atomic
def check_claim(
    *, site_check: SiteCheck, evidence_path: str, now: dt.datetime | None = None, task_id: str = ""
) -> bool:
    """Move a queued check to running for the worker that calls this; False when another worker got it first.

    ``task_id`` is the background task running it, ended with the check should its worker die.
    """
    now = now or timezone.now()
    claimed = SiteCheck.objects.filter(pk=site_check.pk, state=SiteCheck.State.QUEUED).update(
        state=SiteCheck.State.RUNNING, started_at=now, heartbeat_at=now, evidence_path=evidence_path, task_id=task_id
    )
    if not claimed:
        return False
    audit_record(
        actor=None,
        action="monitor.start",
        target=site_check,
        organization_id=site_check.organization_id,
        data={"url": site_check.url, "checklist": site_check.checklist.code, "trigger": site_check.trigger},
        now=now,
    )
    return True


@transaction.atomic
def sweep_queue(*, kind: str, due_on: dt.date, now: dt.datetime | None = None) -> MonitorSweep | None:
    """Queue a check of every registered website for a scheduled sweep, once; None when it was already made.

    A website whose check is already queued or running is left to that check. The sweep's checks
    (``sweep.checks``) go to the workers through ``tasks.checks_dispatch``.
    """
    now = now or timezone.now()
    checklist = checklist_active()
    if checklist is None:
        return None
    try:
        with transaction.atomic():
            sweep = MonitorSweep.objects.create(kind=kind, due_on=due_on, created_at=now)
    except IntegrityError:
        return None
    busy = set(
        SiteCheck.objects.filter(state__in=(SiteCheck.State.QUEUED, SiteCheck.State.RUNNING)).values_list(
            "organization_id", "url"
        )
    )
    websites = [
        website
        for website in Website.objects.order_by("organization_id", "-is_primary", "url")
        if (website.organization_id, website.url) not in busy
    ]
    checks = SiteCheck.objects.bulk_create(
        SiteCheck(
            organization_id=website.organization_id,
            website=website,
            url=website.url,
            checklist=checklist,
            state=SiteCheck.State.QUEUED,
            trigger=SiteCheck.Trigger.SCHEDULE,
            queued_at=now,
            sweep=sweep,
        )
        for website in websites
    )
    sweep.websites = len(checks)
    sweep.save(update_fields=["websites"])
    audit_record(
        actor=None,
        action="monitor.sweep",
        target=sweep,
        organization_id=None,
        data={"kind": kind, "due_on": due_on.isoformat(), "websites": len(checks), "skipped_busy": len(busy)},
        now=now,
    )
    return sweep


@transaction.atomic
def check_record(*, site_check: SiteCheck, outcome: CheckOutcome, now: dt.datetime | None = None) -> SiteCheck:
    """Store a finished check's findings and score; refuse an outcome that does not cover the checklist exactly."""
    now = now or timezone.now()
    site_check = SiteCheck.objects.select_for_update().get(pk=site_check.pk)
    if site_check.state != SiteCheck.State.RUNNING:
        raise ValidationError(_("Only a running check can be recorded."))
    items = {item.code: item for item in site_check.checklist.items.filter(retired=False)}
    found = {item.code for item in outcome.items}
    unknown = sorted(found - set(items))
    missing = sorted(set(items) - found)
    if unknown or missing:
        raise ValidationError(
            _("The check's findings do not match the checklist: unknown items %(unknown)s, missing items %(missing)s.")
            % {"unknown": ", ".join(unknown) or "—", "missing": ", ".join(missing) or "—"}
        )
    findings = [
        ItemFinding(
            site_check=site_check,
            item=items[item.code],
            status=item.status.value,
            evidence=[
                {"url": e.url, "http_status": e.http_status, "phrases": list(e.phrases), "snippet": e.snippet}
                for e in item.evidence
            ],
            as_of=item.as_of,
            as_of_source=item.as_of_source.value if item.as_of_source else "",
            current=item.current,
            confidence=item.confidence,
            reason_th=item.reason_th,
            reason_en=item.reason_en,
            fix_th=item.fix_th,
            fix_en=item.fix_en,
        )
        for item in outcome.items
    ]
    ItemFinding.objects.bulk_create(findings)
    score = ScoreRule().site((items[item.code].weight, item.status, item.current) for item in outcome.items)
    site_check.state = SiteCheck.State.DONE
    site_check.finished_at = now
    site_check.pages, site_check.bytes, site_check.seconds = outcome.pages, outcome.bytes, outcome.seconds
    site_check.stopped_by = outcome.stopped_by
    site_check.fetch_errors = dict(outcome.errors)
    site_check.site_findings = dict(outcome.site_findings)
    site_check.score = Decimal(str(score)) if score is not None else None
    site_check.save()
    counts = {status.value: sum(1 for item in outcome.items if item.status is status) for status in ItemStatus}
    audit_record(
        actor=None,
        action="monitor.record",
        target=site_check,
        organization_id=site_check.organization_id,
        data={
            "url": site_check.url,
            "score": score,
            "pages": outcome.pages,
            "not_fetched": sum(outcome.errors.values()),
            **counts,
        },
        now=now,
    )
    return site_check


@transaction.atomic
def check_fail(*, site_check: SiteCheck, error: str, now: dt.datetime | None = None) -> SiteCheck:
    """Mark a check failed with the reason (the site could not be reached, the worker gave up, …)."""
    now = now or timezone.now()
    site_check = SiteCheck.objects.select_for_update().get(pk=site_check.pk)
    if site_check.state not in (SiteCheck.State.QUEUED, SiteCheck.State.RUNNING):
        raise ValidationError(_("Only a queued or running check can fail."))
    site_check.state = SiteCheck.State.FAILED
    site_check.finished_at = now
    site_check.error = error[:2000]
    site_check.save(update_fields=["state", "finished_at", "error"])
    audit_record(
        actor=None,
        action="monitor.fail",
        target=site_check,
        organization_id=site_check.organization_id,
        data={"url": site_check.url, "error": error[:200]},
        now=now,
    )
    return site_check


class WorkerStopped(Exception):
    """Why a reaped check's task failed: its worker stopped (killed, crashed, its machine lost) mid-check.

    Never raised; its name is what the task backend records as the task's error.
    """


def _task_result_fail(task_id: str, *, reason: str, now: dt.datetime) -> bool:
    """Mark the database task backend's row of a dead worker's task failed; False when there is none running.

    Only the embedded database backend keeps task rows here; RQ tracks its own dead workers.
    """
    try:
        pk = uuid.UUID(task_id)
    except ValueError:
        return False
    return bool(
        DBTaskResult.objects.running()
        .filter(pk=pk)
        .update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            return_value=None,
            exception_class_path=f"{WorkerStopped.__module__}.{WorkerStopped.__qualname__}",
            traceback=reason,
        )
    )


@transaction.atomic
def checks_reap(*, now: dt.datetime | None = None) -> list[SiteCheck]:
    """End the running checks whose worker stopped sending heartbeats; return them.

    A check is stale when nothing was heard from it (heartbeat, or start when it never beat) for
    ``PRONGSAI_MONITOR_STALE_SECONDS``. Reaping ends all that its dead worker left behind: the check
    fails with the reason in Thai and English, its task row (database backend) fails, and its host
    lease is released, so that the next check of that host starts at once instead of when the lease
    would have lapsed. Safe to run from any number of processes at once: each stale check is
    reaped once.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.PRONGSAI_MONITOR_STALE_SECONDS)
    stale = (
        SiteCheck.objects.select_for_update(skip_locked=True)
        .filter(state=SiteCheck.State.RUNNING)
        .filter(Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff))
        .order_by("pk")
    )
    reason = in_both_languages(gettext_lazy("The worker running this check stopped answering; it was abandoned."))
    reaped = []
    for site_check in stale:
        site_check.state = SiteCheck.State.FAILED
        site_check.finished_at = now
        site_check.error = reason
        site_check.save(update_fields=["state", "finished_at", "error"])
        task_failed = bool(site_check.task_id) and _task_result_fail(site_check.task_id, reason=reason, now=now)
        hosts = host_leases_release_all(holder_id=site_check.pk)
        last_heard = site_check.heartbeat_at or site_check.started_at
        audit_record(
            actor=None,
            action="monitor.reap",
            target=site_check,
            organization_id=site_check.organization_id,
            data={
                "url": site_check.url,
                "last_heard": last_heard.isoformat() if last_heard else None,
                "task": site_check.task_id,
                "task_failed": task_failed,
                "hosts_released": hosts,
            },
            now=now,
        )
        reaped.append(site_check)
    return reaped


@transaction.atomic
def finding_override(
    *,
    actor: Any,
    finding: ItemFinding,
    status: str,
    current: bool | None,
    reason: str,
    now: dt.datetime | None = None,
) -> FindingOverride:
    """Correct a machine finding with a reason; the correction lapses when the next reporting round begins."""
    now = now or timezone.now()
    organization_id = finding.site_check.organization_id
    if actor is None:
        raise PermissionDenied(_("Only the ICT Center's monitors can check this unit's website."))
    _require_monitor(actor, organization_id)
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(_("Say why the finding is wrong: an override needs a reason."))
    try:
        status = ItemStatus(status).value
    except ValueError as exc:
        raise ValidationError(_("Choose found, partly found or not found.")) from exc
    override = FindingOverride.objects.create(
        finding=finding,
        status=status,
        current=current,
        reason=reason,
        created_by=actor,
        created_at=now,
        expires_on=next_round_start(timezone.localdate(now)),
    )
    audit_record(
        actor=actor,
        action="monitor.override",
        target=override,
        organization_id=organization_id,
        data={
            "item": finding.item.code,
            "machine": [finding.status, finding.current],
            "override": [status, current],
            "expires_on": override.expires_on.isoformat(),
        },
        now=now,
    )
    return override


@transaction.atomic
def evidence_prune(*, older_than: dt.datetime, root: Path, now: dt.datetime | None = None) -> int:
    """Delete the evidence archives of checks finished before ``older_than``, but never a website's latest check's.

    The findings stay; only the archived pages go, once the transaction has committed. Return how many.
    """
    now = now or timezone.now()
    newest: dict[tuple[int, str], int] = {}
    for pk, organization_id, url in (
        SiteCheck.objects.filter(state=SiteCheck.State.DONE)
        .order_by("finished_at", "id")
        .values_list("pk", "organization_id", "url")
    ):
        newest[(organization_id, url)] = pk
    doomed = list(
        SiteCheck.objects.filter(finished_at__lt=older_than)
        .exclude(evidence_path="")
        .exclude(pk__in=set(newest.values()))
        .values_list("pk", "evidence_path")
    )
    if not doomed:
        return 0
    SiteCheck.objects.filter(pk__in=[pk for pk, _path in doomed]).update(evidence_path="")
    audit_record(
        actor=None,
        action="monitor.prune",
        data={"archives": len(doomed), "older_than": older_than.isoformat()},
        now=now,
    )

    def delete() -> None:
        for _pk, relative in doomed:
            (root / relative).unlink(missing_ok=True)

    transaction.on_commit(delete)
    return len(doomed)
