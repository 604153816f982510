"""Two-factor sign-in: an authenticator app (TOTP) and single-use recovery codes.

Enrolment, its confirmation, the use of a recovery code and a reset by an administrator are
audited. Every check of a code takes the time as an argument (`now`), so that tests compute codes
from the secret at a time of their choosing instead of racing the clock; django-otp's own
`verify_token` reads the wall clock, so the check is done here with its TOTP class and fields.

A wrong code slows the next attempt for that person down exponentially (1, 2, 4, 8 … seconds,
django-otp's throttle fields on the authenticator), whichever kind of code was tried. The first
wrong code of a run is audited: the password was right, so someone may know it.
"""

import base64
import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from prongsai.audit.services import audit_record
from prongsai.thaitext import ascii_digits

from .models import RecoveryCode, RecoveryCodeSet, User

RECOVERY_CODE_COUNT = 10
# 16 base32 characters: 80 random bits, typed as four groups of four.
_RECOVERY_CODE_CHARS = 16
_AUTHENTICATOR_NAME = "authenticator"
_RECOVERY_NAME = "recovery codes"
_MAX_THROTTLE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class SecondFactorStatus:
    """What a person has enrolled, for their own page and the sign-in flow."""

    enrolled: bool
    enrolled_at: dt.datetime | None
    recovery_codes_left: int


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _normalize(code: str) -> str:
    """Return the code as typed without spaces or hyphens, upper-case, with Thai digits (as a Thai keyboard types
    them) read as ASCII digits."""
    return "".join(ascii_digits(code).split()).replace("-", "").upper()


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def recovery_code_format(code: str) -> str:
    """Return a recovery code in the four groups it is shown in (ABCD-EFGH-IJKL-MNOP)."""
    return "-".join(code[index : index + 4] for index in range(0, len(code), 4))


def totp_secret_text(device: TOTPDevice) -> str:
    """Return the authenticator's secret as people type it into an app: base32 in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def totp_code_at(device: TOTPDevice, now: dt.datetime) -> str:
    """Return the code the authenticator shows at `now` (for demonstrations and tests)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = now.timestamp()
    return f"{totp.token():0{device.digits}d}"


def second_factor_status(*, person: User) -> SecondFactorStatus:
    """Return whether the person has a confirmed authenticator, since when, and how many recovery codes are left."""
    device = TOTPDevice.objects.filter(user=person, confirmed=True).only("created_at").first()
    left = RecoveryCode.objects.filter(code_set__user=person, used_at__isnull=True).count() if device else 0
    return SecondFactorStatus(
        enrolled=device is not None, enrolled_at=device.created_at if device else None, recovery_codes_left=left
    )


def second_factor_enrolled(*, person: User) -> bool:
    """Tell whether the person signs in with a second factor (one query)."""
    return bool(TOTPDevice.objects.filter(user=person, confirmed=True).exists())


@transaction.atomic
def totp_enrolment_begin(*, person: User) -> TOTPDevice:
    """Return the person's pending authenticator with a fresh secret, creating it once (audited then).

    The secret is shown until the person confirms it with a first code; showing the page again
    shows the same secret, so an app already set up keeps working.
    """
    if TOTPDevice.objects.filter(user=person, confirmed=True).exists():
        raise ValidationError(_("Two-factor sign-in is already set up for this account."), code="enrolled")
    device = TOTPDevice.objects.filter(user=person, confirmed=False).first()
    if device is not None:
        return device
    device = TOTPDevice.objects.create(user=person, name=_AUTHENTICATOR_NAME, confirmed=False)
    audit_record(actor=person, action="two_factor.enrolment_begin", target=person, data={})
    return device


def totp_enrolment_confirm(*, person: User, code: str, now: dt.datetime | None = None) -> list[str]:
    """Confirm the pending authenticator with its first code; issue and return the recovery codes.

    The codes are returned once, to be shown once: only their digests are kept. A wrong code
    leaves the enrolment pending (and counts towards the throttle).
    """
    return _recovery_codes_on_code(person=person, code=code, now=_now(now), pending=True)


def recovery_codes_renew(*, person: User, code: str, now: dt.datetime | None = None) -> list[str]:
    """Replace the person's recovery codes with new ones, on a current authenticator code; return them once."""
    return _recovery_codes_on_code(person=person, code=code, now=_now(now), pending=False)


def _not_enrolled() -> ValidationError:
    return ValidationError(_("Two-factor sign-in is not set up for this account."), code="not_enrolled")


def _recovery_codes_on_code(*, person: User, code: str, now: dt.datetime, pending: bool) -> list[str]:
    """Check an authenticator code and issue new recovery codes (audited); confirm the authenticator if pending.

    A wrong code is raised after the transaction, so that the throttle it counted is kept.
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=person, confirmed=not pending).first()
        if device is None and pending:
            raise ValidationError(_("Start setting up two-factor sign-in again."), code="no_pending")
        if device is None:
            raise _not_enrolled()
        error = _totp_check(device, code, now)
        if error is None:
            if pending:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            codes = _recovery_codes_issue(person)
            audit_record(
                actor=person,
                action="two_factor.enrolment_confirm" if pending else "two_factor.recovery_codes_renew",
                target=person,
                data={"recovery_codes": len(codes)},
                now=now,
            )
            return codes
    raise error


def second_factor_verify(*, person: User, code: str, now: dt.datetime | None = None) -> Device:
    """Check the code given at sign-in and return the device it belongs to.

    Six digits are an authenticator code; anything else is tried as a recovery code, which is
    spent (and its use audited) when it matches. A wrong code raises ValidationError with a
    message for the person, after the throttle and (for the first of a run) an audit event are
    committed: the refusal must be remembered even though the sign-in fails.
    """
    now = _now(now)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=person, confirmed=True).first()
        if device is None:
            raise _not_enrolled()
        typed = _normalize(code)
        verified: Device | None
        if typed.isdigit():
            error = _totp_check(device, typed, now)
            verified = device if error is None else None
        else:
            error, verified = _recovery_check(device, typed, now)
        if verified is not None:
            return verified
    assert error is not None
    raise error


@transaction.atomic
def second_factor_reset(*, actor: User | None, person: User) -> int:
    """Remove the person's authenticator and recovery codes (a lost phone), audited; return how many devices went.

    The person signs in with the password alone next time and, if their role requires it, is
    sent to set up a new authenticator before anything else. Sessions verified by the removed
    devices end at their next request.
    """
    # Both models are django-otp devices, which carry no type hints: their counts are Any to mypy.
    removed = int(TOTPDevice.objects.filter(user=person).count() + RecoveryCodeSet.objects.filter(user=person).count())
    TOTPDevice.objects.filter(user=person).delete()
    RecoveryCodeSet.objects.filter(user=person).delete()
    audit_record(
        actor=actor, action="two_factor.reset", target=person, data={"username": person.username, "devices": removed}
    )
    return removed


def _recovery_codes_issue(person: User) -> list[str]:
    """Replace the person's recovery codes and return the new ones in plain text (never stored so)."""
    RecoveryCodeSet.objects.filter(user=person).delete()
    code_set = RecoveryCodeSet.objects.create(user=person, name=_RECOVERY_NAME, confirmed=True)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    codes = [
        "".join(secrets.choice(alphabet) for _i in range(_RECOVERY_CODE_CHARS)) for _n in range(RECOVERY_CODE_COUNT)
    ]
    RecoveryCode.objects.bulk_create(RecoveryCode(code_set=code_set, digest=_digest(code)) for code in codes)
    return [recovery_code_format(code) for code in codes]


def _throttled_until(device: TOTPDevice, now: dt.datetime) -> dt.datetime | None:
    """Return until when the person must wait after wrong codes, or None when they may try now."""
    if not device.throttling_failure_count or device.throttling_failure_timestamp is None:
        return None
    factor = int(getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1))
    delay = min(factor * 2 ** (device.throttling_failure_count - 1), _MAX_THROTTLE_SECONDS)
    until = device.throttling_failure_timestamp + dt.timedelta(seconds=delay)
    return until if now < until else None


def _throttled_error(until: dt.datetime, now: dt.datetime) -> ValidationError:
    seconds = max(1, int((until - now).total_seconds() + 0.999))
    return ValidationError(
        ngettext(
            "Too many wrong codes. Wait %(seconds)d second and try again.",
            "Too many wrong codes. Wait %(seconds)d seconds and try again.",
            seconds,
        )
        % {"seconds": seconds},
        code="throttled",
    )


def _refuse(device: TOTPDevice, now: dt.datetime, message: str) -> ValidationError:
    """Count a wrong code on the person's authenticator; audit the first of a run."""
    device.throttling_failure_count += 1
    device.throttling_failure_timestamp = now
    device.save(update_fields=["throttling_failure_count", "throttling_failure_timestamp"])
    if device.throttling_failure_count == 1:
        person = device.user
        audit_record(
            actor=None,
            actor_label=f"unverified sign-in ({person.username})",
            action="two_factor.failed",
            target=person,
            data={"username": person.username},
            now=now,
        )
    return ValidationError(message, code="wrong_code")


def _succeed(device: Device, throttle: TOTPDevice, now: dt.datetime) -> None:
    throttle.throttling_failure_count = 0
    throttle.throttling_failure_timestamp = None
    throttle.save(update_fields=["throttling_failure_count", "throttling_failure_timestamp"])
    # Both kinds of device carry django-otp's TimestampMixin.
    device.last_used_at = now
    device.save(update_fields=["last_used_at"])


def _totp_check(device: TOTPDevice, code: str, now: dt.datetime) -> ValidationError | None:
    """Verify an authenticator code at `now`; return the error to raise, or None after recording the success.

    A code is accepted one step early or late (clock drift) and never twice: each accepted step
    must be later than the last one (django-otp's `last_t`).
    """
    until = _throttled_until(device, now)
    if until is not None:
        return _throttled_error(until, now)
    typed = _normalize(code)
    wrong = _("The code is not right. Enter the 6 digits your authenticator app shows now.")
    if len(typed) != device.digits or not typed.isdigit():
        return _refuse(device, now, wrong)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = now.timestamp()
    if not totp.verify(int(typed), device.tolerance, device.last_t + 1):
        return _refuse(device, now, wrong)
    device.last_t = totp.t()
    if getattr(settings, "OTP_TOTP_SYNC", True):
        device.drift = totp.drift
    device.save(update_fields=["last_t", "drift"])
    _succeed(device, device, now)
    return None


def _recovery_check(
    device: TOTPDevice, typed: str, now: dt.datetime
) -> tuple[ValidationError | None, RecoveryCodeSet | None]:
    """Spend a matching unused recovery code (audited); return the error or the code set that verified."""
    until = _throttled_until(device, now)
    if until is not None:
        return _throttled_error(until, now), None
    wrong = _("The code is not right. Enter the 6 digits your authenticator app shows, or an unused recovery code.")
    match = (
        RecoveryCode.objects.select_for_update()
        .select_related("code_set")
        .filter(code_set__user=device.user, digest=_digest(typed), used_at__isnull=True)
        .first()
    )
    if len(typed) != _RECOVERY_CODE_CHARS or match is None:
        return _refuse(device, now, wrong), None
    match.used_at = now
    match.save(update_fields=["used_at"])
    _succeed(match.code_set, device, now)
    left = RecoveryCode.objects.filter(code_set=match.code_set, used_at__isnull=True).count()
    audit_record(
        actor=device.user,
        action="two_factor.recovery_code_use",
        target=device.user,
        data={"recovery_codes_left": left},
        now=now,
    )
    return None, match.code_set
