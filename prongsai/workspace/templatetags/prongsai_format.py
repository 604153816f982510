"""Template filters that show dates the Thai way (Buddhist era) or the English way, by the active language."""

import datetime as dt

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation

from prongsai.disclosures.workflow import EntryStatus
from prongsai.thaidate import format_date_in, format_english_date, format_thai_datetime

register = template.Library()


@register.filter
def bedate(value: dt.date | dt.datetime | None) -> str:
    """Format a date (or the local date of a datetime) as "15 มีนาคม 2569" in Thai, "15 March 2026" in English."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return format_date_in(translation.get_language() or "th", value)


@register.filter
def bedatetime(value: dt.datetime | None) -> str:
    """Format a moment in local time, e.g. "15 มีนาคม 2569 เวลา 14:05 น." or "15 March 2026, 14:05"."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    if translation.get_language() == "en":
        return f"{format_english_date(local.date())}, {local:%H:%M}"
    return format_thai_datetime(local)


@register.filter
def bilingual(obj: object, field: str) -> str:
    """Return obj.<field>_en in English (falling back to Thai) and obj.<field>_th otherwise."""
    thai = getattr(obj, f"{field}_th", "")
    if translation.get_language() == "en":
        return getattr(obj, f"{field}_en", "") or thai
    return thai


@register.filter
def person(user: object) -> str:
    """Return a person's name in the active language."""
    if user is None:
        return ""
    display_name = getattr(user, "display_name", None)
    return display_name(translation.get_language() or "th") if callable(display_name) else str(user)


@register.filter
def status_label(status: EntryStatus | str | None) -> str:
    """Return the translated name of an entry status."""
    from prongsai.disclosures.models import EntryStatusChoices

    if not status:
        return ""
    return str(EntryStatusChoices(str(status)).label)


@register.filter
def size(value: int) -> str:
    return filesizeformat(value)


@register.filter
def get(mapping: dict[object, object], key: object) -> object:
    """Look a key up in a dict (for count tables)."""
    return mapping.get(key, "")
