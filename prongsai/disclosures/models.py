"""The register: one entry per unit and checklist item, its versions, documents and reviews."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from prongsai.checklists.models import ChecklistItem
from prongsai.organizations.models import Organization

from .workflow import EntryStatus, VersionState


class VersionStateChoices(models.TextChoices):
    DRAFT = VersionState.DRAFT.value, _("Draft")
    SUBMITTED = VersionState.SUBMITTED.value, _("Awaiting review")
    RETURNED = VersionState.RETURNED.value, _("Returned")
    APPROVED = VersionState.APPROVED.value, _("Approved")
    DISCARDED = VersionState.DISCARDED.value, _("Discarded")


class EntryStatusChoices(models.TextChoices):
    MISSING = EntryStatus.MISSING.value, _("Missing")
    DRAFT = EntryStatus.DRAFT.value, _("Draft")
    AWAITING_REVIEW = EntryStatus.AWAITING_REVIEW.value, _("Awaiting review")
    RETURNED = EntryStatus.RETURNED.value, _("Returned")
    PUBLISHED = EntryStatus.PUBLISHED.value, _("Published")
    DUE_SOON = EntryStatus.DUE_SOON.value, _("Due soon")
    OVERDUE = EntryStatus.OVERDUE.value, _("Overdue")


class Entry(models.Model):
    """A unit's disclosure for one checklist item: what is published now and what is in progress.

    `published_version`, `open_version`, `open_state` and `next_review_due` are kept by the
    services so that lists and the department matrix need no per-entry queries.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="entries")
    published_version = models.ForeignKey(
        "EntryVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    open_version = models.ForeignKey("EntryVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    open_state = models.CharField(max_length=16, choices=VersionStateChoices.choices, blank=True)
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    last_approved_at = models.DateTimeField(_("last approved"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        constraints = [
            models.UniqueConstraint(fields=["organization", "item"], name="entry_unique_per_unit_item"),
            models.CheckConstraint(
                condition=Q(open_state__in=["", "draft", "submitted", "returned"]),
                name="entry_open_state_is_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization.slug} {self.item.code}"


class EntryVersion(models.Model):
    """One revision of an entry; editable only while a draft."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    state = models.CharField(_("state"), max_length=16, choices=VersionStateChoices.choices, default="draft")
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    body_th = models.TextField(_("content (Thai)"), blank=True)
    body_en = models.TextField(_("content (English)"), blank=True)
    url_th = models.URLField(_("page on the unit's website (Thai)"), max_length=1000, blank=True)
    url_en = models.URLField(_("page on the unit's website (English)"), max_length=1000, blank=True)
    as_of = models.DateField(_("information as of"), null=True, blank=True)
    nothing_to_publish = models.BooleanField(_("nothing to publish this period"), default=False)
    nothing_note_th = models.TextField(_("declaration (Thai)"), blank=True)
    nothing_note_en = models.TextField(_("declaration (English)"), blank=True)
    change_note = models.CharField(_("what changed"), max_length=500, blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Everyone who wrote any of this version's content (created it, changed it, added or removed a
    # document), and the editors of the returned version it continues: none of them may review it.
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("edited by"), related_name="+", blank=True
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ("entry", "number")
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="version_unique_number"),
            models.UniqueConstraint(
                fields=["entry"],
                condition=Q(state__in=["draft", "submitted"]),
                name="version_one_in_progress_per_entry",
            ),
            models.CheckConstraint(
                condition=Q(nothing_to_publish=False) | Q(body_th="", body_en="", as_of__isnull=False),
                name="version_declaration_has_no_content_and_a_date",
            ),
            models.CheckConstraint(
                condition=~Q(state="approved") | Q(decided_at__isnull=False, published_at__isnull=False),
                name="version_approved_is_decided_and_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry} v{self.number} ({self.state})"


def document_storage_path(sha256: str, extension: str) -> str:
    """Return where a document is stored: by content hash, so a file carried into a new version is not copied."""
    return f"documents/{sha256[:2]}/{sha256}{extension}"


def document_upload_path(instance: "Document", filename: str) -> str:
    return document_storage_path(instance.sha256, instance.extension)


class Document(models.Model):
    """A file attached to a version, checked by content and size when uploaded."""

    class Language(models.TextChoices):
        THAI = "th", _("Thai")
        ENGLISH = "en", _("English")
        BOTH = "both", _("Thai and English")

    version = models.ForeignKey(EntryVersion, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to=document_upload_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    title = models.CharField(_("title"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=4, choices=Language.choices, default=Language.THAI)
    media_type = models.CharField(_("type"), max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64, db_index=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ("version", "position", "id")

    def __str__(self) -> str:
        return self.original_name


class Review(models.Model):
    """A reviewer's decision on a submitted version, with the three verdicts of measure 5.2."""

    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approved")
        RETURN = "return", _("Returned")

    version = models.ForeignKey(EntryVersion, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    step = models.PositiveSmallIntegerField(_("review step"))
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices)
    correct = models.BooleanField(_("correct"))
    complete = models.BooleanField(_("complete"))
    current = models.BooleanField(_("current"))
    correct_comment = models.TextField(_("comment on correctness"), blank=True)
    complete_comment = models.TextField(_("comment on completeness"), blank=True)
    current_comment = models.TextField(_("comment on currency"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ("version", "created_at")
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision="approve") | Q(correct=True, complete=True, current=True),
                name="review_approval_needs_all_three_verdicts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.decision} by {self.reviewer_id}"


class VersionRecords(models.Model):
    """Structured records a version publishes (an action plan, its progress, procurement): a frozen snapshot.

    The register keeps the snapshot opaque: the app that owns the records builds it (its `kind`
    names the shape, see plans/snapshot.py and procurement/snapshot.py) and renders it. What is
    reviewed is exactly what is published, however the records change afterwards.
    """

    version = models.OneToOneField(EntryVersion, on_delete=models.CASCADE, related_name="records")
    kind = models.CharField(max_length=32)
    data = models.JSONField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("structured records")
        verbose_name_plural = _("structured records")

    def __str__(self) -> str:
        return f"{self.version} {self.kind}"
