"""The catalogue's answers to what the apps below announce: sync the units concerned after the commit.

Connected in OpendataConfig.ready(). A published version, a changed organization or checklist, a
received or handled opinion or complaint, and a finished website check each change some dataset's
rows or metadata; the sync itself compares digests and writes only what changed.
"""

from typing import Any

from prongsai.channels.models import Submission
from prongsai.disclosures.models import Entry
from prongsai.monitoring.models import SiteCheck
from prongsai.organizations.models import Organization

from .catalogue import catalogue_sync_later


def entry_published(sender: Any, *, entry: Entry, **_: Any) -> None:
    catalogue_sync_later([entry.organization_id])


def organization_changed(sender: Any, *, organization: Organization, **_: Any) -> None:
    catalogue_sync_later([organization.pk])


def checklist_changed(sender: Any, **_: Any) -> None:
    catalogue_sync_later(None)


def submission_saved(sender: Any, *, instance: Submission, raw: bool = False, **_: Any) -> None:
    if not raw:
        catalogue_sync_later([instance.organization_id])


def check_saved(sender: Any, *, instance: SiteCheck, raw: bool = False, **_: Any) -> None:
    if not raw and instance.state == SiteCheck.State.DONE:
        catalogue_sync_later([instance.organization_id])
