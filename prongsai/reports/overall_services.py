"""Writes of the overall report (measure 6.3.1, 6.1.1): compile, edit its recommendations, send, send back, approve.

The ICT Center (ROUNDS at the department) or the department's reporter (REPORT there — the ICT
Center's director) compiles the report and edits it while it is a draft; the person assigned to
oversee the ICT Center (SIGN_OFF at the department) approves it or sends it back. Approval freezes
it: its facts and recommendations never follow the data again. Each service runs in one
transaction, checks access, and writes its audit event in that transaction.
"""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from prongsai.audit.models import AuditEvent
from prongsai.audit.services import audit_record
from prongsai.organizations.access import Capability, access_scope_for
from prongsai.organizations.models import Organization
from prongsai.thaitext import normalize_thai_lines

from .facts import OverallFacts
from .models import OverallReport, Recommendation, Round
from .overall import overall_facts, previous_round
from .recommend import Rule, Suggestion, build_rules, recommend
from .signals import overall_report_changed
from .workflow import OverallState, OverallTransition, next_overall_state

__all__ = [
    "MANUAL_RULE",
    "CompilerMayNotApprove",
    "OverallReportFrozen",
    "department",
    "overall_report_approve",
    "overall_report_compile",
    "overall_report_save_summary",
    "overall_report_send_back",
    "overall_report_send_for_approval",
    "recommendation_add",
    "recommendation_edit",
]

MANUAL_RULE = "manual"


class OverallReportFrozen(Exception):
    """A change to an overall report that is no longer a draft (with the supervisor, or approved)."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message or "the overall report is no longer a draft")


class CompilerMayNotApprove(Exception):
    """Separation of duties (measure 6.1.1, 6.2.1): the person who compiled the report does not sign it off."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message or "whoever compiled the overall report may not approve it")


def department() -> Organization | None:
    """Return the department whose units the overall report covers (the root organization; one query)."""
    return Organization.objects.filter(kind=Organization.Kind.DEPARTMENT).order_by("sort_order", "pk").first()


def _require(actor: Any, *capabilities: Capability) -> Organization:
    """Return the department if the actor holds one of the capabilities there; refuse otherwise."""
    root = department()
    scope = access_scope_for(actor)
    if root is None or not any(scope.can(capability, root.pk) for capability in capabilities):
        raise PermissionDenied(_("You do not have permission to do this for the overall report."))
    return root


def _locked(report: OverallReport) -> OverallReport:
    return OverallReport.objects.select_for_update().select_related("round").get(pk=report.pk)


def _require_draft(report: OverallReport) -> None:
    if report.state != OverallState.DRAFT:
        raise OverallReportFrozen(
            _("The overall report is with the supervisor or approved; it can no longer be changed.")
        )


def _rules_from_settings() -> list[Rule]:
    return build_rules(settings.PRONGSAI_RECOMMENDATION_RULES)


def _previous_facts(round: Round) -> OverallFacts | None:
    before = previous_round(round.period)
    facts = (
        OverallReport.objects.filter(round__fiscal_year=before.fiscal_year, round__kind=before.kind.value)
        .values_list("facts", flat=True)
        .first()
    )
    return facts or None


def _texts(text_th: str, text_en: str) -> tuple[str, str]:
    text_th, text_en = normalize_thai_lines(text_th), normalize_thai_lines(text_en)
    problems = []
    if not text_th:
        problems.append(_("Write the recommendation in Thai."))
    if not text_en:
        problems.append(_("Write the recommendation in English."))
    if problems:
        raise ValidationError(problems)
    return text_th, text_en


def _sync_recommendations(report: OverallReport, suggestions: Sequence[Suggestion]) -> dict[str, int]:
    """Replace the generated recommendations by the new suggestions, keeping the ICT Center's work.

    A recommendation the ICT Center edited keeps its text and inclusion while a suggestion of the
    same rule, units and items is still drawn (its generated text and figures are refreshed); the
    others are replaced. Hand-written recommendations stay, after the generated ones.
    """
    existing = {
        (rec.rule, tuple(rec.units), tuple(rec.items)): rec
        for rec in report.recommendations.exclude(rule=MANUAL_RULE).order_by("position", "id")
    }
    kept = 0
    position = 0
    for position, suggestion in enumerate(suggestions, start=1):
        rec = existing.pop(suggestion.key, None)
        if rec is None:
            rec = Recommendation(report=report, rule=suggestion.rule, units=list(suggestion.units))
            rec.items = list(suggestion.items)
        edited = rec.pk is not None and rec.edited_by_id is not None
        kept += edited
        if not edited:
            rec.text_th, rec.text_en = suggestion.text_th, suggestion.text_en
        rec.generated_th, rec.generated_en = suggestion.text_th, suggestion.text_en
        rec.figures = dict(suggestion.figures)
        rec.position = position
        rec.save()
    dropped = len(existing)
    Recommendation.objects.filter(pk__in=[rec.pk for rec in existing.values()]).delete()
    for offset, rec in enumerate(report.recommendations.filter(rule=MANUAL_RULE).order_by("position", "id"), 1):
        if rec.position != position + offset:
            rec.position = position + offset
            rec.save(update_fields=["position"])
    return {"generated": len(suggestions), "kept_edits": kept, "dropped": dropped}


@transaction.atomic
def overall_report_compile(*, actor: Any, round: Round, now: dt.datetime) -> OverallReport:
    """Gather the round's facts and draw the recommendations: create the report, or refresh it while a draft.

    Refreshing keeps the summary, hand-written recommendations, and the ICT Center's edits of any
    recommendation whose rule, units and items are drawn again.
    """
    root = _require(actor, Capability.ROUNDS, Capability.REPORT)
    report = OverallReport.objects.select_for_update().filter(round=round).first()
    if report is not None:
        _require_draft(report)
    facts = overall_facts(round=round, now=now)
    suggestions = recommend(facts, _previous_facts(round), _rules_from_settings())
    created = report is None
    if report is None:
        report = OverallReport(round=round, created_by=actor, created_at=now)
    report.facts = dict(facts)
    report.facts_taken_at = now
    report.updated_at = now
    report.save()
    counts = _sync_recommendations(report, suggestions)
    audit_record(
        actor=actor,
        action="overall_report.compile",
        target=report,
        organization_id=root.pk,
        data={
            "round": round.code,
            "created": created,
            "cut_off": facts["cut_off"],
            "units": len(facts["units"]),
            "mean_compliance": facts["headline"]["mean_compliance"],
            **counts,
        },
        now=now,
    )
    return report


@transaction.atomic
def recommendation_edit(
    *, actor: Any, recommendation: Recommendation, text_th: str, text_en: str, included: bool, now: dt.datetime
) -> Recommendation:
    """Change a recommendation's wording or leave it out of the report (the draft only)."""
    root = _require(actor, Capability.ROUNDS, Capability.REPORT)
    report = _locked(recommendation.report)
    _require_draft(report)
    recommendation = Recommendation.objects.get(pk=recommendation.pk, report=report)
    text_th, text_en = _texts(text_th, text_en)
    before = {"text_th": recommendation.text_th, "text_en": recommendation.text_en, "included": recommendation.included}
    recommendation.text_th, recommendation.text_en, recommendation.included = text_th, text_en, bool(included)
    recommendation.edited_by = actor
    recommendation.edited_at = now
    recommendation.save()
    report.updated_at = now
    report.save(update_fields=["updated_at"])
    audit_record(
        actor=actor,
        action="overall_report.recommendation_edit",
        target=report,
        organization_id=root.pk,
        data={
            "recommendation": recommendation.pk,
            "rule": recommendation.rule,
            "before": before,
            "after": {"text_th": text_th, "text_en": text_en, "included": recommendation.included},
        },
        now=now,
    )
    return recommendation


@transaction.atomic
def recommendation_add(
    *,
    actor: Any,
    report: OverallReport,
    text_th: str,
    text_en: str,
    now: dt.datetime,
    units: Sequence[str] = (),
    items: Sequence[str] = (),
) -> Recommendation:
    """Add a hand-written recommendation (rule "manual") after the others; units and items must be in the facts."""
    root = _require(actor, Capability.ROUNDS, Capability.REPORT)
    report = _locked(report)
    _require_draft(report)
    text_th, text_en = _texts(text_th, text_en)
    known_units = {row["slug"] for row in report.facts.get("units", [])}
    known_items = {item["code"] for item in report.facts.get("items", [])}
    unknown = [slug for slug in units if slug not in known_units] + [code for code in items if code not in known_items]
    if unknown:
        raise ValidationError(
            _("These units or items are not in the report: %(names)s.") % {"names": ", ".join(unknown)}
        )
    last = report.recommendations.aggregate(last=Max("position"))["last"] or 0
    recommendation = Recommendation.objects.create(
        report=report,
        rule=MANUAL_RULE,
        position=last + 1,
        units=list(units),
        items=list(items),
        figures={},
        generated_th="",
        generated_en="",
        text_th=text_th,
        text_en=text_en,
        edited_by=actor,
        edited_at=now,
    )
    report.updated_at = now
    report.save(update_fields=["updated_at"])
    audit_record(
        actor=actor,
        action="overall_report.recommendation_add",
        target=report,
        organization_id=root.pk,
        data={"recommendation": recommendation.pk, "text_th": text_th, "text_en": text_en},
        now=now,
    )
    return recommendation


@transaction.atomic
def overall_report_save_summary(
    *, actor: Any, report: OverallReport, summary_th: str, summary_en: str, now: dt.datetime
) -> OverallReport:
    """Save the ICT Center's summary of the round (the draft only)."""
    root = _require(actor, Capability.ROUNDS, Capability.REPORT)
    report = _locked(report)
    _require_draft(report)
    report.summary_th, report.summary_en = normalize_thai_lines(summary_th), normalize_thai_lines(summary_en)
    report.updated_at = now
    report.save(update_fields=["summary_th", "summary_en", "updated_at"])
    audit_record(
        actor=actor,
        action="overall_report.summary",
        target=report,
        organization_id=root.pk,
        data={"summary_th": report.summary_th, "summary_en": report.summary_en},
        now=now,
    )
    return report


def _move(report: OverallReport, transition: OverallTransition) -> OverallState:
    return next_overall_state(OverallState(report.state), transition)


@transaction.atomic
def overall_report_send_for_approval(*, actor: Any, report: OverallReport, now: dt.datetime) -> OverallReport:
    """Send the draft to the department-level supervisor for approval."""
    root = _require(actor, Capability.ROUNDS, Capability.REPORT)
    report = _locked(report)
    report.state = _move(report, OverallTransition.SEND_FOR_APPROVAL)
    report.sent_by, report.sent_at, report.updated_at = actor, now, now
    report.save(update_fields=["state", "sent_by", "sent_at", "updated_at"])
    audit_record(
        actor=actor,
        action="overall_report.send_for_approval",
        target=report,
        organization_id=root.pk,
        data={"round": report.round.code},
        now=now,
    )
    overall_report_changed.send(sender=OverallReport, report=report, now=now)
    return report


@transaction.atomic
def overall_report_send_back(*, actor: Any, report: OverallReport, comment: str, now: dt.datetime) -> OverallReport:
    """Return the report to the ICT Center with the supervisor's comments; it becomes a draft again."""
    root = _require(actor, Capability.SIGN_OFF)
    report = _locked(report)
    comment = normalize_thai_lines(comment)
    if not comment:
        raise ValidationError(_("Say what needs to change: sending the report back needs a comment."))
    report.state = _move(report, OverallTransition.SEND_BACK)
    report.return_comment, report.updated_at = comment, now
    report.save(update_fields=["state", "return_comment", "updated_at"])
    audit_record(
        actor=actor,
        action="overall_report.send_back",
        target=report,
        organization_id=root.pk,
        data={"round": report.round.code, "comment": comment},
        now=now,
    )
    overall_report_changed.send(sender=OverallReport, report=report, now=now)
    return report


def _compiled_by(report: OverallReport, actor: Any) -> bool:
    """Tell whether the person compiled the report (created or refreshed it)."""
    return report.created_by_id == actor.pk or (
        AuditEvent.objects.filter(
            action="overall_report.compile",
            object_type=OverallReport._meta.label_lower,
            object_id=str(report.pk),
            actor_id=actor.pk,
        ).exists()
    )


@transaction.atomic
def overall_report_approve(*, actor: Any, report: OverallReport, now: dt.datetime) -> OverallReport:
    """Sign the report off: it is frozen from now on. Whoever compiled it may not approve it."""
    root = _require(actor, Capability.SIGN_OFF)
    report = _locked(report)
    state = _move(report, OverallTransition.APPROVE)
    if _compiled_by(report, actor):
        raise CompilerMayNotApprove(
            _("You compiled this report, so you may not approve it: another supervisor must sign it off.")
        )
    report.state = state
    report.approved_by, report.approved_at, report.updated_at = actor, now, now
    report.save(update_fields=["state", "approved_by", "approved_at", "updated_at"])
    audit_record(
        actor=actor,
        action="overall_report.approve",
        target=report,
        organization_id=root.pk,
        data={"round": report.round.code, "recommendations": report.recommendations.filter(included=True).count()},
        now=now,
    )
    overall_report_changed.send(sender=OverallReport, report=report, now=now)
    return report
