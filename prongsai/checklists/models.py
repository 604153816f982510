"""Checklists loaded from data files: the measure's clauses and items, with their rules and crosswalks."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .definition import CurrencyRule


class Checklist(models.Model):
    """One loaded checklist version; exactly one is active and units' entries are created from it."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    title_th = models.CharField(_("title (Thai)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500)
    version = models.CharField(_("version"), max_length=32)
    source_th = models.TextField(_("source (Thai)"), blank=True)
    source_en = models.TextField(_("source (English)"), blank=True)
    effective_from = models.DateField(_("effective from"))
    is_active = models.BooleanField(_("active"), default=False)
    content_hash = models.CharField(max_length=64, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"))

    class Meta:
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")
        constraints = [
            models.UniqueConstraint(fields=["is_active"], condition=Q(is_active=True), name="checklist_one_active"),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.version})"


class Clause(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="clauses")
    code = models.CharField(_("code"), max_length=32)
    title_th = models.CharField(_("title (Thai)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ("checklist", "position")
        constraints = [models.UniqueConstraint(fields=["checklist", "code"], name="clause_unique_code")]

    def title(self, language: str = "th") -> str:
        return self.title_en if language == "en" else self.title_th

    def __str__(self) -> str:
        return f"{self.code} {self.title_th}"


class ChecklistItem(models.Model):
    """One required disclosure: what it is, who reviews it, how long it stays current, how to find it."""

    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("code"), max_length=32)
    name_th = models.CharField(_("name (Thai)"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500)
    evidence_th = models.TextField(_("evidence (Thai)"), blank=True)
    evidence_en = models.TextField(_("evidence (English)"), blank=True)
    guidance_th = models.TextField(_("guidance (Thai)"), blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    review_step = models.PositiveSmallIntegerField(_("review step"))
    currency = models.CharField(
        _("currency rule"), max_length=32, choices=[(rule.value, rule.value) for rule in CurrencyRule]
    )
    bilingual_required = models.BooleanField(_("Thai and English required"), default=False)
    nothing_to_publish_allowed = models.BooleanField(_("'nothing this period' allowed"), default=False)
    weight = models.FloatField(_("weight"), default=1.0)
    keywords_th = models.JSONField(_("keywords (Thai)"), default=list)
    keywords_en = models.JSONField(_("keywords (English)"), default=list)
    crosswalk = models.JSONField(_("crosswalk"), default=dict)
    monitor_rules = models.JSONField(_("website monitor rules"), default=dict, blank=True)
    position = models.PositiveIntegerField(default=0)
    retired = models.BooleanField(
        _("retired"), default=False, help_text=_("No longer in the data file; kept for history.")
    )

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ("checklist", "position")
        constraints = [
            models.UniqueConstraint(fields=["checklist", "code"], name="checklist_item_unique_code"),
            models.CheckConstraint(condition=Q(review_step__gte=1, review_step__lte=4), name="item_step_1_to_4"),
        ]

    @property
    def currency_rule(self) -> CurrencyRule:
        return CurrencyRule(self.currency)

    def name(self, language: str = "th") -> str:
        return self.name_en if language == "en" else self.name_th

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"
