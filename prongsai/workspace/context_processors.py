"""Template context every workspace page needs for its navigation."""

from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation

from prongsai.organizations.access import access_scope_for


def navigation(request: HttpRequest) -> dict[str, object]:
    """Give the navigation the same page in the other language and whether to offer the department matrix.

    The counterpart address is computed here, while the page's own language is active: the
    language is part of every address (/th/…, /en/…), so switching is a plain link.
    """
    other = "en" if translation.get_language() == "th" else "th"
    context: dict[str, object] = {
        "other_language": other,
        "other_language_url": translate_url(request.get_full_path(), other),
        "can_oversee": False,
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["can_oversee"] = access_scope_for(user).oversees_anything
    return context
