"""Failed sign-ins and lockouts are audited, at most once each per (username, address) window."""

import datetime as dt
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from prongsai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"


@pytest.fixture
def person(db: None) -> Any:
    return get_user_model().objects.create_user("somsri", password=PASSWORD)


def post(client: Client, username: str, password: str, address: str = "10.0.0.7") -> int:
    response = client.post(
        reverse("workspace:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )
    return int(response.status_code)


def events() -> list[tuple[str, dict[str, Any]]]:
    return list(AuditEvent.objects.order_by("sequence").values_list("action", "data"))


FAILED = ("auth.login_failed", {"username": "somsri", "ip": "10.0.0.7"})
LOCKOUT = ("auth.lockout", {"username": "somsri", "ip": "10.0.0.7"})


def test_the_first_failure_is_audited_with_who_was_tried_from_where(person: Any) -> None:
    assert post(Client(), "somsri", "wrong") == 200
    [event] = AuditEvent.objects.all()
    assert (event.action, event.data) == FAILED
    assert (event.actor_id, event.actor_label) == (None, "anonymous (10.0.0.7)")
    assert (event.object_type, event.object_id) == ("accounts.user", str(person.pk))


def test_fifty_failures_against_one_account_write_two_events(person: Any) -> None:
    client = Client()
    statuses = [post(client, "somsri", "wrong") for _attempt in range(50)]
    assert statuses == [200] * 4 + [429] * 46
    assert events() == [FAILED, LOCKOUT]


def test_posts_to_a_locked_account_add_nothing(person: Any) -> None:
    client = Client()
    for _attempt in range(5):
        post(client, "somsri", "wrong")
    assert events() == [FAILED, LOCKOUT]
    statuses = [post(client, "somsri", "wrong" if attempt % 2 else PASSWORD) for attempt in range(50)]
    assert statuses == [429] * 50
    assert events() == [FAILED, LOCKOUT]


def test_an_unknown_username_is_audited_the_same_way_without_a_target(db: None) -> None:
    client = Client()
    for _attempt in range(50):
        post(client, "nobody", "wrong")
    assert list(AuditEvent.objects.values_list("action", "data", "object_id")) == [
        ("auth.login_failed", {"username": "nobody", "ip": "10.0.0.7"}, ""),
        ("auth.lockout", {"username": "nobody", "ip": "10.0.0.7"}, ""),
    ]


def test_each_address_and_each_username_has_its_own_window(person: Any) -> None:
    client = Client()
    for address in ("10.0.0.7", "10.0.0.8"):
        for _attempt in range(7):
            post(client, "somsri", "wrong", address)
    for _attempt in range(7):
        post(client, "other", "wrong")
    assert [(action, data["username"], data["ip"]) for action, data in events()] == [
        ("auth.login_failed", "somsri", "10.0.0.7"),
        ("auth.lockout", "somsri", "10.0.0.7"),
        ("auth.login_failed", "somsri", "10.0.0.8"),
        ("auth.lockout", "somsri", "10.0.0.8"),
        ("auth.login_failed", "other", "10.0.0.7"),
        ("auth.lockout", "other", "10.0.0.7"),
    ]


def test_a_new_window_begins_when_the_cool_off_has_passed(person: Any, settings: Any) -> None:
    client = Client()
    for _attempt in range(3):
        post(client, "somsri", "wrong")
    assert events() == [FAILED]
    # The window ends an hour (AXES_COOLOFF_TIME) after the pair's last failure: move that failure back.
    last = AccessAttempt.objects.get().attempt_time
    AccessAttempt.objects.update(attempt_time=last - dt.timedelta(hours=1, seconds=1))
    assert post(client, "somsri", "wrong") == 200
    assert events() == [FAILED, FAILED]


def test_a_success_ends_the_window(person: Any) -> None:
    client = Client()
    post(client, "somsri", "wrong")
    assert post(client, "somsri", PASSWORD) == 302
    client.logout()
    post(client, "somsri", "wrong")
    assert [action for action, _data in events()] == [
        "auth.login_failed",
        "auth.login",
        "auth.logout",
        "auth.login_failed",
    ]
