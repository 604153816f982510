"""The catalogue's paging rules, without a database: page numbers, page counts, links and entity tags."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.opendata.dcat import (
    JSON_LD,
    TURTLE,
    CatalogState,
    PageAddress,
    PageNumberError,
    catalog_etag,
    link_header,
    page_count,
    page_links,
    page_number,
)

BASE = "https://data.example.go.th"
MODIFIED = dt.datetime(2026, 4, 11, 1, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], 1),
        (["1"], 1),
        (["2"], 2),
        (["250"], 250),
        (["999999999999999"], 999999999999999),
        # Too long for any catalogue: one past every page there can be (answered 404, not 400).
        (["1000000000000000"], 10**15),
        (["9" * 5000], 10**15),
    ],
)
def test_a_page_number_is_read(values: list[str], expected: int) -> None:
    assert page_number(values) == expected


@pytest.mark.parametrize(
    "values",
    [
        [""],
        ["0"],
        ["00"],
        ["01"],
        ["-1"],
        ["+1"],
        ["1.0"],
        ["1e3"],
        [" 2"],
        ["2 "],
        ["1_0"],
        ["๒"],  # a Thai digit: int() would take it
        ["２"],  # a full-width digit: int() would take it too
        ["two"],
        ["1", "2"],  # asked twice: which one?
        ["1", "1"],
    ],
)
def test_a_malformed_page_number_is_refused(values: list[str]) -> None:
    with pytest.raises(PageNumberError):
        page_number(values)


@given(st.lists(st.text(), max_size=3))
def test_any_query_gives_a_page_from_1_or_a_refusal(values: list[str]) -> None:
    try:
        number = page_number(values)
    except PageNumberError:
        return
    assert 1 <= number <= 10**15


@pytest.mark.parametrize(
    ("total", "size", "pages"),
    [(0, 100, 1), (1, 100, 1), (100, 100, 1), (101, 100, 2), (250, 100, 3), (16, 5, 4), (3, 1, 3)],
)
def test_page_count(total: int, size: int, pages: int) -> None:
    assert page_count(total, size) == pages


def test_the_links_of_the_first_middle_and_last_pages() -> None:
    def links(number: int) -> dict[str, str]:
        return page_links(PageAddress(BASE, TURTLE, number, 100), 250)

    assert links(1) == {
        "first": f"{BASE}/catalog.ttl?page=1",
        "next": f"{BASE}/catalog.ttl?page=2",
        "last": f"{BASE}/catalog.ttl?page=3",
    }
    assert links(2) == {
        "first": f"{BASE}/catalog.ttl?page=1",
        "prev": f"{BASE}/catalog.ttl?page=1",
        "next": f"{BASE}/catalog.ttl?page=3",
        "last": f"{BASE}/catalog.ttl?page=3",
    }
    assert links(3) == {
        "first": f"{BASE}/catalog.ttl?page=1",
        "prev": f"{BASE}/catalog.ttl?page=2",
        "last": f"{BASE}/catalog.ttl?page=3",
    }


def test_a_single_page_links_to_itself_as_first_and_last_in_its_own_syntax() -> None:
    assert page_links(PageAddress(BASE, JSON_LD, 1, 100), 16) == {
        "first": f"{BASE}/catalog.jsonld?page=1",
        "last": f"{BASE}/catalog.jsonld?page=1",
    }
    assert page_links(PageAddress(BASE, JSON_LD, 1, 100), 0) == {
        "first": f"{BASE}/catalog.jsonld?page=1",
        "last": f"{BASE}/catalog.jsonld?page=1",
    }


def test_the_link_header() -> None:
    links = page_links(PageAddress(BASE, TURTLE, 2, 100), 250)
    assert link_header(links) == (
        f'<{BASE}/catalog.ttl?page=1>; rel="first", <{BASE}/catalog.ttl?page=1>; rel="prev", '
        f'<{BASE}/catalog.ttl?page=3>; rel="next", <{BASE}/catalog.ttl?page=3>; rel="last"'
    )


def test_the_entity_tag_changes_with_everything_the_page_says() -> None:
    address = PageAddress(BASE, TURTLE, 1, 100)
    state = CatalogState(total=16, modified=MODIFIED, issued=MODIFIED)
    tag = catalog_etag(address, state, "CC-BY-4.0", "")
    assert tag[0] == tag[-1] == '"'
    assert len(tag) == 34
    assert catalog_etag(PageAddress(BASE, TURTLE, 1, 100), CatalogState(16, MODIFIED, MODIFIED), "CC-BY-4.0", "") == tag
    others = [
        catalog_etag(PageAddress(BASE, JSON_LD, 1, 100), state, "CC-BY-4.0", ""),
        catalog_etag(PageAddress(BASE, TURTLE, 2, 100), state, "CC-BY-4.0", ""),
        catalog_etag(PageAddress(BASE, TURTLE, 1, 50), state, "CC-BY-4.0", ""),
        catalog_etag(PageAddress("http://127.0.0.1:8000", TURTLE, 1, 100), state, "CC-BY-4.0", ""),
        catalog_etag(address, CatalogState(17, MODIFIED, MODIFIED), "CC-BY-4.0", ""),
        catalog_etag(address, CatalogState(16, MODIFIED + dt.timedelta(seconds=1), MODIFIED), "CC-BY-4.0", ""),
        catalog_etag(address, CatalogState(16, MODIFIED, None), "CC-BY-4.0", ""),
        catalog_etag(address, state, "CC0-1.0", ""),
        catalog_etag(address, state, "CC-BY-4.0", "opendata@example.go.th"),
    ]
    assert len({tag, *others}) == 1 + len(others)
