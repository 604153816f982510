"""The public page cache reads the edition with a precompiled statement; a change still shows at once."""

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from prongsai.organizations.services import organization_create, organization_update
from prongsai.publication.selectors import edition_current, edition_token
from prongsai.publication.services import edition_bump


@pytest.fixture(autouse=True)
def empty_page_cache() -> Iterator[None]:
    """Start from an empty page cache: each test's database starts again at edition 1."""
    caches[settings.PRONGSAI_PORTAL_CACHE].clear()
    yield
    caches[settings.PRONGSAI_PORTAL_CACHE].clear()


@pytest.mark.django_db
def test_the_edition_token_follows_the_edition(django_assert_num_queries: DjangoAssertNumQueries) -> None:
    with django_assert_num_queries(1):
        assert edition_token() == "1-0"  # before anything was ever published
    assert edition_current() == 1
    edition_bump(reason="test")
    second = edition_token()
    assert (second.split("-")[0], edition_current()) == ("2", 2)
    edition_bump(reason="test")
    with django_assert_num_queries(1):
        third = edition_token()
    assert (third.split("-")[0], edition_current()) == ("3", 3)


@pytest.mark.django_db
def test_a_restored_database_never_meets_pages_cached_at_the_same_number() -> None:
    import datetime as dt

    from prongsai.publication.models import Edition

    edition_bump(reason="test", now=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    before = edition_token()
    # A restore from a backup taken at the same number, bumped again at another moment.
    Edition.objects.filter(pk=1).update(number=1)
    edition_bump(reason="test", now=dt.datetime(2026, 11, 2, tzinfo=dt.UTC))
    after = edition_token()
    assert before.split("-")[0] == after.split("-")[0] == "2"
    assert before != after


@pytest.mark.django_db
def test_a_cached_page_costs_one_query_and_a_change_renders_it_afresh(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    department = organization_create(
        actor=None, kind="department", slug="ops", name_th="สำนักงานปลัดกระทรวง", name_en="Permanent Secretary"
    )
    first = client.get("/en/")
    assert first.status_code == 200
    assert "Permanent Secretary" in first.content.decode()
    with django_assert_num_queries(1):
        cached = client.get("/en/")
    assert (cached.status_code, cached.content, cached["ETag"]) == (200, first.content, first["ETag"])
    with django_assert_num_queries(1):
        revalidated = client.get("/en/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert revalidated.status_code == 304

    organization_update(actor=None, organization=department, name_en="Office of the Permanent Secretary")

    fresh = client.get("/en/")
    assert "Office of the Permanent Secretary" in fresh.content.decode()
    assert fresh["ETag"] != first["ETag"]
    assert client.get("/en/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_process_reuses_the_edition_for_a_moment_and_forgets_it_on_its_own_publish(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    from prongsai.publication import selectors

    clock = iter([100.0, 100.5, 101.2, 101.3]).__next__
    selectors.edition_forget()
    with django_assert_num_queries(1):
        first = selectors.edition_token_recent(max_age=1.0, clock=clock)  # 100.0: read
    with django_assert_num_queries(0):
        assert selectors.edition_token_recent(max_age=1.0, clock=clock) == first  # 100.5: reused
    edition_bump(reason="elsewhere")  # committed here, so this process forgets at once
    with django_assert_num_queries(1):
        second = selectors.edition_token_recent(max_age=1.0, clock=clock)  # 101.2: read again
    assert second != first
    with django_assert_num_queries(0):
        assert selectors.edition_token_recent(max_age=1.0, clock=clock) == second
    selectors.edition_forget()


@pytest.mark.django_db
def test_another_process_publish_is_seen_once_the_moment_has_passed(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    from prongsai.publication import selectors
    from prongsai.publication.models import Edition

    clock = iter([10.0, 10.9, 11.0]).__next__
    selectors.edition_forget()
    first = selectors.edition_token_recent(max_age=1.0, clock=clock)
    # Another process bumps: this one is not told, and reuses its token until the second is over.
    Edition.objects.update_or_create(pk=1, defaults={"number": 7})
    assert selectors.edition_token_recent(max_age=1.0, clock=clock) == first
    assert selectors.edition_token_recent(max_age=1.0, clock=clock).startswith("7-")
    selectors.edition_forget()
