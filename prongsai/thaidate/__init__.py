"""Thai dates for Prongsai: Buddhist-era years, fiscal years, reporting rounds, parsing.

A pure package (standard library and pythainlp only, no Django) so that
every layer can use it and its rules are tested in isolation. Dates are
stored as ISO / common-era ``datetime.date`` values; this package converts
at the edges: formatting for readers, parsing what websites write.
"""

from prongsai.thaidate.calendar_math import (
    add_months,
    days_in_month,
    first_day_of_month,
    last_day_of_month,
)
from prongsai.thaidate.digits import arabic_digits, thai_digits
from prongsai.thaidate.era import (
    BE_OFFSET,
    Era,
    expand_two_digit_be_year,
    interpret_written_year,
    to_be_year,
    to_ce_year,
)
from prongsai.thaidate.fiscal import (
    ReportingRound,
    RoundKind,
    current_round,
    fiscal_year_bounds,
    fiscal_year_of,
    rounds_of_fiscal_year,
)
from prongsai.thaidate.formatting import (
    format_date_in,
    format_english_date,
    format_thai_date,
    format_thai_date_range,
    format_thai_datetime,
    format_thai_month,
)
from prongsai.thaidate.months import (
    ENGLISH_MONTHS,
    ENGLISH_MONTHS_ABBR,
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
)
from prongsai.thaidate.normalization import normalize_text
from prongsai.thaidate.parsing import (
    DateKind,
    FoundDate,
    Precision,
    find_dates,
    parse_fiscal_year,
    parse_thai_date,
)

__all__ = [
    "BE_OFFSET",
    "ENGLISH_MONTHS",
    "ENGLISH_MONTHS_ABBR",
    "THAI_MONTHS",
    "THAI_MONTHS_ABBR",
    "DateKind",
    "Era",
    "FoundDate",
    "Precision",
    "ReportingRound",
    "RoundKind",
    "add_months",
    "arabic_digits",
    "current_round",
    "days_in_month",
    "expand_two_digit_be_year",
    "find_dates",
    "first_day_of_month",
    "fiscal_year_bounds",
    "fiscal_year_of",
    "format_date_in",
    "format_english_date",
    "format_thai_date",
    "format_thai_date_range",
    "format_thai_datetime",
    "format_thai_month",
    "interpret_written_year",
    "last_day_of_month",
    "normalize_text",
    "parse_fiscal_year",
    "parse_thai_date",
    "rounds_of_fiscal_year",
    "thai_digits",
    "to_be_year",
    "to_ce_year",
]
