"""Two-factor sign-in: enrolment, the code step, recovery codes, the roles that require it, and resets.

Codes are computed here from the device's secret at a time the test sets (the views' `_now` seam),
so nothing races the clock.
"""

import base64
import datetime as dt
import hashlib
import re
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from prongsai.accounts.models import RecoveryCode, RecoveryCodeSet
from prongsai.accounts.secondfactor import second_factor_reset
from prongsai.audit.models import AuditEvent
from prongsai.organizations.services import organization_create, role_assign
from prongsai.workspace import signin

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"
T0 = dt.datetime(2026, 3, 16, 3, 0, 10, tzinfo=dt.UTC)


class Clock:
    """The time the sign-in views check codes at."""

    def __init__(self) -> None:
        self.now = T0

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(signin, "_now", lambda: clock.now)
    return clock


def code_at(device: TOTPDevice, now: dt.datetime) -> str:
    """The code an authenticator app holding the device's secret shows at `now` (RFC 6238 through django-otp's TOTP)."""
    totp = TOTP(device.bin_key, step=30, t0=0, digits=6)
    totp.time = now.timestamp()
    return f"{totp.token():06d}"


def url(name: str, language: str = "th") -> str:
    with translation.override(language):
        return reverse(f"workspace:{name}")


def person(username: str = "somsri", **extra: Any) -> Any:
    return get_user_model().objects.create_user(username, password=PASSWORD, **extra)


def enrol(client: Client, user: Any, clock: Clock) -> list[str]:
    """Set up the authenticator through the pages; return the recovery codes shown."""
    client.force_login(user)
    client.get(url("two_factor"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(url("two_factor"), {"code": code_at(device, clock.now)})
    assert response.status_code == 200
    clock.advance(30)  # the next code
    client.logout()
    return re.findall(r"<li><code>([A-Z2-7-]{19})</code></li>", response.content.decode())


def password_step(client: Client, username: str = "somsri", language: str = "th") -> Any:
    return client.post(url("login", language), {"username": username, "password": PASSWORD})


def signed_in_as(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True))


# --- enrolment -------------------------------------------------------------------------------------------


def test_enrolment_shows_the_secret_as_qr_and_text_and_a_first_code_confirms_it(clock: Clock) -> None:
    user = person()
    client = Client()
    client.force_login(user)
    page = client.get(url("two_factor", "en"))
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed is False
    secret = page.context["secret"]
    # The text key is the device's secret in base32, as apps take it.
    assert secret.replace(" ", "") == base64.b32encode(device.bin_key).decode()
    assert f'<code class="secret" translate="no">{secret}</code>' in html
    assert '<svg role="img" width="' in html
    assert 'class="qr"><title>QR code for your app</title>' in html
    # Showing the page again keeps the same secret (an app already set up keeps working).
    client.get(url("two_factor", "en"))
    assert TOTPDevice.objects.get(user=user).key == device.key

    wrong = client.post(url("two_factor", "en"), {"code": "000000" if code_at(device, T0) != "000000" else "111111"})
    assert wrong.context["form"].errors["code"] == [
        "The code is not right. Enter the 6 digits your authenticator app shows now."
    ]
    assert TOTPDevice.objects.get(user=user).confirmed is False

    clock.advance(2)  # the throttle after one wrong code
    response = client.post(url("two_factor", "en"), {"code": code_at(device, clock.now)})
    codes = response.context["codes"]
    assert len(set(codes)) == 10
    assert all(re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}", code) for code in codes)
    assert TOTPDevice.objects.get(user=user).confirmed is True
    # Stored hashed: the SHA-256 of each code, never the code.
    stored = set(RecoveryCode.objects.values_list("digest", flat=True))
    assert stored == {hashlib.sha256(code.replace("-", "").encode()).hexdigest() for code in codes}
    # The session that confirmed is verified by the new authenticator.
    assert client.session[DEVICE_ID_SESSION_KEY] == TOTPDevice.objects.get(user=user).persistent_id
    assert actions() == [
        "auth.login",
        "two_factor.enrolment_begin",
        "two_factor.failed",
        "two_factor.enrolment_confirm",
    ]
    assert AuditEvent.objects.get(action="two_factor.enrolment_confirm").data == {"recovery_codes": 10}


def test_the_status_page_renews_recovery_codes_on_a_current_code(clock: Clock) -> None:
    user = person()
    old = enrol(Client(), user, clock)
    client = Client()
    password_step(client)
    device = TOTPDevice.objects.get(user=user)
    client.post(url("signin_code"), {"code": code_at(device, clock.now)})
    page = client.get(url("two_factor", "en"))
    assert "You have 10 unused recovery codes." in page.content.decode()
    clock.advance(30)
    new = client.post(url("two_factor", "en"), {"code": code_at(device, clock.now)}).context["codes"]
    assert set(new).isdisjoint(old)
    assert RecoveryCode.objects.count() == 10
    assert actions()[-1] == "two_factor.recovery_codes_renew"


# --- the code step ---------------------------------------------------------------------------------------


def test_an_enrolled_person_is_signed_in_only_after_the_code(clock: Clock) -> None:
    user = person()
    enrol(Client(), user, clock)
    device = TOTPDevice.objects.get(user=user)
    client = Client()
    response = password_step(client)
    assert (response.status_code, response["Location"]) == (302, url("signin_code"))
    assert signed_in_as(client) is None
    assert client.get(url("home")).status_code == 302  # still signed out

    response = client.post(url("signin_code"), {"code": code_at(device, clock.now)})
    assert (response.status_code, response["Location"]) == (302, url("home"))
    assert signed_in_as(client) == str(user.pk)
    assert client.get(url("home")).status_code == 200
    login = AuditEvent.objects.filter(action="auth.login").order_by("sequence").last()
    assert login is not None
    assert login.data == {"ip": "127.0.0.1", "second_factor": "otp_totp.totpdevice"}


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("th", "รหัสไม่ถูกต้อง กรอกตัวเลข 6 หลักที่แอปยืนยันตัวตนแสดงอยู่ หรือรหัสกู้คืนที่ยังไม่ได้ใช้"),
        (
            "en",
            "The code is not right. Enter the 6 digits your authenticator app shows, or an unused recovery code.",
        ),
    ],
)
def test_a_wrong_code_is_refused_with_a_message(clock: Clock, language: str, message: str) -> None:
    user = person()
    enrol(Client(), user, clock)
    client = Client()
    password_step(client, language=language)
    response = client.post(url("signin_code", language), {"code": "12345X"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [message]
    assert signed_in_as(client) is None
    assert actions()[-1] == "two_factor.failed"


def test_wrong_codes_slow_the_next_attempt_down(clock: Clock) -> None:
    user = person()
    enrol(Client(), user, clock)
    device = TOTPDevice.objects.get(user=user)
    client = Client()
    password_step(client, language="en")

    def attempt(code: str) -> list[str]:
        response = client.post(url("signin_code", "en"), {"code": code})
        return response.context["form"].errors["code"] if response.status_code == 200 else []

    wrong = "The code is not right. Enter the 6 digits your authenticator app shows, or an unused recovery code."
    assert attempt("ZZZZ-ZZZZ-ZZZZ-ZZZZ") == [wrong]
    clock.advance(0.5)  # 1 second after one wrong code: too soon, and not counted
    assert attempt(code_at(device, clock.now)) == ["Too many wrong codes. Wait 1 second and try again."]
    clock.advance(0.5)
    assert attempt("ZZZZ-ZZZZ-ZZZZ-ZZZZ") == [wrong]
    clock.advance(0.5)  # 2 seconds after two
    assert attempt(code_at(device, clock.now)) == ["Too many wrong codes. Wait 2 seconds and try again."]
    clock.advance(1.5)
    assert attempt(code_at(device, clock.now)) == []
    assert signed_in_as(client) == str(user.pk)
    # One audit event for the run of wrong codes, however long.
    assert actions().count("two_factor.failed") == 1
    assert TOTPDevice.objects.get(user=user).throttling_failure_count == 0


def test_a_code_is_not_accepted_twice(clock: Clock) -> None:
    user = person()
    enrol(Client(), user, clock)
    device = TOTPDevice.objects.get(user=user)
    first = Client()
    password_step(first)
    code = code_at(device, clock.now)
    assert first.post(url("signin_code"), {"code": code}).status_code == 302
    second = Client()
    password_step(second)
    clock.advance(5)  # past the throttle-free moment, same 30-second step
    assert second.post(url("signin_code"), {"code": code}).status_code == 200
    assert signed_in_as(second) is None


def test_the_code_step_expires(clock: Clock) -> None:
    user = person()
    enrol(Client(), user, clock)
    device = TOTPDevice.objects.get(user=user)
    client = Client()
    password_step(client)
    clock.advance(5 * 60 + 1)
    response = client.post(url("signin_code"), {"code": code_at(device, clock.now)})
    assert (response.status_code, response["Location"]) == (302, url("login"))
    assert signed_in_as(client) is None


def test_without_the_password_the_code_step_leads_back_to_it(db: None) -> None:
    response = Client().get(url("signin_code"))
    assert (response.status_code, response["Location"]) == (302, url("login"))


def test_a_person_without_a_second_factor_signs_in_with_the_password(db: None) -> None:
    user = person()
    client = Client()
    assert password_step(client)["Location"] == url("home")
    assert signed_in_as(client) == str(user.pk)
    assert AuditEvent.objects.get(action="auth.login").data == {"ip": "127.0.0.1"}


# --- recovery codes --------------------------------------------------------------------------------------


def test_a_recovery_code_signs_in_once(clock: Clock) -> None:
    user = person()
    codes = enrol(Client(), user, clock)
    client = Client()
    password_step(client, language="en")
    # Typed in lower case, without the hyphens: the same code.
    response = client.post(url("signin_code", "en"), {"code": codes[3].replace("-", " ").lower()})
    assert response.status_code == 302
    assert signed_in_as(client) == str(user.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == RecoveryCodeSet.objects.get(user=user).persistent_id
    assert [str(m) for m in client.get(url("home", "en")).context["messages"]] == [
        "You signed in with a recovery code; 9 are left. Each code works once."
    ]
    use = AuditEvent.objects.get(action="two_factor.recovery_code_use")
    assert (use.actor_id, use.data) == (user.pk, {"recovery_codes_left": 9})
    assert AuditEvent.objects.filter(action="auth.login").order_by("-sequence")[0].data["second_factor"] == (
        "accounts.recoverycodeset"
    )
    client.post(url("logout", "en"))

    again = Client()
    password_step(again, language="en")
    refused = again.post(url("signin_code", "en"), {"code": codes[3]})
    assert refused.context["form"].errors["code"] == [
        "The code is not right. Enter the 6 digits your authenticator app shows, or an unused recovery code."
    ]
    assert signed_in_as(again) is None
    assert RecoveryCode.objects.filter(used_at__isnull=True).count() == 9


# --- who must use it -------------------------------------------------------------------------------------


@pytest.fixture
def department(db: None) -> Any:
    return organization_create(actor=None, kind="department", slug="ops", name_th="สำนักงานปลัด", name_en="OPS")


@pytest.mark.parametrize("role", ["administrator", "ict_monitor"])
def test_administrators_and_monitors_without_a_device_reach_only_enrolment(
    clock: Clock, department: Any, role: str
) -> None:
    user = person("ops.staff")
    role_assign(actor=None, role=role, organization=department, user=user)
    client = Client()
    response = password_step(client, "ops.staff", language="en")
    assert response["Location"] == url("home", "en")
    for address in (url("home", "en"), url("matrix", "en"), "/en/workspace/monitor/", "/en/admin/"):
        response = client.get(address)
        assert (response.status_code, response["Location"]) == (302, url("two_factor", "en")), address
    page = client.get(url("two_factor", "en"))
    assert page.status_code == 200
    assert "Your role requires two-factor sign-in: set it up before you continue." in page.content.decode()
    assert [str(m) for m in page.context["messages"]] == [
        "Your role requires two-factor sign-in. Set it up to continue."
    ] * 4

    device = TOTPDevice.objects.get(user=user)
    client.post(url("two_factor", "en"), {"code": code_at(device, clock.now)})
    assert client.get(url("matrix", "en")).status_code == 200


def test_django_staff_count_as_administrators(clock: Clock) -> None:
    person("root", is_staff=True, is_superuser=True)
    client = Client()
    password_step(client, "root")
    assert client.get("/th/admin/")["Location"] == url("two_factor")


def test_an_editor_is_not_required_to_enrol(department: Any) -> None:
    unit = organization_create(actor=None, kind="unit", parent=department, slug="u", name_th="กอง", name_en="Unit")
    user = person("u.editor")
    role_assign(actor=None, role="editor", organization=unit, user=user)
    client = Client()
    password_step(client, "u.editor")
    assert client.get(url("home")).status_code == 200


def test_public_pages_are_not_touched(department: Any) -> None:
    # The guard covers the workspace and the admin only: the portal never reads the session.
    user = person("ops.admin")
    role_assign(actor=None, role="administrator", organization=department, user=user)
    client = Client()
    password_step(client, "ops.admin")
    assert client.get("/th/").status_code == 200


def test_a_password_only_session_of_an_enrolled_person_is_signed_out(clock: Clock) -> None:
    user = person()
    enrol(Client(), user, clock)
    client = Client()
    client.force_login(user)  # as the admin's own login form would: the password alone
    response = client.get(url("home"))
    assert (response.status_code, response["Location"]) == (302, f"{url('login')}?next={url('home')}")
    assert signed_in_as(client) is None


def test_the_admin_signs_in_through_the_workspace(db: None) -> None:
    response = Client().get("/en/admin/login/?next=/en/admin/")
    assert (response.status_code, response["Location"]) == (302, "/en/workspace/login/?next=/en/admin/")


# --- resets ----------------------------------------------------------------------------------------------


def test_a_reset_removes_the_devices_and_ends_verified_sessions(clock: Clock, department: Any) -> None:
    user = person("ops.monitor")
    role_assign(actor=None, role="ict_monitor", organization=department, user=user)
    admin = person("ops.admin")
    enrol(Client(), user, clock)
    client = Client()
    password_step(client, "ops.monitor")
    client.post(url("signin_code"), {"code": code_at(TOTPDevice.objects.get(user=user), clock.now)})
    assert client.get(url("home")).status_code == 200

    assert second_factor_reset(actor=admin, person=user) == 2
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not RecoveryCodeSet.objects.filter(user=user).exists()
    assert not RecoveryCode.objects.exists()
    event = AuditEvent.objects.get(action="two_factor.reset")
    assert (event.actor_id, event.object_id, event.data) == (
        admin.pk,
        str(user.pk),
        {"username": "ops.monitor", "devices": 2},
    )
    # The session verified by the removed authenticator cannot go on, not even to set up a new one.
    response = client.get(url("two_factor"))
    assert response["Location"].startswith(url("login"))
    assert signed_in_as(client) is None
    # The person signs in with the password and must set up a new authenticator first.
    password_step(client, "ops.monitor")
    assert client.get(url("home"))["Location"] == url("two_factor")


def test_the_reset_command(clock: Clock) -> None:
    user = person()
    enrol(Client(), user, clock)
    out = StringIO()
    call_command("two_factor_reset", "somsri", stdout=out)
    assert out.getvalue() == "Two-factor sign-in reset for somsri (2 device(s) removed).\n"
    event = AuditEvent.objects.get(action="two_factor.reset")
    assert (event.actor_id, event.actor_label) == (None, "system")


def test_the_admin_action(clock: Clock, department: Any) -> None:
    user = person()
    enrol(Client(), user, clock)
    root = person("root", is_staff=True, is_superuser=True)
    from tests.signin.verified import login_verified

    client = login_verified(Client(), root)
    response = client.post(
        "/en/admin/accounts/user/",
        {"action": "reset_second_factor", "_selected_action": [user.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Two-factor sign-in was reset for 1 person."]
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.get(action="two_factor.reset").actor_id == root.pk
