"""Ways for a unit to carry its public section on its own website: embed page, badge, share page, static copy."""

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from prongsai.organizations.selectors import organization_or_404

from .caching import public_page
from .embedding import BADGE_CSP, EMBED_FRAME_ANCESTORS, badge_for, badge_svg, share_links
from .export import unit_export_archive
from .selectors import public_unit_page

# The site's policy with one change: any website may frame the embed page. Both decorators sit
# outside @public_page so that a page served from the cache carries the same headers.
EMBED_CSP = {**settings.SECURE_CSP, "frame-ancestors": EMBED_FRAME_ANCESTORS}


@xframe_options_exempt
@csp_override(EMBED_CSP)
@public_page
def embed(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a unit's items without the portal's header, menus and footer, for a frame on the unit's own website."""
    organization = organization_or_404(slug)
    page = public_unit_page(organization=organization, today=timezone.localdate())
    context = {"page": page, "organization": organization, "unit_url": reverse("portal:unit", args=[slug])}
    return render(request, "portal/embed.html", context)


@csp_override(BADGE_CSP)
@public_page
def badge(request: HttpRequest, slug: str) -> HttpResponse:
    """Draw the unit's badge (how many items are published, coloured by the worst state) as SVG."""
    organization = organization_or_404(slug)
    page = public_unit_page(organization=organization, today=timezone.localdate())
    return HttpResponse(badge_svg(badge_for(page)), content_type="image/svg+xml; charset=utf-8")


def share(request: HttpRequest, slug: str) -> HttpResponse:
    """Explain how a unit puts its section on its own website, with snippets built for this very address.

    Not cached: the snippets carry the host the visitor used.
    """
    organization = organization_or_404(slug)
    page = public_unit_page(organization=organization, today=timezone.localdate())
    links = share_links(page=page, absolute=request.build_absolute_uri)
    language = translation.get_language() or "th"
    crumbs = [
        (organization.name(language), reverse("portal:unit", args=[slug])),
        (_("Put this section on your website"), None),
    ]
    context = {"page": page, "organization": organization, "links": links, "crumbs": crumbs}
    return render(request, "portal/share.html", context)


def export(request: HttpRequest, slug: str) -> FileResponse:
    """Download the unit's static copy as a ZIP, built once per public edition and day."""
    organization = organization_or_404(slug)
    archive = unit_export_archive(organization=organization, today=timezone.localdate())
    response = FileResponse(
        archive.path.open("rb"), as_attachment=True, filename=archive.download_name, content_type="application/zip"
    )
    response["Cache-Control"] = "public, max-age=300"
    return response
