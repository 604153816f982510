"""The ITA sheet's page and XLSX download: who may see which unit, what the page shows, its query count."""

import io
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import prongsai.reports.ita
from tests.signin.verified import login_verified

from .ita_world import LISTS, NOW, PORTAL_URL, ItaWorld, _english, ita_world, shared_ita_world

__all__ = ["_english", "ita_world", "shared_ita_world"]


@pytest.fixture(autouse=True)
def _clock_and_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin the clock to the world's NOW and give the pages the world's OIT list."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    monkeypatch.setattr(prongsai.reports.ita, "shipped_oit_lists", lambda: LISTS)


def _client(ita_world: ItaWorld, username: str) -> Client:
    return login_verified(Client(), ita_world.person(username))


def _page(language: str = "en", **query: str) -> str:
    with translation.override(language):
        return reverse("ita:sheet") + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _xlsx(slug: str = "unit-a", year: int = 2569) -> str:
    with translation.override("en"):
        return reverse("ita:xlsx", kwargs={"slug": slug, "year": year})


def test_addresses() -> None:
    assert _page() == "/en/workspace/reports/ita/"
    assert _xlsx() == "/en/workspace/reports/ita/units/unit-a/2569/ita-sheet.xlsx"


@pytest.mark.parametrize("username", ["executive", "reporter_a", "editor_a", "reviewer1_a", "ict_monitor"])
def test_unit_staff_and_overseers_see_the_sheet(ita_world: ItaWorld, username: str) -> None:
    response = _client(ita_world, username).get(_page(unit="unit-a", year="2569"))
    assert response.status_code == 200
    assert response.context["sheet"].organization.slug == "unit-a"


@pytest.mark.parametrize("username", ["editor_b", "outsider"])
def test_others_get_404_for_the_unit(ita_world: ItaWorld, username: str) -> None:
    client = _client(ita_world, username)
    assert client.get(_page(unit="unit-a", year="2569")).status_code == 404
    assert client.get(_xlsx()).status_code == 404


def test_someone_without_any_unit_gets_404(ita_world: ItaWorld) -> None:
    assert _client(ita_world, "outsider").get(_page()).status_code == 404


def test_an_unknown_unit_is_404(ita_world: ItaWorld) -> None:
    client = _client(ita_world, "executive")
    assert client.get(_page(unit="nowhere", year="2569")).status_code == 404
    assert client.get(_xlsx(slug="nowhere")).status_code == 404


def test_anonymous_is_sent_to_sign_in(client: Client, db: None) -> None:
    response = client.get(_page(unit="unit-a", year="2569"))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/workspace/login/")


def test_the_unit_choice_lists_only_units_the_person_may_view(ita_world: ItaWorld) -> None:
    editor = _client(ita_world, "editor_a").get(_page())
    assert editor.context["form"].fields["unit"].choices == [("unit-a", "Agriculture Division")]
    assert editor.context["form"].fields["year"].choices == [(2569, "2569")]
    assert editor.context["sheet"] is None
    executive = _client(ita_world, "executive").get(_page())
    assert [slug for slug, _name in executive.context["form"].fields["unit"].choices] == ["dept", "unit-a", "unit-b"]


def test_gaps_are_marked_in_words(ita_world: ItaWorld) -> None:
    response = _client(ita_world, "executive").get(_page(unit="unit-a", year="2569"))
    html = response.content.decode()
    assert html.count('<tr class="gap">') == 5  # A.2, B.1, C.1 twice, O5; A.1 is ready
    assert html.count("<strong>Gap:</strong>") == 5
    assert "<strong>Gap:</strong> No matching item in the register" in html
    assert (
        "<strong>Gap:</strong> The register&#x27;s address is not on the unit&#x27;s own website; "
        "Address found by the website monitor only"
    ) in html
    assert f"In the register, elsewhere: {PORTAL_URL}" in html
    assert '<a href="https://www.unit-a.example.go.th/about/structure">' in html
    assert "(title not confirmed against the NACC manual)" in html  # O4 of the test list
    assert f'href="{_xlsx()}"' in html
    assert response.context["gap_count"] == 7


def test_the_page_in_thai(ita_world: ItaWorld) -> None:
    html = _client(ita_world, "executive").get(_page("th", unit="unit-a", year="2569")).content.decode()
    assert "<h1>แบบรายงาน ITA</h1>" in html
    assert "ไม่มีรายการในทะเบียนที่ตรงกัน" in html
    assert "16 มีนาคม 2569" in html


def test_a_year_not_offered_is_a_form_error(ita_world: ItaWorld) -> None:
    response = _client(ita_world, "executive").get(_page(unit="unit-a", year="2567"))
    assert response.status_code == 200
    assert response.context["sheet"] is None
    assert response.context["form"].errors["year"] == [
        "Select a valid choice. 2567 is not one of the available choices."
    ]


def test_the_page_query_count(ita_world: ItaWorld, django_assert_num_queries: Any) -> None:
    client = _client(ita_world, "executive")
    # session, user, the second factor's device, roles, the organization tree, the unit asked for, the units
    # viewable, the years, the sheet (6: items, entries, websites, the latest check, its findings, overrides)
    with django_assert_num_queries(15):  # 14 for the sheet, one for the header's unread notices
        client.get(_page(unit="unit-a", year="2569"))


def test_the_download(ita_world: ItaWorld) -> None:
    response = _client(ita_world, "reporter_a").get(_xlsx())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="ita-2569-unit-a.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [book["OIT"]["B2"].value, book["OIT"]["B3"].value, book["OIT"].max_row] == ["กองเกษตร", 2569, 12]


def test_the_download_of_a_year_without_crosswalk_is_404(ita_world: ItaWorld) -> None:
    assert _client(ita_world, "executive").get(_xlsx(year=2567)).status_code == 404
