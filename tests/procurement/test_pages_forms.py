"""What the record and plan forms read from what people type: amounts of baht and months."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.money import MAX_AMOUNT
from prongsai.procurement.forms import BahtField, MonthField, month_label


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("95,000.00", Decimal("95000.00")),
        ("95000", Decimal("95000.00")),
        ("๙๕,๐๐๐.๕๐ บาท", Decimal("95000.50")),
        ("1,250.505", Decimal("1250.51")),
        ("฿ 12.5", Decimal("12.50")),
        ("  ", None),
        ("", None),
    ],
)
def test_an_amount_is_read_as_people_write_it(typed: str, amount: Decimal | None) -> None:
    assert BahtField().clean(typed) == amount


@pytest.mark.parametrize("typed", ["หนึ่งแสน", "-5", "95.000,00", "1e5", "10000000000000"])
def test_what_is_not_an_amount_of_baht_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as error:
        BahtField().clean(typed)
    with translation.override("en"):
        assert error.value.messages == ["Write an amount of baht, for example 95,000.00."]
    with translation.override("th"):
        assert error.value.messages == ["กรอกจำนวนเงินเป็นบาท เช่น 95,000.00"]


@settings(deadline=None)  # no wall-clock bound: the machine may be busy
@given(st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2))
def test_an_amount_shown_in_a_form_reads_back_the_same(amount: Decimal) -> None:
    field = BahtField()
    assert field.clean(field.prepare_value(amount)) == amount


@pytest.mark.parametrize(
    ("typed", "month"),
    [("2026-03", dt.date(2026, 3, 1)), ("2569-03", dt.date(2026, 3, 1)), ("๒๕๖๘-๑๐", dt.date(2025, 10, 1))],
)
def test_a_month_is_read_in_either_era(typed: str, month: dt.date) -> None:
    assert MonthField().clean(typed) == month


@pytest.mark.parametrize("typed", ["2026-13", "มีนาคม 2569", "2026/03", "26-03"])
def test_what_is_not_a_month_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as error:
        MonthField().clean(typed)
    with translation.override("en"):
        assert error.value.messages == ["Write the month as year-month, for example 2026-03."]
    with translation.override("th"):
        assert error.value.messages == ["กรอกเดือนเป็นปี-เดือน เช่น 2026-03 หรือ 2569-03"]


@settings(deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_a_month_shown_in_a_form_reads_back_as_its_first_day(day: dt.date) -> None:
    field = MonthField()
    assert field.clean(field.prepare_value(day.replace(day=1))) == day.replace(day=1)


def test_months_are_named_in_the_readers_language() -> None:
    assert month_label(dt.date(2026, 3, 1), "th") == "มีนาคม 2569"
    assert month_label(dt.date(2026, 3, 1), "en") == "March 2026"
    assert month_label(dt.date(2025, 10, 1), "en-gb") == "October 2025"
