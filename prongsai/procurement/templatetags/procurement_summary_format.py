"""Template filters of the procurement summary pages: money as Thai forms write it, months, method names."""

import datetime as dt
from decimal import Decimal

from django import template
from django.utils import translation

from prongsai.money import format_baht
from prongsai.thaidate import format_thai_month
from prongsai.thaidate.months import ENGLISH_MONTHS

from ..documents import method_label

register = template.Library()


def _language() -> str:
    return "en" if translation.get_language() == "en" else "th"


@register.filter
def baht(value: Decimal | None) -> str:
    """Write an amount as "95,000.00"; "–" when unknown."""
    return "–" if value is None else format_baht(value)


@register.filter
def month_name(value: dt.date) -> str:
    """Name a month for the page's reader: "มีนาคม 2569" (Buddhist era) or "March 2026"."""
    if _language() == "en":
        return f"{ENGLISH_MONTHS[value.month]} {value.year}"
    return format_thai_month(value)


@register.filter
def method(value: str) -> str:
    """Name a procurement method as the form writes it, in the page's language."""
    return method_label(value, _language())


@register.filter
def fiscal_year(value: int) -> str:
    """Name a fiscal year (stored BE): "ปีงบประมาณ พ.ศ. 2569" or "Fiscal year 2026"."""
    if _language() == "en":
        return translation.pgettext("procurement summary", "Fiscal year %(year)s") % {"year": value - 543}
    return translation.pgettext("procurement summary", "Fiscal year %(year)s") % {"year": value}
