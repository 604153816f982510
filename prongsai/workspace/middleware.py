"""The guards of the staff surfaces (the workspace and the Django admin), which share one rule for their paths.

`SecondFactorMiddleware` keeps them behind the second factor. The workspace's own sign-in asks for
the code before it signs anyone in, so a session it starts is verified from the outset. This guard
covers every other way a session can be signed in, and the roles that require a second factor:

- a session whose second factor no longer exists (an administrator reset it) is signed out;
- a person who has a second factor but whose session never passed it (signed in elsewhere with
  the password alone, such as the admin's own login form) is signed out and sent to sign in again;
- an administrator or ICT monitor without a second factor reaches nothing but the page that sets
  one up (and signing out).

`UploadLimitMiddleware` answers an oversized upload before anything parses it (the ceilings are the
register's, in `prongsai.disclosures.upload_limits`).

Public pages are left alone: they never touch the session, so they stay cacheable.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.contrib.messages.storage import default_storage
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY

from prongsai.accounts.secondfactor import second_factor_enrolled
from prongsai.disclosures.upload_limits import upload_refusal
from prongsai.organizations.access import second_factor_required

_STAFF_SURFACES = ("workspace", "admin")
# What an administrator or ICT monitor without a second factor may reach: setting one up and signing out.
_OPEN_VIEWS = ("workspace:two_factor", "workspace:logout")


def _is_staff_surface(path: str) -> bool:
    """Tell whether the path is under /<language>/workspace/ or /<language>/admin/."""
    parts = path.split("/", 3)
    languages = {code for code, _name in settings.LANGUAGES}
    return len(parts) > 2 and parts[1] in languages and parts[2] in _STAFF_SURFACES


class SecondFactorMiddleware:
    """Sign out or redirect staff whose session has not passed the second factor it needs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _is_staff_surface(request.path_info):
            return self.get_response(request)
        # Read before request.user is evaluated: django-otp drops the key when its device is gone.
        had_device = DEVICE_ID_SESSION_KEY in request.session
        user: Any = request.user  # django-otp adds is_verified()
        if not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        # Before any page is let through: a session whose second factor was reset must not set up
        # a new one, and one that skipped the code must not reach anything.
        if had_device or second_factor_enrolled(person=user):
            logout(request)
            messages.info(request, _("Sign in again with your password and the code from your authenticator app."))
            return redirect_to_login(request.get_full_path(), reverse("workspace:login"))
        if second_factor_required(user) and request.path_info not in {reverse(name) for name in _OPEN_VIEWS}:
            messages.info(request, _("Your role requires two-factor sign-in. Set it up to continue."))
            return HttpResponseRedirect(reverse("workspace:two_factor"))
        return self.get_response(request)


class UploadLimitMiddleware:
    """Answer a refused staff upload with a redirect back to its form and a message; let every other request through.

    It stands before the CSRF middleware, which would otherwise parse the body first and turn a
    refusal into a bare 400. The answer changes nothing on the server, so it needs no CSRF check.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method == "POST"
            and request.content_type == "multipart/form-data"
            and _is_staff_surface(request.path_info)
        ):
            refusal = upload_refusal(request)
            if refusal:
                return self._refuse(request, refusal)
        return self.get_response(request)

    @staticmethod
    def _refuse(request: HttpRequest, refusal: str) -> HttpResponse:
        # The messages middleware comes later in the chain and never sees this request, so the
        # message is stored here, in the same storage it would have used.
        storage = default_storage(request)
        storage.add(messages.ERROR, refusal + " " + _("Nothing was saved."))
        response = HttpResponseRedirect(request.get_full_path(), status=303)
        storage.update(response)
        return response
