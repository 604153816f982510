"""How the report files say things: Buddhist-era dates, state labels, names, figures — one place for PDF and XLSX.

Pure presentation over stored facts and the report rows' own fields; nothing here queries the
database beyond the people a row already points to (loaded by the caller with select_related).
"""

import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import pgettext

from prongsai.disclosures.models import EntryStatusChoices
from prongsai.monitoring.models import ItemStatusChoices
from prongsai.thaidate import format_english_date, format_thai_date, format_thai_datetime

from ..models import OverallStateChoices, ReportStateChoices
from ..workflow import round_from_code

# The register's statuses in which an item counts as published and current (the report's compliance).
COMPLIANT_STATUSES = frozenset({"published", "due_soon"})
# One mark per register status for the compact matrix; each is a glyph Sarabun has, explained by a legend.
MATRIX_MARKS: Mapping[str, str] = {
    "published": "■",
    "due_soon": "■",
    "overdue": "△",
    "missing": "×",
    "draft": "–",
    "awaiting_review": "–",
    "returned": "–",
}


def iso_date(value: str | None) -> dt.date | None:
    """Read an ISO date of the facts (or the date part of an ISO time); None stays None."""
    if not value:
        return None
    return dt.date.fromisoformat(value[:10])


def iso_time(value: str | None) -> dt.datetime | None:
    """Read an ISO time of the facts as the local (Bangkok) wall-clock time; None stays None."""
    if not value:
        return None
    parsed = dt.datetime.fromisoformat(value)
    return timezone.localtime(parsed) if timezone.is_aware(parsed) else parsed


def show_date(value: dt.date | None, language: str) -> str:
    """Write a date for the reader: "31 มีนาคม 2569" (Buddhist era) in Thai, "31 March 2026" in English."""
    if value is None:
        return "–"
    return format_thai_date(value) if language == "th" else format_english_date(value)


def show_time(value: dt.datetime | None, language: str) -> str:
    """Write a moment in local time: "31 มีนาคม 2569 เวลา 14:05 น." or "31 March 2026, 14:05"."""
    if value is None:
        return "–"
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if language == "th":
        return format_thai_datetime(local)
    return f"{format_english_date(local.date())}, {local.hour:02d}:{local.minute:02d}"


def local_naive(value: dt.datetime | None) -> dt.datetime | None:
    """Return a moment as local wall-clock time without a zone, the form spreadsheet cells hold."""
    if value is None:
        return None
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return local.replace(tzinfo=None, microsecond=0)


def round_label(code: str, language: str) -> str:
    """Name the round: "รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2569" or "6-month round, fiscal year 2026"."""
    period = round_from_code(code)
    return period.label_th if language == "th" else period.label_en


def round_period(code: str, language: str) -> str:
    """Write the dates a round covers, first and last day in full."""
    period = round_from_code(code)
    return f"{show_date(period.start, language)} – {show_date(period.end, language)}"


def _choice_label(choices: Any, value: str | None, language: str) -> str:
    if not value:
        return "–"
    with translation.override(language):
        try:
            return str(choices(value).label)
        except ValueError:
            return value


def entry_status_label(value: str | None, language: str) -> str:
    """Name a register status (published, overdue, …) in the reader's language."""
    return _choice_label(EntryStatusChoices, value, language)


def monitor_status_label(value: str | None, language: str) -> str:
    """Name a monitor finding (found, partly found, not found) in the reader's language."""
    return _choice_label(ItemStatusChoices, value, language)


def report_state_label(value: str | None, language: str) -> str:
    """Name a unit report's state as a printed report says it ("ส่งแล้ว"); None is a unit that did not report.

    The words carry their own context: the catalogue's plain "Submitted" is a column heading
    ("วันที่ส่ง") elsewhere.
    """
    with translation.override(language):
        labels = {
            "draft": pgettext("report file state", "Draft"),
            "awaiting_approval": pgettext("report file state", "Awaiting the head's approval"),
            "submitted": pgettext("report file state", "Submitted"),
            "accepted": pgettext("report file state", "Accepted"),
            "returned": pgettext("report file state", "Returned for correction"),
        }
        if value is None:
            return pgettext("report file", "Not reported")
        return labels.get(value) or _choice_label(ReportStateChoices, value, language)


def overall_state_label(value: str, language: str) -> str:
    """Name the overall report's state as the printed report says it."""
    with translation.override(language):
        labels = {
            "draft": pgettext("report file state", "Draft"),
            "awaiting_approval": pgettext("report file state", "Awaiting the supervisor's approval"),
            "approved": pgettext("report file state", "Approved"),
        }
        return labels.get(value) or _choice_label(OverallStateChoices, value, language)


def currency_label(current: bool | None, language: str) -> str:
    """Say whether the monitor read the evidence as current."""
    with translation.override(language):
        if current is True:
            return pgettext("report file", "Current")
        if current is False:
            return pgettext("report file", "Out of date")
        return pgettext("report file", "Date unknown")


def yes_no(value: bool, language: str) -> str:
    """Say yes or no in the reader's language."""
    with translation.override(language):
        return pgettext("report file", "Yes") if value else pgettext("report file", "No")


def person(user: Any, language: str) -> str:
    """Name a person as the reader's language prefers; "–" for nobody."""
    if user is None:
        return "–"
    return str(user.display_name(language))


def text_in(language: str, thai: str, english: str) -> str:
    """Pick the Thai or the English text of a pair, falling back to the Thai (authoritative) one."""
    return (english or thai) if language == "en" else thai


def figure(value: float | int | None, *, digits: int = 1) -> str:
    """Write a figure for reading: one decimal for fractions, "–" when unknown."""
    if value is None:
        return "–"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    # Half up from the shortest decimal that names the float, as a reader rounds (16.65 → 16.7).
    exponent = Decimal(1).scaleb(-digits)
    return str(Decimal(repr(float(value))).quantize(exponent, rounding=ROUND_HALF_UP))
