"""What the notifications keep: each person's notices, the deliveries that make every event happen once, mutes.

A notice is written in both languages when it is made (people have no language setting; the page
shows the language it is read in, the e-mail carries Thai first, then English). Its link is a path
of the Thai workspace; the page turns it into the reader's language.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    """What a notice is about. The reminders and the digest are optional (a person may mute them); the rest is not."""

    REVIEW_REQUESTED = "review_requested", _("A version awaits your review")
    VERSION_APPROVED = "version_approved", _("A version was approved")
    VERSION_RETURNED = "version_returned", _("A version was returned in review")
    REVIEW_DUE = "review_due", _("An item's review falls due soon")
    OVERDUE = "overdue", _("An item's review is overdue")
    REPORT_AWAITING_APPROVAL = "report_awaiting_approval", _("A unit report awaits your approval")
    REPORT_RETURNED = "report_returned", _("A unit report was returned by the ICT Center")
    ROUND_DEADLINE = "round_deadline", _("A round's deadline approaches")
    DIGEST = "digest", _("The ICT Center's weekly digest")


# The kinds a person may mute: reminders of what their task list and the overviews show anyway.
# Work handed to someone (a review, an approval), a return and an overdue item always reach them.
OPTIONAL_KINDS = (NoticeKind.REVIEW_DUE, NoticeKind.ROUND_DEADLINE, NoticeKind.DIGEST)


class Notice(models.Model):
    """A message to one person in the workspace, in Thai and English, with the page it is about."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=32, choices=NoticeKind.choices)
    subject_th = models.CharField(_("subject (Thai)"), max_length=300)
    subject_en = models.CharField(_("subject (English)"), max_length=300)
    body_th = models.TextField(_("message (Thai)"))
    body_en = models.TextField(_("message (English)"))
    link = models.CharField(_("link"), max_length=500)
    created_at = models.DateTimeField(_("created"))
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notice_recipient_newest"),
            models.Index(
                fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notice_recipient_unread"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.kind} {self.subject_th}"

    def subject(self, language: str) -> str:
        """Return the subject in the reader's language (Thai is the fallback)."""
        return self.subject_en if language == "en" and self.subject_en else self.subject_th

    def body(self, language: str) -> str:
        """Return the message in the reader's language (Thai is the fallback)."""
        return self.body_en if language == "en" and self.body_en else self.body_th


class Delivery(models.Model):
    """That an event reached a person: at most one row per (recipient, event key), whoever races to write it.

    The row is written together with the notice in one small transaction; the unique key refuses a
    second writer (another cron run, another worker), which then skips. The e-mail is sent later by
    the task worker, which claims the row (pending → sending) before sending, so a task run twice
    still sends once.
    """

    class Email(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        NO_ADDRESS = "no_address", _("No e-mail address")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("event"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=NoticeKind.choices)
    notice = models.OneToOneField(Notice, on_delete=models.CASCADE, related_name="delivery")
    created_at = models.DateTimeField(_("created"))
    email = models.CharField(_("e-mail"), max_length=16, choices=Email.choices, default=Email.PENDING)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    email_error = models.TextField(_("e-mail error"), blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="delivery_once_per_recipient_and_event"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.key}"


class NoticeMute(models.Model):
    """A person's choice not to receive an optional kind of notice (neither in the workspace nor by e-mail)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_mutes")
    kind = models.CharField(_("kind"), max_length=32, choices=NoticeKind.choices)
    created_at = models.DateTimeField(_("muted"))

    class Meta:
        verbose_name = _("muted notice kind")
        verbose_name_plural = _("muted notice kinds")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notice_mute_once_per_kind"),
            models.CheckConstraint(
                condition=models.Q(kind__in=[kind.value for kind in OPTIONAL_KINDS]),
                name="notice_mute_only_optional_kinds",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} mutes {self.kind}"
