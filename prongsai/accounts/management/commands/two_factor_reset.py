"""`manage.py two_factor_reset USERNAME`: remove a person's authenticator and recovery codes (a lost phone)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.accounts.models import User
from prongsai.accounts.secondfactor import second_factor_reset


class Command(BaseCommand):
    help = (
        "Reset a person's two-factor sign-in (audited): they sign in with the password next time and, "
        "if their role requires it, set up a new authenticator first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        person = User.objects.filter(username=options["username"]).first()
        if person is None:
            raise CommandError(f"No person signs in as {options['username']!r}. / ไม่มีผู้ใช้ชื่อ {options['username']!r}")
        removed = second_factor_reset(actor=None, person=person)
        self.stdout.write(f"Two-factor sign-in reset for {person.username} ({removed} device(s) removed).")
