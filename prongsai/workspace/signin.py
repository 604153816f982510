"""Signing in to the workspace: the password, then (for people who set one up) the code, and setting it up.

Someone with a second factor is not signed in after the password: the session only remembers,
for a few minutes, who gave the right password; `signin_code` signs them in once the code is
right. So every signed-in session of such a person has passed both steps, and the sign-in is
audited once, with the kind of second factor used.
"""

import datetime as dt
from typing import Any

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from prongsai.accounts.models import RecoveryCodeSet, User
from prongsai.accounts.secondfactor import (
    RECOVERY_CODE_COUNT,
    recovery_codes_renew,
    second_factor_enrolled,
    second_factor_status,
    second_factor_verify,
    totp_enrolment_begin,
    totp_enrolment_confirm,
    totp_secret_text,
)
from prongsai.organizations.access import second_factor_required

from .forms import SecondFactorCodeForm

PENDING_KEY = "prongsai_signin_pending"


def _now() -> dt.datetime:
    """Return the time codes are checked at (a seam: tests set it instead of racing the clock)."""
    return timezone.now()


class SignInView(LoginView):
    """The password step; people with a second factor go on to the code step instead of being signed in."""

    template_name = "workspace/login.html"

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not second_factor_enrolled(person=user):
            return super().form_valid(form)
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "at": _now().timestamp(),
            "next": self.get_success_url(),
        }
        return redirect("workspace:signin_code")


def _pending(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    """Return who gave the right password in this session and what they asked for, while it is recent."""
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None
    age = _now().timestamp() - float(pending.get("at", 0))
    if not 0 <= age <= int(settings.PRONGSAI_SECOND_FACTOR_PENDING_SECONDS):
        del request.session[PENDING_KEY]
        return None
    person = get_user_model().objects.filter(pk=int(pending.get("user", 0)), is_active=True).first()
    return (person, pending) if person is not None else None


@never_cache
@require_http_methods(["GET", "POST"])
def signin_code(request: HttpRequest) -> HttpResponse:
    """The code step: sign in the person who gave the right password once their code is right."""
    found = _pending(request)
    if found is None:
        messages.info(request, _("Sign in with your username and password first."))
        return redirect("workspace:login")
    person, pending = found
    form = SecondFactorCodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            device = second_factor_verify(person=person, code=form.cleaned_data["code"], now=_now())
        except ValidationError as error:
            form.add_error("code", error)
        else:
            del request.session[PENDING_KEY]
            # django-otp keeps the device in the session when the user carries it at login.
            person.otp_device = device  # type: ignore[attr-defined]
            login(request, person, backend=pending["backend"])
            if isinstance(device, RecoveryCodeSet):
                left = second_factor_status(person=person).recovery_codes_left
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a recovery code; %(left)d is left. Each code works once.",
                        "You signed in with a recovery code; %(left)d are left. Each code works once.",
                        left,
                    )
                    % {"left": left},
                )
            return HttpResponseRedirect(pending["next"])
    return render(request, "workspace/signin_code.html", {"form": form})


def _qr_svg(config_url: str) -> SafeString:
    """Return the authenticator's set-up address as an inline SVG QR code (drawn here, no image request)."""
    svg = segno.make(config_url, error="m").svg_inline(
        scale=4, border=4, dark="#000", light="#fff", svgclass="qr", lineclass=None, title=_("QR code for your app")
    )
    # segno escapes the title; the rest is path data it drew itself.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up two-factor sign-in (secret as QR code and text, confirmed by a first code), or see and renew it."""
    person: User = request.user  # type: ignore[assignment]
    status = second_factor_status(person=person)
    form = SecondFactorCodeForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"form": form, "status": status, "required": second_factor_required(person)}
    if status.enrolled:
        if form.is_valid():
            try:
                codes = recovery_codes_renew(person=person, code=form.cleaned_data["code"], now=_now())
            except ValidationError as error:
                form.add_error("code", error)
            else:
                return _recovery_codes_page(request, codes, renewed=True)
        return render(request, "workspace/two_factor.html", context)
    device = totp_enrolment_begin(person=person)
    if form.is_valid():
        try:
            codes = totp_enrolment_confirm(person=person, code=form.cleaned_data["code"], now=_now())
        except ValidationError as error:
            form.add_error("code", error)
        else:
            device.refresh_from_db()
            django_otp.login(request, device)
            return _recovery_codes_page(request, codes, renewed=False)
    context.update(qr=_qr_svg(device.config_url), secret=totp_secret_text(device))
    return render(request, "workspace/two_factor.html", context)


def _recovery_codes_page(request: HttpRequest, codes: list[str], *, renewed: bool) -> HttpResponse:
    """Show the recovery codes, this once: only their digests are kept (the page is never cached)."""
    return render(
        request, "workspace/recovery_codes.html", {"codes": codes, "renewed": renewed, "count": RECOVERY_CODE_COUNT}
    )
