"""Template context every workspace page needs for its navigation."""

from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation

from prongsai.notifications.selectors import notices_unread_count
from prongsai.organizations.access import Capability, access_scope_for


def navigation(request: HttpRequest) -> dict[str, object]:
    """Give the navigation the same page in the other language, what to offer, and the person's unread notices.

    The counterpart address is computed here, while the page's own language is active: the
    language is part of every address (/th/…, /en/…), so switching is a plain link.
    """
    other = "en" if translation.get_language() == "th" else "th"
    context: dict[str, object] = {
        "other_language": other,
        "other_language_url": translate_url(request.get_full_path(), other),
        # Evaluated only when a template asks (the workspace's navigation): public pages must not
        # touch the session, or they would vary by cookie and could not be cached.
        "can_oversee": lambda: _can_oversee(request),
        "can_handle_channels": lambda: _can_handle_channels(request),
        "can_see_monitor": lambda: _can_see_monitor(request),
        "unread_notices": lambda: notices_unread_count(person=getattr(request, "user", None)),
    }
    return context


def _can_oversee(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated and access_scope_for(user).oversees_anything


def _can_handle_channels(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated and access_scope_for(user).handles_channels


def _can_see_monitor(request: HttpRequest) -> bool:
    """Offer the monitor's overview to ICT monitors and to anyone who sees more than one unit."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    scope = access_scope_for(user)
    return bool(scope.organization_ids(Capability.MONITOR)) or len(scope.organization_ids(Capability.VIEW)) > 1
