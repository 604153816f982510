"""Writes of the reporting rounds: opening and closing rounds, and the life of each unit's report (measure 6).

Each service checks the actor's capability, validates, writes in one transaction, records the
audit event inside it and sends its signal (reports/signals.py) inside it too; receivers that
tell people defer their work to the commit.

Rules the services keep:

- A round is opened by the ICT Center at the department (ROUNDS at the root). One round per fiscal
  year and kind; its deadline falls after the round's last day, not in the past, and within a year
  of the round's end (a date typed with a Buddhist-era year lands centuries away and is refused).
- While a round is closed, no unit starts, edits, sends or approves a report, and the ICT Center
  does not return one (the unit could not correct it): reopen the round first. The ICT Center may
  still accept what was submitted, so a round can be closed on the deadline and settled afterwards.
- The unit head who approves or sends back a version is never the person who started it or sent it
  for approval.
- Approval takes the facts one last time and freezes them; the first submission decides lateness.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record
from prongsai.organizations.access import Capability, access_scope_for, capability_require
from prongsai.organizations.models import Organization
from prongsai.thaidate import ReportingRound, format_date_in
from prongsai.thaidate.fiscal import RoundKind
from prongsai.thaitext import normalize_thai_lines

from .models import Round, UnitReport, UnitReportVersion
from .prefill import unit_facts
from .signals import round_changed, unit_report_awaiting_approval, unit_report_decided, unit_report_signed
from .workflow import (
    FISCAL_YEARS,
    KIND_BY_MONTHS,
    ApproverIsAuthor,
    ReportState,
    ReportTransition,
    RoundState,
    approval_conflict,
    is_late,
    next_report_state,
    round_code,
)

__all__ = [
    "DEADLINE_AT_MOST_DAYS_AFTER_ROUND",
    "round_close",
    "round_open",
    "round_reopen",
    "round_set_deadline",
    "unit_report_accept",
    "unit_report_approve",
    "unit_report_correct",
    "unit_report_refresh",
    "unit_report_return",
    "unit_report_save",
    "unit_report_send_back",
    "unit_report_send_for_approval",
    "unit_report_start",
]

# A deadline later than this after the round's last day is a typing mistake (a B.E. year in a C.E. field).
DEADLINE_AT_MOST_DAYS_AFTER_ROUND = 366


def _language() -> str:
    return translation.get_language() or "th"


def _shown(day: dt.date) -> str:
    return format_date_in(_language(), day)


def _require_rounds_at_department(actor: Any) -> Organization:
    """Return the department where the actor opens and closes rounds, or refuse."""
    scope = access_scope_for(actor) if actor is not None else None
    for department in Organization.objects.filter(parent__isnull=True).order_by("pk"):
        if scope is not None and scope.can(Capability.ROUNDS, department.pk):
            return department
    raise PermissionDenied(_("Only the ICT Center at the department opens, changes and closes reporting rounds."))


def _round_kind(kind: RoundKind | str) -> RoundKind:
    try:
        return KIND_BY_MONTHS[str(kind)] if str(kind) in KIND_BY_MONTHS else RoundKind(kind)
    except ValueError:
        raise ValidationError(_("Choose the 6-month or the 12-month round.")) from None


def _check_deadline(period: ReportingRound, deadline: dt.date, today: dt.date) -> None:
    """Refuse a deadline inside the round, already past, or too far after the round's end."""
    if deadline <= period.end:
        raise ValidationError(
            _("The deadline must fall after the round's last day (%(end)s).") % {"end": _shown(period.end)}
        )
    if deadline < today:
        raise ValidationError(_("The deadline cannot be in the past."))
    if deadline > period.end + dt.timedelta(days=DEADLINE_AT_MOST_DAYS_AFTER_ROUND):
        raise ValidationError(
            _("The deadline must fall within a year of the round's last day (%(end)s); check the year.")
            % {"end": _shown(period.end)}
        )


def _round_data(round: Round, **extra: Any) -> dict[str, Any]:
    return {"round": round.code, "deadline": round.deadline.isoformat(), **extra}


@transaction.atomic
def round_open(*, actor: Any, fiscal_year: int, kind: RoundKind | str, deadline: dt.date, now: dt.datetime) -> Round:
    """Open a fiscal year's 6- or 12-month round with its submission deadline (the ICT Center, measure 6.3.2, 6.4).

    `kind` is a RoundKind or its months ("6", "12"). A round is opened once; the deadline must fall
    after the round's last day, not in the past, and within a year of the round's end.
    """
    _require_rounds_at_department(actor)
    if not isinstance(fiscal_year, int) or fiscal_year not in FISCAL_YEARS:
        raise ValidationError(_("Give the fiscal year in the Buddhist era, e.g. 2569."))
    period = ReportingRound(fiscal_year, _round_kind(kind))
    if Round.objects.filter(fiscal_year=fiscal_year, kind=period.kind.value).exists():
        raise ValidationError(_("Round %(code)s has already been opened.") % {"code": round_code(period)})
    _check_deadline(period, deadline, timezone.localdate(now))
    round = Round.objects.create(
        fiscal_year=fiscal_year,
        kind=period.kind.value,
        deadline=deadline,
        state=RoundState.OPEN.value,
        opened_by=actor,
        opened_at=now,
    )
    audit_record(actor=actor, action="round.open", target=round, data=_round_data(round), now=now)
    round_changed.send(sender=Round, round=round, now=now)
    return round


def _locked_round(round: Round) -> Round:
    return Round.objects.select_for_update().get(pk=round.pk)


@transaction.atomic
def round_set_deadline(*, actor: Any, round: Round, deadline: dt.date, now: dt.datetime) -> Round:
    """Move an open round's deadline; reports already submitted are judged late or in time against the new one.

    An extension forgives a report that arrived after the old deadline but by the new one.
    """
    _require_rounds_at_department(actor)
    round = _locked_round(round)
    if not round.is_open:
        raise ValidationError(_("Round %(code)s is closed: reopen it first.") % {"code": round.code})
    _check_deadline(round.period, deadline, timezone.localdate(now))
    previous = round.deadline
    round.deadline = deadline
    round.save(update_fields=["deadline"])
    rejudged = 0
    for report in UnitReport.objects.select_for_update().filter(round=round, first_submitted_at__isnull=False):
        assert report.first_submitted_at is not None
        late = is_late(submitted_on=timezone.localdate(report.first_submitted_at), deadline=deadline)
        if late != report.late:
            report.late = late
            report.save(update_fields=["late"])
            rejudged += 1
    for version in UnitReportVersion.objects.filter(report__round=round, submitted_at__isnull=False):
        assert version.submitted_at is not None
        late = is_late(submitted_on=timezone.localdate(version.submitted_at), deadline=deadline)
        if late != version.late:
            UnitReportVersion.objects.filter(pk=version.pk).update(late=late)
    audit_record(
        actor=actor,
        action="round.set_deadline",
        target=round,
        data=_round_data(round, previous=previous.isoformat(), reports_rejudged=rejudged),
        now=now,
    )
    round_changed.send(sender=Round, round=round, now=now)
    return round


@transaction.atomic
def round_close(*, actor: Any, round: Round, now: dt.datetime) -> Round:
    """Close a round: units can no longer start, change or submit reports; the ICT Center can still accept them."""
    _require_rounds_at_department(actor)
    round = _locked_round(round)
    if not round.is_open:
        raise ValidationError(_("Round %(code)s is already closed.") % {"code": round.code})
    round.state = RoundState.CLOSED.value
    round.closed_by = actor
    round.closed_at = now
    round.save(update_fields=["state", "closed_by", "closed_at"])
    missing = UnitReport.objects.filter(round=round, first_submitted_at__isnull=True).count()
    audit_record(actor=actor, action="round.close", target=round, data=_round_data(round, unsubmitted=missing), now=now)
    round_changed.send(sender=Round, round=round, now=now)
    return round


@transaction.atomic
def round_reopen(*, actor: Any, round: Round, now: dt.datetime) -> Round:
    """Reopen a closed round, e.g. so that a returned report can be corrected; lateness keeps counting."""
    _require_rounds_at_department(actor)
    round = _locked_round(round)
    if round.is_open:
        raise ValidationError(_("Round %(code)s is already open.") % {"code": round.code})
    round.state = RoundState.OPEN.value
    round.closed_by = None
    round.closed_at = None
    round.save(update_fields=["state", "closed_by", "closed_at"])
    audit_record(actor=actor, action="round.reopen", target=round, data=_round_data(round), now=now)
    round_changed.send(sender=Round, round=round, now=now)
    return round


# --- unit reports -------------------------------------------------------------------------------------------------


def _require_open(round: Round) -> None:
    if not round.is_open:
        raise ValidationError(
            _("Round %(code)s is closed: the ICT Center must reopen it first.") % {"code": round.code}
        )


def _locked_version(version: UnitReportVersion) -> UnitReportVersion:
    """Lock the version's report, then the version, and return the version with its report, round and unit."""
    UnitReport.objects.select_for_update().filter(pk=version.report_id).first()
    return (
        UnitReportVersion.objects.select_for_update(of=("self",))
        .select_related("report__round", "report__organization")
        .get(pk=version.pk)
    )


def _move(version: UnitReportVersion, transition: ReportTransition) -> ReportState:
    return next_report_state(ReportState(version.state), transition)


def _report_data(version: UnitReportVersion, **extra: Any) -> dict[str, Any]:
    report = version.report
    return {
        "round": report.round.code,
        "unit": report.organization.slug,
        "version": version.number,
        "state": version.state,
        **extra,
    }


def _record(actor: Any, action: str, version: UnitReportVersion, now: dt.datetime, **extra: Any) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=version,
        organization_id=version.report.organization_id,
        data=_report_data(version, **extra),
        now=now,
    )


def _keep_report_in_step(version: UnitReportVersion) -> None:
    report = version.report
    report.state = version.state
    report.current_version = version
    report.save(update_fields=["state", "current_version", "first_submitted_at", "late"])


def _facts(version: UnitReportVersion, now: dt.datetime) -> dict[str, Any]:
    report = version.report
    return dict(unit_facts(round=report.round, organization=report.organization, now=now))


@transaction.atomic
def unit_report_start(*, actor: Any, round: Round, organization: Organization, now: dt.datetime) -> UnitReportVersion:
    """Start the unit's report of the round (its reporter, measure 6.2.2): version 1, a draft with the facts."""
    capability_require(actor, Capability.REPORT, organization.pk)
    round = Round.objects.select_for_update().get(pk=round.pk)
    _require_open(round)
    if organization.kind != Organization.Kind.UNIT or not organization.is_active:
        raise ValidationError(_("Only an active unit reports to the ICT Center in a round."))
    if timezone.localdate(now) < round.period.start:
        raise ValidationError(
            _("Round %(code)s covers the period from %(start)s; its report cannot start before then.")
            % {"code": round.code, "start": _shown(round.period.start)}
        )
    if UnitReport.objects.filter(round=round, organization=organization).exists():
        raise ValidationError(_("This unit has already started its report for round %(code)s.") % {"code": round.code})
    report = UnitReport.objects.create(
        round=round, organization=organization, state=ReportState.DRAFT.value, created_at=now
    )
    version = UnitReportVersion.objects.create(
        report=report,
        number=1,
        state=ReportState.DRAFT.value,
        facts=dict(unit_facts(round=round, organization=organization, now=now)),
        facts_taken_at=now,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    report.current_version = version
    report.save(update_fields=["current_version"])
    _record(actor, "unit_report.start", version, now)
    return version


def _require_draft_of_reporter(actor: Any, version: UnitReportVersion) -> None:
    capability_require(actor, Capability.REPORT, version.report.organization_id)
    _require_open(version.report.round)
    if version.state != ReportState.DRAFT:
        raise ValidationError(_("Only a draft report can be changed."))


@transaction.atomic
def unit_report_refresh(*, actor: Any, version: UnitReportVersion, now: dt.datetime) -> UnitReportVersion:
    """Take the draft's facts again from the data as it is now (up to the round's cut-off)."""
    version = _locked_version(version)
    _require_draft_of_reporter(actor, version)
    version.facts = _facts(version, now)
    version.facts_taken_at = now
    version.updated_at = now
    version.save(update_fields=["facts", "facts_taken_at", "updated_at"])
    _record(actor, "unit_report.refresh", version, now)
    return version


def _text(value: str) -> str:
    return normalize_thai_lines(value or "").strip()


@transaction.atomic
def unit_report_save(
    *,
    actor: Any,
    version: UnitReportVersion,
    narrative_th: str,
    narrative_en: str,
    actions_th: str,
    actions_en: str,
    now: dt.datetime,
) -> UnitReportVersion:
    """Save the reporter's narrative of the results and the actions the unit takes, in Thai and English."""
    version = _locked_version(version)
    _require_draft_of_reporter(actor, version)
    texts = {
        "narrative_th": _text(narrative_th),
        "narrative_en": _text(narrative_en),
        "actions_th": _text(actions_th),
        "actions_en": _text(actions_en),
    }
    changed = sorted(name for name, value in texts.items() if getattr(version, name) != value)
    for name, value in texts.items():
        setattr(version, name, value)
    version.updated_at = now
    version.save(update_fields=[*texts, "updated_at"])
    _record(actor, "unit_report.save", version, now, changed=changed)
    return version


@transaction.atomic
def unit_report_send_for_approval(
    *, actor: Any, version: UnitReportVersion, now: dt.datetime, notify: bool = True
) -> UnitReportVersion:
    """Send the draft to the unit head for approval (the reporter); the Thai narrative must be written.

    `notify=False` tells no one (for loading past history, such as the demo's).
    """
    version = _locked_version(version)
    capability_require(actor, Capability.REPORT, version.report.organization_id)
    _require_open(version.report.round)
    state = _move(version, ReportTransition.SEND_FOR_APPROVAL)
    if not version.narrative_th:
        raise ValidationError(_("Write the report's narrative in Thai before sending it for approval."))
    version.state = state.value
    version.sent_by = actor
    version.sent_at = now
    version.head_comment = ""
    version.updated_at = now
    version.save(update_fields=["state", "sent_by", "sent_at", "head_comment", "updated_at"])
    _keep_report_in_step(version)
    _record(actor, "unit_report.send_for_approval", version, now)
    if notify:
        unit_report_awaiting_approval.send(sender=UnitReportVersion, version=version, now=now)
    return version


def _require_head(actor: Any, version: UnitReportVersion) -> None:
    """Refuse anyone but the unit head, and a head who started or sent the version."""
    capability_require(actor, Capability.SIGN_OFF, version.report.organization_id)
    if approval_conflict(approver_id=actor.pk, author_id=version.created_by_id, sender_id=version.sent_by_id):
        raise ApproverIsAuthor(
            _("You cannot approve or send back a report version you wrote or sent for approval yourself.")
        )


@transaction.atomic
def unit_report_send_back(
    *, actor: Any, version: UnitReportVersion, comment: str, now: dt.datetime, notify: bool = True
) -> UnitReportVersion:
    """Send the version back to the reporter with the head's comments, before it is submitted.

    `notify=False` tells no one (for loading past history, such as the demo's).
    """
    version = _locked_version(version)
    _require_head(actor, version)
    state = _move(version, ReportTransition.SEND_BACK)
    comment = _text(comment)
    if not comment:
        raise ValidationError(_("Say what needs to change: sending a report back needs a comment."))
    version.state = state.value
    version.head_comment = comment
    version.updated_at = now
    version.save(update_fields=["state", "head_comment", "updated_at"])
    _keep_report_in_step(version)
    _record(actor, "unit_report.send_back", version, now, comment=comment)
    if notify:
        unit_report_signed.send(sender=UnitReportVersion, version=version, now=now, submitted=False)
    return version


@transaction.atomic
def unit_report_approve(
    *, actor: Any, version: UnitReportVersion, now: dt.datetime, notify: bool = True
) -> UnitReportVersion:
    """Approve the version (the unit head, measure 6.1.2), which submits it to the ICT Center.

    The facts are taken one last time and frozen with the version. The version is late when its
    local submission day is after the round's deadline; the report's lateness is its first submission's.
    `notify=False` tells no one (for loading past history, such as the demo's).
    """
    version = _locked_version(version)
    _require_head(actor, version)
    report = version.report
    _require_open(report.round)
    state = _move(version, ReportTransition.APPROVE)
    version.facts = _facts(version, now)
    version.facts_taken_at = now
    version.state = state.value
    version.approved_by = actor
    version.submitted_at = now
    version.late = is_late(submitted_on=timezone.localdate(now), deadline=report.round.deadline)
    version.updated_at = now
    version.save()
    first = report.first_submitted_at is None
    if first:
        report.first_submitted_at = now
        report.late = version.late
    _keep_report_in_step(version)
    _record(actor, "unit_report.approve", version, now, late=version.late, first_submission=first)
    if notify:
        unit_report_signed.send(sender=UnitReportVersion, version=version, now=now, submitted=True)
    return version


def _decide(
    *, actor: Any, version: UnitReportVersion, transition: ReportTransition, comment: str, now: dt.datetime
) -> UnitReportVersion:
    version = _locked_version(version)
    capability_require(actor, Capability.ROUNDS, version.report.organization_id)
    state = _move(version, transition)
    version.state = state.value
    version.decided_by = actor
    version.decided_at = now
    version.decision_comment = comment
    version.updated_at = now
    version.save(update_fields=["state", "decided_by", "decided_at", "decision_comment", "updated_at"])
    _keep_report_in_step(version)
    return version


@transaction.atomic
def unit_report_accept(
    *, actor: Any, version: UnitReportVersion, comment: str = "", now: dt.datetime, notify: bool = True
) -> UnitReportVersion:
    """Accept a submitted version (the ICT Center), with optional comments; allowed in a closed round too.

    `notify=False` tells no one (for loading past history, such as the demo's).
    """
    version = _decide(actor=actor, version=version, transition=ReportTransition.ACCEPT, comment=_text(comment), now=now)
    _record(actor, "unit_report.accept", version, now, comment=version.decision_comment)
    if notify:
        unit_report_decided.send(sender=UnitReportVersion, version=version, now=now)
    return version


@transaction.atomic
def unit_report_return(
    *, actor: Any, version: UnitReportVersion, comment: str, now: dt.datetime, notify: bool = True
) -> UnitReportVersion:
    """Return a submitted version to the unit for correction with the ICT Center's comments (required).

    `notify=False` tells no one (for loading past history, such as the demo's).
    """
    comment = _text(comment)
    if not comment:
        raise ValidationError(_("Say what needs to change: a returned report needs comments."))
    locked = _locked_version(version)
    capability_require(actor, Capability.ROUNDS, locked.report.organization_id)
    _require_open(locked.report.round)
    version = _decide(actor=actor, version=locked, transition=ReportTransition.RETURN, comment=comment, now=now)
    _record(actor, "unit_report.return", version, now, comment=comment)
    if notify:
        unit_report_decided.send(sender=UnitReportVersion, version=version, now=now)
    return version


@transaction.atomic
def unit_report_correct(*, actor: Any, report: UnitReport, now: dt.datetime) -> UnitReportVersion:
    """Start the correction of a returned report: a new draft version copying the narrative and actions, fresh facts."""
    report = UnitReport.objects.select_for_update().select_related("round", "organization").get(pk=report.pk)
    capability_require(actor, Capability.REPORT, report.organization_id)
    _require_open(report.round)
    if report.state != ReportState.RETURNED:
        raise ValidationError(_("Only a report the ICT Center returned can be corrected."))
    returned = report.versions.order_by("-number").first()
    assert returned is not None
    number = (report.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = UnitReportVersion.objects.create(
        report=report,
        number=number,
        state=ReportState.DRAFT.value,
        facts=dict(unit_facts(round=report.round, organization=report.organization, now=now)),
        facts_taken_at=now,
        narrative_th=returned.narrative_th,
        narrative_en=returned.narrative_en,
        actions_th=returned.actions_th,
        actions_en=returned.actions_en,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    _keep_report_in_step(version)
    _record(actor, "unit_report.correct", version, now, corrects=returned.number)
    return version
