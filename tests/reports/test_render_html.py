"""The print HTML the PDFs are made from: self-contained, the official style, and the decisions it must show."""

import re
from typing import Any

import pytest

from prongsai.reports.documents import overall_report_html, unit_report_html
from prongsai.reports.models import UnitReport, UnitReportVersion
from tests.reports import render_world as rendering
from tests.reports.render_world import at, overall_report, unit_version

# The module's world and its per-test view (fixtures of render_world).
render_world = rendering.render_world
world = rendering.world

pytestmark = pytest.mark.django_db


def visible(html: str) -> str:
    """Return the document's text without tags, styles or the SVG's hidden title/desc, spaces collapsed."""
    html = re.sub(r"<style>.*?</style>|<title[^>]*>.*?</title>|<desc[^>]*>.*?</desc>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_the_print_html_embeds_sarabun_and_references_nothing_outside(world: Any) -> None:
    for html in (unit_report_html(unit_version()), overall_report_html(overall_report())):
        assert html.count('@font-face { font-family: "Sarabun"') == 3
        assert html.count("src: url(data:font/ttf;base64,") == 3
        assert not re.search(r"<(img|link|script|iframe)\b", html)
        assert not re.search(r"\b(src|href)=", html)
        assert "size: A4;" in html
        assert "margin: 2.5cm 2cm 2cm 2.5cm;" in html
        assert 'content: "- " counter(page, thai) " -"' in html
        assert 'html { font-family: "Sarabun"; font-size: 16pt;' in html
    assert 'content: "- " counter(page) " -"' in unit_report_html(unit_version(), language="en")


def test_a_returned_late_version_shows_the_ict_centers_decision_and_comments(world: Any) -> None:
    UnitReport.objects.filter(organization=world.unit_a).update(state="returned", late=True)
    UnitReportVersion.objects.filter(report__organization=world.unit_a).update(
        state="returned",
        late=True,
        decided_by=world.person("ict_monitor"),
        decided_at=at(22, 4, 14, 15),
        decision_comment="ขอให้แนบคู่มือฉบับล่าสุด",
    )
    text = visible(unit_report_html(unit_version()))
    assert "ฉบับที่ 1: ส่งกลับให้แก้ไข (ส่งล่าช้า)" in text
    assert "ศูนย์เทคโนโลยีสารสนเทศฯ ผู้พิจารณา (ส่งกลับให้แก้ไข): คุณ ict_monitor 22 เมษายน 2569 เวลา 14:15 น." in text
    assert text.endswith("ความเห็นของศูนย์เทคโนโลยีสารสนเทศฯ: ขอให้แนบคู่มือฉบับล่าสุด")
    english = visible(unit_report_html(unit_version(), language="en"))
    assert "Version 1: Returned for correction (submitted late)" in english
    assert "Decided by the ICT Center (Returned for correction): คุณ ict_monitor 22 April 2026, 14:15" in english
    assert english.endswith("The ICT Center's comments: ขอให้แนบคู่มือฉบับล่าสุด")


def test_a_unit_report_without_monitor_check_changes_or_problems_says_so(world: Any) -> None:
    version = unit_version()
    facts = version.facts
    facts["monitor"] = None
    facts["problems"] = []
    for item in facts["items"]:
        item["changes"] = []
        item["monitor"] = None
    UnitReportVersion.objects.filter(pk=version.pk).update(facts=facts)
    text = visible(unit_report_html(unit_version(), language="en"))
    assert "Changes in the period No item changed in the period." in text
    assert "The monitor's findings The monitor did not check the unit's website in the round." in text
    assert "Open problems No open problems at the cut-off." in text
