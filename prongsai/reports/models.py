"""Reporting rounds (measure 6.4), each unit's report to the ICT Center (6.3.2) and the overall report (6.3.1).

A report's facts — what the system knew at the round's cut-off — are kept with each version as a
JSON document (see facts.py), so an approved report never changes when the data does.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from prongsai.organizations.models import Organization
from prongsai.thaidate import ReportingRound
from prongsai.thaidate.fiscal import RoundKind

from .workflow import OverallState, ReportState, RoundState, round_code


class RoundKindChoices(models.TextChoices):
    SIX_MONTH = RoundKind.SIX_MONTH.value, _("6-month round")
    TWELVE_MONTH = RoundKind.TWELVE_MONTH.value, _("12-month round")


class RoundStateChoices(models.TextChoices):
    OPEN = RoundState.OPEN.value, _("Open")
    CLOSED = RoundState.CLOSED.value, _("Closed")


class ReportStateChoices(models.TextChoices):
    DRAFT = ReportState.DRAFT.value, _("Draft")
    AWAITING_APPROVAL = ReportState.AWAITING_APPROVAL.value, _("Awaiting the head's approval")
    SUBMITTED = ReportState.SUBMITTED.value, _("Submitted")
    ACCEPTED = ReportState.ACCEPTED.value, _("Accepted")
    RETURNED = ReportState.RETURNED.value, _("Returned for correction")


class OverallStateChoices(models.TextChoices):
    DRAFT = OverallState.DRAFT.value, _("Draft")
    AWAITING_APPROVAL = OverallState.AWAITING_APPROVAL.value, _("Awaiting the supervisor's approval")
    APPROVED = OverallState.APPROVED.value, _("Approved")


class Round(models.Model):
    """One reporting round of a fiscal year, opened and closed by the ICT Center, with its submission deadline."""

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    kind = models.CharField(_("round"), max_length=16, choices=RoundKindChoices.choices)
    deadline = models.DateField(_("submission deadline"))
    state = models.CharField(_("state"), max_length=8, choices=RoundStateChoices.choices, default=RoundState.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("opened"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ("-fiscal_year", "-kind")
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "kind"], name="round_once_per_year_and_kind"),
            models.CheckConstraint(
                condition=~Q(state="closed") | Q(closed_at__isnull=False), name="round_closed_has_a_time"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def period(self) -> ReportingRound:
        """Return the round as the pure value: its fiscal year, kind and covered dates."""
        return ReportingRound(self.fiscal_year, RoundKind(self.kind))

    @property
    def code(self) -> str:
        """Return the round's code, e.g. ``2569-6``."""
        return round_code(self.period)

    @property
    def is_open(self) -> bool:
        return self.state == RoundState.OPEN


class UnitReport(models.Model):
    """A unit's report in one round: its versions, the newest of which is `current_version`.

    `state`, `submitted_at` and `late` repeat what the versions say so that lists need no per-unit
    queries; the services keep them in step.
    """

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="unit_reports")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="unit_reports")
    state = models.CharField(_("state"), max_length=20, choices=ReportStateChoices.choices, default=ReportState.DRAFT)
    current_version = models.ForeignKey(
        "UnitReportVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The first submission decides lateness: a report returned and corrected after the deadline was on time
    # if it first arrived in time.
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    late = models.BooleanField(_("late"), default=False)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("unit report")
        verbose_name_plural = _("unit reports")
        ordering = ("round", "organization__sort_order", "organization__slug")
        constraints = [
            models.UniqueConstraint(fields=["round", "organization"], name="unit_report_once_per_round"),
            models.CheckConstraint(
                condition=Q(late=False) | Q(first_submitted_at__isnull=False), name="unit_report_late_was_submitted"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round.code} {self.organization.slug}"


class UnitReportVersion(models.Model):
    """One version of a unit's report: the facts at the cut-off, the reporter's narrative and actions, decisions."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    state = models.CharField(_("state"), max_length=20, choices=ReportStateChoices.choices, default=ReportState.DRAFT)
    facts = models.JSONField(_("facts at the cut-off"), default=dict)
    facts_taken_at = models.DateTimeField(_("facts taken"))
    narrative_th = models.TextField(_("narrative (Thai)"), blank=True)
    narrative_en = models.TextField(_("narrative (English)"), blank=True)
    actions_th = models.TextField(_("actions (Thai)"), blank=True)
    actions_en = models.TextField(_("actions (English)"), blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent for approval"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    late = models.BooleanField(_("late"), default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_comment = models.TextField(_("the ICT Center's comments"), blank=True)
    # Why the unit head sent the version back to the reporter before submitting it.
    head_comment = models.TextField(_("the unit head's comments"), blank=True)

    class Meta:
        verbose_name = _("unit report version")
        verbose_name_plural = _("unit report versions")
        ordering = ("report", "number")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="unit_report_version_number_unique"),
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(state__in=["draft", "awaiting_approval"]),
                name="unit_report_one_version_in_progress",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "awaiting_approval"])
                | Q(approved_by__isnull=False, submitted_at__isnull=False),
                name="unit_report_submitted_was_approved",
            ),
            models.CheckConstraint(
                condition=~Q(state="returned") | ~Q(decision_comment=""),
                name="unit_report_return_has_comments",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.number} ({self.state})"


class OverallReport(models.Model):
    """The ICT Center's report on the whole department for one round, with development recommendations."""

    round = models.OneToOneField(Round, on_delete=models.PROTECT, related_name="overall_report")
    state = models.CharField(_("state"), max_length=20, choices=OverallStateChoices.choices, default=OverallState.DRAFT)
    facts = models.JSONField(_("facts at the cut-off"), default=dict)
    facts_taken_at = models.DateTimeField(_("facts taken"))
    summary_th = models.TextField(_("summary (Thai)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent for approval"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    return_comment = models.TextField(_("the supervisor's comments"), blank=True)

    class Meta:
        verbose_name = _("overall report")
        verbose_name_plural = _("overall reports")
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="approved") | Q(approved_by__isnull=False, approved_at__isnull=False),
                name="overall_report_approved_has_approver",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round.code} overall"


class Recommendation(models.Model):
    """A development recommendation of the overall report: generated by a rule over the data, edited by the ICT Center.

    The rule's own wording and figures are kept beside the edited text, so a reader can see what
    the data said and what the ICT Center made of it.
    """

    report = models.ForeignKey(OverallReport, on_delete=models.CASCADE, related_name="recommendations")
    rule = models.CharField(_("rule"), max_length=64)
    position = models.PositiveIntegerField(default=0)
    units = models.JSONField(_("units concerned"), default=list)  # organization slugs
    items = models.JSONField(_("items concerned"), default=list)  # checklist item codes
    figures = models.JSONField(_("figures behind it"), default=dict)
    generated_th = models.TextField(_("generated text (Thai)"))
    generated_en = models.TextField(_("generated text (English)"))
    text_th = models.TextField(_("recommendation (Thai)"))
    text_en = models.TextField(_("recommendation (English)"))
    included = models.BooleanField(_("included in the report"), default=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ("report", "position", "id")

    def __str__(self) -> str:
        return f"{self.report} {self.rule}"


class RenderedReport(models.Model):
    """The PDF or XLSX of an approved report, rendered once and kept, so the file never changes afterwards."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "XLSX"

    unit_version = models.ForeignKey(
        UnitReportVersion, null=True, blank=True, on_delete=models.CASCADE, related_name="renderings"
    )
    overall = models.ForeignKey(
        OverallReport, null=True, blank=True, on_delete=models.CASCADE, related_name="renderings"
    )
    format = models.CharField(max_length=8, choices=Format.choices)
    language = models.CharField(max_length=2, default="th")
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("rendered report")
        verbose_name_plural = _("rendered reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit_version__isnull=False, overall__isnull=True)
                | Q(unit_version__isnull=True, overall__isnull=False),
                name="rendered_report_of_one_report",
            ),
            models.UniqueConstraint(
                fields=["unit_version", "format", "language"],
                condition=Q(unit_version__isnull=False),
                name="rendered_unit_report_once",
            ),
            models.UniqueConstraint(
                fields=["overall", "format", "language"],
                condition=Q(overall__isnull=False),
                name="rendered_overall_report_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_version or self.overall} {self.format} {self.language}"
