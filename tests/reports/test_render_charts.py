"""The overall report's charts: accessible, self-contained, escaped SVG, the same bytes for the same facts."""

import copy
import re
import xml.etree.ElementTree as ET
from typing import Any

from prongsai.reports.charts import compliance_by_item_svg, compliance_by_unit_svg, trend_svg
from tests.reports.render_world import overall_facts

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def text(element: ET.Element, tag: str) -> str | None:
    """Return the text of the element's first child of the SVG tag (title, desc)."""
    child = element.find(f"{SVG}{tag}")
    assert child is not None
    return child.text


def test_chart_by_item_names_and_describes_itself_in_thai() -> None:
    svg = compliance_by_item_svg(overall_facts(), "th")
    root = parsed(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-by-item-title chart-by-item-desc"
    assert text(root, "title") == ("การปฏิบัติตามรายรายการ: ร้อยละของหน่วยงานที่เผยแพร่รายการนั้นและเป็นปัจจุบัน (%)")
    assert text(root, "desc") == (
        "3 รายการ สูงสุด: G.1 เจตจำนงสุจริตของผู้บริหาร ร้อยละ 50.0 ต่ำสุด: P.1 สรุปผลการจัดซื้อจัดจ้างรายเดือน ร้อยละ 0.0"
    )
    bars = root.findall(f"{SVG}g")
    assert [text(bar, "title") for bar in bars] == [
        "G.1 เจตจำนงสุจริตของผู้บริหาร: 50.0%",
        "P.1 สรุปผลการจัดซื้อจัดจ้างรายเดือน: 0.0%",
        "M.1 คู่มือการปฏิบัติงาน: 0.0%",
    ]
    # The plot runs from x=72 over 512 units: half of it for 50 %.
    assert [rect.get("width") for bar in bars for rect in bar.iter(f"{SVG}rect")] == ["256", "0", "0"]


def test_chart_by_unit_shows_the_lowest_first_and_says_how_many_in_english() -> None:
    facts = overall_facts(units=40)
    root = parsed(compliance_by_unit_svg(facts, "en", limit=3))
    assert text(root, "title") == ("Compliance by unit: the 3 units with the lowest compliance, lowest first (%)")
    # Odd units are at 33.3 %, even at 66.7 %; among equals the lower ranked (higher number) comes first.
    assert [text(bar, "title") for bar in root.findall(f"{SVG}g")] == [
        "Treasury Office 39: 33.3%",
        "Treasury Office 37: 33.3%",
        "Treasury Office 35: 33.3%",
    ]
    assert text(root, "desc") == (
        "3 of 40 units. Lowest: Treasury Office 39 at 33.3%. Highest shown: Treasury Office 35 at 33.3%. "
        "Average of all units: 50.0%."
    )
    whole = parsed(compliance_by_unit_svg(overall_facts(), "en"))
    assert text(whole, "title") == "Compliance by unit, lowest first (%)"


def test_trend_chart_draws_both_series_and_describes_the_change() -> None:
    root = parsed(trend_svg(overall_facts(), "en"))
    assert text(root, "title") == "Trend across rounds: compliance and the monitor's score"
    assert text(root, "desc") == (
        "2 rounds from 2568-12 to 2569-6. Compliance went from 10.0% to 16.7%. "
        "The monitor's score went from 50.0 to 62.5."
    )
    lines = root.findall(f"{SVG}polyline")
    # x from 40 to 616; y = 28 + 176 × (1 − value/100).
    assert [line.get("points") for line in lines] == ["40,186.4 616,174.6", "40,116 616,94"]
    assert [text(circle, "title") for circle in root.findall(f"{SVG}circle")] == [
        "2568-12 Compliance (%): 10.0",
        "2569-6 Compliance (%): 16.7",
        "2568-12 Monitor score: 50.0",
        "2569-6 Monitor score: 62.5",
    ]


def test_charts_escape_text_and_are_self_contained_and_deterministic() -> None:
    facts: Any = copy.deepcopy(overall_facts())
    facts["units"][0]["name_th"] = 'กอง <script>alert("x")</script> & "ทดสอบ"'
    for draw in (compliance_by_item_svg, compliance_by_unit_svg, trend_svg):
        svg = draw(facts, "th")
        assert svg == draw(copy.deepcopy(facts), "th")
        assert "<script" not in svg
        assert not re.search(r"(href|src)=", svg)
        assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")
        parsed(svg)  # well-formed XML
    assert "กอง &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;ทดสอบ&quot;" in compliance_by_unit_svg(
        facts, "th"
    )


def test_empty_facts_say_there_is_nothing_to_show() -> None:
    facts: Any = overall_facts()
    facts.update(by_item=[], units=[], trend=[])
    assert text(parsed(compliance_by_item_svg(facts, "en")), "desc") == "There are no items to show."
    assert text(parsed(compliance_by_unit_svg(facts, "en")), "desc") == "There are no units to show."
    assert text(parsed(trend_svg(facts, "en")), "desc") == "There are no rounds to show."
