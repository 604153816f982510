"""`manage.py opendata sync [--unit SLUG]`: bring the open-data catalogue up to date with what is published."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.opendata.catalogue import catalogue_sync
from prongsai.organizations.models import Organization


class Command(BaseCommand):
    help = "Bring the open-data catalogue up to date with what is published (every unit, or one)."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        sync = commands.add_parser("sync", help="Recompute the datasets and write what changed.")
        sync.add_argument("--unit", help="Only this unit (its slug) and its department's department-wide datasets.")

    def handle(self, *args: Any, **options: Any) -> None:
        ids = None
        if options.get("unit"):
            organization = Organization.objects.filter(slug=options["unit"]).first()
            if organization is None:
                raise CommandError(f"ไม่พบหน่วยงาน {options['unit']} / No unit {options['unit']}")
            ids = [organization.pk]
        result = catalogue_sync(organization_ids=ids)
        self.stdout.write(
            f"created {result.created}, updated {result.updated}, removed {result.removed}, "
            f"unchanged {result.unchanged}"
        )
