"""The overall report's pages: who sees them, what they show from the stored facts, the steps, the query counts."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.reports.models import OverallReport
from prongsai.reports.overall_selectors import overall_page
from prongsai.reports.overall_services import overall_report_compile, overall_report_send_for_approval
from tests.signin.verified import login_verified

from . import overall_world
from .overall_world import NOW, World

shared_overall_world, world = overall_world.shared_overall_world, overall_world.world  # the fixtures


def signed_in(world: World, who: str) -> Client:
    return login_verified(Client(), world.person(who))


def compiled(world: World) -> OverallReport:
    return overall_report_compile(actor=world.person("ict"), round=world.round("2569-6"), now=NOW)


def url(name: str, *args: Any) -> str:
    return reverse(f"overall:{name}", args=args)


def test_the_ict_center_compiles_the_report_from_its_page(world: World) -> None:
    client = signed_in(world, "ict")
    page = client.get(url("report", "2569-6"))
    assert page.status_code == 200
    assert "The overall report of this round has not been compiled yet." in page.text
    assert url("compile", "2569-6") in page.text
    answer = client.post(url("compile", "2569-6"), follow=True)
    assert answer.redirect_chain == [(url("report", "2569-6"), 302)]
    assert "The overall report was compiled from the data at the round&#x27;s cut-off." in answer.text
    assert OverallReport.objects.get(round=world.round("2569-6")).state == "draft"


def test_the_report_page_shows_the_stored_facts(world: World) -> None:
    compiled(world)
    text = signed_in(world, "executive").get(url("report", "2569-6")).text
    assert '<th scope="row">Agriculture Division</th>' in text
    assert '<td class="cell status-due_soon"><span class="sr">5.1.7.1: </span>Due soon<br>' in text
    assert '<span class="monitor monitor-partial">Partly found</span>' in text
    assert '<td class="num">75.0%</td>' in text
    assert '<td class="num">+25.0</td>' in text  # A: 50.0 → 75.0
    assert "Accepted · <strong>late</strong>" in text
    assert "Change since 2568-12" in text
    assert (
        '<th scope="row">Transport Centre</th><td>5.1.7.1 Annual procurement plan</td><td>Missing</td><td>Found</td>'
        in text
    )
    assert "<p>Treasury Division</p>" in text  # did not report
    assert '<th scope="row">2568-6</th><td class="num">8.3%</td><td class="num">—</td>' in text
    # Executives read; they do not edit or sign.
    assert url("compile", "2569-6") not in text
    assert url("approve", "2569-6") not in text


def test_the_report_page_in_thai_shows_thai_names_and_buddhist_era_dates(world: World) -> None:
    compiled(world)
    client = signed_in(world, "executive")
    text = client.get("/th/workspace/reports/overall/2569-6/").text
    assert '<th scope="row">กองเกษตร</th>' in text
    assert "31 มีนาคม 2569" in text


def test_the_matrix_is_filtered_and_paged(world: World) -> None:
    report = compiled(world)
    client = signed_in(world, "ict")
    text = client.get(url("report", "2569-6"), {"gap": "5.1.3"}).text
    assert '<th scope="row">Agriculture Division</th>' in text
    assert '<th scope="row">Treasury Division</th>' in text
    assert '<th scope="row">Transport Centre</th>\n' not in text
    page = overall_page(report=report, language="en", page_size=2, page=2)
    assert ([row.slug for row in page.rows], page.unit_count, page.page, page.page_count) == (["unit-c"], 3, 2, 2)
    page = overall_page(report=report, language="th", search="ขนส่ง")
    assert [row.name for row in page.rows] == ["ศูนย์ขนส่ง"]


def test_the_report_page_costs_a_fixed_number_of_queries(world: World, django_assert_num_queries: Any) -> None:
    compiled(world)
    client = signed_in(world, "ict")
    client.get(url("report", "2569-6"))
    # 11 for the report, one for the header's unread notices, one for the charts' parts of the facts.
    with django_assert_num_queries(13):
        assert client.get(url("report", "2569-6")).status_code == 200


def test_the_executive_view_shows_the_headline_recommendations_and_trend(
    world: World, django_assert_num_queries: Any
) -> None:
    compiled(world)
    client = signed_in(world, "executive")
    with django_assert_num_queries(10):  # 9 for the view, one for the header's unread notices
        answer = client.get(url("executive", "2569-6"))
    assert answer.status_code == 200
    text = answer.text
    assert '<div><dt>Mean compliance</dt><dd>33.3% <span class="change">−8.4 since 2568-12</span></dd></div>' in text
    assert "1 unit (33.3%) sent no report of round 2569-6: Treasury Division." in text
    assert '<th scope="row">2569-6</th><td class="num">33.3%</td><td class="num">65.0</td>' in text
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in text


@pytest.mark.parametrize("who", ["supervisor_a", "reporter_a", "editor_a", "outsider"])
def test_unit_staff_and_strangers_see_no_overall_page(world: World, who: str) -> None:
    compiled(world)
    client = signed_in(world, who)
    for name in ("index", "report", "executive"):
        args = () if name == "index" else ("2569-6",)
        assert client.get(url(name, *args)).status_code == 403
    assert client.post(url("compile", "2569-6")).status_code == 403


def test_the_executive_cannot_compile_or_approve(world: World) -> None:
    report = compiled(world)
    overall_report_send_for_approval(actor=world.person("ict"), report=report, now=NOW)
    client = signed_in(world, "executive")
    assert client.post(url("compile", "2569-6")).status_code == 403
    assert client.post(url("approve", "2569-6")).status_code == 403
    report.refresh_from_db()
    assert report.state == "awaiting_approval"


def test_an_unknown_round_is_not_found(world: World) -> None:
    client = signed_in(world, "ict")
    assert client.get(url("report", "2570-6")).status_code == 404
    assert client.get(url("executive", "2026-6")).status_code == 404


def test_the_ict_center_edits_a_recommendation_and_the_supervisor_approves(world: World) -> None:
    report = compiled(world)
    rec = report.recommendations.get(rule="not_reported")
    client = signed_in(world, "ict")
    answer = client.post(url("recommendation_edit", "2569-6", rec.pk), {"text_th": "", "text_en": "x"}, follow=True)
    assert "This field is required." in answer.text
    client.post(url("recommendation_edit", "2569-6", rec.pk), {"text_th": "เร่งรัด", "text_en": "Chase them"})
    rec.refresh_from_db()
    assert (rec.text_th, rec.text_en, rec.included) == ("เร่งรัด", "Chase them", False)
    client.post(url("send", "2569-6"))
    supervisor = signed_in(world, "supervisor_dept")
    page = supervisor.get(url("report", "2569-6")).text
    assert url("approve", "2569-6") in page
    assert url("send_back", "2569-6") in page
    answer = supervisor.post(url("approve", "2569-6"), follow=True)
    assert "The report is approved. It no longer changes." in answer.text
    report.refresh_from_db()
    assert report.state == "approved"
    answer = client.post(url("compile", "2569-6"), follow=True)
    assert "The overall report is with the supervisor or approved; it can no longer be changed." in answer.text


def test_the_report_page_draws_its_three_charts_beside_their_tables(world: World) -> None:
    report = compiled(world)
    text = signed_in(world, "executive").get(url("report", "2569-6")).text
    assert text.count('role="img"') == 3
    assert (
        '<title id="chart-by-item-title">'
        "Compliance by item: share of units with the item published and current (%)</title>"
    ) in text
    assert '<title id="chart-by-unit-title">Compliance by unit, lowest first (%)</title>' in text
    assert '<title id="chart-trend-title">Trend across rounds: compliance and the monitor&#x27;s score</title>' in text
    assert 'aria-describedby="items-table"' in text
    # The files of the report are offered from its page.
    assert reverse("report_files:overall", args=[report.pk, "pdf"]) in text
    assert reverse("report_files:overall", args=[report.pk, "xlsx"]) in text


def test_the_executive_view_draws_the_trend(world: World) -> None:
    compiled(world)
    text = signed_in(world, "executive").get(url("executive", "2569-6")).text
    assert text.count('role="img"') == 1
    assert 'id="chart-trend-title"' in text
