"""`manage.py demo`: load the illustrative department once and print who can sign in."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from prongsai.demo.builder import DemoConflict, demo_load, status_summary


class Command(BaseCommand):
    help = (
        "Load an illustrative department (สำนักงานปลัดกระทรวงการคลัง) with its units, people, roles and register "
        "histories through the audited services, once; print and save the sign-in names and passwords."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            outcome = demo_load()
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
        self.stdout.write(", ".join(f"{count} {name}" for name, count in outcome.counts.items()))
        self.stdout.write(f"Entry statuses today: {status_summary(outcome.statuses)}")
        for line in outcome.off_plan:
            self.stdout.write(self.style.WARNING(f"Not as planned: {line}"))
        self.stdout.write(self.style.SUCCESS(f"Demo loaded in {outcome.seconds:.1f} s."))
