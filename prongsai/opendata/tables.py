"""The rows of each kind of dataset as the CSV, JSON and XLSX downloads give them. Pure: no Django.

Placeholder: the downloads work fills this module in (columns, row builders, writers).
"""

from .kinds import DatasetKind


def column_descriptions(kind: DatasetKind) -> list[tuple[str, str, str]]:
    """Return (column name, Thai description, English description) for each column of a kind's downloads, in order."""
    return []
