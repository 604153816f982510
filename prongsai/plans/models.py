"""Annual action plans (5.1.4) and their progress (5.1.5), kept as records rather than scanned PDFs.

A unit's action plan for a fiscal year groups projects and activities under programmes (แผนงาน).
Each project has its budget (Decimal baht), its dates, the division responsible and its KPI.
Progress is reported per project and reporting period (a calendar month): physical progress,
budget disbursed, status and notes, as of a date. Plan and unit figures, the 6- and 12-month
figures included, are computed from these rows (plans/rollup.py), never typed.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from prongsai.organizations.models import Organization


class ActionPlan(models.Model):
    """A unit's annual action plan (แผนปฏิบัติราชการประจำปี) for one fiscal year (BE)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="action_plans")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (BE)"))
    title_th = models.CharField(_("title (Thai)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ("organization", "-fiscal_year")
        constraints = [
            models.UniqueConstraint(fields=["organization", "fiscal_year"], name="action_plan_one_per_unit_year"),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2500, fiscal_year__lte=2700), name="action_plan_fiscal_year_is_be"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization.slug} {self.fiscal_year}"


class Programme(models.Model):
    """A programme (แผนงาน) of an action plan: the heading its projects and activities sit under."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="programmes")
    position = models.PositiveIntegerField(default=0)
    name_th = models.CharField(_("name (Thai)"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ("plan", "position", "id")

    def __str__(self) -> str:
        return self.name_th


class Project(models.Model):
    """A project or activity of the plan, with its budget, dates, responsible division and KPI."""

    class Kind(models.TextChoices):
        PROJECT = "project", _("Project")
        ACTIVITY = "activity", _("Activity")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="projects")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PROJECT)
    name_th = models.CharField(_("name (Thai)"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)
    budget = models.DecimalField(_("budget (baht)"), max_digits=15, decimal_places=2)
    budget_source = models.CharField(_("source of funds"), max_length=200, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    division = models.CharField(_("responsible division"), max_length=300)
    kpi = models.CharField(_("indicator (KPI)"), max_length=500, blank=True)
    target = models.CharField(_("target"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("project or activity")
        verbose_name_plural = _("projects and activities")
        ordering = ("programme", "position", "id")
        constraints = [
            models.CheckConstraint(condition=Q(start__lte=F("end")), name="project_starts_before_it_ends"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="project_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name_th


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_SCHEDULE = "on_schedule", _("On schedule")
    BEHIND = "behind", _("Behind schedule")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class ProgressReport(models.Model):
    """A project's progress in one reporting period (a month): physical progress and budget disbursed, as of a date."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="progress")
    period = models.DateField(_("reporting month"), help_text=_("The first day of the month reported on."))
    as_of = models.DateField(_("as of"))
    progress_percent = models.DecimalField(_("physical progress (%)"), max_digits=5, decimal_places=2)
    disbursed = models.DecimalField(_("budget disbursed to date (baht)"), max_digits=15, decimal_places=2)
    status = models.CharField(_("status"), max_length=16, choices=ProgressStatus.choices)
    note_th = models.TextField(_("notes (Thai)"), blank=True)
    note_en = models.TextField(_("notes (English)"), blank=True)
    # None: recorded by a management command (plans import) run by the operator.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ("project", "period")
        constraints = [
            models.UniqueConstraint(fields=["project", "period"], name="progress_one_per_project_period"),
            models.CheckConstraint(
                condition=Q(progress_percent__gte=0, progress_percent__lte=100), name="progress_percent_in_range"
            ),
            models.CheckConstraint(condition=Q(disbursed__gte=0), name="progress_disbursed_not_negative"),
            models.CheckConstraint(condition=Q(as_of__gte=F("period")), name="progress_as_of_not_before_period"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.period:%Y-%m}"
