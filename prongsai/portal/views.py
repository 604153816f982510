"""The public portal: thin views over the portal selectors, cached under the public edition."""

import datetime as dt

from django.conf import settings
from django.db.models import F
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from prongsai.disclosures.models import Document
from prongsai.organizations.selectors import organization_or_404
from prongsai.publication.models import SearchDocument
from prongsai.publication.searchtext import MAX_QUERY_LENGTH, fold
from prongsai.publication.selectors import search_documents_find

from .caching import public_page
from .selectors import public_site_map, public_unit_page, public_unit_summaries


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
    organization = organization_or_404(slug)
    page = public_unit_page(organization=organization, today=timezone.localdate())
    crumbs = [(organization.name(translation.get_language() or "th"), None)]
    return render(request, "portal/unit.html", {"page": page, "organization": organization, "crumbs": crumbs})


@public_page
def item_page(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Show one item of a unit on its own address (the address a unit gives its assessors for that item)."""
    organization = organization_or_404(slug)
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


def _page_number(value: str | None) -> int:
    try:
        return int(value or 1)
    except ValueError:
        return 1


def _hit_url(document: SearchDocument) -> str:
    """Return the public page a search row stands for: the unit's page, or the item's page at the item."""
    slug = document.organization.slug
    if document.item is None:
        return reverse("portal:unit", args=[slug])
    code = document.item.code
    return reverse("portal:item", args=[slug, code]) + "#item-" + code.replace(".", "-")


def search(request: HttpRequest) -> HttpResponse:
    """Search the published names, texts and documents; not cached, since queries are unbounded.

    Thai has no spaces between words, so the query is matched as a substring (see
    `prongsai.publication.searchtext`). An empty or over-long query gets a message, not an error.
    """
    query = request.GET.get("q", "")
    problem = ""
    results = None
    if len(query) > MAX_QUERY_LENGTH:
        problem = _("The search text is too long. Use at most %(limit)d characters.") % {"limit": MAX_QUERY_LENGTH}
    elif not fold(query):
        problem = _("Type a word or part of a word to search for, in Thai or English.")
    else:
        results = search_documents_find(
            query=query, language=translation.get_language() or "th", page=_page_number(request.GET.get("page"))
        )
    hits = [(hit, _hit_url(hit.document)) for hit in results.hits] if results else []
    context = {
        "query": query,
        "problem": problem,
        "results": results,
        "hits": hits,
        "crumbs": [(_("Search"), None)],
    }
    return render(request, "portal/search.html", context)


@public_page
def site_map(request: HttpRequest) -> HttpResponse:
    """List every public page: home, each unit with its items, the public channels and the policies."""
    context = {"units": public_site_map(), "policies": POLICIES, "crumbs": [(_("Site map"), None)]}
    return render(request, "portal/sitemap.html", context)


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Let crawlers read the public portal, keep them out of staff pages and searches, and name the sitemap."""
    lines = ["User-agent: *", "Allow: /"]
    for language, _name in settings.LANGUAGES:
        for area in ("workspace", "admin", "search"):
            lines.append(f"Disallow: /{language}/{area}/")
    lines.append(f"Sitemap: {settings.PRONGSAI_SITE_URL.rstrip('/')}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


POLICIES = ("website", "privacy", "accessibility")
# The day the policies below were last revised (shown on the pages, in the Buddhist era in Thai).
POLICIES_REVISED = dt.date(2026, 11, 26)


@public_page
def policy(request: HttpRequest, name: str) -> HttpResponse:
    """Show the website policy, the privacy policy or the accessibility statement."""
    if name not in POLICIES:
        raise Http404(_("There is no such policy."))
    titles = {
        "website": _("Website policy"),
        "privacy": _("Privacy policy"),
        "accessibility": _("Accessibility statement"),
    }
    context = {"name": name, "revised": POLICIES_REVISED, "crumbs": [(titles[name], None)]}
    return render(request, f"portal/policy_{name}.html", context)
