"""Rebuild the portal's search table from what is published now."""

from typing import Any

from django.core.management.base import BaseCommand

from prongsai.publication.search_index import search_documents_rebuild


class Command(BaseCommand):
    help = "Rebuild the portal search table from the published information (after a restore or a bulk import)."

    def handle(self, *args: Any, **options: Any) -> None:
        """Rewrite every search row and say how many there are."""
        count = search_documents_rebuild()
        self.stdout.write(f"search rows: {count}")
