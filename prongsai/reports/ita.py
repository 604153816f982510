"""The ITA sheet: per unit and fiscal year, each OIT code of that ITA year with the items it maps to and where the
evidence stands on the unit's own website, gaps flagged (issue 11; the sheet units fill in the ITAS form from).

For fiscal year N the ITA year is ``ita-N`` (the checklist crosswalk's key). Each mapped item's address comes
from the register's published version (its Thai, then English page) when that is on one of the unit's
registered websites, otherwise from the website monitor's latest finished check (its evidence, the ICT
monitor's override applied). The ITAS asks for an address on the agency's *own* website: an address
elsewhere (the Prongsai portal, a shared drive, a social network) is flagged, not offered.

The sheet is read live (not frozen like a round's report): units fill it in when the ITA opens.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prongsai.checklists.models import ChecklistItem
from prongsai.checklists.oit import OitList, shipped_oit_lists, year_key
from prongsai.disclosures.models import Entry
from prongsai.disclosures.selectors import entry_status_of
from prongsai.disclosures.workflow import EntryStatus
from prongsai.monitoring.outcome import ItemStatus
from prongsai.monitoring.selectors import unit_monitor_summary
from prongsai.organizations.models import Organization


class EvidenceSource(StrEnum):
    """Where an evidence address comes from."""

    REGISTER = "register"  # the published version's page address, reviewed by the unit
    MONITOR = "monitor"  # the website monitor's evidence, not confirmed by the unit


class ItaFlag(StrEnum):
    """What is wrong with one OIT code × item row (a row can have several)."""

    NO_ITEM = "no_item"  # no checklist item maps to the OIT code
    ITEM_MISSING = "item_missing"  # the register has no published version of the item
    NO_EVIDENCE = "no_evidence"  # no address on the unit's own website from either source
    MONITOR_ONLY = "monitor_only"  # the address comes from the monitor only: the register gives none on the own site
    NOT_OWN_SITE = "not_own_site"  # the register's address is not on any of the unit's registered websites
    STALE = "stale"  # the register's entry is past its review date


FLAG_LABELS: Mapping[ItaFlag, Promise] = {
    ItaFlag.NO_ITEM: _("No matching item in the register"),
    ItaFlag.ITEM_MISSING: _("Not published in the register"),
    ItaFlag.NO_EVIDENCE: _("No evidence address on the unit's own website"),
    ItaFlag.MONITOR_ONLY: _("Address found by the website monitor only"),
    ItaFlag.NOT_OWN_SITE: _("The register's address is not on the unit's own website"),
    ItaFlag.STALE: _("Overdue for review in the register"),
}

SOURCE_LABELS: Mapping[EvidenceSource, Promise] = {
    EvidenceSource.REGISTER: _("Register"),
    EvidenceSource.MONITOR: _("Website monitor"),
}


class ItaYearUnavailable(Exception):
    """The fiscal year has no ITA year to build a sheet from; the message is given in Thai and English."""

    def __init__(self, message_th: str, message_en: str) -> None:
        self.message_th = message_th
        self.message_en = message_en
        super().__init__(f"{message_th} / {message_en}")

    def message(self, language: str) -> str:
        """Return the message in the reader's language (Thai unless English)."""
        return self.message_en if language == "en" else self.message_th


def _in_both(message: str, **values: object) -> tuple[str, str]:
    """Translate a message into Thai and English (the catalogues hold both), filling in the values."""
    texts = []
    for language in ("th", "en"):
        with translation.override(language):
            texts.append(gettext(message) % values)
    return texts[0], texts[1]


def _site_host(host: str) -> str:
    host = host.lower().rstrip(".")
    return host.removeprefix("www.")


def on_own_website(url: str, websites: Iterable[str]) -> bool:
    """Tell whether an address stands on one of the unit's registered websites.

    Hosts compare without case, port and a leading ``www.``; the scheme may be http or https. A website
    registered at a host's root owns the host's subdomains too (``eservice.unit.go.th`` under ``unit.go.th``):
    whoever runs a domain runs its subdomains. A website registered under a path (a unit's section of a
    shared host, ``https://www.example.go.th/unit-a/``) owns only that path, and no subdomain: the rest of the
    host belongs to someone else.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    host = _site_host(parts.hostname)
    path = parts.path or "/"
    for website in websites:
        site = urlsplit(website.strip())
        if not site.hostname:
            continue
        site_host = _site_host(site.hostname)
        site_path = site.path if site.path.endswith("/") else f"{site.path}/"
        if site_path == "/":
            if host == site_host or host.endswith(f".{site_host}"):
                return True
        elif host == site_host and (path == site_path.rstrip("/") or path.startswith(site_path)):
            return True
    return False


@dataclass(frozen=True)
class ItaItemRow:
    """One checklist item mapped to an OIT code, with its evidence address and what is wrong with it."""

    code: str
    name_th: str
    name_en: str
    status: EntryStatus
    url: str  # on the unit's own website; "" when none
    source: EvidenceSource | None
    offsite_url: str  # the register's address when it is not on the unit's own website
    as_of: dt.date | None
    reviewed_on: dt.date | None
    next_review_due: dt.date | None
    monitor_status: ItemStatus | None
    flags: tuple[ItaFlag, ...]

    def name(self, language: str = "th") -> str:
        return self.name_en if language == "en" else self.name_th


@dataclass(frozen=True)
class ItaRow:
    """One OIT code of the ITA year and the items that answer it (none: the code is a gap)."""

    code: str
    title_th: str
    title_en: str
    attested: bool
    items: tuple[ItaItemRow, ...]

    def title(self, language: str = "th") -> str:
        return self.title_en if language == "en" else self.title_th

    @property
    def flags(self) -> tuple[ItaFlag, ...]:
        """Return the row's flags: NO_ITEM for an unmapped code, else every flag of its items once, in order."""
        if not self.items:
            return (ItaFlag.NO_ITEM,)
        return tuple(dict.fromkeys(flag for item in self.items for flag in item.flags))


@dataclass(frozen=True)
class ItaGap:
    """One flag of one row, as the gaps list shows it."""

    code: str
    title_th: str
    title_en: str
    item_code: str  # "" when no item maps to the code
    item_name_th: str
    item_name_en: str
    flag: ItaFlag


@dataclass(frozen=True)
class ItaSheet:
    """The ITA sheet of one unit for one fiscal year, as of a day."""

    organization: Organization
    fiscal_year: int
    oit: OitList
    today: dt.date
    websites: tuple[str, ...]
    monitor_checked_at: dt.datetime | None
    rows: tuple[ItaRow, ...]

    @property
    def gaps(self) -> list[ItaGap]:
        """Return every flag of every row, in OIT order."""
        gaps: list[ItaGap] = []
        for row in self.rows:
            if not row.items:
                gaps.append(ItaGap(row.code, row.title_th, row.title_en, "", "", "", ItaFlag.NO_ITEM))
            for item in row.items:
                gaps += [
                    ItaGap(row.code, row.title_th, row.title_en, item.code, item.name_th, item.name_en, flag)
                    for flag in item.flags
                ]
        return gaps

    @property
    def codes_ready(self) -> int:
        """Count the OIT codes whose every mapped item has an address on the unit's own website and no flag."""
        return sum(1 for row in self.rows if row.items and not row.flags)


def ita_years_available(*, lists: Mapping[str, OitList] | None = None) -> list[int]:
    """Return the fiscal years (BE) a sheet can be built for: the crosswalk names them and an OIT list titles them.

    One query (the active checklist's crosswalks).
    """
    lists = shipped_oit_lists() if lists is None else lists
    named: set[str] = set()
    for crosswalk in ChecklistItem.objects.filter(checklist__is_active=True, retired=False).values_list(
        "crosswalk", flat=True
    ):
        named.update(crosswalk)
    return sorted((oit.be_year for key, oit in lists.items() if key in named), reverse=True)


def _item_row(
    *,
    item: ChecklistItem,
    entry: Entry | None,
    monitor: tuple[ItemStatus, list[str]] | None,
    websites: tuple[str, ...],
    today: dt.date,
) -> ItaItemRow:
    published = entry.published_version if entry is not None else None
    status = entry_status_of(entry, today) if entry is not None else EntryStatus.MISSING
    flags: list[ItaFlag] = []
    if published is None:
        flags.append(ItaFlag.ITEM_MISSING)
    register_urls = [u for u in (published.url_th, published.url_en) if u] if published is not None else []
    own = [u for u in register_urls if on_own_website(u, websites)]
    offsite = next((u for u in register_urls if u not in own), "")
    url, source = "", None
    if own:
        url, source = own[0], EvidenceSource.REGISTER
    elif monitor is not None and monitor[0] is not ItemStatus.NOT_FOUND:
        found = [u for u in monitor[1] if on_own_website(u, websites)]
        if found:
            url, source = found[0], EvidenceSource.MONITOR
    if register_urls and not own:
        flags.append(ItaFlag.NOT_OWN_SITE)
    if source is EvidenceSource.MONITOR:
        flags.append(ItaFlag.MONITOR_ONLY)
    if not url:
        flags.append(ItaFlag.NO_EVIDENCE)
    if status is EntryStatus.OVERDUE:
        flags.append(ItaFlag.STALE)
    return ItaItemRow(
        code=item.code,
        name_th=item.name_th,
        name_en=item.name_en,
        status=status,
        url=url,
        source=source,
        offsite_url=offsite,
        as_of=published.as_of if published is not None else None,
        reviewed_on=timezone.localdate(entry.last_approved_at) if entry and entry.last_approved_at else None,
        next_review_due=entry.next_review_due if entry is not None else None,
        monitor_status=monitor[0] if monitor is not None else None,
        flags=tuple(flags),
    )


def ita_sheet(
    *,
    organization: Organization,
    fiscal_year: int,
    today: dt.date,
    lists: Mapping[str, OitList] | None = None,
) -> ItaSheet:
    """Build the unit's ITA sheet for a fiscal year (BE), as of `today`: six queries whatever the number of items.

    Raise ItaYearUnavailable when the checklist's crosswalk does not name the year's ITA (``ita-<year>``)
    or no OIT list gives its codes. `lists` replaces the shipped OIT lists (tests build their own).
    """
    lists = shipped_oit_lists() if lists is None else lists
    key = year_key(fiscal_year)
    items = list(ChecklistItem.objects.filter(checklist__is_active=True, retired=False).order_by("position"))
    if not any(key in item.crosswalk for item in items):
        th, en = _in_both(
            "The checklist's crosswalk has no ITA %(year)s: no OIT code is mapped for fiscal year %(year)s.",
            year=fiscal_year,
        )
        raise ItaYearUnavailable(th, en)
    oit = lists.get(key)
    if oit is None:
        th, en = _in_both(
            "There is no list of the OIT codes of ITA %(year)s to build the sheet from.", year=fiscal_year
        )
        raise ItaYearUnavailable(th, en)
    entries = {
        entry.item_id: entry
        for entry in Entry.objects.filter(
            organization=organization, item__in=[item.pk for item in items]
        ).select_related("item", "published_version")
    }
    websites = tuple(organization.websites.order_by("-is_primary", "url").values_list("url", flat=True))
    summary = unit_monitor_summary(organization=organization, today=today)
    monitor: dict[int, tuple[ItemStatus, list[str]]] = {}
    if summary is not None:
        monitor = {found.finding.item_id: (found.status, found.finding.evidence_urls) for found in summary.findings}

    by_code: dict[str, list[ItaItemRow]] = {}
    for item in items:
        codes = item.crosswalk.get(key, [])
        if not codes:
            continue
        row = _item_row(
            item=item, entry=entries.get(item.pk), monitor=monitor.get(item.pk), websites=websites, today=today
        )
        for code in codes:
            by_code.setdefault(code, []).append(row)
    rows = tuple(
        ItaRow(
            oit_item.code,
            oit_item.title_th,
            oit_item.title_en,
            oit_item.attested,
            tuple(by_code.get(oit_item.code, ())),
        )
        for oit_item in oit.items
    )
    return ItaSheet(
        organization=organization,
        fiscal_year=fiscal_year,
        oit=oit,
        today=today,
        websites=websites,
        monitor_checked_at=summary.check.finished_at if summary is not None else None,
        rows=rows,
    )
