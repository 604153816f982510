"""Procurement (5.1.7): the annual procurement plan, one record per procurement, and the monthly summary.

A record carries every field of the สขร.1 form and of the later ITA table (DOMAIN.md §4). Its
natural key is the form's own: the unit, the month and the row number (ลำดับ) of that month's
summary, so importing the same workbook twice updates rather than duplicates. A month is closed
by the unit with an "as of" date; a closed month without records is the dated declaration
"ไม่มีการจัดซื้อจัดจ้าง". Money is Decimal baht with satang.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from prongsai.organizations.models import Organization


class Method(models.TextChoices):
    """How the goods or work were procured: the e-GP methods of the 2560 Act, and the older ones old forms name."""

    SPECIFIC = "specific", _("Specific method (เฉพาะเจาะจง)")
    SELECTION = "selection", _("Selection (คัดเลือก)")
    E_BIDDING = "e_bidding", _("Electronic bidding (e-bidding)")
    E_MARKET = "e_market", _("Electronic market (e-market)")
    PRICE_AGREEMENT = "price_agreement", _("Price agreement (ตกลงราคา)")
    PRICE_INQUIRY = "price_inquiry", _("Price inquiry (สอบราคา)")
    BIDDING = "bidding", _("Bidding (ประกวดราคา)")
    SPECIAL = "special", _("Special method (วิธีพิเศษ)")
    SPECIAL_CASE = "special_case", _("Special case (กรณีพิเศษ)")


class RecordStatus(models.TextChoices):
    """Where the procurement stands (the ITA table's status column); blank when the form did not say."""

    NOT_STATED = "", _("Not stated")
    NOT_SIGNED = "not_signed", _("Contract not yet signed")
    IN_CONTRACT = "in_contract", _("Within the contract period")
    COMPLETED = "completed", _("Contract completed")
    CANCELLED = "cancelled", _("Cancelled")


class ContractKind(models.TextChoices):
    NOT_STATED = "", _("Not stated")
    CONTRACT = "contract", _("Contract (สัญญา)")
    PURCHASE_ORDER = "purchase_order", _("Purchase order (ใบสั่งซื้อ)")
    WORK_ORDER = "work_order", _("Work order (ใบสั่งจ้าง)")
    AGREEMENT = "agreement", _("Agreement (ข้อตกลง)")


class ProcurementPlan(models.Model):
    """A unit's annual procurement plan (แผนการจัดซื้อจัดจ้างประจำปี, 5.1.7.1) for one fiscal year (BE)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="procurement_plans")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (BE)"))
    announced_on = models.DateField(_("announced on"), null=True, blank=True)
    note_th = models.TextField(_("notes (Thai)"), blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("procurement plan")
        verbose_name_plural = _("procurement plans")
        ordering = ("organization", "-fiscal_year")
        constraints = [
            models.UniqueConstraint(fields=["organization", "fiscal_year"], name="procurement_plan_one_per_unit_year"),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2500, fiscal_year__lte=2700), name="procurement_plan_fiscal_year_is_be"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization.slug} {self.fiscal_year}"


class PlanLine(models.Model):
    """One line of the procurement plan: what will be bought, the planned budget, the method and the month expected."""

    plan = models.ForeignKey(ProcurementPlan, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("item"), max_length=1000)
    budget = models.DecimalField(_("planned budget (baht)"), max_digits=15, decimal_places=2)
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    expected_month = models.DateField(_("expected month"), help_text=_("The first day of the month."))
    budget_source = models.CharField(_("source of funds"), max_length=200, blank=True)
    note = models.CharField(_("notes"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("procurement plan line")
        verbose_name_plural = _("procurement plan lines")
        ordering = ("plan", "position", "id")
        constraints = [models.CheckConstraint(condition=Q(budget__gte=0), name="plan_line_budget_not_negative")]

    def __str__(self) -> str:
        return self.name


class ProcurementRecord(models.Model):
    """One procurement, with every field of the สขร.1 form and of the ITA table."""

    class Source(models.TextChoices):
        ENTERED = "entered", _("Entered in the workspace")
        IMPORTED = "imported", _("Imported from a workbook")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="procurements")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (BE)"))
    month = models.DateField(_("month"), help_text=_("The first day of the month whose summary lists it."))
    sequence = models.PositiveIntegerField(_("row number (ลำดับ)"))
    item = models.CharField(_("item procured"), max_length=2000)
    budget = models.DecimalField(_("budget (baht)"), max_digits=15, decimal_places=2)
    reference_price = models.DecimalField(
        _("reference price (baht)"), null=True, blank=True, max_digits=15, decimal_places=2
    )
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    method_detail = models.CharField(_("method as written"), max_length=300, blank=True)
    winner = models.CharField(_("selected vendor"), max_length=500, blank=True)
    winner_price = models.DecimalField(_("agreed price (baht)"), null=True, blank=True, max_digits=15, decimal_places=2)
    reason = models.CharField(_("reason for the selection"), max_length=1000, blank=True)
    contract_kind = models.CharField(
        _("contract or order"), max_length=16, choices=ContractKind.choices, blank=True, default=""
    )
    contract_number = models.CharField(_("contract number"), max_length=100, blank=True)
    contract_date = models.DateField(_("contract date"), null=True, blank=True)
    egp_number = models.CharField(_("e-GP project number"), max_length=30, blank=True)
    budget_source = models.CharField(_("source of funds"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=RecordStatus.choices, blank=True, default="")
    plan_line = models.ForeignKey(
        PlanLine, null=True, blank=True, on_delete=models.SET_NULL, related_name="records", verbose_name=_("plan line")
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.ENTERED)
    # None: written by a management command run by the operator (the audit event says which).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("procurement record")
        verbose_name_plural = _("procurement records")
        ordering = ("organization", "month", "sequence")
        constraints = [
            models.UniqueConstraint(fields=["organization", "month", "sequence"], name="procurement_unique_row"),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2500, fiscal_year__lte=2700), name="procurement_fiscal_year_is_be"
            ),
            models.CheckConstraint(condition=Q(budget__gte=0), name="procurement_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(winner_price__isnull=True) | Q(winner_price__gte=0), name="procurement_price_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["organization", "fiscal_year"], name="procurement_unit_year")]

    def __str__(self) -> str:
        return f"{self.organization.slug} {self.month:%Y-%m} #{self.sequence}"


class Bid(models.Model):
    """A bidder and the price offered (รายชื่อผู้เสนอราคาและราคาที่เสนอ), in the order the form lists them."""

    record = models.ForeignKey(ProcurementRecord, on_delete=models.CASCADE, related_name="bids")
    position = models.PositiveIntegerField()
    bidder = models.CharField(_("bidder"), max_length=500)
    price = models.DecimalField(_("price offered (baht)"), null=True, blank=True, max_digits=15, decimal_places=2)

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        ordering = ("record", "position")
        constraints = [models.UniqueConstraint(fields=["record", "position"], name="bid_unique_position")]

    def __str__(self) -> str:
        return self.bidder


class ProcurementMonth(models.Model):
    """A month the unit has closed: its summary (สขร.1) is complete as of a date; without records it declares none."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="procurement_months")
    month = models.DateField(_("month"))
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (BE)"))
    as_of = models.DateField(_("as of"))
    note_th = models.CharField(_("notes (Thai)"), max_length=1000, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("closed procurement month")
        verbose_name_plural = _("closed procurement months")
        ordering = ("organization", "month")
        constraints = [
            models.UniqueConstraint(fields=["organization", "month"], name="procurement_month_once"),
            models.CheckConstraint(condition=Q(as_of__gte=models.F("month")), name="procurement_month_as_of_after"),
        ]

    def __str__(self) -> str:
        return f"{self.organization.slug} {self.month:%Y-%m}"


class ImportBatch(models.Model):
    """One accepted workbook import: what it was, who sent it, and what it changed (a rejected file leaves none)."""

    class Kind(models.TextChoices):
        SUMMARY_FORM = "summary_form", _("Monthly summary form (สขร.1)")
        RECORDS_TEMPLATE = "records_template", _("Procurement records template")
        PLAN_TEMPLATE = "plan_template", _("Procurement plan template")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="procurement_imports")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField()
    created = models.PositiveIntegerField()
    updated = models.PositiveIntegerField()
    unchanged = models.PositiveIntegerField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField()

    class Meta:
        verbose_name = _("procurement import")
        verbose_name_plural = _("procurement imports")
        ordering = ("-imported_at",)

    def __str__(self) -> str:
        return f"{self.organization.slug} {self.filename}"
