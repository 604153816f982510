"""Writes to organizations, websites, review groups and role assignments; each audited in its transaction."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record
from prongsai.thaitext import normalize_thai

from .access import Capability, access_scope_for
from .models import REVIEWER_ROLES, Organization, ReviewGroup, Role, RoleAssignment, Website
from .signals import organization_changed


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
    _require_administration(actor, parent)
    organization = Organization(
        kind=kind,
        parent=parent,
        slug=slug,
        name_th=normalize_thai(name_th),
        name_en=name_en.strip(),
        short_name_th=normalize_thai(short_name_th),
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
    # The register creates the unit's entries; the public pages and search rows show it.
    organization_changed.send(
        sender=Organization, actor=actor, organization=organization, action="organization.create", changed=frozenset()
    )
    _forget_scope(actor)  # an administrator of the parent now administers the new unit too
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
    _require_administration(actor, organization)
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
    _require_administration(actor, organization)
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
        raise ValidationError(_("This person or group already holds this role in this organization.")) from exc
    _forget_scope(user)
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
    _require_administration(actor, assignment.organization)
    data = {
        "role": assignment.role,
        "organization": assignment.organization.slug,
        "user": assignment.user.username if assignment.user is not None else None,
        "group": assignment.group.name_th if assignment.group is not None else None,
    }
    organization_id = assignment.organization_id
    _forget_scope(assignment.user)
    audit_record(actor=actor, action="role.revoke", target=assignment, organization_id=organization_id, data=data)
    assignment.delete()


ORGANIZATION_FIELDS = (
    "kind",
    "parent",
    "slug",
    "name_th",
    "name_en",
    "short_name_th",
    "is_support_unit",
    "sort_order",
    "is_active",
)


@transaction.atomic
def organization_update(*, actor: Any, organization: Organization, **changes: Any) -> Organization:
    """Change an organization's details; the audit event records each field's old and new value."""
    _require_administration(actor, organization)
    unknown = set(changes) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    current = Organization.objects.select_for_update().get(pk=organization.pk)
    diff: dict[str, list[Any]] = {}
    for name in ("name_th", "short_name_th"):
        if name in changes:
            changes[name] = normalize_thai(changes[name])
    for name, value in changes.items():
        old = getattr(current, name)
        if old != value:
            diff[name] = [_plain(old), _plain(value)]
            setattr(current, name, value)
    if not diff:
        return current
    current.full_clean()
    current.save()
    audit_record(actor=actor, action="organization.update", target=current, organization_id=current.pk, data=diff)
    # A reactivated unit gets the entries it misses; the public pages and search rows show the change.
    organization_changed.send(
        sender=Organization, actor=actor, organization=current, action="organization.update", changed=frozenset(diff)
    )
    return current


@transaction.atomic
def organization_websites_set(*, actor: Any, organization: Organization, urls: list[str]) -> None:
    """Replace the organization's websites (the first is the main one), auditing the old and new lists."""
    _require_administration(actor, organization)
    old = list(organization.websites.order_by("-is_primary", "url").values_list("url", flat=True))
    if old == urls:
        return
    websites = [Website(organization=organization, url=url, is_primary=index == 0) for index, url in enumerate(urls)]
    for website in websites:
        website.full_clean(exclude=["organization"], validate_unique=False)
    if len(set(urls)) != len(urls):
        raise ValidationError(_("The same website is listed twice."))
    organization.websites.all().delete()
    Website.objects.bulk_create(websites)
    # The public pages list the websites (the search table does not).
    organization_changed.send(
        sender=Organization, actor=actor, organization=organization, action="organization.websites", changed=frozenset()
    )
    audit_record(
        actor=actor,
        action="organization.websites",
        target=organization,
        organization_id=organization.pk,
        data={"before": old, "after": urls},
    )


def _require_administration(actor: Any, organization: Organization | None) -> None:
    """Let the system (actor None) or an administrator of the organization change its set-up."""
    if actor is None or getattr(actor, "is_superuser", False):
        return

    scope = access_scope_for(actor)
    # A new department (no parent) can only be created by the system or a superuser.
    allowed = organization is not None and scope.can(Capability.MANAGE_ROLES, organization.pk)
    if not allowed:
        raise PermissionDenied(_("Only an administrator of this organization can change its set-up and roles."))


def _forget_scope(user: Any) -> None:
    """Drop an access scope memoised on this user object, so a changed role counts at once."""
    if user is not None:
        user.__dict__.pop("_prongsai_access_scope", None)


def _plain(value: Any) -> Any:
    if isinstance(value, Organization):
        return value.slug
    return value


@transaction.atomic
def review_group_save(
    *, actor: Any, group: ReviewGroup, name_th: str, name_en: str, organization: Organization, members: list[Any]
) -> ReviewGroup:
    """Create or change a review group and its members, auditing who was added and removed."""
    _require_administration(actor, organization)
    created = group.pk is None
    before = set() if created else set(group.members.values_list("username", flat=True))
    group.name_th, group.name_en, group.organization = name_th.strip(), name_en.strip(), organization
    group.full_clean()
    group.save()
    group.members.set(members)
    after = {member.username for member in members}
    audit_record(
        actor=actor,
        action="review_group.create" if created else "review_group.update",
        target=group,
        organization_id=organization.pk,
        data={"name_th": group.name_th, "added": sorted(after - before), "removed": sorted(before - after)},
    )
    return group
