"""Who should hear about a version: the reviewers of its step, or the unit's editors."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from prongsai.organizations.models import Role, reviewer_role_for_step


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
