"""Template filters of the reports' pages: stored facts are plain JSON (ISO dates, Thai and English pairs)."""

import datetime as dt

from django import template
from django.utils import timezone, translation

from prongsai.thaidate import format_date_in

register = template.Library()


@register.filter
def isobedate(value: str | None) -> str:
    """Show an ISO date or time stored in the facts as a Thai (Buddhist-era) or English date, by the active language."""
    if not value:
        return ""
    day = timezone.localtime(dt.datetime.fromisoformat(value)).date() if "T" in value else dt.date.fromisoformat(value)
    return format_date_in(translation.get_language() or "th", day)


@register.filter
def pair(mapping: dict[str, object] | None, field: str) -> object:
    """Return mapping[field + "_en"] in English (falling back to Thai) and mapping[field + "_th"] otherwise."""
    if not mapping:
        return ""
    thai = mapping.get(f"{field}_th", "")
    if translation.get_language() == "en":
        return mapping.get(f"{field}_en", "") or thai
    return thai
