"""The public edition: a counter that every change to what the public sees moves forward.

Public pages are cached under the edition they were rendered from, so bumping the counter in
the transaction that publishes a change invalidates every cached page at once, in every process.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Edition(models.Model):
    """The single row holding the current public edition."""

    number = models.PositiveBigIntegerField(_("edition"), default=1)
    changed_at = models.DateTimeField(_("changed"), null=True, blank=True)
    reason = models.CharField(_("last change"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("public edition")
        verbose_name_plural = _("public editions")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="edition_single_row")]

    def __str__(self) -> str:
        return str(self.number)


class SearchDocument(models.Model):
    """One searchable piece of the public portal, in one language, rewritten whenever it is published.

    `text` is what a result shows (the page language first, the other language after it);
    `folded` is the same text in lower case, the column the search matches substrings in. On
    PostgreSQL `folded` has a trigram GIN index; on SQLite an FTS5 trigram table mirrors it
    (both created by migration 0002, which also builds the rows for existing data).
    """

    class Kind(models.TextChoices):
        UNIT = "unit", _("Unit")
        ITEM = "item", _("Checklist item")
        CONTENT = "content", _("Published content")
        DOCUMENT = "document", _("Document")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="search_documents"
    )
    item = models.ForeignKey(
        "checklists.ChecklistItem", null=True, blank=True, on_delete=models.CASCADE, related_name="search_documents"
    )
    language = models.CharField(_("language"), max_length=2)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    # 0 unit name, 1 item name, 2 content and documents: name matches rank before body matches.
    rank = models.PositiveSmallIntegerField()
    # The unit's place in the portal's order (department first, configured order, Thai dictionary order).
    unit_order = models.TextField()
    # The item's place in the checklist; -1 for the unit's own row.
    position = models.IntegerField()
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("text"))
    folded = models.TextField()
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [models.Index(fields=["organization", "language"], name="searchdoc_org_language")]

    def __str__(self) -> str:
        return f"{self.language} {self.kind} {self.title}"
