"""The machine-readable site map (/sitemap.xml): every public page in Thai and English.

Each address is listed once per language with `hreflang` alternates; unit and item pages say
when the unit last published something. Each section costs one query whatever the data size.
"""

import datetime as dt
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse

from prongsai.disclosures.models import Entry
from prongsai.opendata.models import Dataset
from prongsai.organizations.models import Organization

from .views import POLICIES


class _Bilingual(Sitemap[Any]):
    # No x-default: every address carries its language, and the unprefixed form does not exist.
    i18n = True
    alternates = True


class PortalPagesSitemap(_Bilingual):
    """Home, the human site map, the policies, the open data catalogue and the developers' guide."""

    changefreq = "monthly"

    def items(self) -> list[tuple[str, tuple[str, ...]]]:
        pages: list[tuple[str, tuple[str, ...]]] = [("portal:home", ()), ("portal:sitemap", ())]
        pages += [("portal:policy", (name,)) for name in POLICIES]
        return [*pages, ("opendata_pages:catalogue", ()), ("opendata_pages:developers", ())]

    def location(self, item: tuple[str, tuple[str, ...]]) -> str:
        name, args = item
        return reverse(name, args=args)


def _published_entries() -> Q:
    return Q(entries__item__retired=False, entries__item__checklist__is_active=True)


class UnitSitemap(_Bilingual):
    """Every active unit's page, dated by its last publication."""

    changefreq = "weekly"

    def items(self) -> QuerySet[Organization]:
        return (
            Organization.objects.filter(is_active=True)
            .annotate(last_published=Max("entries__last_approved_at", filter=_published_entries()))
            .order_by("sort_order", "slug")
        )

    def location(self, item: Organization) -> str:
        return reverse("portal:unit", args=[item.slug])

    def lastmod(self, item: Organization) -> dt.datetime | None:
        return item.last_published  # type: ignore[attr-defined, no-any-return]


class ItemSitemap(_Bilingual):
    """Every item page of every active unit, dated by the unit's last publication."""

    changefreq = "weekly"

    def items(self) -> QuerySet[Entry]:
        unit_last = (
            Entry.objects.filter(organization=OuterRef("organization"))
            .values("organization")
            .annotate(last=Max("last_approved_at"))
            .values("last")
        )
        return (
            Entry.objects.filter(organization__is_active=True, item__retired=False, item__checklist__is_active=True)
            .select_related("organization", "item")
            .annotate(unit_last_published=Subquery(unit_last))
            .order_by("organization__sort_order", "organization__slug", "item__position")
        )

    def location(self, item: Entry) -> str:
        return reverse("portal:item", args=[item.organization.slug, item.item.code])

    def lastmod(self, item: Entry) -> dt.datetime | None:
        return item.unit_last_published  # type: ignore[attr-defined, no-any-return]


class DatasetSitemap(_Bilingual):
    """Every open dataset's page, dated by the dataset's last change."""

    changefreq = "weekly"

    def items(self) -> QuerySet[Dataset]:
        return Dataset.objects.filter(organization__is_active=True).only("name", "metadata_modified").order_by("name")

    def location(self, item: Dataset) -> str:
        return reverse("opendata_pages:dataset", args=[item.name])

    def lastmod(self, item: Dataset) -> dt.datetime:
        return item.metadata_modified


SITEMAPS: dict[str, type[Sitemap[Any]]] = {
    "pages": PortalPagesSitemap,
    "units": UnitSitemap,
    "items": ItemSitemap,
    "datasets": DatasetSitemap,
}
