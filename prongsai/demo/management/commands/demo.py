"""`manage.py demo`: load the illustrative department once and print who can sign in."""

import datetime
import socket
import time
from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from prongsai.demo.builder import DemoConflict, demo_counts, demo_load, demo_rounds_load, status_summary
from prongsai.demo.checks import demo_checks_play
from prongsai.demo.sites import demo_sites_url


def _address_free(url: str) -> bool:
    """Return True when nothing listens on the demo sites' host and port yet."""
    parts = urlsplit(url)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((parts.hostname or "127.0.0.1", parts.port or 80))
        except OSError:
            return False
    return True


class Command(BaseCommand):
    help = (
        "Load an illustrative department (สำนักงานปลัดกระทรวงการคลัง) with its units, people, roles and register "
        "histories through the audited services, once; print and save the sign-in names and passwords."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-checks", action="store_true", help="do not record the website monitor's checks of the demo sites"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        now = timezone.now()
        try:
            outcome = demo_load(now=now)
        except DemoConflict as exc:
            raise CommandError(str(exc)) from exc
        if not outcome.loaded:
            self.stdout.write(
                self.style.WARNING("The demo is already loaded (department 'ops' exists); nothing was changed.")
            )
            if outcome.credentials:
                self.stdout.write(f"Sign-in names and passwords ({outcome.credentials_path}):\n")
                self.stdout.write(outcome.credentials)
            else:
                self.stdout.write(f"No credentials file at {outcome.credentials_path}.")
            return
        self.stdout.write(outcome.credentials)
        self.stdout.write(f"Saved to {outcome.credentials_path} (readable by you only).")
        self.stdout.write(f"Entry statuses today: {status_summary(outcome.statuses)}")
        for line in outcome.off_plan:
            self.stdout.write(self.style.WARNING(f"Not as planned: {line}"))
        if outcome.records is not None:
            records = outcome.records
            self.stdout.write(
                f"Structured plans, progress and procurement of {', '.join(records.units)} for fiscal years "
                f"{', '.join(map(str, records.fiscal_years))}: {records.months_closed} months closed "
                f"({len(records.empty_months)} without any procurement), "
                f"{records.versions_approved} register versions approved."
            )
        self.stdout.write(self.style.SUCCESS(f"Demo loaded in {outcome.seconds:.1f} s."))
        if not options["no_checks"]:
            self._checks(now)
        self._rounds(now)
        self.stdout.write(", ".join(f"{count} {name}" for name, count in demo_counts().items()))
        self.stdout.write(self.style.SUCCESS(f"Everything loaded in {time.monotonic() - started:.1f} s."))

    def _rounds(self, now: datetime.datetime) -> None:
        """Play the reporting rounds after the checks, so the reports' facts include the monitor's findings."""
        started = time.monotonic()
        rounds = demo_rounds_load(now=now)
        self.stdout.write(
            self.style.SUCCESS(
                f"Reporting rounds: {rounds.completed.code} completed (deadline {rounds.completed.deadline}), "
                f"{rounds.open.code} open (deadline {rounds.open.deadline}), in {time.monotonic() - started:.1f} s."
            )
        )

    def _checks(self, now: datetime.datetime) -> None:
        """Check every demo unit's website for real, last round and now (the sites are served meanwhile)."""
        if not _address_free(demo_sites_url()):
            self.stdout.write(
                self.style.WARNING(
                    f"{demo_sites_url()} is in use, so the demo's website checks were not recorded; "
                    "run `manage.py monitor run` once the demo sites are served."
                )
            )
            return
        started = time.monotonic()
        monitor = get_user_model().objects.get(username="ict.monitor")
        count = demo_checks_play(monitor=monitor, now=now)
        self.stdout.write(
            self.style.SUCCESS(f"Website checks recorded: {count}, in {time.monotonic() - started:.1f} s.")
        )
