"""Writes of the monitor: start a check, record what it concluded or why it failed, override a finding.

Each runs in one transaction with its audit event. A check is recorded whole or not at all: an
outcome that does not fit the check's checklist is refused before anything is written.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record
from prongsai.checklists.selectors import checklist_active
from prongsai.organizations.access import Capability, access_scope_for
from prongsai.organizations.models import Organization, Website

from .models import FindingOverride, ItemFinding, SiteCheck
from .outcome import CheckOutcome, ItemStatus
from .scoring import ScoreRule, next_round_start


def _require_monitor(actor: Any, organization_id: int) -> None:
    """Allow the system (actor None: the scheduler, a worker, the command line) and ICT monitors of the unit."""
    if actor is None:
        return
    if not access_scope_for(actor).can(Capability.MONITOR, organization_id):
        raise PermissionDenied(_("Only the ICT Center's monitors can check this unit's website."))


@transaction.atomic
def check_start(
    *,
    actor: Any,
    organization: Organization,
    website: Website,
    trigger: str,
    now: dt.datetime | None = None,
) -> SiteCheck:
    """Open a running check of one of the unit's websites against the active checklist."""
    now = now or timezone.now()
    _require_monitor(actor, organization.pk)
    if website.organization_id != organization.pk:
        raise ValidationError(_("This website is not registered to this unit."))
    checklist = checklist_active()
    if checklist is None:
        raise ValidationError(_("No checklist is active, so there is nothing to check the website against."))
    site_check = SiteCheck.objects.create(
        organization=organization,
        website=website,
        url=website.url,
        checklist=checklist,
        state=SiteCheck.State.RUNNING,
        trigger=trigger,
        requested_by=actor,
        queued_at=now,
        started_at=now,
    )
    audit_record(
        actor=actor,
        action="monitor.start",
        target=site_check,
        organization_id=organization.pk,
        data={"url": website.url, "checklist": checklist.code, "trigger": trigger},
        now=now,
    )
    return site_check


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
    site_check.site_findings = dict(outcome.site_findings)
    site_check.score = Decimal(str(score)) if score is not None else None
    site_check.save()
    counts = {status.value: sum(1 for item in outcome.items if item.status is status) for status in ItemStatus}
    audit_record(
        actor=None,
        action="monitor.record",
        target=site_check,
        organization_id=site_check.organization_id,
        data={"url": site_check.url, "score": score, "pages": outcome.pages, **counts},
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
