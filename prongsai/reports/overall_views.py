"""Workspace pages of the overall report (measure 6.3.1): the report itself, its executive view, and its steps.

Everyone who oversees the department (its executives, supervisors, reporter and the ICT Center)
reads the report and the executive view; the ICT Center compiles and edits it; the department-level
supervisor sends it back or approves it. Unit staff see neither.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from prongsai.organizations.access import AccessScope, Capability, access_scope_for
from prongsai.organizations.models import Organization

from .models import OverallReport, Recommendation, Round
from .overall_forms import MatrixFilterForm, RecommendationAddForm, RecommendationForm, SendBackForm, SummaryForm
from .overall_selectors import (
    executive_chart,
    executive_view,
    overall_charts,
    overall_history,
    overall_page,
    overall_recommendations,
    overall_report_of,
)
from .overall_services import (
    CompilerMayNotApprove,
    OverallReportFrozen,
    department,
    overall_report_approve,
    overall_report_compile,
    overall_report_save_summary,
    overall_report_send_back,
    overall_report_send_for_approval,
    recommendation_add,
    recommendation_edit,
)
from .selectors import round_by_code
from .workflow import IllegalReportTransition

# What a step may be refused for; the page says why instead of failing.
_REFUSALS = (ValidationError, OverallReportFrozen, IllegalReportTransition, CompilerMayNotApprove)


def _language() -> str:
    return translation.get_language() or "th"


def _overseer(request: HttpRequest) -> tuple[Organization, AccessScope]:
    """Return the department and the person's scope if they oversee it; refuse everyone else."""
    root = department()
    scope = access_scope_for(request.user)
    if root is None or not scope.can(Capability.OVERSEE, root.pk):
        raise PermissionDenied(_("Only the department's executives, supervisors, reporter and ICT Center see this."))
    return root, scope


def _round(code: str) -> Round:
    found = round_by_code(code)
    if found is None:
        raise Http404(_("There is no reporting round %(code)s.") % {"code": code})
    return found


def _figure_labels() -> dict[str, str]:
    return {
        "units": _("Units"),
        "share": _("Share of the units (%)"),
        "total_units": _("Units in all"),
        "threshold": _("Threshold"),
        "lowest": _("Lowest compliance (%)"),
        "compliance_fell": _("Units whose compliance fell"),
        "score_fell": _("Units whose website score fell"),
        "largest_drop": _("Largest drop (points)"),
        "items": _("Items"),
        "published_not_found": _("Published but not found on the website"),
        "found_not_recorded": _("Found on the website but not in the register"),
        "per_item": _("Units per item"),
        "round": _("Round"),
        "previous_round": _("Previous round"),
    }


def _figures(figures: dict[str, Any], labels: dict[str, str]) -> list[tuple[str, str]]:
    """Name a recommendation's figures for the reader: (label, value) pairs, a per-item count spelled out."""
    shown = []
    for name, value in figures.items():
        text = ", ".join(f"{key}: {count}" for key, count in value.items()) if isinstance(value, dict) else str(value)
        shown.append((labels.get(name, name), text))
    return shown


def _say_refusal(request: HttpRequest, refusal: Exception) -> None:
    if isinstance(refusal, ValidationError):
        for text in refusal.messages:
            messages.error(request, text)
    elif isinstance(refusal, IllegalReportTransition):
        messages.error(request, _("The report is not in a state that allows this step."))
    else:
        messages.error(request, str(refusal))


def _form_errors(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.as_data().values():
        for error in errors:
            for text in error.messages:
                messages.error(request, text)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """List the rounds with the state of each one's overall report."""
    _overseer(request)
    rounds = list(Round.objects.order_by("-fiscal_year", "-kind"))
    states = dict(OverallReport.objects.values_list("round_id", "state"))
    return render(request, "reports/overall_index.html", {"rounds": [(r, states.get(r.pk)) for r in rounds]})


@login_required
@require_GET
def report(request: HttpRequest, code: str) -> HttpResponse:
    """Show the round's overall report: headline, matrix and ranking, items, gaps, reports, recommendations, history."""
    root, scope = _overseer(request)
    found = _round(code)
    stored = overall_report_of(found)
    form = MatrixFilterForm(request.GET or None)
    search, gap, page = "", "", 1
    if form.is_valid():
        search, gap, page = form.cleaned_data["q"], form.cleaned_data["gap"], form.cleaned_data["page"] or 1
    can_edit = scope.can(Capability.ROUNDS, root.pk) or scope.can(Capability.REPORT, root.pk)
    context: dict[str, Any] = {
        "round": found,
        "report": stored,
        "form": form,
        "can_edit": can_edit,
        "can_sign": scope.can(Capability.SIGN_OFF, root.pk),
        "charts": {},
    }
    if stored is not None:
        query = request.GET.copy()
        query.pop("page", None)
        recommendations = list(overall_recommendations(stored))
        labels = _figure_labels()
        context.update(
            page=overall_page(report=stored, language=_language(), search=search, gap_item=gap, page=page),
            query=query.urlencode(),
            recommendations=[(rec, RecommendationForm(), _figures(rec.figures, labels)) for rec in recommendations],
            history=overall_history(stored),
            add_form=RecommendationAddForm(),
            summary_form=SummaryForm(initial={"summary_th": stored.summary_th, "summary_en": stored.summary_en}),
            send_back_form=SendBackForm(),
            charts=overall_charts(stored, language=_language()),
        )
    return render(request, "reports/overall_report.html", context)


@login_required
@require_GET
def executive(request: HttpRequest, code: str) -> HttpResponse:
    """Show executives the round's headline figures, summary, recommendations and trend, readable on a phone."""
    _overseer(request)
    found = _round(code)
    view = executive_view(found)
    charts = {"trend": executive_chart(view, language=_language())} if view is not None else {}
    return render(request, "reports/overall_executive.html", {"round": found, "view": view, "charts": charts})


def _step(request: HttpRequest, code: str, run: Callable[[Round, OverallReport | None], str]) -> HttpResponse:
    """Run one step of the report and come back to its page with what happened."""
    found = _round(code)
    try:
        said = run(found, overall_report_of(found))
    except _REFUSALS as refusal:
        _say_refusal(request, refusal)
    else:
        if said:
            messages.success(request, said)
    return HttpResponseRedirect(reverse("overall:report", args=[found.code]))


def _stored(report: OverallReport | None) -> OverallReport:
    if report is None:
        raise Http404(_("The overall report of this round has not been compiled yet."))
    return report


@login_required
@require_POST
def compile_report(request: HttpRequest, code: str) -> HttpResponse:
    """Compile the report, or refresh its facts and recommendations while it is a draft."""

    def run(found: Round, _report: OverallReport | None) -> str:
        overall_report_compile(actor=request.user, round=found, now=timezone.now())
        return _("The overall report was compiled from the data at the round's cut-off.")

    return _step(request, code, run)


@login_required
@require_POST
def summary(request: HttpRequest, code: str) -> HttpResponse:
    """Save the ICT Center's summary."""

    def run(_found: Round, stored: OverallReport | None) -> str:
        form = SummaryForm(request.POST)
        if not form.is_valid():
            _form_errors(request, form)
            return ""
        overall_report_save_summary(
            actor=request.user, report=_stored(stored), now=timezone.now(),
            summary_th=form.cleaned_data["summary_th"], summary_en=form.cleaned_data["summary_en"],
        )  # fmt: skip
        return _("The summary was saved.")

    return _step(request, code, run)


@login_required
@require_POST
def recommendation_change(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Save the ICT Center's wording of one recommendation, or leave it out."""

    def run(_found: Round, stored: OverallReport | None) -> str:
        recommendation = get_object_or_404(Recommendation, pk=pk, report=_stored(stored))
        form = RecommendationForm(request.POST)
        if not form.is_valid():
            _form_errors(request, form)
            return ""
        recommendation_edit(
            actor=request.user, recommendation=recommendation, now=timezone.now(),
            text_th=form.cleaned_data["text_th"], text_en=form.cleaned_data["text_en"],
            included=form.cleaned_data["included"],
        )  # fmt: skip
        return _("The recommendation was saved.")

    return _step(request, code, run)


@login_required
@require_POST
def recommendation_new(request: HttpRequest, code: str) -> HttpResponse:
    """Add a hand-written recommendation."""

    def run(_found: Round, stored: OverallReport | None) -> str:
        form = RecommendationAddForm(request.POST)
        if not form.is_valid():
            _form_errors(request, form)
            return ""
        recommendation_add(
            actor=request.user, report=_stored(stored), now=timezone.now(),
            text_th=form.cleaned_data["text_th"], text_en=form.cleaned_data["text_en"],
            units=form.listed("units"), items=form.listed("items"),
        )  # fmt: skip
        return _("The recommendation was added.")

    return _step(request, code, run)


@login_required
@require_POST
def send(request: HttpRequest, code: str) -> HttpResponse:
    """Send the draft to the department-level supervisor."""

    def run(_found: Round, stored: OverallReport | None) -> str:
        overall_report_send_for_approval(actor=request.user, report=_stored(stored), now=timezone.now())
        return _("The report was sent to the supervisor for approval.")

    return _step(request, code, run)


@login_required
@require_POST
def send_back(request: HttpRequest, code: str) -> HttpResponse:
    """Return the report to the ICT Center with the supervisor's comments."""

    def run(_found: Round, stored: OverallReport | None) -> str:
        form = SendBackForm(request.POST)
        if not form.is_valid():
            _form_errors(request, form)
            return ""
        overall_report_send_back(
            actor=request.user, report=_stored(stored), comment=form.cleaned_data["comment"], now=timezone.now()
        )
        return _("The report was sent back to the ICT Center.")

    return _step(request, code, run)


@login_required
@require_POST
def approve(request: HttpRequest, code: str) -> HttpResponse:
    """Sign the report off; it is frozen from then on."""

    def run(_found: Round, stored: OverallReport | None) -> str:
        overall_report_approve(actor=request.user, report=_stored(stored), now=timezone.now())
        return _("The report is approved. It no longer changes.")

    return _step(request, code, run)
