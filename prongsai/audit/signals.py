"""Record sign-ins, sign-outs and lockouts in the audit trail.

Authentication events come from Django and django-axes as signals; these receivers only
translate them into audit events (no business flow lives here).
"""

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
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
    with transaction.atomic():
        audit_record(actor=user, action="auth.login", target=user, data={"ip": _client_ip(request)})


@receiver(user_logged_out)
def _record_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    with transaction.atomic():
        audit_record(actor=user, action="auth.logout", target=user, data={"ip": _client_ip(request)})


@receiver(user_locked_out)
def _record_lockout(
    sender: Any, request: HttpRequest | None, username: str | None, ip_address: str, **kwargs: Any
) -> None:
    user = get_user_model().objects.filter(username=username).first() if username else None
    with transaction.atomic():
        audit_record(
            actor=None,
            actor_label=f"anonymous ({ip_address})",
            action="auth.lockout",
            target=user,
            data={"username": username or "", "ip": ip_address},
        )
