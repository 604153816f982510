"""Sign a test client in as a person whose session has passed the second factor their role requires.

Tests of other features sign in with `force_login`, which skips the sign-in pages. Administrators and
ICT monitors must have passed a second factor to reach any staff page, so for them this also gives
the person an authenticator and marks the session verified by it, as the code step would.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from prongsai.organizations.access import second_factor_required


def login_verified(client: Client, user: Any) -> Client:
    """Sign the client in as `user`; verify the session when the person's role requires a second factor."""
    client.force_login(user)
    # A fresh copy: the access scope is memoised on the user object the test keeps.
    if second_factor_required(get_user_model().objects.get(pk=user.pk)):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="authenticator", confirmed=True
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
