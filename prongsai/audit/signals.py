"""Record sign-ins and sign-outs in the audit trail.

Authentication events come from Django as signals; these receivers only translate them into
audit events (no business flow lives here). Failed sign-ins and lockouts are audited by the
django-axes handler in signin.py, which knows how many failures a visitor has had.
"""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest

from prongsai.clientaddress import client_address

from .services import audit_record


def _client_ip(request: HttpRequest | None) -> str:
    return "" if request is None else client_address(request)


@receiver(user_logged_in)
def _record_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    data = {"ip": _client_ip(request)}
    # The workspace's code step hands django-otp the device that verified the person (django-otp's
    # convention); a sign-in with the password alone has none.
    device = getattr(user, "otp_device", None)
    if device is not None:
        data["second_factor"] = device.model_label()
    with transaction.atomic():
        audit_record(actor=user, action="auth.login", target=user, data=data)


@receiver(user_logged_out)
def _record_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    with transaction.atomic():
        audit_record(actor=user, action="auth.logout", target=user, data={"ip": _client_ip(request)})
