"""Workspace pages of the ITA sheet: choose a unit and a fiscal year, read the sheet and its gaps, download the XLSX."""

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from prongsai.disclosures.selectors import thai_sorted
from prongsai.organizations.access import Capability, access_scope_for
from prongsai.organizations.models import Organization
from prongsai.thaidate import fiscal_year_of

from .ita import FLAG_LABELS, SOURCE_LABELS, ItaSheet, ItaYearUnavailable, ita_sheet, ita_years_available
from .ita_xlsx import ita_sheet_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _language() -> str:
    return translation.get_language() or "th"


class ItaSheetChoiceForm(forms.Form):
    """The unit (among those the person may view) and the fiscal year of the sheet."""

    unit = forms.ChoiceField(label=gettext_lazy("Unit"))
    year = forms.TypedChoiceField(label=gettext_lazy("Fiscal year"), coerce=int)

    def __init__(self, *args: object, units: list[Organization], years: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        language = _language()
        self.fields["unit"].choices = [(unit.slug, unit.name(language)) for unit in units]  # type: ignore[attr-defined]
        self.fields["year"].choices = [(year, str(year)) for year in years]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class SheetLine:
    """One table row of the page: an OIT code and one of its items (or none), with the gaps spelled out."""

    code: str
    title: str
    attested: bool
    first_of_code: bool
    item_code: str
    item_name: str
    url: str
    source: str
    status: str
    as_of: object
    next_review_due: object
    offsite_url: str
    gaps: list[str]


def sheet_lines(sheet: ItaSheet, language: str) -> list[SheetLine]:
    """Turn the sheet into the page's rows, one per OIT code × item, as the XLSX has them."""
    lines: list[SheetLine] = []
    for row in sheet.rows:
        title = row.title(language)
        if not row.items:
            lines.append(
                SheetLine(
                    row.code,
                    title,
                    row.attested,
                    True,
                    "",
                    "",
                    "",
                    "",
                    "",
                    None,
                    None,
                    "",
                    [str(FLAG_LABELS[row.flags[0]])],
                )
            )
        for index, item in enumerate(row.items):
            lines.append(
                SheetLine(
                    code=row.code,
                    title=title,
                    attested=row.attested,
                    first_of_code=index == 0,
                    item_code=item.code,
                    item_name=item.name(language),
                    url=item.url,
                    source=str(SOURCE_LABELS[item.source]) if item.source else "",
                    status=item.status.value,
                    as_of=item.as_of,
                    next_review_due=item.next_review_due,
                    offsite_url=item.offsite_url,
                    gaps=[str(FLAG_LABELS[flag]) for flag in item.flags],
                )
            )
    return lines


def _visible_units(request: HttpRequest) -> list[Organization]:
    visible = access_scope_for(request.user).organization_ids(Capability.VIEW)
    return thai_sorted(list(Organization.objects.filter(pk__in=visible, is_active=True)))


def _viewable(request: HttpRequest, slug: str) -> Organization:
    """Return the unit, or answer 404 to anyone who may not view it (no hint that it exists)."""
    organization = Organization.objects.filter(slug=slug, is_active=True).first()
    if organization is None or not access_scope_for(request.user).can(Capability.VIEW, organization.pk):
        raise Http404(_("There is no unit at this address."))
    return organization


@login_required
@require_GET
def ita_sheet_page(request: HttpRequest) -> HttpResponse:
    """Show the chosen unit's ITA sheet for the chosen fiscal year, gaps marked in words as well as colour."""
    slug = request.GET.get("unit", "")
    if slug:
        _viewable(request, slug)
    units = _visible_units(request)
    if not units:
        raise Http404(_("There is no unit at this address."))
    years = ita_years_available()
    today = timezone.localdate()
    initial_year = fiscal_year_of(today) if fiscal_year_of(today) in years else (years[0] if years else None)
    data = request.GET if slug else None
    form = ItaSheetChoiceForm(data, units=units, years=years, initial={"unit": units[0].slug, "year": initial_year})
    sheet: ItaSheet | None = None
    error = ""
    if form.is_bound and form.is_valid():
        organization = next(unit for unit in units if unit.slug == form.cleaned_data["unit"])
        try:
            sheet = ita_sheet(organization=organization, fiscal_year=form.cleaned_data["year"], today=today)
        except ItaYearUnavailable as exc:
            error = exc.message(_language())
    context = {
        "form": form,
        "sheet": sheet,
        "lines": sheet_lines(sheet, _language()) if sheet else [],
        "gap_count": len(sheet.gaps) if sheet else 0,
        "error": error,
    }
    return render(request, "reports/ita_sheet.html", context)


@login_required
@require_GET
def ita_sheet_download(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Send the unit's ITA sheet of the fiscal year as XLSX (Thai headers)."""
    organization = _viewable(request, slug)
    try:
        sheet = ita_sheet(organization=organization, fiscal_year=year, today=timezone.localdate())
    except ItaYearUnavailable as exc:
        raise Http404(exc.message(_language())) from exc
    response = HttpResponse(ita_sheet_xlsx(sheet), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"ita-{year}-{organization.slug}.xlsx")
    return response
