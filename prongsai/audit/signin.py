"""Audit failed sign-ins and lockouts, a bounded number of times whatever a visitor sends.

Every failed sign-in is counted by django-axes per (username, address) pair; the count lives in
its AccessAttempt rows until the cool-off (AXES_COOLOFF_TIME) after the pair's last failure, when
axes forgets it. That span is the pair's window. This handler reads the count axes has just
written and audits two moments of a window: the first failure (count 1) and the lockout (count
equal to the limit). Every other failure, and every POST to a locked pair (axes counts those too,
which keeps the pair locked), writes nothing more. So an anonymous visitor adds at most two events
per username and address per window, instead of one per request.

It is the configured AXES_HANDLER rather than a receiver of Django's `user_login_failed` signal,
because it must run after axes has counted the failure, and receivers have no declared order.
"""

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from django.contrib.auth import get_user_model
from django.db import transaction

from .services import audit_record

# The username is whatever the visitor typed; the form refuses longer ones, and the audit trail
# never stores more than the field could hold.
_USERNAME_MAX = 150


class AuditedAxesHandler(AxesDatabaseHandler):  # type: ignore[misc]  # django-axes has no type hints
    """django-axes' database handler that also audits the first failure and the lockout of each window."""

    def user_login_failed(self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None:
            return
        failures = getattr(request, "axes_failures_since_start", None)
        if not failures:  # whitelisted, or axes kept no count
            return
        username = str(get_client_username(request, credentials) or "")[:_USERNAME_MAX]
        address = str(getattr(request, "axes_ip_address", "") or "")
        if failures == 1:
            _record("auth.login_failed", username, address)
        if getattr(request, "axes_locked_out", False) and failures == get_failure_limit(request, credentials):
            _record("auth.lockout", username, address)


def _record(action: str, username: str, address: str) -> None:
    user = get_user_model().objects.filter(username=username).first() if username else None
    with transaction.atomic():
        audit_record(
            actor=None,
            actor_label=f"anonymous ({address})",
            action=action,
            target=user,
            data={"username": username, "ip": address},
        )
