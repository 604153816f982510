"""Template filters of the report pages: labels of stored states, signed changes, ISO dates in the reader's calendar."""

import datetime as dt

from django import template
from django.utils import translation

from prongsai.monitoring.models import ItemStatusChoices
from prongsai.thaidate import format_date_in

from ..models import OverallStateChoices, ReportStateChoices

register = template.Library()


@register.filter
def report_state_label(value: str | None) -> str:
    """Return the translated name of a unit report's state ("" for none)."""
    return str(ReportStateChoices(value).label) if value in ReportStateChoices.values else ""


@register.filter
def overall_state_label(value: str | None) -> str:
    """Return the translated name of the overall report's state."""
    return str(OverallStateChoices(value).label) if value in OverallStateChoices.values else ""


@register.filter
def monitor_label(value: str | None) -> str:
    """Return the translated name of a monitor finding ("" when the item was not checked)."""
    return str(ItemStatusChoices(value).label) if value in ItemStatusChoices.values else ""


@register.filter
def signed(value: float | None) -> str:
    """Write a change with its sign: "+2.5", "−8.4", "0.0"; "—" when unknown."""
    if value is None:
        return "—"
    if value > 0:
        return f"+{value:.1f}"
    if value < 0:
        return f"−{-value:.1f}"
    return "0.0"


@register.filter
def isodate(value: str | None) -> str:
    """Show a stored ISO date in the reader's calendar (Buddhist era in Thai)."""
    if not value:
        return ""
    return format_date_in(translation.get_language() or "th", dt.date.fromisoformat(value[:10]))


@register.filter
def in_language(row: dict[str, object], field: str) -> str:
    """Return row[<field>_en] in English (falling back to Thai), row[<field>_th] otherwise."""
    thai = str(row.get(f"{field}_th", ""))
    if translation.get_language() == "en":
        return str(row.get(f"{field}_en", "")) or thai
    return thai
