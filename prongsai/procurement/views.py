"""Workspace pages of a unit's procurement (5.1.7), under /th|en/workspace/procurement/.

A fiscal year's months with their records and closing, the annual procurement plan and its lines,
a month's records in the order of the สขร.1 form's columns, the record form with its bids, and
closing or reopening a month. Whoever may see the unit's register reads them (VIEW); its editors
change them (EDIT); anyone else is told there is no such page (404), so the pages do not reveal
which units exist. Thin: each view reads through a selector or writes through one service, and
puts the service's problems back on the form's fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.disclosures.selectors import thai_sorted
from prongsai.money import total
from prongsai.organizations.access import Capability, access_scope_for
from prongsai.organizations.models import Organization
from prongsai.thaidate import add_months, fiscal_year_of

from .forms import (
    BLANK_BID_ROWS,
    BidFormSet,
    MonthCloseForm,
    PlanForm,
    PlanLineForm,
    RecordForm,
    bid_inputs,
    error_summary,
    month_label,
    put_problems,
)
from .inputs import RECORD_COLUMNS, InvalidInput, plan_line_problems, record_problems
from .models import PlanLine, ProcurementRecord
from .periods import BadMonth, fiscal_months, month_code, month_of_fiscal_year, parse_month_code
from .services import (
    FISCAL_YEARS,
    month_close,
    month_reopen,
    plan_line_add,
    plan_line_delete,
    plan_line_save,
    procurement_plan_save,
    record_delete,
    record_save,
)
from .workspace_selectors import (
    month_is_closed,
    month_page,
    next_sequence,
    plan_line_of,
    plan_line_options,
    plan_lines,
    plan_of,
    record_of,
    year_overview,
)


def _language() -> str:
    return translation.get_language() or "th"


def _unit(request: HttpRequest, slug: str, capability: Capability = Capability.VIEW) -> Organization:
    """Return the unit if the person holds the capability there; otherwise there is no such page."""
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None or not access_scope_for(request.user).can(capability, organization.pk):
        raise Http404(_("There is no such unit, or you may not see its procurement."))
    return organization


def _can_edit(request: HttpRequest, organization: Organization) -> bool:
    return access_scope_for(request.user).can(Capability.EDIT, organization.pk)


def _fiscal_year(value: int) -> int:
    if value not in FISCAL_YEARS:
        raise Http404(_("Give the fiscal year in the Buddhist era, e.g. 2569."))
    return value


def _month(code: str) -> dt.date:
    try:
        month = parse_month_code(code)
    except BadMonth:
        raise Http404(_("Write the month as year-month, for example 2026-03.")) from None
    if month_of_fiscal_year(month)[0] not in FISCAL_YEARS:
        raise Http404(_("Write the month as year-month, for example 2026-03."))
    return month


def _month_url(organization: Organization, month: dt.date) -> str:
    return reverse("procurement:month", args=[organization.slug, month_code(month)])


def _year_url(organization: Organization, fiscal_year: int) -> str:
    return reverse("procurement:year", args=[organization.slug, fiscal_year])


def _plan_url(organization: Organization, fiscal_year: int) -> str:
    return reverse("procurement:plan", args=[organization.slug, fiscal_year])


# --- the fiscal year ---------------------------------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """List the units whose procurement the person may see."""
    scope = access_scope_for(request.user)
    organizations = thai_sorted(list(Organization.objects.filter(pk__in=scope.organization_ids(Capability.VIEW))))
    return render(request, "procurement/workspace/index.html", {"organizations": organizations})


@login_required
def unit(request: HttpRequest, slug: str) -> HttpResponse:
    """Open the unit's procurement at the current fiscal year."""
    organization = _unit(request, slug)
    return HttpResponseRedirect(_year_url(organization, fiscal_year_of(timezone.localdate())))


@login_required
def year(request: HttpRequest, slug: str, fiscal_year: int) -> HttpResponse:
    """Show a fiscal year: the plan's size and each month (October to September) with its records and closing."""
    organization = _unit(request, slug)
    overview = year_overview(organization=organization, fiscal_year=_fiscal_year(fiscal_year))
    return render(
        request,
        "procurement/workspace/year.html",
        {
            "organization": organization,
            "fiscal_year": fiscal_year,
            "overview": overview,
            "previous_year": fiscal_year - 1 if fiscal_year - 1 in FISCAL_YEARS else None,
            "next_year": fiscal_year + 1 if fiscal_year + 1 in FISCAL_YEARS else None,
            "can_edit": _can_edit(request, organization),
        },
    )


# --- the annual procurement plan ---------------------------------------------------------------------------------


@login_required
def plan(request: HttpRequest, slug: str, fiscal_year: int) -> HttpResponse:
    """Show the fiscal year's procurement plan and its lines; editors also change its announcement date and note."""
    organization = _unit(request, slug)
    fiscal_year = _fiscal_year(fiscal_year)
    can_edit = _can_edit(request, organization)
    found = plan_of(organization=organization, fiscal_year=fiscal_year)
    if request.method == "POST":
        if not can_edit:
            raise Http404
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                procurement_plan_save(
                    actor=request.user,
                    organization=organization,
                    fiscal_year=fiscal_year,
                    announced_on=form.cleaned_data["announced_on"],
                    note_th=form.cleaned_data["note_th"],
                    now=timezone.now(),
                )
            except InvalidInput as error:
                put_problems(form, error.problems, _language(), elsewhere=[])
            else:
                messages.success(request, _("The procurement plan is saved."))
                return HttpResponseRedirect(_plan_url(organization, fiscal_year))
    else:
        initial = {} if found is None else {"announced_on": found.announced_on, "note_th": found.note_th}
        form = PlanForm(initial=initial)
    lines = plan_lines(plan=found) if found is not None else []
    return render(
        request,
        "procurement/workspace/plan.html",
        {
            "organization": organization,
            "fiscal_year": fiscal_year,
            "plan": found,
            "lines": lines,
            "total": total(line.budget for line in lines),
            "form": form if can_edit else None,
            "errors": error_summary(form) if form.is_bound else [],
            "can_edit": can_edit,
        },
    )


def _line_page(
    request: HttpRequest, organization: Organization, fiscal_year: int, line: PlanLine | None
) -> HttpResponse:
    """Show the plan line form, or store it and go back to the plan."""
    language = _language()
    if request.method == "POST":
        form = PlanLineForm(request.POST, fiscal_year=fiscal_year, language=language)
        if form.is_valid():
            try:
                now = timezone.now()
                if line is None:
                    plan_line_add(
                        actor=request.user,
                        organization=organization,
                        fiscal_year=fiscal_year,
                        data=form.line_input(fiscal_year=fiscal_year),
                        now=now,
                    )
                else:
                    plan_line_save(
                        actor=request.user,
                        plan=line.plan,
                        data=form.line_input(fiscal_year=fiscal_year),
                        line=line,
                        now=now,
                    )
            except InvalidInput as error:
                put_problems(form, error.problems, language, elsewhere=[])
            else:
                messages.success(request, _("The plan line is saved."))
                return HttpResponseRedirect(_plan_url(organization, fiscal_year))
        else:
            # Say at once what else is wrong with the fields that could be read.
            typed = form.line_input(fiscal_year=fiscal_year)
            problems = plan_line_problems(typed, fiscal_year_months=fiscal_months(fiscal_year))
            put_problems(form, [p for p in problems if p.field not in form.errors], language, elsewhere=[])
    elif line is None:
        form = PlanLineForm(fiscal_year=fiscal_year, language=language)
    else:
        initial = {
            "name": line.name,
            "budget": line.budget,
            "method": line.method,
            "expected_month": month_code(line.expected_month),
            "budget_source": line.budget_source,
            "note": line.note,
        }
        form = PlanLineForm(initial=initial, fiscal_year=fiscal_year, language=language)
    return render(
        request,
        "procurement/workspace/line_form.html",
        {
            "organization": organization,
            "fiscal_year": fiscal_year,
            "line": line,
            "form": form,
            "errors": error_summary(form) if form.is_bound else [],
        },
    )


@login_required
def line_new(request: HttpRequest, slug: str, fiscal_year: int) -> HttpResponse:
    """Add a line to the fiscal year's plan (the plan starts with its first line)."""
    organization = _unit(request, slug, Capability.EDIT)
    return _line_page(request, organization, _fiscal_year(fiscal_year), None)


def _line(organization: Organization, pk: int) -> PlanLine:
    line = plan_line_of(organization=organization, pk=pk)
    if line is None:
        raise Http404(_("The unit's procurement plan has no such line."))
    return line


@login_required
def line_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change a line of the plan."""
    organization = _unit(request, slug, Capability.EDIT)
    line = _line(organization, pk)
    return _line_page(request, organization, line.plan.fiscal_year, line)


@login_required
def line_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Ask, then remove a line of the plan; records that named it keep their data."""
    organization = _unit(request, slug, Capability.EDIT)
    line = _line(organization, pk)
    fiscal_year = line.plan.fiscal_year
    if request.method == "POST":
        plan_line_delete(actor=request.user, line=line, now=timezone.now())
        messages.success(request, _("The plan line is removed."))
        return HttpResponseRedirect(_plan_url(organization, fiscal_year))
    records = ProcurementRecord.objects.filter(plan_line=line).count()
    return render(
        request,
        "procurement/workspace/line_delete.html",
        {"organization": organization, "fiscal_year": fiscal_year, "line": line, "records": records},
    )


# --- a month's records and its closing ---------------------------------------------------------------------------


def _month_context(
    request: HttpRequest, organization: Organization, month: dt.date, close_form: MonthCloseForm | None
) -> dict[str, Any]:
    page = month_page(organization=organization, month=month)
    can_edit = _can_edit(request, organization)
    today = timezone.localdate()
    if close_form is None and can_edit:
        close_form = MonthCloseForm(initial={"as_of": page.closed.as_of if page.closed else today})
    fiscal_year = month_of_fiscal_year(month)[0]
    return {
        "organization": organization,
        "month": month,
        "month_name": month_label(month, _language()),
        "code": month_code(month),
        "fiscal_year": fiscal_year,
        "page": page,
        "previous_month": month_code(add_months(month, -1)),
        "next_month": month_code(add_months(month, 1)),
        "can_edit": can_edit,
        "close_form": close_form if can_edit else None,
        "errors": error_summary(close_form) if close_form is not None and close_form.is_bound else [],
        "begun": (month.year, month.month) <= (today.year, today.month),
    }


@login_required
def month(request: HttpRequest, slug: str, month: str) -> HttpResponse:
    """Show a month's records in the form's column order, its closing, and (for editors) the ways to change them."""
    organization = _unit(request, slug)
    shown = _month(month)
    return render(request, "procurement/workspace/month.html", _month_context(request, organization, shown, None))


@login_required
@require_POST
def month_close_view(request: HttpRequest, slug: str, month: str) -> HttpResponse:
    """Close the month as of a date (again: move the date); without records it declares "ไม่มีการจัดซื้อจัดจ้าง"."""
    organization = _unit(request, slug, Capability.EDIT)
    shown = _month(month)
    form = MonthCloseForm(request.POST)
    if form.is_valid():
        try:
            month_close(
                actor=request.user,
                organization=organization,
                month=shown,
                as_of=form.cleaned_data["as_of"],
                note_th=form.cleaned_data["note_th"],
                now=timezone.now(),
            )
        except InvalidInput as error:
            general: list[str] = []
            put_problems(form, error.problems, _language(), elsewhere=general)
            for message in general:
                form.add_error(None, message)
        else:
            messages.success(request, _("%(month)s is closed.") % {"month": month_label(shown, _language())})
            return HttpResponseRedirect(_month_url(organization, shown))
    context = _month_context(request, organization, shown, form)
    return render(request, "procurement/workspace/month.html", context)


@login_required
@require_POST
def month_reopen_view(request: HttpRequest, slug: str, month: str) -> HttpResponse:
    """Reopen a closed month so its records can change."""
    organization = _unit(request, slug, Capability.EDIT)
    shown = _month(month)
    try:
        month_reopen(actor=request.user, organization=organization, month=shown, now=timezone.now())
    except InvalidInput as error:
        for problem in error.problems:
            messages.error(request, problem.text(_language()))
    else:
        messages.success(request, _("%(month)s is open again.") % {"month": month_label(shown, _language())})
    return HttpResponseRedirect(_month_url(organization, shown))


# --- a record ----------------------------------------------------------------------------------------------------


def _bid_rows(formset: Any) -> list[tuple[str, str, str]]:
    """Return the bid rows' errors for the summary, as (anchor, label, message)."""
    rows = []
    for number, form in enumerate(formset.forms, start=1):
        for name, field in form.fields.items():
            for message in form.errors.get(name, []):
                label = _("Bidder row %(number)s: %(field)s") % {"number": number, "field": field.label}
                rows.append((f"id_{form.add_prefix(name)}", label, str(message)))
    return rows


def _typed_again(data: QueryDict, lines: list[PlanLine]) -> tuple[RecordForm, Any]:
    """Return the record form and its bids as typed, unchecked, with one more (empty) bidder row."""
    form = RecordForm(initial={name: data.get(name, "") for name in RecordForm.base_fields}, plan_lines=lines)
    try:
        rows = min(int(data.get("bids-TOTAL_FORMS", "0")), 99)
    except ValueError:
        rows = 0
    typed = [
        {"bidder": data.get(f"bids-{n}-bidder", ""), "price": data.get(f"bids-{n}-price", "")} for n in range(rows)
    ]
    return form, BidFormSet(initial=[*typed, {}], prefix="bids")


def _record_page(
    request: HttpRequest, organization: Organization, month: dt.date, record: ProcurementRecord | None
) -> HttpResponse:
    """Show the record form with its bids, or store the record and go to its month."""
    language = _language()
    lines = plan_line_options(organization=organization, fiscal_year=month_of_fiscal_year(month)[0])
    bid_errors: list[str] = []
    if request.method == "POST" and "add_bid" in request.POST:
        form, bids = _typed_again(request.POST, lines)
    elif request.method == "POST":
        form = RecordForm(request.POST, plan_lines=lines)
        bids = BidFormSet(request.POST, prefix="bids")
        form_ok, bids_ok = form.is_valid(), bids.is_valid()
        bid_errors += [str(message) for message in bids.non_form_errors()]
        if form_ok and bids_ok:
            try:
                saved = record_save(
                    actor=request.user,
                    organization=organization,
                    data=form.record_input(bid_inputs(bids), month=month),
                    record=record,
                    now=timezone.now(),
                )
            except InvalidInput as error:
                put_problems(form, error.problems, language, elsewhere=bid_errors)
            else:
                messages.success(
                    request,
                    _("Record %(sequence)s of %(month)s is saved.")
                    % {"sequence": saved.sequence, "month": month_label(saved.month, language)},
                )
                return HttpResponseRedirect(_month_url(organization, saved.month))
        else:
            # Say at once what else is wrong with the fields that could be read.
            typed = form.record_input(bid_inputs(bids) if bids_ok else [], month=month)
            problems = [p for p in record_problems(typed, today=timezone.localdate()) if p.field not in form.errors]
            put_problems(form, problems, language, elsewhere=bid_errors)
    elif record is None:
        form = RecordForm(
            initial={"month": month, "sequence": next_sequence(organization=organization, month=month)},
            plan_lines=lines,
        )
        bids = BidFormSet(initial=[{}] * (BLANK_BID_ROWS + 1), prefix="bids")
    else:
        initial = {name: getattr(record, name) for name in RECORD_COLUMNS}
        initial["plan_line"] = record.plan_line_id
        form = RecordForm(initial=initial, plan_lines=lines)
        given = [{"bidder": bid.bidder, "price": bid.price} for bid in record.bids.all()]
        bids = BidFormSet(initial=given + [{}] * BLANK_BID_ROWS, prefix="bids")
    errors: list[tuple[str, str, str]] = []
    if form.is_bound:
        errors = error_summary(form, others=[("bids", _("Bidders"), m) for m in bid_errors] + _bid_rows(bids))
    return render(
        request,
        "procurement/workspace/record_form.html",
        {
            "organization": organization,
            "month": month,
            "month_name": month_label(month, language),
            "code": month_code(month),
            "fiscal_year": month_of_fiscal_year(month)[0],
            "record": record,
            "form": form,
            "bids": bids,
            "bid_errors": bid_errors,
            "errors": errors,
        },
    )


@login_required
def record_new(request: HttpRequest, slug: str, month: str) -> HttpResponse:
    """Add a procurement record to a month; the row number offered is the month's next."""
    organization = _unit(request, slug, Capability.EDIT)
    shown = _month(month)
    if request.method == "GET" and month_is_closed(organization=organization, month=shown):
        messages.warning(request, _("This month is closed: reopen it before adding a record."))
        return HttpResponseRedirect(_month_url(organization, shown))
    return _record_page(request, organization, shown, None)


def _record(organization: Organization, pk: int) -> ProcurementRecord:
    found = record_of(organization=organization, pk=pk)
    if found is None:
        raise Http404(_("The unit has no such procurement record."))
    return found


@login_required
def record_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change a procurement record and its bids."""
    organization = _unit(request, slug, Capability.EDIT)
    found = _record(organization, pk)
    return _record_page(request, organization, found.month, found)


@login_required
def record_delete_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Ask, then remove a procurement record (refused while its month is closed)."""
    organization = _unit(request, slug, Capability.EDIT)
    found = _record(organization, pk)
    if request.method == "POST":
        try:
            record_delete(actor=request.user, record=found, now=timezone.now())
        except InvalidInput as error:
            for problem in error.problems:
                messages.error(request, problem.text(_language()))
        else:
            messages.success(
                request,
                _("Record %(sequence)s of %(month)s is removed.")
                % {"sequence": found.sequence, "month": month_label(found.month, _language())},
            )
        return HttpResponseRedirect(_month_url(organization, found.month))
    return render(
        request,
        "procurement/workspace/record_delete.html",
        {
            "organization": organization,
            "record": found,
            "month_name": month_label(found.month, _language()),
            "code": month_code(found.month),
            "fiscal_year": found.fiscal_year,
        },
    )
