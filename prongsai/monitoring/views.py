"""Workspace pages of the monitor: the department overview, a unit's findings, their evidence, history, overrides."""

from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from prongsai.organizations.access import Capability, access_scope_for
from prongsai.organizations.models import Organization
from prongsai.thaidate import format_date_in

from .engine.addresses import is_public_address
from .engine.evidence import EvidenceRecord
from .evidence import check_evidence_path, evidence_html, evidence_page, evidence_record
from .forms import OverrideForm, OverviewFilterForm
from .models import ItemFinding, SiteCheck
from .presenters import change_notes, score_chart, site_finding_rows
from .selectors import (
    ScoreBand,
    check_before,
    check_changes,
    monitor_overview,
    unit_checks_recent,
    unit_monitor_summary,
    unit_score_history,
)
from .services import finding_override

# An archived page is somebody else's markup: it may show itself, with its inline styles and
# embedded images, but run nothing and fetch nothing, and never act as our origin.
EVIDENCE_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"


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
    history = unit_score_history(organization=organization)
    context = {
        "organization": organization,
        "summary": summary,
        "has_evidence": bool(summary and check_evidence_path(summary.check)),
        "site_findings": site_finding_rows(summary.check.site_findings) if summary else [],
        "chart": score_chart(history, language=_language()) if len(history) > 1 else None,
        "changes": (
            change_notes(check_changes(previous=previous, current=summary.check), previous=previous)
            if summary and previous
            else []
        ),
        "previous": previous,
        "history": history,
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


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """Show every unit the person may view with its latest check, score, trend and counts, filterable and paged."""
    scope = access_scope_for(request.user)
    if not scope.organization_ids(Capability.VIEW):
        raise PermissionDenied(_("You are not assigned to any unit yet. Ask an administrator for a role."))
    form = OverviewFilterForm(request.GET or None)
    band: ScoreBand | None = None
    search, page = "", 1
    if form.is_valid():
        band, search, page = form.band_value(), form.cleaned_data["q"], form.cleaned_data["page"] or 1
    result = monitor_overview(scope=scope, today=timezone.localdate(), band=band, search=search, page=page)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "monitoring/overview.html",
        {"form": form, "overview": result, "bands": list(ScoreBand), "query": query.urlencode()},
    )


def _viewable_check(request: HttpRequest, pk: int, capability: Capability = Capability.VIEW) -> SiteCheck:
    site_check = get_object_or_404(SiteCheck.objects.select_related("organization"), pk=pk)
    if not access_scope_for(request.user).can(capability, site_check.organization_id):
        raise PermissionDenied(_("You do not have permission to do this for this unit."))
    return site_check


def _refuse_private_answer(request: HttpRequest, site_check: SiteCheck, record: EvidenceRecord) -> None:
    """Keep what the monitor fetched from a non-public address to ICT monitors.

    Where private addresses are allowed (an intranet), a registered address or a redirect could make the
    monitor fetch an internal page; the unit's own staff must not read it back through the evidence.
    """
    private = bool(record.address) and not is_public_address(record.address or "")
    if private and not access_scope_for(request.user).can(Capability.MONITOR, site_check.organization_id):
        raise PermissionDenied(_("This answer came from a private network address; only ICT monitors may read it."))


def _evidence_not_kept(request: HttpRequest, site_check: SiteCheck) -> HttpResponse:
    """Say that the check's evidence is gone (status 410) rather than answer a bare 404.

    A finished check wrote an archive; `monitor prune` deletes it after PRONGSAI_MONITOR_EVIDENCE_DAYS
    (clearing the path), or the file may have been lost. A check still queued or running has none yet.
    """
    if site_check.state in (SiteCheck.State.QUEUED, SiteCheck.State.RUNNING):
        raise Http404(_("This check kept no evidence."))
    message = _(
        "The evidence of this check was not kept: archived pages are deleted %(days)d days after their check "
        "(each website's latest check keeps its own), or this archive was lost. The check's findings remain."
    ) % {"days": settings.PRONGSAI_MONITOR_EVIDENCE_DAYS}
    return render(
        request,
        "monitoring/evidence_not_kept.html",
        {"organization": site_check.organization, "check": site_check, "message": message},
        status=410,
    )


def _requested_url(request: HttpRequest) -> str:
    url = request.GET.get("url", "").strip()
    if not url:
        raise Http404(_("Say which address of the check to show."))
    return url


@login_required
@require_GET
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one archived answer of a check: its metadata, the page in a sandbox, and its text with the matches."""
    site_check = _viewable_check(request, pk)
    if check_evidence_path(site_check) is None:
        return _evidence_not_kept(request, site_check)
    page = evidence_page(site_check=site_check, url=_requested_url(request))
    if page is None:
        raise Http404(_("The check's evidence has no copy of this address."))
    _refuse_private_answer(request, site_check, page.record)
    return render(
        request,
        "monitoring/evidence.html",
        {
            "organization": site_check.organization,
            "page": page,
            "check": site_check,
            "can_download_archive": access_scope_for(request.user).can(Capability.MONITOR, site_check.organization_id),
        },
    )


def _filename(record: EvidenceRecord) -> str:
    name = unquote(PurePosixPath(urlsplit(record.url).path).name)
    return name or "evidence"


@login_required
@require_GET
def evidence_body(request: HttpRequest, pk: int) -> HttpResponse:
    """Send an archived body: a page shown sandboxed (no scripts, no requests), a document as a download."""
    site_check = _viewable_check(request, pk)
    if check_evidence_path(site_check) is None:
        return _evidence_not_kept(request, site_check)
    record = evidence_record(site_check=site_check, url=_requested_url(request))
    if record is None or record.status is None:
        raise Http404(_("The check's evidence has no copy of this address."))
    _refuse_private_answer(request, site_check, record)
    stored_type = next((value for key, value in record.headers if key.lower() == "content-type"), "")
    media = stored_type.split(";", 1)[0].strip().lower()
    if media in ("text/html", "application/xhtml+xml"):
        # Re-encoded as UTF-8, declared in the header: a legacy Thai page shows as the check read it.
        response = HttpResponse(evidence_html(record).encode(), content_type="text/html; charset=utf-8")
    elif media == "text/plain":
        response = HttpResponse(record.body, content_type=stored_type)
    else:
        response = HttpResponse(record.body, content_type=stored_type or "application/octet-stream")
        response["Content-Disposition"] = content_disposition_header(True, _filename(record))
    response["Content-Security-Policy"] = EVIDENCE_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, max-age=0"
    return response


@login_required
@require_GET
def evidence_archive(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """Send a check's whole WARC file to an ICT monitor, for replay or for keeping with an assessment."""
    site_check = _viewable_check(request, pk, Capability.MONITOR)
    path = check_evidence_path(site_check)
    if path is None:
        return _evidence_not_kept(request, site_check)
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"{site_check.organization.slug}-check-{site_check.pk}.warc.gz",
        content_type="application/gzip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
