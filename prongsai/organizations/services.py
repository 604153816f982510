"""Writes to organizations, websites, review groups and role assignments; each audited in its transaction."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record
from prongsai.disclosures.services import entries_ensure

from .models import REVIEWER_ROLES, Organization, ReviewGroup, Role, RoleAssignment, Website


@transaction.atomic
def organization_create(
    *,
    actor: Any,
    kind: str,
    slug: str,
    name_th: str,
    name_en: str,
    parent: Organization | None = None,
    short_name_th: str = "",
    is_support_unit: bool = False,
    sort_order: int = 0,
    websites: list[str] | None = None,
) -> Organization:
    """Create the department or a unit, its websites, and its register entries from the active checklist."""
    organization = Organization(
        kind=kind,
        parent=parent,
        slug=slug,
        name_th=name_th.strip(),
        name_en=name_en.strip(),
        short_name_th=short_name_th.strip(),
        is_support_unit=is_support_unit,
        sort_order=sort_order,
    )
    organization.full_clean()
    organization.save()
    for index, url in enumerate(websites or []):
        website = Website(organization=organization, url=url, is_primary=index == 0)
        website.full_clean()
        website.save()
    audit_record(
        actor=actor,
        action="organization.create",
        target=organization,
        organization_id=organization.pk,
        data={
            "slug": slug,
            "kind": kind,
            "parent": parent.slug if parent else None,
            "websites": websites or [],
        },
    )
    entries_ensure(actor=actor, organizations=[organization])
    return organization


@transaction.atomic
def review_group_create(
    *,
    actor: Any,
    organization: Organization,
    name_th: str,
    name_en: str = "",
    members: list[Any] | None = None,
) -> ReviewGroup:
    """Create a group (division or working group) that can hold a reviewer role as a body."""
    group = ReviewGroup(organization=organization, name_th=name_th.strip(), name_en=name_en.strip())
    group.full_clean()
    group.save()
    if members:
        group.members.set(members)
    audit_record(
        actor=actor,
        action="review_group.create",
        target=group,
        organization_id=organization.pk,
        data={"name_th": group.name_th, "members": sorted(m.username for m in members or [])},
    )
    return group


@transaction.atomic
def role_assign(
    *, actor: Any, role: str, organization: Organization, user: Any = None, group: ReviewGroup | None = None
) -> RoleAssignment:
    """Give a person, or a review group, a role at an organization."""
    if (user is None) == (group is None):
        raise ValidationError(_("Assign the role to either a person or a group, not both or neither."))
    if group is not None and Role(role) not in REVIEWER_ROLES:
        raise ValidationError(_("Only reviewer roles can be held by a group."))
    if group is not None and group.organization_id != organization.pk:
        raise ValidationError(_("The group belongs to another organization."))
    try:
        with transaction.atomic():
            assignment = RoleAssignment.objects.create(role=role, organization=organization, user=user, group=group)
    except IntegrityError as exc:
        raise ValidationError(_("This role is already assigned there.")) from exc
    audit_record(
        actor=actor,
        action="role.assign",
        target=assignment,
        organization_id=organization.pk,
        data={
            "role": role,
            "organization": organization.slug,
            "user": user.username if user is not None else None,
            "group": group.name_th if group is not None else None,
        },
    )
    return assignment


@transaction.atomic
def role_revoke(*, actor: Any, assignment: RoleAssignment) -> None:
    """Take a role away; the audit event keeps who held it."""
    data = {
        "role": assignment.role,
        "organization": assignment.organization.slug,
        "user": assignment.user.username if assignment.user is not None else None,
        "group": assignment.group.name_th if assignment.group is not None else None,
    }
    organization_id = assignment.organization_id
    audit_record(actor=actor, action="role.revoke", target=assignment, organization_id=organization_id, data=data)
    assignment.delete()
