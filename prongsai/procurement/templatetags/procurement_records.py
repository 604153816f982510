"""Template filters of the procurement pages: amounts of baht and months, the way the active language writes them."""

import datetime as dt
from decimal import Decimal

from django import template
from django.utils import translation

from prongsai.money import format_baht

from ..forms import month_label

register = template.Library()


@register.filter
def baht(value: Decimal | None) -> str:
    """Write an amount as "95,000.00"; an unknown amount as a dash."""
    return "—" if value is None or value == "" else format_baht(Decimal(value))


@register.filter
def month_name(value: dt.date | None) -> str:
    """Name a month: "มีนาคม 2569" in Thai, "March 2026" in English."""
    return "" if value is None else month_label(value, translation.get_language() or "th")
