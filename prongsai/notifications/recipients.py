"""Who should hear about an event: the reviewers of a step, a unit's editors, heads or reporters."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from prongsai.organizations.models import Role, RoleAssignment, reviewer_role_for_step


def reviewers_of(organization_id: int, step: int) -> QuerySet[Any]:
    """Return the active people who review this step at the organization, directly or through a group."""
    role = reviewer_role_for_step(step)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(role_assignments__role=role, role_assignments__organization_id=organization_id)
            | Q(
                review_groups__role_assignments__role=role,
                review_groups__role_assignments__organization_id=organization_id,
            )
        )
        .distinct()
    )


def editors_of(organization_id: int) -> QuerySet[Any]:
    """Return the active editors of the organization."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__role=Role.EDITOR,
            role_assignments__organization_id=organization_id,
        )
        .distinct()
    )


def people_by_organization(organization_ids: Iterable[int], roles: Iterable[Role]) -> dict[int, list[int]]:
    """Return, per organization, the ids of the active people holding any of the roles there (one query).

    Each person appears once per organization, in id order, however many of the roles they hold.
    """
    found: dict[int, set[int]] = defaultdict(set)
    rows = RoleAssignment.objects.filter(
        organization_id__in=list(organization_ids),
        role__in=[role.value for role in roles],
        user__isnull=False,
        user__is_active=True,
    ).values_list("organization_id", "user_id")
    for organization_id, user_id in rows:
        found[organization_id].add(user_id)
    return {organization_id: sorted(ids) for organization_id, ids in found.items()}


def people_of(organization_id: int, roles: Iterable[Role]) -> list[int]:
    """Return the ids of the active people holding any of the roles at one organization."""
    return people_by_organization([organization_id], roles).get(organization_id, [])
