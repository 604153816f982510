"""Reads of organizations that the public pages of every app share."""

from django.http import Http404
from django.utils.translation import gettext as _

from .models import Organization


def public_organization(slug: str) -> Organization | None:
    """Return an active organization by its address slug (one query)."""
    return Organization.objects.filter(slug=slug, is_active=True).first()


def organization_or_404(slug: str) -> Organization:
    """Return the active organization at this address, or answer 404 with the reason.

    The portal's pages and the channels' public forms both live under a unit's address, so they
    share this lookup (as they would share Django's get_object_or_404) from the layer below both.
    """
    organization = public_organization(slug)
    if organization is None:
        raise Http404(_("There is no unit at this address."))
    return organization
