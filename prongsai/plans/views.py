"""Workspace pages of action plans (5.1.4) and their progress (5.1.5), under /th|en/workspace/plans/.

Thin: each view finds the unit the person may see (VIEW) or edit (EDIT) — any other unit, plan or
project answers 404, so addresses do not tell who keeps what — calls one selector or service, and
renders. A service's refusal comes back as every problem on the form; nothing is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.organizations.access import Capability, access_scope_for
from prongsai.organizations.models import Organization
from prongsai.problems import InvalidInput
from prongsai.thaidate import fiscal_year_bounds, fiscal_year_of

from .forms import (
    ImportForm,
    PlanForm,
    ProgrammeForm,
    ProgressForm,
    ProjectForm,
    add_problems,
    fiscal_months,
    month_code,
    month_label,
    progress_initial,
    project_initial,
)
from .importing import PlanImportRejected, plan_import
from .models import ActionPlan, Programme, ProgressReport, Project
from .selectors import plan_for, plan_list, plan_overview, project_for
from .services import (
    action_plan_save,
    programme_delete,
    programme_move,
    programme_save,
    progress_delete,
    progress_record,
    project_delete,
    project_move,
    project_save,
)
from .templates import TEMPLATE_FILENAME, plan_template_xlsx, plan_workbook_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_OFFSETS = {"up": -1, "down": 1}


def _language() -> str:
    return translation.get_language() or "th"


def _unit(request: HttpRequest, slug: str, capability: Capability = Capability.VIEW) -> Organization:
    """Return the unit if the person holds the capability there; 404 otherwise (the unit's existence is not told)."""
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None or not access_scope_for(request.user).can(capability, organization.pk):
        raise Http404(_("No such unit."))
    return organization


def _plan(organization: Organization, fiscal_year: int) -> ActionPlan:
    plan = plan_for(organization=organization, fiscal_year=fiscal_year)
    if plan is None:
        raise Http404(_("The unit has no action plan for this fiscal year."))
    plan.organization = organization
    return plan


def _programme(plan: ActionPlan, pk: int) -> Programme:
    programme = Programme.objects.filter(plan=plan, pk=pk).first()
    if programme is None:
        raise Http404(_("No such programme."))
    programme.plan = plan
    return programme


def _project(plan: ActionPlan, pk: int) -> Project:
    project = project_for(plan=plan, pk=pk)
    if project is None:
        raise Http404(_("No such project."))
    project.programme.plan = plan
    return project


def _plan_url(plan: ActionPlan) -> str:
    return reverse("plans:plan", args=[plan.organization.slug, plan.fiscal_year])


def _saved(request: HttpRequest, form: Any, write: Callable[[], Any]) -> bool:
    """Run a service; put its problems on the form and tell whether it stored anything."""
    try:
        write()
    except InvalidInput as error:
        add_problems(form, error.problems, _language())
        return False
    return True


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def unit_plans(request: HttpRequest, slug: str) -> HttpResponse:
    """List the unit's plans by fiscal year, with the new-plan form, the template and the upload form to editors."""
    organization = _unit(request, slug)
    today = timezone.localdate()
    can_edit = access_scope_for(request.user).can(Capability.EDIT, organization.pk)
    return render(
        request,
        "plans/unit.html",
        {
            "organization": organization,
            "rows": plan_list(organization=organization),
            "can_edit": can_edit,
            "import_form": ImportForm(today=today) if can_edit else None,
        },
    )


@login_required
def plan_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Start the unit's plan of a fiscal year."""
    organization = _unit(request, slug, Capability.EDIT)
    form = PlanForm(request.POST or None, initial={"fiscal_year": _fiscal_year_now()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if plan_for(organization=organization, fiscal_year=data["fiscal_year"]) is not None:
            form.add_error("fiscal_year", _("The unit already has a plan for this fiscal year."))
        elif _saved(
            request,
            form,
            lambda: action_plan_save(
                actor=request.user,
                organization=organization,
                fiscal_year=data["fiscal_year"],
                title_th=data["title_th"],
                title_en=data["title_en"],
                approved_on=data["approved_on"],
            ),
        ):
            messages.success(request, _("The plan is saved."))
            return HttpResponseRedirect(reverse("plans:plan", args=[organization.slug, data["fiscal_year"]]))
    return render(request, "plans/plan_form.html", {"organization": organization, "form": form, "plan": None})


def _fiscal_year_now() -> int:
    return fiscal_year_of(timezone.localdate())


@login_required
def plan_page(request: HttpRequest, slug: str, fiscal_year: int) -> HttpResponse:
    """Show the plan: programmes and their projects with the latest progress, the roll-ups and the round figures."""
    organization = _unit(request, slug)
    plan = _plan(organization, fiscal_year)
    today = timezone.localdate()
    _first, last = fiscal_year_bounds(plan.fiscal_year)
    return render(
        request,
        "plans/plan.html",
        {
            "organization": organization,
            "plan": plan,
            "overview": plan_overview(plan=plan, as_of=min(today, last)),
            "can_edit": access_scope_for(request.user).can(Capability.EDIT, organization.pk),
        },
    )


@login_required
def plan_edit(request: HttpRequest, slug: str, fiscal_year: int) -> HttpResponse:
    """Change the plan's title and approval date."""
    organization = _unit(request, slug, Capability.EDIT)
    plan = _plan(organization, fiscal_year)
    form = PlanForm(
        request.POST or None,
        new=False,
        initial={"title_th": plan.title_th, "title_en": plan.title_en, "approved_on": plan.approved_on},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(
            request,
            form,
            lambda: action_plan_save(
                actor=request.user,
                organization=organization,
                fiscal_year=plan.fiscal_year,
                title_th=data["title_th"],
                title_en=data["title_en"],
                approved_on=data["approved_on"],
            ),
        ):
            messages.success(request, _("The plan is saved."))
            return HttpResponseRedirect(_plan_url(plan))
    return render(request, "plans/plan_form.html", {"organization": organization, "form": form, "plan": plan})


@login_required
def plan_workbook(request: HttpRequest, slug: str, fiscal_year: int) -> HttpResponse:
    """Download the plan and its progress in the template's layout."""
    organization = _unit(request, slug)
    plan = _plan(organization, fiscal_year)
    return _xlsx(plan_workbook_xlsx(plan=plan), f"{organization.slug}-plan-{plan.fiscal_year}.xlsx")


@login_required
def template_download(request: HttpRequest, slug: str) -> HttpResponse:
    """Download the empty plan workbook."""
    _unit(request, slug)
    return _xlsx(plan_template_xlsx(), TEMPLATE_FILENAME)


@login_required
@require_POST
def import_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Import an uploaded workbook, all or nothing; show every problem by sheet, row and column when refused."""
    organization = _unit(request, slug, Capability.EDIT)
    form = ImportForm(request.POST, request.FILES)
    problems: list[str] = []
    if form.is_valid():
        upload = form.cleaned_data["workbook"]
        fiscal_year = form.cleaned_data["fiscal_year"]
        try:
            result = plan_import(
                actor=request.user,
                organization=organization,
                fiscal_year=fiscal_year,
                content=upload.read(),
                filename=upload.name,
            )
        except PlanImportRejected as rejected:
            problems = [problem.text(_language()) for problem in rejected.problems]
        else:
            messages.success(
                request,
                _(
                    "Imported %(rows)s rows: %(created)s new projects, %(updated)s updated, %(unchanged)s unchanged; "
                    "%(reports)s new progress reports, %(reports_updated)s updated."
                )
                % {
                    "rows": result.rows,
                    "created": result.projects_created,
                    "updated": result.projects_updated,
                    "unchanged": result.projects_unchanged,
                    "reports": result.reports_created,
                    "reports_updated": result.reports_updated,
                },
            )
            return HttpResponseRedirect(_plan_url(result.plan))
    return render(
        request,
        "plans/unit.html",
        {
            "organization": organization,
            "rows": plan_list(organization=organization),
            "can_edit": True,
            "import_form": form,
            "import_problems": problems,
        },
        status=400,
    )


@login_required
def programme_new(request: HttpRequest, slug: str, fiscal_year: int) -> HttpResponse:
    """Add a programme at the end of the plan."""
    return _programme_form(request, slug, fiscal_year, None)


@login_required
def programme_edit(request: HttpRequest, slug: str, fiscal_year: int, pk: int) -> HttpResponse:
    """Rename a programme."""
    return _programme_form(request, slug, fiscal_year, pk)


def _programme_form(request: HttpRequest, slug: str, fiscal_year: int, pk: int | None) -> HttpResponse:
    organization = _unit(request, slug, Capability.EDIT)
    plan = _plan(organization, fiscal_year)
    programme = _programme(plan, pk) if pk is not None else None
    initial = {"name_th": programme.name_th, "name_en": programme.name_en} if programme is not None else {}
    form = ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(
            request,
            form,
            lambda: programme_save(
                actor=request.user, plan=plan, name_th=data["name_th"], name_en=data["name_en"], programme=programme
            ),
        ):
            messages.success(request, _("The programme is saved."))
            return HttpResponseRedirect(_plan_url(plan))
    return render(
        request,
        "plans/programme_form.html",
        {"organization": organization, "plan": plan, "programme": programme, "form": form},
    )


@login_required
@require_POST
def programme_delete_view(request: HttpRequest, slug: str, fiscal_year: int, pk: int) -> HttpResponse:
    """Delete a programme with its projects and their progress."""
    organization = _unit(request, slug, Capability.EDIT)
    plan = _plan(organization, fiscal_year)
    programme = _programme(plan, pk)
    programme_delete(actor=request.user, programme=programme)
    messages.success(request, _("The programme %(name)s is deleted.") % {"name": programme.name_th})
    return HttpResponseRedirect(_plan_url(plan))


@login_required
@require_POST
def programme_move_view(request: HttpRequest, slug: str, fiscal_year: int, pk: int, direction: str) -> HttpResponse:
    """Move a programme one place up or down."""
    organization = _unit(request, slug, Capability.EDIT)
    plan = _plan(organization, fiscal_year)
    if direction not in _OFFSETS:
        raise Http404
    programme_move(actor=request.user, programme=_programme(plan, pk), offset=_OFFSETS[direction])
    return HttpResponseRedirect(_plan_url(plan))


@login_required
def project_new(request: HttpRequest, slug: str, fiscal_year: int, pk: int) -> HttpResponse:
    """Add a project or activity at the end of a programme (pk: the programme)."""
    organization = _unit(request, slug, Capability.EDIT)
    plan = _plan(organization, fiscal_year)
    programme = _programme(plan, pk)
    return _project_form(request, organization, plan, None, {"programme": programme.pk})


@login_required
def project_edit(request: HttpRequest, slug: str, fiscal_year: int, pk: int) -> HttpResponse:
    """Change a project or activity, or move it to another programme."""
    organization = _unit(request, slug, Capability.EDIT)
    plan = _plan(organization, fiscal_year)
    project = _project(plan, pk)
    return _project_form(request, organization, plan, project, project_initial(project))


def _project_form(
    request: HttpRequest,
    organization: Organization,
    plan: ActionPlan,
    project: Project | None,
    initial: dict[str, Any],
) -> HttpResponse:
    programmes = list(Programme.objects.filter(plan=plan).order_by("position", "id"))
    form = ProjectForm(request.POST or None, initial=initial, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        programme = form.cleaned_data["programme"]
        programme.plan = plan
        if _saved(
            request,
            form,
            lambda: project_save(actor=request.user, programme=programme, data=form.to_input(), project=project),
        ):
            messages.success(request, _("The project is saved."))
            return HttpResponseRedirect(_plan_url(plan))
    first, last = fiscal_year_bounds(plan.fiscal_year)
    return render(
        request,
        "plans/project_form.html",
        {"organization": organization, "plan": plan, "project": project, "form": form, "first": first, "last": last},
    )


@login_required
@require_POST
def project_delete_view(request: HttpRequest, slug: str, fiscal_year: int, pk: int) -> HttpResponse:
    """Delete a project or activity with its progress."""
    organization = _unit(request, slug, Capability.EDIT)
    plan = _plan(organization, fiscal_year)
    project = _project(plan, pk)
    project_delete(actor=request.user, project=project)
    messages.success(request, _("The project %(name)s is deleted.") % {"name": project.name_th})
    return HttpResponseRedirect(_plan_url(plan))


@login_required
@require_POST
def project_move_view(request: HttpRequest, slug: str, fiscal_year: int, pk: int, direction: str) -> HttpResponse:
    """Move a project one place up or down within its programme."""
    organization = _unit(request, slug, Capability.EDIT)
    plan = _plan(organization, fiscal_year)
    if direction not in _OFFSETS:
        raise Http404
    project_move(actor=request.user, project=_project(plan, pk), offset=_OFFSETS[direction])
    return HttpResponseRedirect(_plan_url(plan))


def _default_period(fiscal_year: int, today: dt.date) -> dt.date:
    """Offer this month when it is in the plan's year, else the year's first or last month."""
    months = fiscal_months(fiscal_year)
    this_month = today.replace(day=1)
    return min(max(this_month, months[0]), months[-1])


@login_required
def progress_page(request: HttpRequest, slug: str, fiscal_year: int, pk: int) -> HttpResponse:
    """Show a project's reports month by month; editors record a month's progress (?period=YYYY-MM picks one)."""
    organization = _unit(request, slug)
    plan = _plan(organization, fiscal_year)
    project = _project(plan, pk)
    can_edit = access_scope_for(request.user).can(Capability.EDIT, organization.pk)
    if request.method == "POST" and not can_edit:
        raise Http404(_("No such unit."))
    reports = list(ProgressReport.objects.filter(project=project).select_related("recorded_by").order_by("period"))
    today = timezone.localdate()
    wanted = request.GET.get("period", "")
    months = {month_code(month): month for month in fiscal_months(plan.fiscal_year)}
    period = months.get(wanted) or _default_period(plan.fiscal_year, today)
    form = None
    if can_edit:
        stored = next((r for r in reports if r.period == period), None)
        form = ProgressForm(
            request.POST or None,
            initial=progress_initial(stored, period, today),
            fiscal_year=plan.fiscal_year,
            language=_language(),
        )
        if request.method == "POST" and form.is_valid():
            data = form.to_input()
            if _saved(request, form, lambda: progress_record(actor=request.user, project=project, data=data)):
                messages.success(
                    request,
                    _("The progress of %(month)s is recorded.") % {"month": month_label(data.period, _language())},
                )
                return HttpResponseRedirect(
                    reverse("plans:progress", args=[organization.slug, plan.fiscal_year, project.pk])
                )
    return render(
        request,
        "plans/progress.html",
        {
            "organization": organization,
            "plan": plan,
            "project": project,
            "reports": [
                (report, month_code(report.period), month_label(report.period, _language())) for report in reports
            ],
            "form": form,
            "can_edit": can_edit,
        },
    )


@login_required
@require_POST
def progress_delete_view(request: HttpRequest, slug: str, fiscal_year: int, pk: int, month: str) -> HttpResponse:
    """Delete a project's report of a month."""
    organization = _unit(request, slug, Capability.EDIT)
    plan = _plan(organization, fiscal_year)
    project = _project(plan, pk)
    period = {month_code(m): m for m in fiscal_months(plan.fiscal_year)}.get(month)
    report = ProgressReport.objects.filter(project=project, period=period).first() if period is not None else None
    if report is None:
        raise Http404(_("No such progress report."))
    report.project = project
    progress_delete(actor=request.user, report=report)
    messages.success(
        request, _("The progress of %(month)s is deleted.") % {"month": month_label(report.period, _language())}
    )
    return HttpResponseRedirect(reverse("plans:progress", args=[organization.slug, plan.fiscal_year, project.pk]))
