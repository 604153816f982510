"""The public edition's answers to what organizations, checklists and the register announce.

Connected in PublicationConfig.ready(), after the register's receivers (the app is installed after
it), so a new unit's or checklist's entries exist before its search rows are written. Each receiver
only calls this app's own services: move the public edition on, and rewrite the search rows.
"""

import datetime as dt
from typing import Any

from prongsai.checklists.models import Checklist
from prongsai.disclosures.models import Entry, EntryVersion
from prongsai.organizations.models import Organization

from .search_index import search_documents_rebuild, search_documents_refresh
from .services import edition_bump


def republish_organization(sender: type[Organization], *, organization: Organization, action: str, **_: Any) -> None:
    """Show an organization's change on the public pages, and in the search unless only its websites changed."""
    edition_bump(reason=action)
    if action != "organization.websites":
        search_documents_refresh(organization=organization)


def republish_checklist(sender: type[Checklist], *, action: str, **_: Any) -> None:
    """Show the active checklist's items on the public pages and rebuild the search table under their names."""
    edition_bump(reason=action)
    search_documents_rebuild()


def republish_entry(sender: type[EntryVersion], *, entry: Entry, now: dt.datetime, **_: Any) -> None:
    """Show a newly published version on the public pages and in the search rows of its item."""
    edition_bump(reason="entry.publish", now=now)
    search_documents_refresh(organization=entry.organization, item=entry.item, now=now)
