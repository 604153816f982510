"""Fill a register entry from structured records: an action plan (5.1.4), its progress (5.1.5), procurement (5.1.7).

The editor picks the fiscal year and the "as of" date, sees exactly what the draft will hold (the
same tables the portal will show once approved), and puts it into the draft; review and approval
then go the usual way. Only people who may edit the unit see these pages; everybody else gets 404.
"""

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.disclosures.models import Entry
from prongsai.disclosures.selectors import entry_for_page
from prongsai.organizations.access import Capability, access_scope_for
from prongsai.organizations.models import Organization
from prongsai.plans.publishing import PLAN_CODES, PlanRecords, plan_publish, plan_records
from prongsai.problems import InvalidInput
from prongsai.procurement.publishing import (
    PROCUREMENT_CODES,
    ProcurementRecords,
    procurement_publish,
    procurement_records,
)
from prongsai.thaidate import fiscal_year_of

RECORD_CODES = frozenset(PLAN_CODES) | frozenset(PROCUREMENT_CODES)


class RecordsForm(forms.Form):
    """Which records to publish: those of a fiscal year (BE), as they stand on a date."""

    fiscal_year = forms.IntegerField(
        label=gettext_lazy("Fiscal year (B.E.)"),
        min_value=2500,
        max_value=2700,
        help_text=gettext_lazy("Give the fiscal year in the Buddhist era, e.g. 2569."),
    )
    as_of = forms.DateField(
        label=gettext_lazy("Information as of"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_as_of(self) -> dt.date:
        as_of: dt.date = self.cleaned_data["as_of"]
        if as_of > self.today:
            raise ValidationError(_("The “as of” date cannot be in the future."))
        return as_of


def _entry(request: HttpRequest, slug: str, code: str) -> Entry:
    """Return the unit's entry of a records item, or 404 unless the person may edit the unit."""
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None or code not in RECORD_CODES:
        raise Http404(_("This unit has no such checklist item."))
    if not access_scope_for(request.user).can(Capability.EDIT, organization.pk):
        raise Http404(_("This unit has no such checklist item."))
    entry = entry_for_page(organization=organization, code=code)
    if entry is None:
        raise Http404(_("This unit has no such checklist item."))
    return entry


def _records(entry: Entry, fiscal_year: int, as_of: dt.date) -> PlanRecords | ProcurementRecords:
    code = entry.item.code
    if code in PLAN_CODES:
        return plan_records(organization=entry.organization, fiscal_year=fiscal_year, code=code, as_of=as_of)
    return procurement_records(organization=entry.organization, fiscal_year=fiscal_year, code=code, as_of=as_of)


def _publish(request: HttpRequest, entry: Entry, fiscal_year: int, as_of: dt.date) -> None:
    code = entry.item.code
    publish = plan_publish if code in PLAN_CODES else procurement_publish
    publish(actor=request.user, organization=entry.organization, fiscal_year=fiscal_year, code=code, as_of=as_of)


@login_required
def entry_records(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Preview the records of a fiscal year as of a date (GET), and put them into the entry's draft (POST)."""
    entry = _entry(request, slug, code)
    today = timezone.localdate()
    submitted = request.POST if request.method == "POST" else (request.GET if "fiscal_year" in request.GET else None)
    form = RecordsForm(submitted, initial={"fiscal_year": fiscal_year_of(today), "as_of": today}, today=today)
    language = translation.get_language() or "th"
    preview = None
    problems: list[str] = []
    if form.is_valid():
        fiscal_year, as_of = form.cleaned_data["fiscal_year"], form.cleaned_data["as_of"]
        try:
            if request.method == "POST":
                _publish(request, entry, fiscal_year, as_of)
                messages.success(request, _("The records are in the draft. Check it, then send it for review."))
                return redirect(
                    reverse("workspace:entry_detail", kwargs={"slug": entry.organization.slug, "code": code})
                )
            preview = _records(entry, fiscal_year, as_of)
        except InvalidInput as error:
            problems = [problem.text(language) for problem in error.problems]
        except ValidationError as error:
            problems = list(error.messages)
    return render(
        request,
        "workspace/records_fill.html",
        {
            "entry": entry,
            "item": entry.item,
            "organization": entry.organization,
            "form": form,
            "preview": preview,
            "problems": problems,
        },
    )
