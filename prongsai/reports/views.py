"""Workspace pages of the reporting rounds, under /th|en/workspace/reports/: rounds, a round's units, a unit's report.

Thin: each view checks who may see the page, calls one selector or service, and renders. A unit
report's page shows only the facts stored with the version, never the live data.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from prongsai.disclosures.models import VersionStateChoices
from prongsai.monitoring.models import ItemStatusChoices
from prongsai.organizations.access import AccessScope, Capability, access_scope_for
from prongsai.organizations.models import Organization

from .forms import CommentForm, DeadlineForm, RoundFilterForm, RoundOpenForm, UnitReportForm
from .models import ReportStateChoices, Round, UnitReport, UnitReportVersion
from .selectors import round_by_code, round_list, round_unit_reports, unit_report_detail, unit_report_diff
from .services import (
    round_close,
    round_open,
    round_reopen,
    round_set_deadline,
    unit_report_accept,
    unit_report_approve,
    unit_report_correct,
    unit_report_refresh,
    unit_report_return,
    unit_report_save,
    unit_report_send_back,
    unit_report_send_for_approval,
    unit_report_start,
)
from .workflow import ApproverIsAuthor, IllegalReportTransition, ReportState


def _scope(request: HttpRequest) -> AccessScope:
    return access_scope_for(request.user)


def _round(code: str) -> Round:
    found = round_by_code(code)
    if found is None:
        raise Http404(_("No such reporting round."))
    return found


def _runs_rounds(scope: AccessScope) -> bool:
    """Tell whether the person opens and closes rounds: the ICT Center at the department."""
    held = scope.organization_ids(Capability.ROUNDS)
    return bool(held) and Organization.objects.filter(parent__isnull=True, pk__in=held).exists()


def _refusal_messages(request: HttpRequest, action: Callable[[], Any]) -> bool:
    """Run a service call; show its refusal as messages and tell whether it succeeded."""
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    except ApproverIsAuthor as error:
        messages.error(request, str(error))
        return False
    except IllegalReportTransition:
        messages.error(request, _("This step is not possible in the report's current state."))
        return False
    return True


@login_required
def rounds(request: HttpRequest) -> HttpResponse:
    """List the rounds with their figures; the ICT Center also gets the form that opens a round."""
    scope = _scope(request)
    if not scope.oversees_anything:
        raise PermissionDenied(_("Reporting rounds are for reporters, unit heads, the ICT Center and executives."))
    can_open = _runs_rounds(scope)
    return render(
        request,
        "reports/rounds.html",
        {"rows": round_list(), "can_open": can_open, "form": RoundOpenForm() if can_open else None},
    )


@login_required
@require_POST
def round_open_view(request: HttpRequest) -> HttpResponse:
    """Open a round from the form on the rounds page (the ICT Center)."""
    form = RoundOpenForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return HttpResponseRedirect(reverse("reports:rounds"))
    data = form.cleaned_data
    opened: list[Round] = []
    if _refusal_messages(
        request,
        lambda: opened.append(
            round_open(
                actor=request.user,
                fiscal_year=data["fiscal_year"],
                kind=data["kind"],
                deadline=data["deadline"],
                now=timezone.now(),
            )
        ),
    ):
        messages.success(request, _("Round %(code)s is open.") % {"code": opened[0].code})
        return HttpResponseRedirect(reverse("reports:round", args=[opened[0].code]))
    return HttpResponseRedirect(reverse("reports:rounds"))


ROUND_PAGE_SIZE = 100


@login_required
def round_detail(request: HttpRequest, code: str) -> HttpResponse:
    """Show every unit's report state in the round, with late and missing flags, filterable."""
    scope = _scope(request)
    if not scope.oversees_anything:
        raise PermissionDenied(_("Reporting rounds are for reporters, unit heads, the ICT Center and executives."))
    round = _round(code)
    form = RoundFilterForm(request.GET or None)
    overview = round_unit_reports(round=round, scope=scope, today=timezone.localdate(), wanted=form.wanted())
    # A department of thousands of units reads its round a hundred units at a time.
    rows = Paginator(overview.rows, ROUND_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/round.html",
        {
            "round": round,
            "overview": overview,
            "rows": rows,
            "query": query.urlencode(),
            "form": form,
            "can_run": _runs_rounds(scope),
            "deadline_form": DeadlineForm(initial={"deadline": round.deadline}),
            "state_labels": dict(ReportStateChoices.choices),
        },
    )


@login_required
@require_POST
def round_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """Close, reopen or move the deadline of a round (the ICT Center)."""
    round = _round(code)
    now = timezone.now()
    if action == "close":
        done = _refusal_messages(request, lambda: round_close(actor=request.user, round=round, now=now))
        success = _("Round %(code)s is closed.")
    elif action == "reopen":
        done = _refusal_messages(request, lambda: round_reopen(actor=request.user, round=round, now=now))
        success = _("Round %(code)s is open again.")
    elif action == "deadline":
        form = DeadlineForm(request.POST)
        deadline: dt.date | None = form.cleaned_data["deadline"] if form.is_valid() else None
        if deadline is None:
            messages.error(request, _("Give the deadline as a date."))
            done = False
        else:
            done = _refusal_messages(
                request, lambda: round_set_deadline(actor=request.user, round=round, deadline=deadline, now=now)
            )
        success = _("The deadline of round %(code)s is changed.")
    else:
        raise Http404
    if done:
        messages.success(request, success % {"code": round.code})
    return HttpResponseRedirect(reverse("reports:round", args=[round.code]))


def _unit(request: HttpRequest, slug: str) -> Organization:
    organization = get_object_or_404(Organization, slug=slug)
    if not _scope(request).can(Capability.VIEW, organization.pk):
        raise PermissionDenied(_("You do not have permission to do this for this unit."))
    return organization


def _shown_version(report: UnitReport, wanted: str | None) -> UnitReportVersion:
    versions = list(report.versions.all())
    if wanted:
        chosen = next((v for v in versions if str(v.number) == wanted), None)
        if chosen is None:
            raise Http404(_("No such version."))
        return chosen
    return next((v for v in versions if v.pk == report.current_version_id), versions[-1])


@login_required
def unit_report_page(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    """Show a unit's report of the round: the stored facts as tables, texts, state, versions and the actions allowed."""
    organization = _unit(request, slug)
    round = _round(code)
    scope = _scope(request)
    report = unit_report_detail(round=round, organization=organization)
    version = _shown_version(report, request.GET.get("version")) if report is not None else None
    is_current = version is not None and report is not None and version.pk == report.current_version_id
    state = version.state if version is not None and is_current else None
    can_report = scope.can(Capability.REPORT, organization.pk) and round.is_open
    can_sign = scope.can(Capability.SIGN_OFF, organization.pk)
    can_decide = scope.can(Capability.ROUNDS, organization.pk)
    author = version is not None and request.user.pk in {version.created_by_id, version.sent_by_id}
    context = {
        "round": round,
        "organization": organization,
        "report": report,
        "version": version,
        "versions": list(report.versions.all()) if report is not None else [],
        "facts": version.facts if version is not None else None,
        "is_current": is_current,
        "can_start": report is None and can_report and organization.kind == Organization.Kind.UNIT,
        "can_edit": can_report and state == ReportState.DRAFT,
        "can_send": can_report and state == ReportState.DRAFT,
        "can_sign": can_sign and state == ReportState.AWAITING_APPROVAL and not author and round.is_open,
        "signer_is_author": can_sign and state == ReportState.AWAITING_APPROVAL and author,
        "can_decide": can_decide and state == ReportState.SUBMITTED,
        "can_return": can_decide and state == ReportState.SUBMITTED and round.is_open,
        "can_correct": can_report and state == ReportState.RETURNED,
        "comment_form": CommentForm(),
        "change_labels": dict(VersionStateChoices.choices),
        "monitor_labels": dict(ItemStatusChoices.choices),
    }
    return render(request, "reports/unit_report.html", context)


@login_required
@require_POST
def unit_report_start_view(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    """Start the unit's report of the round (the unit's reporter)."""
    organization = _unit(request, slug)
    round = _round(code)
    if _refusal_messages(
        request,
        lambda: unit_report_start(actor=request.user, round=round, organization=organization, now=timezone.now()),
    ):
        messages.success(request, _("The report is started, prefilled with what the system knows."))
    return HttpResponseRedirect(reverse("reports:unit_report", args=[round.code, organization.slug]))


def _current_version(round: Round, organization: Organization) -> UnitReportVersion:
    report = UnitReport.objects.filter(round=round, organization=organization).select_related("current_version").first()
    if report is None or report.current_version is None:
        raise Http404(_("This unit has not started its report for this round."))
    return report.current_version


@login_required
def unit_report_edit(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    """Edit the draft's narrative and actions (the unit's reporter)."""
    organization = _unit(request, slug)
    round = _round(code)
    if not _scope(request).can(Capability.REPORT, organization.pk):
        raise PermissionDenied(_("You do not have permission to do this for this unit."))
    version = _current_version(round, organization)
    back = reverse("reports:unit_report", args=[round.code, organization.slug])
    if version.state != ReportState.DRAFT:
        messages.warning(request, _("Only a draft report can be changed."))
        return HttpResponseRedirect(back)
    form = UnitReportForm(
        request.POST or None,
        initial={name: getattr(version, name) for name in ("narrative_th", "narrative_en", "actions_th", "actions_en")},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _refusal_messages(
            request,
            lambda: unit_report_save(actor=request.user, version=version, now=timezone.now(), **form.cleaned_data),
        )
    ):
        messages.success(request, _("The report is saved."))
        return HttpResponseRedirect(back)
    return render(
        request,
        "reports/unit_report_edit.html",
        {"round": round, "organization": organization, "version": version, "form": form},
    )


_SUCCESS = {
    "refresh": gettext_lazy("The facts are taken again."),
    "send": gettext_lazy("The report is sent to the unit head for approval."),
    "send_back": gettext_lazy("The report is sent back to the reporter."),
    "approve": gettext_lazy("The report is approved and submitted to the ICT Center."),
    "accept": gettext_lazy("The report is accepted."),
    "return": gettext_lazy("The report is returned to the unit for correction."),
    "correct": gettext_lazy("A new version is started to correct the report."),
}


@login_required
@require_POST
def unit_report_action(request: HttpRequest, code: str, slug: str, action: str) -> HttpResponse:
    """Take one step of the report's workflow (who may take it is the service's rule)."""
    organization = _unit(request, slug)
    round = _round(code)
    if action not in _SUCCESS:
        raise Http404
    version = _current_version(round, organization)
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    now = timezone.now()
    user = request.user
    calls: dict[str, Callable[[], Any]] = {
        "refresh": lambda: unit_report_refresh(actor=user, version=version, now=now),
        "send": lambda: unit_report_send_for_approval(actor=user, version=version, now=now),
        "send_back": lambda: unit_report_send_back(actor=user, version=version, comment=comment, now=now),
        "approve": lambda: unit_report_approve(actor=user, version=version, now=now),
        "accept": lambda: unit_report_accept(actor=user, version=version, comment=comment, now=now),
        "return": lambda: unit_report_return(actor=user, version=version, comment=comment, now=now),
        "correct": lambda: unit_report_correct(actor=user, report=version.report, now=now),
    }
    if _refusal_messages(request, calls[action]):
        messages.success(request, str(_SUCCESS[action]))
    return HttpResponseRedirect(reverse("reports:unit_report", args=[round.code, organization.slug]))


@login_required
def unit_report_diff_view(request: HttpRequest, code: str, slug: str, before: int, after: int) -> HttpResponse:
    """Show what changed between two versions of a unit's report: texts line by line, facts item by item."""
    organization = _unit(request, slug)
    round = _round(code)
    versions = {
        v.number: v
        for v in UnitReportVersion.objects.filter(
            report__round=round, report__organization=organization, number__in=[before, after]
        )
    }
    if before not in versions or after not in versions:
        raise Http404(_("No such version."))
    return render(
        request,
        "reports/unit_report_diff.html",
        {
            "round": round,
            "organization": organization,
            "diff": unit_report_diff(versions[before], versions[after]),
            "text_labels": {
                "narrative_th": _("Results (Thai)"),
                "narrative_en": _("Results (English)"),
                "actions_th": _("Actions (Thai)"),
                "actions_en": _("Actions (English)"),
            },
            "aspect_labels": {
                "status": _("Status"),
                "published_version": _("Published version"),
                "monitor": _("Website check finding"),
            },
        },
    )
