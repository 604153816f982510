"""Lockout by username and address, behind the TLS proxy: a stranger cannot lock a colleague out."""

from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from prongsai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"
PROXY = "10.0.0.2"  # every request reaches the application from the proxy
ATTACKER = "203.0.113.66"
EDITOR = "198.51.100.20"


@pytest.fixture
def editor(settings: Any) -> Any:
    settings.PRONGSAI_TRUSTED_PROXY_COUNT = 1
    return get_user_model().objects.create_user("x.editor", password=PASSWORD)


def post(client: Client, address: str, password: str, *, forged: str = "") -> Any:
    forwarded = f"{forged}, {address}" if forged else address
    return client.post(
        reverse("workspace:login"),
        {"username": "x.editor", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_a_stranger_locks_the_username_only_for_their_own_address(editor: Any) -> None:
    attacker = Client()
    statuses = [post(attacker, ATTACKER, "guess").status_code for _attempt in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    # Locked for the attacker's address, even with the right password.
    assert post(attacker, ATTACKER, PASSWORD).status_code == 429
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [("x.editor", ATTACKER)]

    # The editor, at another address behind the same proxy, signs in.
    colleague = Client()
    response = post(colleague, EDITOR, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:home")
    assert colleague.session["_auth_user_id"] == str(editor.pk)
    # The audit trail names the same addresses.
    assert AuditEvent.objects.get(action="auth.lockout").data == {"username": "x.editor", "ip": ATTACKER}
    assert AuditEvent.objects.get(action="auth.login").data == {"ip": EDITOR}


def test_a_forged_forwarded_entry_does_not_escape_the_lock(editor: Any) -> None:
    attacker = Client()
    for attempt in range(5):
        post(attacker, ATTACKER, "guess", forged=f"192.0.2.{attempt}")
    # Whatever the attacker writes left of the proxy's entry, the address is the one the proxy saw.
    assert post(attacker, ATTACKER, PASSWORD, forged="192.0.2.99").status_code == 429
