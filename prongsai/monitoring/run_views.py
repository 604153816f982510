"""Workspace pages that start a check and follow it live: "check now", the check's page and its progress feed."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from prongsai.organizations.access import Capability, access_scope_for
from prongsai.organizations.models import Organization

from .models import SiteCheck
from .services import check_cancel, check_queue
from .tasks import checks_dispatch


def _visible_check(request: HttpRequest, pk: int) -> SiteCheck:
    site_check = get_object_or_404(SiteCheck.objects.select_related("organization", "requested_by"), pk=pk)
    if not access_scope_for(request.user).can(Capability.VIEW, site_check.organization_id):
        raise PermissionDenied(_("You do not have permission to do this for this unit."))
    return site_check


@login_required
@require_POST
def check_now(request: HttpRequest, slug: str) -> HttpResponse:
    """Queue a check of one of the unit's websites (ICT monitors) and go to its live page."""
    organization = get_object_or_404(Organization, slug=slug)
    if not access_scope_for(request.user).can(Capability.MONITOR, organization.pk):
        raise PermissionDenied(_("Only the ICT Center's monitors can check this unit's website."))
    unit_page = reverse("monitor:unit", args=[organization.slug])
    website = organization.websites.filter(pk=request.POST.get("website") or 0).first()
    if website is None:
        messages.error(request, _("Choose one of the unit's registered websites."))
        return HttpResponseRedirect(unit_page)
    try:
        site_check = check_queue(
            actor=request.user, organization=organization, website=website, trigger=SiteCheck.Trigger.MANUAL
        )
    except ValidationError as refusal:
        for text in refusal.messages:
            messages.error(request, text)
        return HttpResponseRedirect(unit_page)
    checks_dispatch([site_check.pk])
    return HttpResponseRedirect(reverse("monitor:check", args=[site_check.pk]))


def _progress(site_check: SiteCheck) -> dict[str, object]:
    return {
        "state": site_check.state,
        "state_label": str(site_check.get_state_display()),
        "finished": site_check.state in (SiteCheck.State.DONE, SiteCheck.State.FAILED),
        "pages": site_check.pages if site_check.state == SiteCheck.State.DONE else site_check.progress_pages,
        "max_pages": settings.PRONGSAI_MONITOR_MAX_PAGES,
        "url": site_check.progress_url,
        "score": None if site_check.score is None else float(site_check.score),
        "error": site_check.error,
    }


@login_required
@require_GET
def check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one check: waiting, running with its progress (updated live), or finished with a link to its findings."""
    site_check = _visible_check(request, pk)
    context = {
        "check": site_check,
        "organization": site_check.organization,
        "progress": _progress(site_check),
        "can_cancel": site_check.state == SiteCheck.State.QUEUED
        and access_scope_for(request.user).can(Capability.MONITOR, site_check.organization_id),
    }
    return render(request, "monitoring/check_detail.html", context)


@never_cache
@login_required
@require_GET
def check_progress(request: HttpRequest, pk: int) -> JsonResponse:
    """The check's state and progress as JSON, polled by its page while it runs."""
    return JsonResponse(_progress(_visible_check(request, pk)))


@login_required
@require_POST
def check_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a check still waiting in the queue (ICT monitors)."""
    site_check = _visible_check(request, pk)
    try:
        check_cancel(actor=request.user, site_check=site_check)
    except ValidationError as refusal:
        for text in refusal.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("The check was withdrawn from the queue."))
    return HttpResponseRedirect(reverse("monitor:check", args=[site_check.pk]))
