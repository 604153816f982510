"""Template filters of the channels pages."""

import datetime as dt

from django import template
from django.utils import translation

from prongsai.thaidate import ENGLISH_MONTHS, format_thai_month

register = template.Library()


@register.filter
def bemonth(value: dt.date | None) -> str:
    """Format a month as "ตุลาคม 2568" (Buddhist era) in Thai and "October 2025" in English."""
    if value is None or value == "":
        return ""
    if translation.get_language() == "en":
        return f"{ENGLISH_MONTHS[value.month]} {value.year}"
    return format_thai_month(value)
