"""Website checks, their per-item findings, and the ICT monitor's overrides (measure 6.3.1)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from prongsai.checklists.models import Checklist, ChecklistItem
from prongsai.organizations.models import Organization, Website

from .outcome import DateSource, ItemStatus


class ItemStatusChoices(models.TextChoices):
    FOUND = ItemStatus.FOUND.value, _("Found")
    PARTIAL = ItemStatus.PARTIAL.value, _("Partly found")
    NOT_FOUND = ItemStatus.NOT_FOUND.value, _("Not found")


class DateSourceChoices(models.TextChoices):
    CONTENT = DateSource.CONTENT.value, _("a date in the content")
    LAST_MODIFIED = DateSource.LAST_MODIFIED.value, _("the server's last-modified date")
    DOCUMENT_METADATA = DateSource.DOCUMENT_METADATA.value, _("the document's properties")


class SiteCheck(models.Model):
    """One check of one unit's website against the checklist: queued, run by a worker, then recorded."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Trigger(models.TextChoices):
        MANUAL = "manual", _("Started by a monitor")
        SCHEDULE = "schedule", _("Scheduled")
        COMMAND = "command", _("Command line")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="site_checks")
    website = models.ForeignKey(Website, null=True, blank=True, on_delete=models.SET_NULL, related_name="checks")
    url = models.URLField(_("website checked"), max_length=500)
    checklist = models.ForeignKey(Checklist, on_delete=models.PROTECT, related_name="site_checks")
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.QUEUED)
    trigger = models.CharField(_("started by"), max_length=16, choices=Trigger.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    queued_at = models.DateTimeField(_("queued"))
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("pages fetched"), default=0)
    bytes = models.PositiveBigIntegerField(_("bytes fetched"), default=0)
    seconds = models.FloatField(_("seconds"), default=0.0)
    stopped_by = models.CharField(_("stopped by"), max_length=32, blank=True)
    error = models.TextField(_("error"), blank=True)
    # A partly reachable site: the pages that could not be fetched, by what went wrong ("timeout", "http_404").
    fetch_errors = models.JSONField(_("pages not fetched"), default=dict, blank=True)
    site_findings = models.JSONField(_("site findings"), default=dict, blank=True)
    evidence_path = models.CharField(_("evidence archive"), max_length=300, blank=True)
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=1, null=True, blank=True)
    # Live progress of a running check, written by the worker about once a second; the heartbeat also
    # tells a stuck check (its worker died) from a slow one.
    progress_pages = models.PositiveIntegerField(_("pages so far"), default=0)
    progress_url = models.CharField(_("last page fetched"), max_length=1000, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    # The background task running the check (the task backend's result id), so that a check whose
    # worker died can end its task row too; empty when a `monitor work` process or a command runs it.
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    sweep = models.ForeignKey(
        "MonitorSweep", null=True, blank=True, on_delete=models.SET_NULL, related_name="checks", verbose_name=_("sweep")
    )

    class Meta:
        verbose_name = _("website check")
        verbose_name_plural = _("website checks")
        ordering = ("-queued_at", "-id")
        indexes = [models.Index(fields=["organization", "state", "-finished_at"], name="check_latest_per_unit")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="done") | Q(finished_at__isnull=False, started_at__isnull=False),
                name="check_done_has_times",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100), name="check_score_is_a_percentage"
            ),
            # A website is checked by one check at a time: asking again while one waits or runs is refused.
            models.UniqueConstraint(
                fields=["organization", "url"],
                condition=Q(state__in=["queued", "running"]),
                name="check_one_active_per_website",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization.slug} {self.url} ({self.state})"

    def fetch_errors_by_count(self) -> list[tuple[str, int]]:
        """The pages not fetched by what went wrong, most frequent first (a JSON column keeps no order of its own)."""
        return sorted(self.fetch_errors.items(), key=lambda pair: (-pair[1], pair[0]))


class ItemFinding(models.Model):
    """What a check concluded about one checklist item, with its evidence."""

    site_check = models.ForeignKey(SiteCheck, on_delete=models.CASCADE, related_name="findings")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="findings")
    status = models.CharField(_("finding"), max_length=16, choices=ItemStatusChoices.choices)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    as_of = models.DateField(_("information as of"), null=True, blank=True)
    as_of_source = models.CharField(_("date read from"), max_length=24, choices=DateSourceChoices.choices, blank=True)
    current = models.BooleanField(_("current"), null=True)
    confidence = models.FloatField(_("confidence"))
    reason_th = models.TextField(_("reason (Thai)"), blank=True)
    reason_en = models.TextField(_("reason (English)"), blank=True)
    fix_th = models.TextField(_("how to fix (Thai)"), blank=True)
    fix_en = models.TextField(_("how to fix (English)"), blank=True)

    class Meta:
        verbose_name = _("item finding")
        verbose_name_plural = _("item findings")
        ordering = ("site_check", "item__position")
        constraints = [
            models.UniqueConstraint(fields=["site_check", "item"], name="finding_one_per_item_per_check"),
            models.CheckConstraint(condition=Q(confidence__gte=0, confidence__lte=1), name="finding_confidence_0_1"),
            models.CheckConstraint(
                condition=Q(as_of__isnull=False) | Q(as_of_source=""), name="finding_date_source_needs_a_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site_check_id} {self.item.code} {self.status}"

    @property
    def evidence_urls(self) -> list[str]:
        return [str(evidence.get("url", "")) for evidence in self.evidence]


class FindingOverride(models.Model):
    """An ICT monitor's correction of a machine finding, with a reason; it lapses when the next round begins.

    The machine finding is kept unchanged beside it: reports show the override, history shows both.
    """

    finding = models.ForeignKey(ItemFinding, on_delete=models.CASCADE, related_name="overrides")
    status = models.CharField(_("finding"), max_length=16, choices=ItemStatusChoices.choices)
    current = models.BooleanField(_("current"), null=True)
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("made"))
    expires_on = models.DateField(_("lapses on"))

    class Meta:
        verbose_name = _("finding override")
        verbose_name_plural = _("finding overrides")
        ordering = ("finding", "-created_at", "-id")
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="override_has_a_reason")]

    def __str__(self) -> str:
        return f"{self.finding} → {self.status}"


class MonitorSweep(models.Model):
    """One scheduled pass over every registered website: monthly, or ahead of a reporting round's report.

    The (kind, due_on) pair is unique, so however many schedulers run, a sweep is queued once.
    """

    class Kind(models.TextChoices):
        MONTHLY = "monthly", _("Monthly check")
        ROUND = "round", _("Before the round's report")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    due_on = models.DateField(_("due on"))
    created_at = models.DateTimeField(_("queued"))
    websites = models.PositiveIntegerField(_("websites queued"), default=0)

    class Meta:
        verbose_name = _("scheduled sweep")
        verbose_name_plural = _("scheduled sweeps")
        ordering = ("-due_on", "kind")
        constraints = [models.UniqueConstraint(fields=["kind", "due_on"], name="sweep_once_per_kind_and_day")]

    def __str__(self) -> str:
        return f"{self.kind} {self.due_on}"


class HostLease(models.Model):
    """Which check holds a website's host: however many workers run, one host is crawled by one check at a time.

    A lease is renewed by its holder's heartbeat and lapses at ``expires_at``, so a worker that dies
    without releasing it blocks the host only until then.
    """

    host = models.CharField(_("host"), max_length=255, primary_key=True)
    holder = models.ForeignKey(SiteCheck, on_delete=models.CASCADE, related_name="+")
    expires_at = models.DateTimeField(_("lapses at"))

    class Meta:
        verbose_name = _("host lease")
        verbose_name_plural = _("host leases")

    def __str__(self) -> str:
        return f"{self.host} → {self.holder_id}"
