"""The ITA sheet's query count does not grow with the items: the same six queries with thirty more items."""

from collections.abc import Iterator
from typing import Any

import pytest

from prongsai.reports.ita import ita_sheet

from .ita_world import LISTS, TODAY, ItaWorld, _english, build_ita_world, ita_world_kept_for_module

__all__ = ["_english"]


@pytest.fixture(scope="module")
def big_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[ItaWorld]:
    with ita_world_kept_for_module(django_db_blocker, lambda: build_ita_world(extra_items=30)) as built:
        yield built


def test_six_queries_with_thirty_five_items(big_world: ItaWorld, db: None, django_assert_num_queries: Any) -> None:
    organization = big_world.org("unit_a")
    with django_assert_num_queries(6):
        sheet = ita_sheet(organization=organization, fiscal_year=2569, today=TODAY, lists=LISTS)
    assert [len(row.items) for row in sheet.rows] == [2, 1, 1, 1, 30]
