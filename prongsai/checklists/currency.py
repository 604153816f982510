"""When an approved entry falls due for review again (measure 5.2 step 5). Pure: no Django.

Every item must be reviewed at least every six months; items tied to a fiscal year must also
be renewed when the next fiscal year begins, and monthly summaries every month.
"""

import datetime as dt

from prongsai.thaidate import add_months, fiscal_year_bounds, fiscal_year_of

from .definition import CurrencyRule

REVIEW_INTERVAL_MONTHS = 6


def next_review_due(rule: CurrencyRule, approved_on: dt.date) -> dt.date:
    """Return the date by which an entry approved on `approved_on` must be reviewed again."""
    six_months = add_months(approved_on, REVIEW_INTERVAL_MONTHS)
    if rule is CurrencyRule.MONTHLY:
        return add_months(approved_on, 1)
    if rule in (CurrencyRule.CURRENT_FISCAL_YEAR, CurrencyRule.PREVIOUS_FISCAL_YEAR):
        _, fiscal_end = fiscal_year_bounds(fiscal_year_of(approved_on))
        return min(six_months, fiscal_end + dt.timedelta(days=1))
    return six_months


MONTHLY_DUE_SOON_DAYS = 7


def due_soon_days(rule: CurrencyRule, default_days: int) -> int:
    """Return how many days before its review date an entry counts as due soon.

    A monthly item is due a month after approval, so the general window (30 days) would mark it
    due soon the day it is published; it gets a week instead.
    """
    if rule is CurrencyRule.MONTHLY:
        return min(default_days, MONTHLY_DUE_SOON_DAYS)
    return default_days
