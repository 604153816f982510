"""The summaries' benchmark on a tiny department: the generator's data hold together and the harness counts them."""

from typing import Any

from django.db import transaction

from bench.procurement_summaries import measure
from bench.procurement_summaries.generate import DEPARTMENT_SLUG, generate, unit_slug
from prongsai.procurement.models import Bid, ProcurementMonth, ProcurementRecord


def _unit_records(slug: str) -> list[tuple[Any, ...]]:
    return list(
        ProcurementRecord.objects.filter(organization__slug=slug)
        .order_by("month", "sequence")
        .values_list("month", "sequence", "item", "budget", "winner", "winner_price", "method")
    )


def test_generated_year_holds_together_and_the_harness_counts_it(db: None) -> None:
    generated = generate(units=2, seed=7)

    assert generated.units == 2
    assert generated.records == ProcurementRecord.objects.count()
    assert generated.bids == Bid.objects.count()
    assert generated.closed_months == ProcurementMonth.objects.count() == 22  # September stays open
    declared = sum(
        not ProcurementRecord.objects.filter(organization=closing.organization, month=closing.month).exists()
        for closing in ProcurementMonth.objects.all()
    )
    assert declared <= generated.empty_months  # an empty September is not closed
    counts = [
        ProcurementRecord.objects.filter(organization__slug=unit_slug(1), month=closing.month).count()
        for closing in ProcurementMonth.objects.filter(organization__slug=unit_slug(1))
    ]
    assert all(count == 0 or 5 <= count <= 15 for count in counts)
    # A winner's price is the lowest bid, and no record says a winner without a price.
    for record in ProcurementRecord.objects.prefetch_related("bids"):
        prices = [bid.price for bid in record.bids.all() if bid.price is not None]
        assert record.winner_price == (min(prices) if prices else None)

    result = measure.run(pdf_sample=0, progress=lambda _line: None)
    assert (result.units, result.months, result.rows) == (2, 24, generated.records)
    assert result.empty_months == declared
    by_label = {row["label"]: row for row in result.series}
    assert by_label["month_summary"]["count"] == by_label["summary_xlsx"]["count"] == 24
    assert set(by_label["month_summary"]["queries"]) <= {2, 3}  # no prefetch for a month without records
    assert by_label["summary_pdf"]["count"] == 0
    assert by_label["reconciliation"]["count"] == 2
    assert result.peak_rss_mib > 0


def test_a_units_data_do_not_depend_on_the_number_of_units(db: None) -> None:
    with transaction.atomic():
        generate(units=1, seed=7)
        alone = _unit_records(unit_slug(1))
        transaction.set_rollback(True)
    generate(units=3, seed=7)
    assert _unit_records(unit_slug(1)) == alone
    assert alone  # a year has records
    assert ProcurementRecord.objects.filter(organization__parent__slug=DEPARTMENT_SLUG).count() > len(alone)


def test_the_pdf_sample_is_spread_over_the_year() -> None:
    units: list[Any] = [object()] * 3
    assert measure._sample(units, 12, 4) == {(0, 0), (0, 9), (1, 6), (2, 3)}
    assert len(measure._sample(units, 12, -1)) == 36
    assert measure._sample(units, 12, 0) == set()
