"""Workspace pages of the monitor: a unit's latest findings, their evidence, changes, history and overrides."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.organizations.access import Capability, access_scope_for
from prongsai.organizations.models import Organization
from prongsai.thaidate import format_date_in

from .forms import OverrideForm
from .models import ItemFinding, SiteCheck
from .selectors import check_before, check_changes, unit_checks_recent, unit_monitor_summary, unit_score_history
from .services import finding_override


def _language() -> str:
    return translation.get_language() or "th"


def _organization(request: HttpRequest, slug: str) -> Organization:
    organization = get_object_or_404(Organization, slug=slug)
    if not access_scope_for(request.user).can(Capability.VIEW, organization.pk):
        raise PermissionDenied(_("You do not have permission to do this for this unit."))
    return organization


@login_required
def unit_monitor(request: HttpRequest, slug: str) -> HttpResponse:
    """Show what the latest check of the unit's website found, item by item, with evidence, changes and history."""
    organization = _organization(request, slug)
    summary = unit_monitor_summary(organization=organization, today=timezone.localdate())
    previous = check_before(summary.check) if summary else None
    context = {
        "organization": organization,
        "summary": summary,
        "changes": check_changes(previous=previous, current=summary.check) if summary and previous else [],
        "previous": previous,
        "history": unit_score_history(organization=organization),
        "recent": unit_checks_recent(organization=organization),
        "can_override": access_scope_for(request.user).can(Capability.MONITOR, organization.pk),
        "form": OverrideForm(),
        "websites": list(organization.websites.all()),
        "active": SiteCheck.objects.filter(
            organization=organization, state__in=(SiteCheck.State.QUEUED, SiteCheck.State.RUNNING)
        )
        .order_by("-queued_at")
        .first(),
    }
    return render(request, "monitoring/unit_monitor.html", context)


@login_required
@require_POST
def override(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Correct one machine finding with a reason (ICT monitors only); it lapses at the next round."""
    organization = _organization(request, slug)
    finding = get_object_or_404(ItemFinding.objects.select_related("item", "site_check"), pk=pk)
    if finding.site_check.organization_id != organization.pk:
        raise PermissionDenied(_("You do not have permission to do this for this unit."))
    form = OverrideForm(request.POST)
    if not form.is_valid():
        for field_errors in form.errors.as_data().values():
            for field_error in field_errors:
                for text in field_error.messages:
                    messages.error(request, text)
    else:
        try:
            made = finding_override(
                actor=request.user,
                finding=finding,
                status=form.cleaned_data["status"],
                current=form.current_value(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as refusal:
            for text in refusal.messages:
                messages.error(request, text)
        else:
            messages.success(
                request,
                _("The finding for %(code)s is overridden until %(date)s.")
                % {
                    "code": finding.item.code,
                    "date": format_date_in(_language(), made.expires_on),
                },
            )
    return HttpResponseRedirect(reverse("monitor:unit", args=[organization.slug]) + f"#finding-{finding.pk}")
