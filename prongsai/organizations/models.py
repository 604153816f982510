"""The department, its units, their websites, review groups and role assignments (measure 5.2, 6.1, 6.2)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Organization(models.Model):
    """The department (ระดับกรม) or one of its units (ระดับหน่วยงาน)."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        UNIT = "unit", _("Unit")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    short_name_th = models.CharField(_("short name (Thai)"), max_length=64, blank=True)
    is_support_unit = models.BooleanField(
        _("support unit"), default=False, help_text=_("Support units add a flow chart per mission to 5.1.9.")
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ("sort_order", "slug")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="department", parent__isnull=True) | Q(kind="unit", parent__isnull=False),
                name="organization_department_is_root_unit_has_parent",
            ),
        ]

    def name(self, language: str = "th") -> str:
        """Return the name in the given language (Thai is authoritative and the fallback)."""
        return self.name_en if language == "en" and self.name_en else self.name_th

    def __str__(self) -> str:
        return self.name_th


class Website(models.Model):
    """A website a unit runs; the monitor checks it and items may point at pages on it."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="websites")
    url = models.URLField(_("URL"), max_length=500)
    is_primary = models.BooleanField(_("main website"), default=True)

    class Meta:
        verbose_name = _("website")
        verbose_name_plural = _("websites")
        ordering = ("-is_primary", "url")
        constraints = [
            models.UniqueConstraint(fields=["organization", "url"], name="website_unique_per_organization"),
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(is_primary=True),
                name="website_one_primary_per_organization",
            ),
        ]

    def __str__(self) -> str:
        return self.url


class ReviewGroup(models.Model):
    """A division or working group that holds a role as a body (e.g. the Central Administration Office)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="review_groups")
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="review_groups", blank=True)

    class Meta:
        verbose_name = _("review group")
        verbose_name_plural = _("review groups")
        constraints = [
            models.UniqueConstraint(fields=["organization", "name_th"], name="review_group_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name_th


class Role(models.TextChoices):
    """The roles of measure 5.2 and 6, plus the system's own."""

    REVIEWER_1 = "reviewer_1", _("Reviewer, step 1 (general information)")
    REVIEWER_2 = "reviewer_2", _("Reviewer, step 2 (procurement)")
    REVIEWER_3 = "reviewer_3", _("Reviewer, step 3 (manuals)")
    REVIEWER_4 = "reviewer_4", _("Reviewer, step 4 (opinion and complaint channels)")
    SUPERVISOR = "supervisor", _("Supervisor")
    REPORTER = "reporter", _("Reporter")
    EDITOR = "editor", _("Editor")
    ICT_MONITOR = "ict_monitor", _("ICT monitor")
    EXECUTIVE = "executive", _("Executive")
    ADMINISTRATOR = "administrator", _("Administrator")


REVIEWER_ROLES = (Role.REVIEWER_1, Role.REVIEWER_2, Role.REVIEWER_3, Role.REVIEWER_4)


def reviewer_role_for_step(step: int) -> Role:
    """Return the reviewer role of a review step (1–4)."""
    return Role(f"reviewer_{step}")


class RoleAssignment(models.Model):
    """A person, or a review group, holding a role at one organization."""

    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="role_assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    group = models.ForeignKey(
        ReviewGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="role_assignments"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False, group__isnull=True) | Q(user__isnull=True, group__isnull=False)),
                name="role_assignment_person_xor_group",
            ),
            models.CheckConstraint(
                condition=Q(group__isnull=True) | Q(role__in=[r.value for r in REVIEWER_ROLES]),
                name="role_assignment_group_only_reviews",
            ),
            models.UniqueConstraint(
                fields=["role", "organization", "user"],
                condition=Q(user__isnull=False),
                name="role_assignment_unique_person",
            ),
            models.UniqueConstraint(
                fields=["role", "organization", "group"],
                condition=Q(group__isnull=False),
                name="role_assignment_unique_group",
            ),
        ]

    def __str__(self) -> str:
        holder = self.user if self.user_id else self.group
        return f"{holder} — {self.get_role_display()} @ {self.organization}"
