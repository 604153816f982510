"""Workspace pages of the workbook import: upload a unit's workbook, read what it changed or every problem in it.

The page belongs to a unit (its slug in the address) and answers 404 to anyone who may not edit
that unit's records. An accepted import redirects back to the page with its counts; a refused one
shows every problem by sheet, row and column in the page's language, and nothing is stored.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from prongsai.organizations.access import Capability, access_scope_for
from prongsai.organizations.models import Organization

from .importing import ImportRejected, procurement_import
from .models import ImportBatch
from .templates import plan_template_xlsx, records_template_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RECENT_IMPORTS = 10


class ImportForm(forms.Form):
    """The workbook to import."""

    workbook = forms.FileField(
        label=gettext_lazy("Workbook (.xlsx)"),
        help_text=gettext_lazy(
            "The unit's monthly summaries (สขร.1), one month a sheet, or a filled template. At most 20 MB."
        ),
        widget=forms.FileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )


def _editable(request: HttpRequest, slug: str) -> Organization:
    """Return the unit, or answer 404 to anyone who may not edit its records (no hint that it exists)."""
    organization = Organization.objects.filter(slug=slug, is_active=True).first()
    if organization is None or not access_scope_for(request.user).can(Capability.EDIT, organization.pk):
        raise Http404(_("There is no unit at this address."))
    return organization


def _language() -> str:
    return translation.get_language() or "th"


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Show the upload form and the unit's last imports; import a workbook sent to it, all or nothing."""
    organization = _editable(request, slug)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    problems = []
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["workbook"]
        try:
            result = procurement_import(
                actor=request.user, organization=organization, content=upload.read(), filename=upload.name
            )
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(
                request,
                _(
                    "Imported %(file)s: %(rows)d rows (%(created)d new, %(updated)d updated, %(unchanged)d unchanged);"
                    " %(months)d months without procurement closed."
                )
                % {
                    "file": upload.name,
                    "rows": result.rows,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "months": result.months_closed,
                },
            )
            return HttpResponseRedirect(reverse("procurement_import:upload", args=[organization.slug]), status=303)
    language = _language()
    context = {
        "organization": organization,
        "form": form,
        "problems": [
            {"sheet": p.sheet, "row": p.row, "column": p.column, "message": p.text(language)} for p in problems
        ],
        "rejected": bool(problems),
        "imports": ImportBatch.objects.filter(organization=organization)
        .select_related("imported_by")
        .order_by("-imported_at", "-pk")[:RECENT_IMPORTS],
    }
    return render(request, "procurement/import/upload.html", context)


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
@require_GET
def records_template_download(request: HttpRequest) -> HttpResponse:
    """Send our template for procurement records."""
    return _xlsx(records_template_xlsx(), "prongsai-procurement-records.xlsx")


@login_required
@require_GET
def plan_template_download(request: HttpRequest) -> HttpResponse:
    """Send our template for the annual procurement plan."""
    return _xlsx(plan_template_xlsx(), "prongsai-procurement-plan.xlsx")
