"""Template context every workspace page needs for its navigation."""

from django.http import HttpRequest

from prongsai.organizations.access import access_scope_for


def navigation(request: HttpRequest) -> dict[str, object]:
    """Tell the navigation whether to offer the department matrix (the access scope is memoised per request)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"can_oversee": False}
    return {"can_oversee": access_scope_for(user).oversees_anything}
