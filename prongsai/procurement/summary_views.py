"""Workspace pages of the monthly summaries (สขร.1) and the reconciliation with the procurement plan.

Under /th|en/workspace/procurement/summaries/ (namespace procurement_summaries).

Thin: each view finds the unit the person may see (VIEW on it, else 404: a unit one may not see
is not said to exist), calls one selector, and renders. The month's page and its files show the
records as they stand, in the page's language.
"""

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from prongsai.money import total
from prongsai.organizations.access import Capability, access_scope_for
from prongsai.organizations.models import Organization
from prongsai.rendering.pdf import PdfUnavailable
from prongsai.thaidate import add_months, fiscal_year_of

from .documents import summary_document, summary_pdf, summary_xlsx
from .periods import BadMonth, month_code, month_of_fiscal_year, parse_month_code
from .reconcile import totals
from .selectors import fiscal_year_months, month_summary, reconciliation

_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Said in both languages: the person may have asked from either edition of the page.
_NO_PRINTER = (
    "เครื่องแม่ข่ายนี้ยังพิมพ์ไฟล์ PDF ไม่ได้ (ไม่มี Chromium) ดาวน์โหลดเป็น XLSX ได้ หรือแจ้งผู้ดูแลระบบ\n"
    "This server cannot print PDF files yet (Chromium is not installed).\n"
    "Download the XLSX, or tell the administrator.\n"
)
# The fiscal years a record may belong to (the models' check constraints).
_FIRST_YEAR, _LAST_YEAR = 2500, 2700


def _language() -> str:
    """Return the page's language, which is also the language of the files it offers."""
    return "en" if translation.get_language() == "en" else "th"


def _unit(request: HttpRequest, slug: str) -> Organization:
    """Return the unit when the person may see it; 404 otherwise, as for a unit that does not exist."""
    organization = get_object_or_404(Organization, slug=slug)
    if not access_scope_for(request.user).can(Capability.VIEW, organization.pk):
        raise Http404
    return organization


def _fiscal_year(value: int) -> int:
    if not _FIRST_YEAR <= value <= _LAST_YEAR:
        raise Http404
    return value


def _month(code: str) -> dt.date:
    try:
        month = parse_month_code(code)
    except BadMonth:
        raise Http404 from None
    _fiscal_year(fiscal_year_of(month))
    return month


@require_GET
@login_required
def unit_summaries(request: HttpRequest, slug: str) -> HttpResponse:
    """Send the person to the unit's current fiscal year."""
    organization = _unit(request, slug)
    year = fiscal_year_of(timezone.localdate())
    return HttpResponseRedirect(reverse("procurement_summaries:year", args=[organization.slug, year]))


@require_GET
@login_required
def year_page(request: HttpRequest, slug: str, fiscal_year: int) -> HttpResponse:
    """Show the twelve months of a unit's fiscal year: records, sums, closing, and links to each summary."""
    organization = _unit(request, slug)
    year = _fiscal_year(fiscal_year)
    months = fiscal_year_months(organization=organization, fiscal_year=year)
    context = {
        "organization": organization,
        "fiscal_year": year,
        "months": months,
        "count": sum(m.count for m in months),
        "budget": total(m.budget for m in months),
        "agreed": total(m.agreed for m in months),
        "closed": sum(1 for m in months if m.closed),
        "previous_year": year - 1 if year > _FIRST_YEAR else None,
        "next_year": year + 1 if year < _LAST_YEAR else None,
    }
    return render(request, "procurement/summaries/year.html", context)


@require_GET
@login_required
def month_page(request: HttpRequest, slug: str, month: str) -> HttpResponse:
    """Show a month's summary as the form prints it, with its PDF and XLSX."""
    organization = _unit(request, slug)
    first_day = _month(month)
    if month != month_code(first_day):  # "2569-03" and Thai digits are read; the address is the CE one
        return HttpResponseRedirect(
            reverse("procurement_summaries:month", args=[organization.slug, month_code(first_day)])
        )
    summary = month_summary(organization=organization, month=first_day)
    fiscal_year, _number = month_of_fiscal_year(first_day)
    context = {
        "organization": organization,
        "month": first_day,
        "code": summary["month"],
        "fiscal_year": fiscal_year,
        "summary": summary,
        "document": summary_document(summary, organization=organization, language=_language()),
        "previous_month": month_code(add_months(first_day, -1)),
        "next_month": month_code(add_months(first_day, 1)),
    }
    return render(request, "procurement/summaries/month.html", context)


def _send(content: bytes, *, format: str, filename: str) -> HttpResponse:
    """Send the file as an attachment named for Thai and English readers alike (RFC 6266 filename*)."""
    response = HttpResponse(content, content_type=_CONTENT_TYPES[format])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def month_file(request: HttpRequest, slug: str, month: str, format: str) -> HttpResponse:
    """Send a month's summary as PDF or XLSX in the page's language; 503 when the server cannot print a PDF."""
    organization = _unit(request, slug)
    first_day = _month(month)
    summary = month_summary(organization=organization, month=first_day)
    language = _language()
    render_file: Callable[..., bytes] = summary_pdf if format == "pdf" else summary_xlsx
    try:
        content = render_file(summary, organization=organization, language=language)
    except PdfUnavailable:
        return HttpResponse(_NO_PRINTER, status=503, content_type="text/plain; charset=utf-8")
    stem = "สขร1" if language == "th" else "procurement-summary"
    return _send(content, format=format, filename=f"{stem}-{organization.slug}-{summary['month']}.{format}")


@require_GET
@login_required
def reconciliation_page(request: HttpRequest, slug: str, fiscal_year: int) -> HttpResponse:
    """Show the plan of a fiscal year against its records: lines without a result, results without a line, totals."""
    organization = _unit(request, slug)
    year = _fiscal_year(fiscal_year)
    result = reconciliation(organization=organization, fiscal_year=year)
    context = {
        "organization": organization,
        "fiscal_year": year,
        "reconciliation": result,
        "unplanned": totals(result.results_without_line),
    }
    return render(request, "procurement/summaries/reconciliation.html", context)
