"""Read what a page of the DCAT catalogue shows: the catalogue's state, its publisher, one page of datasets.

A page costs five queries whatever its size: the state (one aggregate), the department (and its
websites, which `publisher_of` reads) and the page's datasets (and their organizations' websites).
A conditional request that has not changed costs the first query only.
"""

from django.db.models import Count, Max, Min

from prongsai.organizations.models import Organization

from .dcat import CatalogState
from .entities import DatasetEntry, Publisher
from .models import Dataset
from .selectors import dataset_entries, datasets, publisher_of, publishers


def catalog_state() -> CatalogState:
    """Return how many datasets the catalogue holds and when it first and last changed (one query)."""
    found = Dataset.objects.filter(organization__is_active=True).aggregate(
        total=Count("pk"), modified=Max("metadata_modified"), issued=Min("metadata_created")
    )
    return CatalogState(total=found["total"], modified=found["modified"], issued=found["issued"])


def catalog_publisher() -> Publisher | None:
    """Return the department that publishes the catalogue (the first one set up), or None before there is one."""
    department = publishers().filter(kind=Organization.Kind.DEPARTMENT).order_by("pk").first()
    return publisher_of(department) if department is not None else None


def catalog_datasets(*, number: int, size: int) -> list[DatasetEntry]:
    """Return the datasets of a 1-based page of `size`, in id order (the order harvesters page in)."""
    start = (number - 1) * size
    return dataset_entries(datasets()[start : start + size])
