"""A catalogue of 250 datasets for the DCAT paging tests, on top of the shared world (world.py).

The shared world's 16 datasets, plus 117 more units of the department "ops", bulk-000 … bulk-116
(หน่วยงานทดสอบที่ N / Bulk unit N), that have published nothing: the sync gives each of them its
two datasets that always exist, `bulk-NNN-register` and `bulk-NNN-channel-statistics`. 16 + 2 × 117
= 250 datasets, every one modified at SYNCED (the department-wide ones are refreshed at the same
moment). With 100 datasets a page that is three pages: 100, 100 and 50.
"""

from prongsai.opendata.catalogue import catalogue_sync
from prongsai.organizations.models import Organization

from .world import SYNCED, OpendataWorld

BULK_UNITS = 117
TOTAL = 250
KINDS = (
    "register",
    "action-plans",
    "plan-progress",
    "procurement-plans",
    "procurement-records",
    "channel-statistics",
    "monitor-scores",
)
# The shared world's datasets, as its docstring lists them.
WORLD_NAMES = [
    *(f"ops-{kind}" for kind in KINDS),
    *(f"unit-0-{kind}" for kind in KINDS),
    "unit-1-register",
    "unit-1-channel-statistics",
]


def bulk_names() -> list[str]:
    """Return the names of the datasets the bulk units add, written out from the docstring."""
    return [f"bulk-{index:03d}-{kind}" for index in range(BULK_UNITS) for kind in ("register", "channel-statistics")]


def build_large_catalogue(world: OpendataWorld) -> list[str]:
    """Add the bulk units, sync them, and return the names of all 250 datasets."""
    units = Organization.objects.bulk_create(
        Organization(
            kind=Organization.Kind.UNIT,
            parent=world.department,
            slug=f"bulk-{index:03d}",
            name_th=f"หน่วยงานทดสอบที่ {index}",
            name_en=f"Bulk unit {index}",
            sort_order=100 + index,
        )
        for index in range(BULK_UNITS)
    )
    catalogue_sync(now=SYNCED, organization_ids=[unit.pk for unit in units])
    return [*WORLD_NAMES, *bulk_names()]
