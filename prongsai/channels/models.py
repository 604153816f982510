"""Opinions (measure 5.1.10) and complaints or suggestions (5.1.11) sent by the public, and their handling.

A submission keeps the visitor's personal data (name, contact, message, attachment) apart from
what its status page may show (kind, unit, topic, dates, status, outcome, public replies). The
client address is never stored: only an HMAC of it, keyed with SECRET_KEY, to count submissions
per connection for the rate limit.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from prongsai.organizations.models import Organization

from .lifecycle import Outcome, Status


class Kind(models.TextChoices):
    OPINION = "opinion", _("Opinion on our services")
    COMPLAINT = "complaint", _("Complaint or suggestion")


class Topic(models.TextChoices):
    SERVICE_QUALITY = "service_quality", _("Quality of service")
    SERVICE_PROCESS = "service_process", _("Service steps and procedures")
    SERVICE_DELAY = "service_delay", _("Delay in service")
    STAFF_CONDUCT = "staff_conduct", _("Conduct of staff")
    FACILITIES = "facilities", _("Premises and facilities")
    FRAUD = "fraud", _("Fraud or misconduct")
    PROCUREMENT = "procurement", _("Procurement")
    INFORMATION = "information", _("Information and website")
    SUGGESTION = "suggestion", _("Suggestion for improvement")
    OTHER = "other", _("Other")


# The topics a visitor may choose for each kind, in the order the form lists them.
KIND_TOPICS: dict[str, tuple[Topic, ...]] = {
    Kind.OPINION: (
        Topic.SERVICE_QUALITY,
        Topic.SERVICE_PROCESS,
        Topic.STAFF_CONDUCT,
        Topic.FACILITIES,
        Topic.INFORMATION,
        Topic.SUGGESTION,
        Topic.OTHER,
    ),
    Kind.COMPLAINT: (
        Topic.SERVICE_DELAY,
        Topic.STAFF_CONDUCT,
        Topic.FRAUD,
        Topic.PROCUREMENT,
        Topic.SERVICE_QUALITY,
        Topic.INFORMATION,
        Topic.SUGGESTION,
        Topic.OTHER,
    ),
}


class StatusChoices(models.TextChoices):
    RECEIVED = Status.RECEIVED.value, _("Received")
    IN_PROGRESS = Status.IN_PROGRESS.value, _("In progress")
    ANSWERED = Status.ANSWERED.value, _("Answered")
    CLOSED = Status.CLOSED.value, _("Closed")


class OutcomeChoices(models.TextChoices):
    RESOLVED = Outcome.RESOLVED.value, _("Resolved")
    NOT_UPHELD = Outcome.NOT_UPHELD.value, _("Not upheld")
    REFERRED = Outcome.REFERRED.value, _("Referred to another agency")
    WITHDRAWN = Outcome.WITHDRAWN.value, _("Withdrawn")


class Submission(models.Model):
    """One opinion or complaint sent to a unit, with its tracking code, status and due date."""

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="channel_submissions"
    )
    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    attachment_path = models.CharField(max_length=255, blank=True)
    attachment_name = models.CharField(max_length=200, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    attachment_size = models.PositiveIntegerField(default=0)
    attachment_sha256 = models.CharField(max_length=64, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True)
    status = models.CharField(_("status"), max_length=16, choices=StatusChoices.choices, default=Status.RECEIVED)
    outcome = models.CharField(_("outcome"), max_length=16, choices=OutcomeChoices.choices, blank=True)
    received_at = models.DateTimeField(_("received"))
    due_date = models.DateField(_("due date"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_submissions",
    )
    client_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("opinion or complaint")
        verbose_name_plural = _("opinions and complaints")
        ordering = ("-received_at", "-pk")
        indexes = [
            models.Index(fields=["client_hash", "received_at"], name="channel_submission_client"),
            models.Index(fields=["organization", "received_at"], name="channel_submission_unit"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="channel_submission_kind_valid"),
            models.CheckConstraint(
                condition=Q(kind=Kind.OPINION, topic__in=[t.value for t in KIND_TOPICS[Kind.OPINION]])
                | Q(kind=Kind.COMPLAINT, topic__in=[t.value for t in KIND_TOPICS[Kind.COMPLAINT]]),
                name="channel_submission_topic_of_kind",
            ),
            models.CheckConstraint(
                condition=Q(status__in=StatusChoices.values), name="channel_submission_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=Status.CLOSED, outcome__in=OutcomeChoices.values, closed_at__isnull=False)
                | (~Q(status=Status.CLOSED) & Q(outcome="", closed_at__isnull=True)),
                name="channel_submission_closed_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | Q(name="", email="", phone=""),
                name="channel_submission_anonymous_keeps_no_contact",
            ),
            models.CheckConstraint(
                condition=Q(attachment_path="") | ~Q(attachment_name="") & ~Q(attachment_sha256=""),
                name="channel_submission_attachment_described",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def status_enum(self) -> Status:
        return Status(self.status)


class SubmissionEvent(models.Model):
    """One step in a case's thread: a reply (public or internal), a status change or an assignment."""

    class Type(models.TextChoices):
        REPLY = "reply", _("Reply")
        NOTE = "note", _("Internal note")
        STATUS = "status", _("Status change")
        ASSIGNMENT = "assignment", _("Assignment")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=16, choices=Type.choices)
    text = models.TextField(blank=True)
    from_status = models.CharField(max_length=16, choices=StatusChoices.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=StatusChoices.choices, blank=True)
    outcome = models.CharField(max_length=16, choices=OutcomeChoices.choices, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("created_at", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(type__in=["reply", "note", "status", "assignment"]), name="channel_event_type"
            ),
            models.CheckConstraint(
                condition=~Q(type__in=["reply", "note"]) | ~Q(text=""), name="channel_event_reply_has_text"
            ),
            models.CheckConstraint(
                condition=~Q(type="status") | (~Q(from_status="") & ~Q(to_status="")),
                name="channel_event_status_has_both_ends",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.type}"

    @property
    def is_public(self) -> bool:
        return self.type == self.Type.REPLY
