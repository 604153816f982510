"""The register's answers to what organizations and checklists announce: every active unit has an entry per item.

Connected in DisclosuresConfig.ready(). Each receiver only calls the register's own service.
"""

from typing import Any

from prongsai.checklists.models import Checklist
from prongsai.organizations.models import Organization

from .services import entries_ensure


def entries_for_organization(
    sender: type[Organization],
    *,
    actor: Any,
    organization: Organization,
    action: str,
    changed: frozenset[str],
    **_: Any,
) -> None:
    """Create the entries of a new unit, or of one made active again, from the active checklist."""
    if action == "organization.create" or ("is_active" in changed and organization.is_active):
        entries_ensure(actor=actor, organizations=[organization])


def entries_for_checklist(sender: type[Checklist], *, actor: Any, **_: Any) -> None:
    """Create every active unit's missing entries for the items of the newly active or changed checklist."""
    entries_ensure(actor=actor, organizations=list(Organization.objects.filter(is_active=True)))
