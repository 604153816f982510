"""Forms of the workspace's procurement pages: the plan, its lines, a record with its bids, closing a month.

The forms only read what was typed (an amount as "95,000.00", a month as "2026-03", a choice); whether
a record may be stored is the services' rule (`prongsai.procurement.inputs` and the database checks),
whose problems the views put back on the fields. So a record is refused for the same reasons in the
workspace as in an imported workbook.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from prongsai.money import format_baht, parse_baht
from prongsai.problems import Problem
from prongsai.textforms import NormalizedTextForm
from prongsai.thaidate import ENGLISH_MONTHS, format_thai_month

from .inputs import BidInput, PlanLineInput, RecordInput
from .models import ContractKind, Method, PlanLine, RecordStatus
from .periods import BadMonth, fiscal_months, month_code, parse_month_code

__all__ = [
    "BahtField",
    "BidForm",
    "BidFormSet",
    "MonthCloseForm",
    "MonthField",
    "PlanForm",
    "PlanLineForm",
    "RecordForm",
    "bid_inputs",
    "error_summary",
    "month_label",
    "put_problems",
]


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def month_label(month: dt.date, language: str) -> str:
    """Name a month for a reader: "มีนาคม 2569" in Thai, "March 2026" in English."""
    if language.startswith("en"):
        return f"{ENGLISH_MONTHS[month.month]} {month.year}"
    return format_thai_month(month)


class BahtField(forms.CharField):
    """An amount of baht typed as people write it ("95,000.00", "95000", "๙๕,๐๐๐ บาท"), as Decimal to the satang."""

    default_error_messages = {"invalid": _("Write an amount of baht, for example 95,000.00.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        """Read the amount; None when nothing was typed."""
        text = super().to_python(value)
        if not text:
            return None
        amount = parse_baht(text)
        if amount is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return amount

    def prepare_value(self, value: Any) -> Any:
        """Show a stored amount as "95,000.00"."""
        return format_baht(value) if isinstance(value, Decimal) else value


class MonthField(forms.CharField):
    """A month typed as "2026-03" (or "2569-03", a Buddhist-era year), as the month's first day."""

    default_error_messages = {"invalid": _("Write the month as year-month, for example 2026-03.")}
    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-03"})

    def to_python(self, value: Any) -> dt.date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_month_code(text)
        except BadMonth:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value: Any) -> Any:
        return month_code(value) if isinstance(value, dt.date) else value


def _method_choices() -> list[tuple[str, Any]]:
    return [("", _("Choose the method")), *Method.choices]


class RecordForm(NormalizedTextForm):
    """Every field of a procurement record, in the order of the สขร.1 form's columns, then the ITA table's."""

    # Fields the record cannot be stored without (the label says so; the checks are the services').
    REQUIRED = frozenset({"month", "sequence", "item", "budget", "method", "winner", "winner_price"})

    sequence = forms.IntegerField(label=_("Row number (ลำดับ)"), min_value=1, max_value=100000)
    month = MonthField(label=_("Month of the summary"))
    item = forms.CharField(
        label=_("Item procured"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    budget = BahtField(label=_("Budget (baht)"))
    reference_price = BahtField(label=_("Reference price (baht)"))
    method = forms.ChoiceField(label=_("Procurement method"), choices=_method_choices)
    method_detail = forms.CharField(
        label=_("Method as the unit writes it"), required=False, max_length=300, help_text=_("For example เฉพาะเจาะจง.")
    )
    winner = forms.CharField(label=_("Selected vendor"), required=False, max_length=500)
    winner_price = BahtField(label=_("Agreed price (baht)"))
    reason = forms.CharField(
        label=_("Reason for the selection"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    contract_kind = forms.ChoiceField(label=_("Contract or order"), choices=ContractKind.choices, required=False)
    contract_number = forms.CharField(label=_("Contract or order number"), required=False, max_length=100)
    contract_date = forms.DateField(label=_("Contract or order date"), required=False, widget=_date_widget())
    egp_number = forms.CharField(label=_("e-GP project number"), required=False, max_length=30)
    budget_source = forms.CharField(label=_("Source of funds"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=RecordStatus.choices, required=False)
    plan_line = forms.TypedChoiceField(
        label=_("Line of the procurement plan"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, plan_lines: list[PlanLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["plan_line"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [
            ("", _("Not in the plan")),
            *((str(line.pk), f"{line.position}. {line.name} ({format_baht(line.budget)})") for line in plan_lines),
        ]

    def record_input(self, bids: list[BidInput], *, month: dt.date) -> RecordInput:
        """Return the record as typed; a field that could not be read counts as empty (its error is shown)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return RecordInput(
            month=data.get("month") or month,
            sequence=data.get("sequence") or 1,
            item=data.get("item") or "",
            budget=data.get("budget"),
            method=data.get("method") or "",
            reference_price=data.get("reference_price"),
            method_detail=data.get("method_detail") or "",
            bids=tuple(bids),
            winner=data.get("winner") or "",
            winner_price=data.get("winner_price"),
            reason=data.get("reason") or "",
            contract_kind=data.get("contract_kind") or "",
            contract_number=data.get("contract_number") or "",
            contract_date=data.get("contract_date"),
            egp_number=data.get("egp_number") or "",
            budget_source=data.get("budget_source") or "",
            status=data.get("status") or "",
            plan_line_id=data.get("plan_line"),
        )


class BidForm(NormalizedTextForm):
    """One bidder and the price offered; a row left empty is no bid."""

    bidder = forms.CharField(label=_("Bidder"), required=False, max_length=500)
    price = BahtField(label=_("Price offered (baht)"))

    def bid(self) -> BidInput | None:
        """Return the bid typed in this row, or None for an empty row."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        bidder, price = data.get("bidder") or "", data.get("price")
        if not bidder and price is None:
            return None
        return BidInput(bidder=bidder, price=price)


BidFormSet = forms.formset_factory(BidForm, extra=0, max_num=100, absolute_max=100)


def bid_inputs(formset: forms.BaseFormSet[BidForm]) -> list[BidInput]:
    """Return the bids typed in a bid formset, in row order, empty rows left out."""
    return [bid for form in formset.forms if (bid := form.bid()) is not None]


# Empty rows offered for new bidders under those already given.
BLANK_BID_ROWS = 2


class PlanForm(NormalizedTextForm):
    announced_on = forms.DateField(label=_("Announced on"), required=False, widget=_date_widget())
    note_th = forms.CharField(
        label=_("Notes (Thai)"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PlanLineForm(NormalizedTextForm):
    """A line of the procurement plan; its expected month is one of the plan's fiscal year."""

    REQUIRED = frozenset({"name", "budget", "method", "expected_month"})

    name = forms.CharField(label=_("Item to procure"), required=False, max_length=1000)
    budget = BahtField(label=_("Planned budget (baht)"))
    method = forms.ChoiceField(label=_("Procurement method"), choices=_method_choices)
    expected_month = forms.ChoiceField(label=_("Expected month"))
    budget_source = forms.CharField(label=_("Source of funds"), required=False, max_length=200)
    note = forms.CharField(label=_("Notes"), required=False, max_length=1000)

    def __init__(self, *args: Any, fiscal_year: int, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["expected_month"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(month_code(m), month_label(m, language)) for m in fiscal_months(fiscal_year)]

    def line_input(self, *, fiscal_year: int) -> PlanLineInput:
        """Return the line as typed; a field that could not be read counts as empty (its error is shown)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        month = data.get("expected_month")
        return PlanLineInput(
            name=data.get("name") or "",
            budget=data.get("budget"),
            method=data.get("method") or "",
            expected_month=parse_month_code(month) if month else fiscal_months(fiscal_year)[0],
            budget_source=data.get("budget_source") or "",
            note=data.get("note") or "",
        )


class MonthCloseForm(NormalizedTextForm):
    as_of = forms.DateField(label=_("Information as of"), widget=_date_widget())
    note_th = forms.CharField(
        label=_("Notes (Thai)"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


def put_problems(form: forms.Form, problems: list[Problem], language: str, *, elsewhere: list[str]) -> None:
    """Put each problem on its field of the form (only one message per field and text); the rest go to `elsewhere`."""
    for problem in problems:
        message = problem.text(language)
        if problem.field in form.fields:
            if message not in form.errors.get(problem.field, []):
                form.add_error(problem.field, message)
        elif message not in elsewhere:
            elsewhere.append(message)


def error_summary(form: forms.Form, *, others: list[tuple[str, str, str]] | None = None) -> list[tuple[str, str, str]]:
    """Return every error as (anchor, field label, message) for the summary above the form, fields in order."""
    rows = [("", "", str(message)) for message in form.non_field_errors()]
    for name, field in form.fields.items():
        for message in form.errors.get(name, []):
            rows.append((f"id_{form.add_prefix(name)}", str(field.label), str(message)))
    return rows + (others or [])
