"""`manage.py portal_export SLUG --output PATH`: write a unit's static copy (the same ZIP the portal serves)."""

import shutil
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from prongsai.organizations.selectors import public_organization
from prongsai.portal.export import unit_export_archive


class Command(BaseCommand):
    help = "Write a unit's public section as a ZIP to unpack on its own web server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the unit's address name, as in /th/units/<slug>/")
        parser.add_argument("--output", type=Path, required=True, help="where to write the ZIP")

    def handle(self, *args: Any, **options: Any) -> None:
        slug: str = options["slug"]
        output: Path = options["output"]
        organization = public_organization(slug)
        if organization is None:
            raise CommandError(f"ไม่พบหน่วยงาน '{slug}' / no active unit '{slug}'")
        if output.is_dir():
            raise CommandError(f"'{output}' เป็นโฟลเดอร์ ต้องระบุชื่อไฟล์ / '{output}' is a folder; give a file name")
        if not output.parent.is_dir():
            raise CommandError(f"ไม่พบโฟลเดอร์ '{output.parent}' / folder '{output.parent}' does not exist")
        archive = unit_export_archive(organization=organization, today=timezone.localdate())
        shutil.copyfile(archive.path, output)
        size = output.stat().st_size
        self.stdout.write(f"{output}: {organization.slug}, public edition {archive.edition}, {size} bytes")
