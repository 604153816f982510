"""`manage.py demo_code USERNAME`: print the code a demo account's authenticator app would show now."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from prongsai.accounts.secondfactor import totp_code_at


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo account (development settings only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        # Anyone who can run this could sign in as the person: only the demo, on development settings.
        if not settings.DEBUG:
            raise CommandError("demo_code works only with development settings (PRONGSAI_DEBUG on).")
        device = TOTPDevice.objects.filter(user__username=options["username"], confirmed=True).first()
        if device is None:
            raise CommandError(f"{options['username']!r} has no two-factor sign-in set up.")
        self.stdout.write(totp_code_at(device, timezone.now()))
