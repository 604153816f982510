"""What the catalogue knows of a dataset, its publisher and its downloads, as plain values. Pure: no Django.

The selectors build these from the catalogue's rows; the mappers (ckan, dcat, the portal's pages)
read nothing else. Addresses here are paths from the site's root: a mapper joins them to the
base address of the request it answers, so every link points back at the server that was asked.
The paths are those of opendata/urls.py (a test resolves each of them).
"""

import datetime as dt
import uuid
from dataclasses import dataclass, field

from .kinds import KIND_SPECS, DatasetKind, KindSpec, License, Scope

# Names the catalogue's identifiers: the same organization or dataset always gets the same UUID.
NAMESPACE = uuid.UUID("6f1d7a52-3c1e-4b8e-9a57-0c2f5e3d9b41")

CSV = "CSV"
JSON = "JSON"
XLSX = "XLSX"
OCDS = "OCDS"

MEDIA_TYPES = {
    CSV: "text/csv",
    JSON: "application/json",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    OCDS: "application/json",
}
TABLE_FORMATS = (CSV, JSON, XLSX)
# An OCDS package of every record of an address holds at most this many releases: a department of
# thousands of units publishes by month instead (62,844 releases made one package of 220 MB in 19 s;
# a month of those 8,300 units is 18 MB, bench/opendata_catalogue.py).
OCDS_PACKAGE_MAX_RELEASES = 20_000


def organization_uuid(organization_pk: int) -> str:
    """Return the CKAN id of an organization: stable across renames of its slug."""
    return str(uuid.uuid5(NAMESPACE, f"organization:{organization_pk}"))


def dataset_uuid(organization_pk: int, kind: DatasetKind) -> str:
    """Return the CKAN id of an organization's dataset of a kind: stable across renames."""
    return str(uuid.uuid5(NAMESPACE, f"dataset:{organization_pk}:{kind.value}"))


def table_path(name: str, file_format: str) -> str:
    """Return the path of a dataset's CSV, JSON or XLSX download."""
    return f"/opendata/datasets/{name}.{file_format.lower()}"


def ocds_path(organization_slug: str, month: str | None = None) -> str:
    """Return the path of an organization's OCDS release package: every record, or one month's ("2026-03")."""
    if month is None:
        return f"/opendata/ocds/{organization_slug}.json"
    return f"/opendata/ocds/{organization_slug}/{month}.json"


def ocds_record_path(organization_slug: str, month: str, sequence: int) -> str:
    """Return the path of the release package of one procurement (the unit's month and the record's ลำดับ)."""
    return f"/opendata/ocds/{organization_slug}/{month}/{sequence}.json"


def dataset_page_path(name: str, language: str = "th") -> str:
    """Return the path of the dataset's page on the portal."""
    return f"/{language}/opendata/{name}/"


@dataclass(frozen=True)
class Publisher:
    """An organization that publishes datasets (a CKAN organization): the department or one of its units."""

    pk: int
    id: str  # organization_uuid
    name: str  # the slug, lower case
    slug: str  # as stored (addresses of the portal use it)
    title_th: str
    title_en: str
    is_department: bool
    created: dt.datetime
    website: str = ""  # the unit's own main website, when it has one
    parent_name: str | None = None  # a unit's department

    def title(self, language: str = "th") -> str:
        return self.title_en if language == "en" and self.title_en else self.title_th

    @property
    def page_path(self) -> str:
        return f"/th/units/{self.slug}/"


@dataclass(frozen=True)
class Distribution:
    """One download of a dataset (a CKAN resource, a DCAT distribution)."""

    id: str
    format: str  # CSV, JSON, XLSX or OCDS
    title_th: str
    title_en: str
    path: str
    month: str | None = None  # an OCDS package of one month

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    def title(self, language: str = "th") -> str:
        return self.title_en if language == "en" else self.title_th


@dataclass(frozen=True)
class DatasetEntry:
    """A dataset in the catalogue."""

    id: str  # dataset_uuid
    name: str
    kind: DatasetKind
    scope: Scope
    publisher: Publisher
    title_th: str
    title_en: str
    notes_th: str
    notes_en: str
    created: dt.datetime
    modified: dt.datetime
    license: License
    rows: int = 0
    fiscal_years: tuple[int, ...] = ()  # BE years the rows cover
    months: tuple[str, ...] = ()  # "YYYY-MM" months with procurement records (OCDS packages)
    temporal_start: dt.date | None = None
    temporal_end: dt.date | None = None
    extra: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def spec(self) -> KindSpec:
        return KIND_SPECS[self.kind]

    def title(self, language: str = "th") -> str:
        return self.title_en if language == "en" and self.title_en else self.title_th

    def notes(self, language: str = "th") -> str:
        return self.notes_en if language == "en" and self.notes_en else self.notes_th

    def distributions(self) -> list[Distribution]:
        """Return the downloads: CSV, JSON, XLSX, and for procurement records OCDS (every record, then by month)."""
        found = [
            Distribution(
                f"{self.name}-{file_format.lower()}",
                file_format,
                f"{self.title_th} ({file_format})",
                f"{self.title_en} ({file_format})",
                table_path(self.name, file_format),
            )
            for file_format in TABLE_FORMATS
        ]
        if self.spec.ocds and self.rows <= OCDS_PACKAGE_MAX_RELEASES:
            found.append(
                Distribution(
                    f"{self.name}-ocds",
                    OCDS,
                    f"{self.title_th} (OCDS ทุกรายการ)",
                    f"{self.title_en} (OCDS, every record)",
                    ocds_path(self.publisher.slug),
                )
            )
        if self.spec.ocds:
            found.extend(
                Distribution(
                    f"{self.name}-ocds-{month}",
                    OCDS,
                    f"{self.title_th} (OCDS เดือน {month})",
                    f"{self.title_en} (OCDS, {month})",
                    ocds_path(self.publisher.slug, month),
                    month=month,
                )
                for month in self.months
            )
        return found

    def distribution(self, resource_id: str) -> Distribution | None:
        """Return the download with that id, or None."""
        return next((d for d in self.distributions() if d.id == resource_id), None)
