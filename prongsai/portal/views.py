"""The public portal: thin views over the portal selectors, cached under the public edition."""

from django.db.models import F
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from prongsai.disclosures.models import Document
from prongsai.organizations.models import Organization

from .caching import public_page
from .selectors import public_organization, public_unit_page, public_unit_summaries


def _organization_or_404(slug: str) -> Organization:
    organization = public_organization(slug)
    if organization is None:
        raise Http404(_("There is no unit at this address."))
    return organization


@public_page
def home(request: HttpRequest) -> HttpResponse:
    """Show the department and every unit, with how many of their items are current, overdue or missing."""
    summaries = public_unit_summaries(today=timezone.localdate())
    department = next((s for s in summaries if s.organization.parent_id is None), None)
    units = [s for s in summaries if s.organization.parent_id is not None]
    return render(request, "portal/home.html", {"department": department, "units": units})


@public_page
def unit_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Show all of a unit's checklist items, grouped by clause, with what is published and what is not."""
    organization = _organization_or_404(slug)
    page = public_unit_page(organization=organization, today=timezone.localdate())
    crumbs = [(organization.name(translation.get_language() or "th"), None)]
    return render(request, "portal/unit.html", {"page": page, "organization": organization, "crumbs": crumbs})


@public_page
def item_page(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Show one item of a unit on its own address (the address a unit gives its assessors for that item)."""
    organization = _organization_or_404(slug)
    page = public_unit_page(organization=organization, today=timezone.localdate(), code=code)
    if not page.items:
        raise Http404(_("This unit has no such checklist item."))
    entry = page.items[0]
    language = translation.get_language() or "th"
    crumbs = [
        (organization.name(language), reverse("portal:unit", args=[organization.slug])),
        (f"{entry.item.code} {entry.item.name(language)}", None),
    ]
    context = {"page": page, "organization": organization, "entry": entry, "crumbs": crumbs}
    return render(request, "portal/item.html", context)


def document(request: HttpRequest, slug: str, pk: int, name: str) -> FileResponse:
    """Serve a document of a currently published version; drafts and superseded files are not public."""
    found = Document.objects.filter(
        pk=pk,
        version__entry__organization__slug=slug,
        version__entry__published_version=F("version"),
    ).first()
    if found is None:
        raise Http404(_("This document is not published."))
    response = FileResponse(found.file.open("rb"), filename=found.original_name, content_type=found.media_type)
    response["Cache-Control"] = "public, max-age=3600"
    return response


def search(request: HttpRequest) -> HttpResponse:
    """Search the portal (being built: lists nothing yet)."""
    return render(request, "portal/search.html", {"query": request.GET.get("q", ""), "results": []})


@public_page
def site_map(request: HttpRequest) -> HttpResponse:
    """List every public page (being built)."""
    return render(request, "portal/sitemap.html", {"units": public_unit_summaries(today=timezone.localdate())})


POLICIES = ("website", "privacy", "accessibility")


@public_page
def policy(request: HttpRequest, name: str) -> HttpResponse:
    """Show the website policy, the privacy policy or the accessibility statement."""
    if name not in POLICIES:
        raise Http404(_("There is no such policy."))
    return render(request, f"portal/policy_{name}.html", {"name": name})
