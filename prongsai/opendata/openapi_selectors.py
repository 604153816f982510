"""Read what the OpenAPI description offers as examples: a dataset of the catalogue it describes."""

from .entities import DatasetEntry
from .kinds import DatasetKind, Scope
from .selectors import dataset_entry, datasets


def openapi_example() -> DatasetEntry | None:
    """Return the dataset whose names the description gives as examples (two queries; two more when it
    falls back to any dataset).

    A unit's procurement records with rows come first: they have every kind of address (downloads and
    OCDS packages by month); else any dataset; None for an empty catalogue.
    """
    row = datasets().filter(kind=DatasetKind.PROCUREMENT_RECORDS, scope=Scope.UNIT, rows__gt=0).first()
    if row is None:
        row = datasets().first()
    return dataset_entry(row) if row is not None else None
