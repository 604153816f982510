"""Template filters of the plans' pages: baht with satang, percentages, reporting months, figures stored as JSON."""

import datetime as dt
from decimal import Decimal

from django import template
from django.forms import BoundField
from django.utils import translation
from django.utils.safestring import SafeString

from prongsai.money import format_baht

from ..forms import month_label

register = template.Library()


@register.filter
def baht(value: Decimal | str | None) -> str:
    """Write an amount (or its JSON string) as 1,250,000.50; "—" when unknown."""
    if value is None or value == "":
        return "—"
    return format_baht(Decimal(value))


@register.filter
def percent(value: Decimal | str | None) -> str:
    """Write a percentage to two decimals with its sign ("45.50 %"); "—" when unknown (nothing reported, no budget)."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value):.2f} %"


@register.filter
def month(value: dt.date | None) -> str:
    """Name a reporting month: "มีนาคม 2569" in Thai, "March 2026" in English."""
    if value is None:
        return ""
    return month_label(value, translation.get_language() or "th")


@register.filter
def described(field: BoundField) -> SafeString:
    """Render a field's widget tied to its error message (aria-describedby), so a screen reader reads them together."""
    if not field.errors:
        return field.as_widget()
    return field.as_widget(attrs={"aria-describedby": f"{field.auto_id}_errors", "aria-invalid": "true"})
