"""Read what the OCDS packages are made of: the procurement records an organization's address publishes.

Only records that an approved version published count (sources.published_snapshots), so a record
entered after the last publication stays out until a new version is approved and published.
"""

from dataclasses import dataclass
from typing import cast

from django.db.models import Q
from django.utils import timezone

from prongsai.organizations.models import Organization
from prongsai.procurement.snapshot import RecordData

from .kinds import DatasetKind
from .ocds import Buyer, PublishedRecord
from .sources import published_snapshots

# Slugs are at most this long (Organization.slug): a longer one names nobody, and is not looked up.
SLUG_MAX = 80


@dataclass(frozen=True)
class OcdsSource:
    """The records published under an organization's address: its own for a unit, its units' for a department."""

    organization: Organization
    publisher: Organization  # the department, whose name the packages are published under
    records: list[PublishedRecord]  # by unit (in the organizations' order), month and ลำดับ

    def of_month(self, month: str) -> list[PublishedRecord]:
        """Return the records of one month ("2026-03")."""
        return [item for item in self.records if item.record["month"] == month]

    def one(self, month: str, sequence: int) -> PublishedRecord | None:
        """Return the record of a month and ลำดับ, or None."""
        return next((item for item in self.of_month(month) if item.record["sequence"] == sequence), None)


def ocds_source(*, slug: str) -> OcdsSource | None:
    """Return the published procurement records under an organization's slug, or None for no active one: three queries.

    A unit's address holds its own records; the department's holds every active unit's (the
    department-wide dataset, like the catalogue's, is made of its units'). One query reads the
    organization with its department and its units, two read the published snapshots.
    """
    if not slug or len(slug) > SLUG_MAX:
        return None
    found = list(
        Organization.objects.filter(Q(slug=slug) | Q(parent__slug=slug, parent__is_active=True), is_active=True)
        .select_related("parent")
        .order_by("sort_order", "slug")
    )
    organization = next((org for org in found if org.slug == slug), None)
    if organization is None:
        return None
    if organization.kind == Organization.Kind.DEPARTMENT:
        units = [org for org in found if org.parent_id == organization.pk]
        publisher = organization
    else:
        units = [organization]
        publisher = organization.parent or organization
    snapshots = published_snapshots(
        organization_ids=[unit.pk for unit in units], kinds=[DatasetKind.PROCUREMENT_RECORDS]
    )
    records: list[PublishedRecord] = []
    for unit in units:
        buyer = Buyer(slug=unit.slug, name=unit.name_th)
        mine = [
            PublishedRecord(
                buyer=buyer,
                published_at=timezone.localtime(snapshot.published_at),
                record=cast(RecordData, record),
            )
            for snapshot in snapshots.get((unit.pk, DatasetKind.PROCUREMENT_RECORDS), [])
            for record in snapshot.data.get("records", [])
        ]
        records.extend(sorted(mine, key=lambda item: (item.record["month"], item.record["sequence"])))
    return OcdsSource(organization=organization, publisher=publisher, records=records)
