"""The progress chart (5.1.5): an accessible, escaped, self-contained SVG, the same bytes for the same snapshot."""

import copy
import xml.etree.ElementTree as ET
from typing import Any

from prongsai.plans.charts import progress_chart_svg
from prongsai.plans.models import ActionPlan
from prongsai.plans.publishing import progress_snapshot
from prongsai.plans.snapshot import PlanSnapshot

from .world import AS_OF

SVG = "{http://www.w3.org/2000/svg}"


def _snapshot(plan: ActionPlan) -> PlanSnapshot:
    return progress_snapshot(plan=ActionPlan.objects.select_related("organization").get(pk=plan.pk), as_of=AS_OF)


def _text(element: ET.Element, tag: str) -> str | None:
    child = element.find(f"{SVG}{tag}")
    assert child is not None
    return child.text


def _parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def test_the_chart_names_and_describes_itself_in_thai(plan: ActionPlan) -> None:
    root = _parsed(progress_chart_svg(_snapshot(plan), language="th"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "progress-chart-title progress-chart-desc"
    assert _text(root, "title") == "ความก้าวหน้าและการเบิกจ่ายงบประมาณรายโครงการ (ร้อยละ)"
    assert _text(root, "desc") == (
        "3 โครงการ ข้อมูล ณ วันที่ 10 เมษายน 2569 ทั้งแผน: ความก้าวหน้าทางกายภาพ 43.33% เบิกจ่ายงบประมาณ 39.56%"
    )
    assert [_text(group, "title") for group in root.findall(f"{SVG}g")] == [
        "1.1 พัฒนาระบบสารสนเทศ: ความก้าวหน้าทางกายภาพ 45.00% เบิกจ่ายงบประมาณ 40.00%",
        "1.2 อบรมผู้ใช้งาน: ความก้าวหน้าทางกายภาพ 100.00% เบิกจ่ายงบประมาณ 96.00%",
        "2.1 ปรับปรุงอาคาร: ความก้าวหน้าทางกายภาพ 10.00% เบิกจ่ายงบประมาณ 10.00%",
    ]


def test_each_project_has_a_progress_and_a_disbursed_bar_to_scale(plan: ActionPlan) -> None:
    root = _parsed(progress_chart_svg(_snapshot(plan), language="en"))
    assert _text(root, "title") == "Progress and budget disbursed by project (%)"
    assert _text(root, "desc") == (
        "3 projects as of 10 April 2026. Whole plan: physical progress 43.33%, budget disbursed 39.56%."
    )
    groups = root.findall(f"{SVG}g")
    # The plot starts at x = 228 and is 356 wide: 45 % is 160.2, 40 % is 142.4, 96 % is 341.76.
    assert [[rect.get("width") for rect in group.iter(f"{SVG}rect")] for group in groups] == [
        ["160.2", "142.4"],
        ["356", "341.8"],
        ["35.6", "35.6"],
    ]
    assert [rect.get("fill") for rect in groups[0].iter(f"{SVG}rect")] == ["#1d4f91", "#b4541a"]
    assert _text(groups[0], "title") == "1.1 Information system: physical progress 45.00%, budget disbursed 40.00%"
    # No English name: the Thai one.
    assert _text(groups[2], "title") == "2.1 ปรับปรุงอาคาร: physical progress 10.00%, budget disbursed 10.00%"
    assert root.get("height") == "154"  # 44 + 3 rows of 34 + 8


def test_a_project_not_yet_reported_has_empty_bars_and_dashes(plan: ActionPlan) -> None:
    snapshot: Any = copy.deepcopy(_snapshot(plan))
    snapshot["programmes"][1]["projects"][0]["latest"] = None
    root = _parsed(progress_chart_svg(snapshot, language="en"))
    last = root.findall(f"{SVG}g")[2]
    assert _text(last, "title") == "2.1 ปรับปรุงอาคาร: physical progress –, budget disbursed –"
    assert [rect.get("width") for rect in last.iter(f"{SVG}rect")] == ["0", "0"]


def test_the_chart_escapes_names_and_is_self_contained_and_deterministic(plan: ActionPlan) -> None:
    snapshot: Any = copy.deepcopy(_snapshot(plan))
    snapshot["programmes"][0]["projects"][0]["name_en"] = '<script>alert("x")</script> & co'
    svg = progress_chart_svg(snapshot, language="en")
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in svg
    assert "href" not in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert svg == progress_chart_svg(copy.deepcopy(snapshot), language="en")


def test_a_long_thai_name_is_shortened_without_cutting_a_mark_off_its_letter(plan: ActionPlan) -> None:
    snapshot: Any = copy.deepcopy(_snapshot(plan))
    # Thirty characters end just before the vowel sign ี of "ที่": it stays with its consonant.
    snapshot["programmes"][0]["projects"][0]["name_en"] = ""
    snapshot["programmes"][0]["projects"][0]["name_th"] = "โครงการพัฒนาระบบสารสนเทศเพื่อที่ดีขึ้นสำหรับประชาชน"
    root = _parsed(progress_chart_svg(snapshot, language="th"))
    label = root.findall(f"{SVG}g")[0].find(f"{SVG}text")
    assert label is not None
    assert label.text == "1.1 โครงการพัฒนาระบบสารสนเทศเพื่อที่…"
