"""Who may do what where: role assignments turned into per-organization capabilities.

The rules are a table (ROLE_GRANTS); `access_scope_for` reads a person's assignments (directly or
through review groups) in at most two queries and expands the roles that cover a whole subtree
(supervisors, reporters, ICT monitors, executives and administrators assigned at the department
see its units). Editors and reviewers act only at the exact organization they are assigned to.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Organization, Role, RoleAssignment


class Capability(StrEnum):
    VIEW = "view"  # see the unit's register, drafts and history included
    EDIT = "edit"  # prepare versions and submit them for review
    REVIEW_1 = "review_1"
    REVIEW_2 = "review_2"
    REVIEW_3 = "review_3"
    REVIEW_4 = "review_4"
    OVERSEE = "oversee"  # the department matrix and other cross-unit views
    MANAGE_ROLES = "manage_roles"
    # Read and handle opinions and complaints, the senders' personal data included (5.1.10, 5.1.11).
    CHANNELS = "channels"
    # Run website checks and override their findings (measure 6.3.1, the ICT Center's duty).
    MONITOR = "monitor"
    # Write the unit's report of a round (the reporter a head appoints, measure 6.2.2); at the department,
    # the overall report (the ICT Center's director, 6.2.1).
    REPORT = "report"
    # Approve the report written at the organization, which submits it (the unit head, 6.1.2) or signs the
    # overall report off (the person assigned to oversee the ICT Center, 6.1.1).
    SIGN_OFF = "sign_off"
    # Open and close rounds, accept or return units' reports, compile the overall report (the ICT Center, 6.3.1).
    ROUNDS = "rounds"


def review_capability(step: int) -> Capability:
    """Return the capability that lets a person review items of the given step."""
    return Capability(f"review_{step}")


@dataclass(frozen=True)
class Grant:
    own: frozenset[Capability]
    subtree: frozenset[Capability] = frozenset()


_OVERSIGHT = frozenset({Capability.VIEW, Capability.OVERSEE})

ROLE_GRANTS: Mapping[Role, Grant] = {
    Role.EDITOR: Grant(frozenset({Capability.VIEW, Capability.EDIT})),
    Role.REVIEWER_1: Grant(frozenset({Capability.VIEW, Capability.REVIEW_1})),
    Role.REVIEWER_2: Grant(frozenset({Capability.VIEW, Capability.REVIEW_2})),
    Role.REVIEWER_3: Grant(frozenset({Capability.VIEW, Capability.REVIEW_3})),
    Role.REVIEWER_4: Grant(frozenset({Capability.VIEW, Capability.REVIEW_4, Capability.CHANNELS})),
    Role.SUPERVISOR: Grant(_OVERSIGHT | {Capability.SIGN_OFF}, _OVERSIGHT),
    Role.REPORTER: Grant(_OVERSIGHT | {Capability.REPORT}, _OVERSIGHT),
    # The ICT Center works at the department and handles the channels of every unit under it.
    Role.ICT_MONITOR: Grant(
        _OVERSIGHT | {Capability.CHANNELS, Capability.MONITOR, Capability.ROUNDS},
        _OVERSIGHT | {Capability.CHANNELS, Capability.MONITOR, Capability.ROUNDS},
    ),
    Role.EXECUTIVE: Grant(_OVERSIGHT, _OVERSIGHT),
    Role.ADMINISTRATOR: Grant(_OVERSIGHT | {Capability.MANAGE_ROLES}, _OVERSIGHT | {Capability.MANAGE_ROLES}),
}


# Administrators change who may do what; ICT monitors see every unit's register and the senders'
# personal data in the channels. A stolen password alone must not be enough for either.
SECOND_FACTOR_ROLES = frozenset({Role.ADMINISTRATOR, Role.ICT_MONITOR})


@dataclass
class AccessScope:
    """The capabilities one person holds, organization by organization."""

    capabilities: dict[int, set[Capability]] = field(default_factory=dict)
    roles: dict[int, set[Role]] = field(default_factory=dict)

    def can(self, capability: Capability, organization_id: int) -> bool:
        """Tell whether the person holds the capability at the organization."""
        return capability in self.capabilities.get(organization_id, ())

    def organization_ids(self, capability: Capability = Capability.VIEW) -> set[int]:
        """Return the organizations where the person holds the capability."""
        return {org_id for org_id, caps in self.capabilities.items() if capability in caps}

    def review_steps(self, organization_id: int) -> set[int]:
        """Return the review steps the person may decide at the organization."""
        caps = self.capabilities.get(organization_id, set())
        return {step for step in (1, 2, 3, 4) if review_capability(step) in caps}

    @property
    def handles_channels(self) -> bool:
        """Tell whether the person handles opinions and complaints at any organization."""
        return any(Capability.CHANNELS in caps for caps in self.capabilities.values())

    @property
    def oversees_anything(self) -> bool:
        return any(Capability.OVERSEE in caps for caps in self.capabilities.values())

    @property
    def requires_second_factor(self) -> bool:
        """Tell whether any role the person holds obliges them to sign in with a second factor."""
        return any(roles & SECOND_FACTOR_ROLES for roles in self.roles.values())


def build_scope(assignments: Iterable[tuple[Role, int]], tree: Mapping[int, int | None] | None = None) -> AccessScope:
    """Expand (role, organization id) pairs into a scope; `tree` maps organization id to parent id."""
    scope = AccessScope()
    children: dict[int | None, list[int]] = defaultdict(list)
    for org_id, parent_id in (tree or {}).items():
        children[parent_id].append(org_id)
    for role, org_id in assignments:
        grant = ROLE_GRANTS[role]
        scope.capabilities.setdefault(org_id, set()).update(grant.own)
        scope.roles.setdefault(org_id, set()).add(role)
        if grant.subtree:
            pending = list(children.get(org_id, ()))
            while pending:
                descendant = pending.pop()
                scope.capabilities.setdefault(descendant, set()).update(grant.subtree)
                pending.extend(children.get(descendant, ()))
    return scope


def access_scope_for(user: Any) -> AccessScope:
    """Return (and memoise on the user object) the person's access scope; at most two queries."""
    cached = getattr(user, "_prongsai_access_scope", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    if user is None or not user.is_authenticated or not user.is_active:
        scope = AccessScope()
    else:
        pairs = [
            (Role(role), org_id)
            for role, org_id in RoleAssignment.objects.filter(Q(user=user) | Q(group__members=user)).values_list(
                "role", "organization_id"
            )
        ]
        if user.is_superuser:
            pairs += [
                (Role.ADMINISTRATOR, org_id)
                for org_id in Organization.objects.filter(parent__isnull=True).values_list("id", flat=True)
            ]
        needs_tree = any(ROLE_GRANTS[role].subtree for role, _ in pairs)
        tree = dict(Organization.objects.values_list("id", "parent_id")) if needs_tree else None
        scope = build_scope(pairs, tree)
    user._prongsai_access_scope = scope
    return scope


def capability_require(actor: Any, capability: Capability, organization_id: int) -> None:
    """Refuse (PermissionDenied) a person who lacks `capability` at the organization; nobody (None) lacks everything."""
    if actor is None or not access_scope_for(actor).can(capability, organization_id):
        raise PermissionDenied(_("You do not have permission to do this for this unit."))


def second_factor_required(user: Any) -> bool:
    """Tell whether the person must sign in with a second factor: administrators (Django staff and
    superusers included) and ICT monitors must; everyone else may choose to."""
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_staff or user.is_superuser or access_scope_for(user).requires_second_factor)
