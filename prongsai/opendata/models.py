"""The open-data catalogue: one row per dataset, kept in step with what is published (catalogue.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.organizations.models import Organization

from .kinds import DatasetKind, Scope


class Dataset(models.Model):
    """A dataset of an organization: what it is, when it last changed, and what its rows cover.

    Rows are written only by `catalogue.catalogue_sync`, which compares `digest` (a hash of the
    published sources and of the metadata) and moves `metadata_modified` on only when it changes,
    so a harvester asking for what changed since its last visit gets exactly that.
    """

    uuid = models.UUIDField(_("identifier"), unique=True)
    name = models.SlugField(_("name"), max_length=100, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="datasets")
    kind = models.CharField(_("kind"), max_length=32, choices=[(k.value, k.value) for k in DatasetKind])
    scope = models.CharField(_("scope"), max_length=16, choices=[(s.value, s.value) for s in Scope])
    title_th = models.CharField(_("title (Thai)"), max_length=400)
    title_en = models.CharField(_("title (English)"), max_length=400)
    notes_th = models.TextField(_("description (Thai)"))
    notes_en = models.TextField(_("description (English)"))
    rows = models.PositiveIntegerField(_("rows"), default=0)
    # {"fiscal_years": [2568, 2569], "months": ["2025-10", …], "start": "2024-10-01", "end": "2026-09-30"}
    coverage = models.JSONField(_("coverage"), default=dict)
    # Titles, descriptions, tags and the publisher's names, folded (prongsai.thaitext.fold): what `q` matches.
    search_text = models.TextField()
    digest = models.CharField(max_length=64)
    metadata_created = models.DateTimeField(_("created"))
    metadata_modified = models.DateTimeField(_("modified"), db_index=True)

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        ordering = ("uuid",)
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind"], name="dataset_one_per_organization_kind"),
        ]

    def __str__(self) -> str:
        return self.name
