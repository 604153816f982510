"""Reads for the open data's pages for people: the catalogue with its filters, one dataset, the developers' guide.

Each page costs a fixed number of queries whatever the number of datasets (the tests assert the
counts). The catalogue is ordered the way the portal lists organizations (the department first,
then configured and Thai dictionary order) and, within an organization, in the order of the kinds;
sorting happens in Python on the matching ids only, because the Thai order key is not a column.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Max, Value, When

from prongsai.disclosures.selectors import thai_sorted
from prongsai.organizations.models import Organization
from prongsai.publication.searchtext import MAX_QUERY_LENGTH
from prongsai.thaidate import ENGLISH_MONTHS, format_thai_month
from prongsai.thaitext import fold, normalize_thai

from . import tables
from .entities import OCDS, TABLE_FORMATS, DatasetEntry, Distribution
from .kinds import (
    GD_DATA_CATEGORY,
    GD_DATA_CLASSIFICATION,
    GD_ENGLISH,
    GD_GEO_COVERAGE,
    GD_OBJECTIVE,
    GD_THAI,
    GROUPS,
    KIND_SPECS,
    RECORDS,
    STATISTICS,
    DatasetKind,
    Group,
    Scope,
    data_languages,
)
from .models import Dataset
from .selectors import dataset_entries, dataset_entry, datasets
from .settings import catalog_page_size, ocid_prefix, opendata_license

PER_PAGE = 20
NAME_LENGTH = 100  # Dataset.name's max_length: a longer address names no dataset
FORMATS = (*TABLE_FORMATS, OCDS)
_KIND_ORDER = {kind: position for position, kind in enumerate(KIND_SPECS)}
_GROUPS = {group.name: group for group in GROUPS}


def catalogue_state() -> str:
    """Return a token that changes whenever what the pages show does (one query).

    `catalogue_sync` moves `metadata_modified` of every dataset it rewrites and removes the datasets
    of organizations that left, so the count and the last change move with every change of a
    dataset; the publishers' own last change covers what is not in a dataset's digest (a unit's
    place in the list). The licence, the ocid prefix and the DCAT page size are settings the pages
    print, so they are part of it as well.
    """
    state = Dataset.objects.filter(organization__is_active=True).aggregate(
        count=Count("pk"), modified=Max("metadata_modified"), publishers=Max("organization__updated_at")
    )
    moments = [value.isoformat() if value else "" for value in (state["modified"], state["publishers"])]
    settings = [opendata_license().id, ocid_prefix(), str(catalog_page_size())]
    raw = "|".join([str(state["count"]), *moments, *settings])
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


class CatalogueProblem(StrEnum):
    """A part of the catalogue's query that could not be applied (the page says so and shows the rest)."""

    TEXT_TOO_LONG = "text_too_long"
    UNKNOWN_ORGANIZATION = "unknown_organization"
    UNKNOWN_GROUP = "unknown_group"
    UNKNOWN_FORMAT = "unknown_format"


@dataclass(frozen=True)
class CatalogueQuery:
    """What a visitor asked the catalogue for, as typed (the query string's q, organization, group, format, page)."""

    text: str = ""
    organization: str = ""
    group: str = ""
    file_format: str = ""
    page: str = ""


@dataclass(frozen=True)
class CatalogueItem:
    """A dataset as the catalogue lists it, with the formats it downloads in (each once)."""

    entry: DatasetEntry
    formats: tuple[str, ...]


def catalogue_item(entry: DatasetEntry) -> CatalogueItem:
    """Return a dataset with its distinct download formats, in the order of its downloads."""
    return CatalogueItem(entry, tuple(dict.fromkeys(d.format for d in entry.distributions())))


@dataclass
class CatalogueResult:
    """One page of the catalogue: the datasets, the filters that were applied, and the choices offered."""

    items: list[CatalogueItem]
    page: Page[tuple[int, int, str]]
    organizations: list[Organization]
    text: str = ""  # the applied search text, as typed
    organization: Organization | None = None
    group: Group | None = None
    file_format: str = ""
    problems: list[CatalogueProblem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @property
    def filtered(self) -> bool:
        return bool(self.text or self.organization or self.group or self.file_format)


def _kinds_with_format(file_format: str) -> list[str]:
    # Every dataset downloads as CSV, JSON and XLSX; only the kinds published as OCDS have OCDS packages.
    return [kind.value for kind, spec in KIND_SPECS.items() if file_format != OCDS or spec.ocds]


def catalogue_search(query: CatalogueQuery, *, per_page: int = PER_PAGE) -> CatalogueResult:
    """Return the page of datasets matching the query, in portal order, with the organizations to filter by.

    Free text matches like the API's `q`: the folded text is a substring of the dataset's folded
    titles, descriptions, tags and slug. A filter that names nothing known is left out, and the
    result says which, so the visitor sees every dataset and a message instead of an empty page.
    Four queries (three when nothing matches).
    """
    problems: list[CatalogueProblem] = []
    publishing = Dataset.objects.values("organization_id")
    organizations = thai_sorted(list(Organization.objects.filter(is_active=True, pk__in=publishing)))
    matching = Dataset.objects.filter(organization__is_active=True)

    text = query.text
    if len(text) > MAX_QUERY_LENGTH:
        problems.append(CatalogueProblem.TEXT_TOO_LONG)
        text = ""
    else:
        # Shown back in the search box as stored text is shown: without invisible or control characters.
        text = normalize_thai(text)
        if text:
            matching = matching.filter(search_text__contains=fold(text))

    organization = None
    if query.organization:
        wanted = query.organization.strip().lower()
        organization = next((o for o in organizations if o.slug.lower() == wanted), None)
        if organization is None:
            problems.append(CatalogueProblem.UNKNOWN_ORGANIZATION)
        else:
            matching = matching.filter(organization=organization)

    group = None
    if query.group:
        group = _GROUPS.get(query.group.strip().lower())
        if group is None:
            problems.append(CatalogueProblem.UNKNOWN_GROUP)
        else:
            matching = matching.filter(kind__in=[k.value for k, spec in KIND_SPECS.items() if spec.group == group.name])

    file_format = ""
    if query.file_format:
        file_format = query.file_format.strip().upper()
        if file_format not in FORMATS:
            problems.append(CatalogueProblem.UNKNOWN_FORMAT)
            file_format = ""
        else:
            matching = matching.filter(kind__in=_kinds_with_format(file_format))

    position = {o.pk: index for index, o in enumerate(organizations)}
    found = sorted(
        matching.values_list("pk", "organization_id", "kind"),
        key=lambda row: (position.get(row[1], len(position)), _KIND_ORDER[DatasetKind(row[2])]),
    )
    page = Paginator(found, per_page).get_page(query.page or 1)
    shown = [pk for pk, _organization, _kind in page.object_list]
    rows = {row.pk: row for row in datasets().filter(pk__in=shown)} if shown else {}
    return CatalogueResult(
        items=[catalogue_item(entry) for entry in dataset_entries(rows[pk] for pk in shown)],
        page=page,
        organizations=organizations,
        text=text,
        organization=organization,
        group=group,
        file_format=file_format,
        problems=problems,
    )


@dataclass(frozen=True)
class Bilingual:
    """A value shown in the reader's language (Thai authoritative): GD-Catalog's Thai term and its English meaning."""

    value_th: str
    value_en: str


# GD-Catalog's terms for what every dataset of the catalogue is, with their meaning in English.
_DATA_TYPES = {RECORDS: "Records", STATISTICS: "Statistics"}
OBJECTIVE = Bilingual(GD_OBJECTIVE, "The agency's mission")
GEO_COVERAGE = Bilingual(GD_GEO_COVERAGE, "Country")
DATA_CATEGORY = Bilingual(GD_DATA_CATEGORY, "Public data")
CLASSIFICATION = Bilingual(GD_DATA_CLASSIFICATION, "Open")
_LANGUAGES = {GD_THAI: "Thai", GD_ENGLISH: "English"}
# GD-Catalog's frequency units: (the Thai for "once per unit", the English; the English unit for "every n").
_FREQUENCIES = {
    "วัน": ("รายวัน", "Daily", "days"),
    "เดือน": ("รายเดือน", "Monthly", "months"),
    "ปี": ("รายปี", "Yearly", "years"),
    "ครึ่งปี": ("ทุกครึ่งปี", "Every six months", "half-years"),
}


def update_frequency(unit: str, interval: int) -> Bilingual:
    """Return how often a dataset is updated, from GD-Catalog's frequency unit (Thai) and interval."""
    once_th, once_en, plural_en = _FREQUENCIES.get(unit, (f"ทุก 1 {unit}", f"Every 1 {unit}", unit))
    if interval == 1:
        return Bilingual(once_th, once_en)
    return Bilingual(f"ทุก {interval} {unit}", f"Every {interval} {plural_en}")


@dataclass(frozen=True)
class GdCatalog:
    """The DGA GD-Catalog metadata of a dataset, as its page shows it."""

    data_type: Bilingual
    objective: Bilingual
    update_frequency: Bilingual
    geo_coverage: Bilingual
    data_source: Bilingual
    data_formats: tuple[str, ...]
    data_category: Bilingual
    classification: Bilingual
    language: Bilingual


def gd_catalog(entry: DatasetEntry) -> GdCatalog:
    """Return a dataset's GD-Catalog metadata: the kind's type and frequency, the publisher as its source."""
    spec = entry.spec
    return GdCatalog(
        data_type=Bilingual(spec.data_type, _DATA_TYPES.get(spec.data_type, spec.data_type)),
        objective=OBJECTIVE,
        update_frequency=update_frequency(spec.update_frequency_unit, spec.update_frequency_interval),
        geo_coverage=GEO_COVERAGE,
        data_source=Bilingual(entry.publisher.title_th, entry.publisher.title("en")),
        data_formats=catalogue_item(entry).formats,
        data_category=DATA_CATEGORY,
        classification=CLASSIFICATION,
        language=Bilingual(
            ", ".join(data_languages(entry.kind)),
            ", ".join(_LANGUAGES[language] for language in data_languages(entry.kind)),
        ),
    )


@dataclass(frozen=True)
class MonthPackage:
    """An OCDS package of one month, with the month named in Thai (Buddhist era) and in English."""

    distribution: Distribution
    label_th: str
    label_en: str


def _month_package(distribution: Distribution) -> MonthPackage:
    month = dt.date.fromisoformat(f"{distribution.month}-01")
    return MonthPackage(distribution, format_thai_month(month), f"{ENGLISH_MONTHS[month.month]} {month.year}")


@dataclass(frozen=True)
class Column:
    """A column of a dataset's downloads and what it holds."""

    name: str
    description_th: str
    description_en: str


@dataclass(frozen=True)
class DatasetPage:
    """Everything the page of one dataset shows."""

    entry: DatasetEntry
    group: Group
    gd: GdCatalog
    tables: list[Distribution]  # CSV, JSON, XLSX
    ocds_all: Distribution | None  # every record as one OCDS package
    ocds_months: list[MonthPackage]
    columns: list[Column]

    @property
    def is_department(self) -> bool:
        return self.entry.scope == Scope.DEPARTMENT


def dataset_page(name: str) -> DatasetPage | None:
    """Return the page of the dataset with that name, or None (two queries: the row, the publisher's websites).

    Only the name is an address of a page: CKAN's other key, the id, stays with the API so that
    each dataset has one page.
    """
    if not name or len(name) > NAME_LENGTH:
        return None
    row = datasets().filter(name=name).first()
    if row is None:
        return None
    entry = dataset_entry(row)
    distributions = entry.distributions()
    return DatasetPage(
        entry=entry,
        group=_GROUPS[entry.spec.group],
        gd=gd_catalog(entry),
        tables=[d for d in distributions if d.format != OCDS],
        ocds_all=next((d for d in distributions if d.format == OCDS and d.month is None), None),
        ocds_months=[_month_package(d) for d in distributions if d.format == OCDS and d.month is not None],
        columns=[Column(*described) for described in tables.column_descriptions(entry.kind)],
    )


@dataclass(frozen=True)
class DeveloperExamples:
    """Real names from the catalogue for the developers' guide to use in its examples (None: the catalogue is empty)."""

    dataset: str | None
    organization: str | None
    modified: dt.datetime | None
    # A unit's published procurement month, for the OCDS addresses (None: no unit has published any).
    ocds_unit: str | None = None
    ocds_month: str | None = None

    @property
    def since(self) -> str | None:
        """The example dataset's last change in UTC as harvesters write it in `fq` ("2026-04-11T01:00:00Z")."""
        return self.modified.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if self.modified else None


def developer_examples() -> DeveloperExamples:
    """Return the dataset the guide's examples name: a unit's procurement records if there are any, else the first.

    Procurement records show every kind of address (the tables and the OCDS packages). One query.
    """
    procurement = When(kind=DatasetKind.PROCUREMENT_RECORDS.value, scope=Scope.UNIT.value, then=Value(0))
    row = (
        Dataset.objects.filter(organization__is_active=True)
        .select_related("organization")
        .order_by(Case(procurement, default=Value(1), output_field=IntegerField()), "name")
        .first()
    )
    if row is None:
        return DeveloperExamples(None, None, None)
    months = [str(month) for month in (row.coverage or {}).get("months", [])]
    has_ocds = row.kind == DatasetKind.PROCUREMENT_RECORDS.value and row.scope == Scope.UNIT.value and months
    return DeveloperExamples(
        dataset=row.name,
        organization=row.organization.slug.lower(),
        modified=row.metadata_modified,
        ocds_unit=row.organization.slug if has_ocds else None,
        ocds_month=months[0] if has_ocds else None,
    )
