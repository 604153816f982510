"""The recommendation rules over the overall report's facts. Pure: no Django.

Each rule is a small class: options in its constructor (thresholds are percentages or percentage
points), a `code`, and a call that returns its suggestions — none when the facts do not meet it.
Units are listed in the order the facts rank them unless a rule says otherwise; items in checklist
order. Texts cite the figures and say what to do, in Thai and in English.
"""

from collections import defaultdict

from prongsai.reports.facts import ItemRef, OverallFacts, UnitRow

from .base import Figures, Suggestion, names_en, names_th, pct, percent, points, slugs, units_en, units_th

__all__ = [
    "BilingualStatement",
    "CommonItemGap",
    "Decline",
    "LateRepeatedly",
    "LowCompliance",
    "NotReported",
    "OverdueItems",
    "ProcurementGaps",
    "RegisterMonitorDisagreement",
]


def _gaps(row: UnitRow) -> list[str]:
    return row.get("gaps", [])


def _item(facts: OverallFacts, code: str) -> ItemRef | None:
    return next((item for item in facts["items"] if item["code"] == code), None)


class CommonItemGap:
    """An item that many units lack or let go stale: the ICT Center should give guidance for that item."""

    code = "common_gap"

    def __init__(self, min_share: float = 30.0) -> None:
        self.min_share = float(min_share)

    def __call__(self, facts: OverallFacts, previous: OverallFacts | None) -> list[Suggestion]:
        """Suggest, per item missing or out of date at `min_share` % of the units or more, guidance on it."""
        total = len(facts["units"])
        found: list[tuple[int, int, Suggestion]] = []
        for position, item in enumerate(facts["items"]):
            rows = [row for row in facts["units"] if item["code"] in _gaps(row)]
            share = percent(len(rows), total)
            if not rows or share < self.min_share:
                continue
            figures: Figures = {
                "units": len(rows),
                "share": share,
                "total_units": total,
                "threshold": self.min_share,
            }
            text_th = (
                f"รายการ {item['code']} {item['name_th']} ยังไม่เผยแพร่หรือไม่เป็นปัจจุบันใน "
                f"{units_th(len(rows), share)} จากทั้งหมด {units_th(total)} ถึงเกณฑ์ปัญหาร่วม ({pct(self.min_share)}) "
                "ควรให้ศูนย์เทคโนโลยีสารสนเทศและการสื่อสารจัดทำแนวทางและตัวอย่างการเผยแพร่รายการนี้ "
                "และชี้แจงหน่วยงานที่เกี่ยวข้องให้ดำเนินการก่อนรอบถัดไป"
            )
            text_en = (
                f"Item {item['code']} {item['name_en']} is missing or out of date at {units_en(len(rows), share)} "
                f"of {units_en(total)}, at or above the common-gap threshold ({pct(self.min_share)}). "
                "The ICT Center should issue guidance and an example for this item and brief the units concerned "
                "to publish it before the next round."
            )
            suggestion = Suggestion(self.code, slugs(rows), (item["code"],), figures, text_th, text_en)
            found.append((-len(rows), position, suggestion))
        return [suggestion for *_order, suggestion in sorted(found, key=lambda entry: entry[:2])]


class LowCompliance:
    """Units that publish too few of the items complete and current: their heads must act."""

    code = "low_compliance"

    def __init__(self, threshold: float = 50.0) -> None:
        self.threshold = float(threshold)

    def __call__(self, facts: OverallFacts, previous: OverallFacts | None) -> list[Suggestion]:
        """Suggest that the units under `threshold` % compliance (lowest first) publish what they lack."""
        total = len(facts["units"])
        rows = sorted(
            (row for row in facts["units"] if row["compliance"] < self.threshold),
            key=lambda row: (row["compliance"], row["rank"]),
        )
        if not rows:
            return []
        share = percent(len(rows), total)
        lowest = rows[0]["compliance"]
        figures: Figures = {
            "units": len(rows),
            "share": share,
            "threshold": self.threshold,
            "lowest": lowest,
        }
        text_th = (
            f"{units_th(len(rows), share)} เผยแพร่ข้อมูลครบถ้วนและเป็นปัจจุบันต่ำกว่า {pct(self.threshold)} ของรายการ "
            f"(ต่ำสุด {pct(lowest)}): {names_th(rows)} ควรให้ผู้บริหารหน่วยงานกำกับให้ผู้รับผิดชอบจัดทำข้อมูลที่ขาดให้ครบ "
            "และให้ศูนย์เทคโนโลยีสารสนเทศและการสื่อสารติดตามผลเป็นรายเดือน"
        )
        text_en = (
            f"{units_en(len(rows), share)} publish fewer than {pct(self.threshold)} of the items complete and current "
            f"(lowest {pct(lowest)}): {names_en(rows)}. Their heads should have the responsible staff publish the "
            "missing items, and the ICT Center should follow up monthly."
        )
        return [Suggestion(self.code, slugs(rows), (), figures, text_th, text_en)]


class Decline:
    """Units whose compliance or website score fell against the previous round."""

    code = "decline"

    def __init__(self, min_points: float = 10.0) -> None:
        self.min_points = float(min_points)

    def __call__(self, facts: OverallFacts, previous: OverallFacts | None) -> list[Suggestion]:
        """Suggest looking into the units whose compliance or score fell by `min_points` points or more."""
        before = {row["slug"]: row for row in previous["units"]} if previous else {}
        dropped: list[tuple[float, int, UnitRow]] = []
        compliance_fell = score_fell = 0
        for row in facts["units"]:
            earlier = before.get(row["slug"])
            old_compliance = (
                row["previous_compliance"]
                if "previous_compliance" in row
                else earlier["compliance"]
                if earlier
                else None
            )
            old_score = row["previous_score"] if row["previous_score"] is not None or not earlier else earlier["score"]
            compliance_drop = old_compliance - row["compliance"] if old_compliance is not None else 0.0
            score_drop = old_score - row["score"] if old_score is not None and row["score"] is not None else 0.0
            fell_compliance = compliance_drop >= self.min_points
            fell_score = score_drop >= self.min_points
            if fell_compliance or fell_score:
                compliance_fell += fell_compliance
                score_fell += fell_score
                dropped.append((-round(max(compliance_drop, score_drop), 1), row["rank"], row))
        if not dropped:
            return []
        dropped.sort(key=lambda entry: entry[:2])
        rows = [row for *_order, row in dropped]
        largest = -dropped[0][0]
        figures: Figures = {
            "units": len(rows),
            "compliance_fell": compliance_fell,
            "score_fell": score_fell,
            "largest_drop": largest,
            "threshold": self.min_points,
        }
        text_th = (
            f"{units_th(len(rows))} มีผลลดลงจากรอบก่อนตั้งแต่ {points(self.min_points)} จุดขึ้นไป "
            f"(สัดส่วนการเผยแพร่ลดลง {units_th(compliance_fell)} คะแนนการตรวจเว็บไซต์ลดลง {units_th(score_fell)} "
            f"ลดลงมากที่สุด {points(largest)} จุด): {names_th(rows)} ควรตรวจสอบสาเหตุ "
            "เช่น ข้อมูลเลยกำหนดทบทวนแล้วไม่ได้ปรับปรุง หรือหน้าเว็บไซต์ย้ายที่อยู่ และแก้ไขโดยเร็ว"
        )
        text_en = (
            f"{units_en(len(rows))} fell by {points(self.min_points)} points or more since the previous round "
            f"(compliance fell at {units_en(compliance_fell)}, the website score at {units_en(score_fell)}; "
            f"the largest drop {points(largest)} points): {names_en(rows)}. Find out why — items past their review "
            "date, pages moved on the website — and put it right promptly."
        )
        return [Suggestion(self.code, slugs(rows), (), figures, text_th, text_en)]


class OverdueItems:
    """An item past its review date at many units: its currency rule is not being kept."""

    code = "overdue_items"

    def __init__(self, min_share: float = 20.0) -> None:
        self.min_share = float(min_share)

    def __call__(self, facts: OverallFacts, previous: OverallFacts | None) -> list[Suggestion]:
        """Suggest, per item overdue at `min_share` % of the units or more, reminders to review it."""
        total = len(facts["units"])
        found: list[tuple[int, int, Suggestion]] = []
        for position, item in enumerate(facts["items"]):
            rows = [row for row in facts["units"] if row["cells"].get(item["code"]) == "overdue"]
            share = percent(len(rows), total)
            if not rows or share < self.min_share:
                continue
            figures: Figures = {
                "units": len(rows),
                "share": share,
                "total_units": total,
                "threshold": self.min_share,
            }
            text_th = (
                f"รายการ {item['code']} {item['name_th']} เลยกำหนดทบทวนใน {units_th(len(rows), share)} "
                "ควรแจ้งผู้รับผิดชอบให้ทบทวนและปรับปรุงข้อมูลตามรอบ และตั้งการแจ้งเตือนล่วงหน้าก่อนครบกำหนด"
            )
            text_en = (
                f"Item {item['code']} {item['name_en']} is past its review date at {units_en(len(rows), share)}. "  # noqa: S608 - prose, not SQL
                "Remind the people responsible to review and update it, and set reminders ahead of the due date."
            )
            suggestion = Suggestion(self.code, slugs(rows), (item["code"],), figures, text_th, text_en)
            found.append((-len(rows), position, suggestion))
        return [suggestion for *_order, suggestion in sorted(found, key=lambda entry: entry[:2])]


class NotReported:
    """Units that sent no report of the round to the ICT Center (measure 6.3.2)."""

    code = "not_reported"

    def __call__(self, facts: OverallFacts, previous: OverallFacts | None) -> list[Suggestion]:
        """Suggest that the units with no report submitted send theirs."""
        missing = set(facts["not_reported"])
        rows = [row for row in facts["units"] if row["slug"] in missing]
        if not rows:
            return []
        share = percent(len(rows), len(facts["units"]))
        figures: Figures = {"units": len(rows), "share": share}
        text_th = (
            f"{units_th(len(rows), share)} ยังไม่ได้ส่งรายงานผลการเผยแพร่ข้อมูลของรอบ {facts['round']}: "
            f"{names_th(rows)} ควรให้หัวหน้าหน่วยงานมอบหมายผู้รายงานและส่งรายงานโดยเร็ว "
            "และให้ศูนย์เทคโนโลยีสารสนเทศและการสื่อสารติดตามทุกสัปดาห์"
        )
        text_en = (
            f"{units_en(len(rows), share)} sent no report of round {facts['round']}: {names_en(rows)}. "
            "Their heads should appoint a reporter and send the report promptly; "
            "the ICT Center should follow up weekly."
        )
        return [Suggestion(self.code, slugs(rows), (), figures, text_th, text_en)]


class LateRepeatedly:
    """Units whose report was late this round and the previous one."""

    code = "late_repeatedly"

    def __call__(self, facts: OverallFacts, previous: OverallFacts | None) -> list[Suggestion]:
        """Suggest that units late twice running plan their report ahead and name a stand-in reporter."""
        late_before = {row["slug"] for row in previous["units"] if row["late"]} if previous else set()
        # The facts say whether each unit was late before; the previous round's facts serve older documents.
        rows = [
            row
            for row in facts["units"]
            if row["late"] and (row["previous_late"] if "previous_late" in row else row["slug"] in late_before)
        ]
        if not rows:
            return []
        previous_round = facts.get("previous_round", previous["round"] if previous else "")
        figures: Figures = {
            "units": len(rows),
            "round": facts["round"],
            "previous_round": previous_round,
        }
        text_th = (
            f"{units_th(len(rows))} ส่งรายงานล่าช้าทั้งรอบ {facts['round']} และรอบ {previous_round}: {names_th(rows)} "
            "ควรกำหนดผู้รายงานสำรองและวางแผนจัดทำรายงานล่วงหน้าก่อนกำหนดส่ง"
        )
        text_en = (
            f"{units_en(len(rows))} reported late in both round {facts['round']} and round {previous_round}: "
            f"{names_en(rows)}. They should name a stand-in reporter and plan the report ahead of the deadline."
        )
        return [Suggestion(self.code, slugs(rows), (), figures, text_th, text_en)]


class RegisterMonitorDisagreement:
    """Units where the register and the website monitor disagree: links or records need checking."""

    code = "disagreement"

    def __init__(self, limit: int = 20) -> None:
        self.limit = int(limit)

    def __call__(self, facts: OverallFacts, previous: OverallFacts | None) -> list[Suggestion]:
        """Suggest, per unit (most disagreements first, at most `limit`, the rest together), checking them."""
        by_unit: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for disagreement in facts["disagreements"]:
            by_unit[disagreement["unit"]].append((disagreement["item"], disagreement["monitor_status"]))
        rows = sorted(
            (row for row in facts["units"] if row["slug"] in by_unit),
            key=lambda row: (-len(by_unit[row["slug"]]), row["rank"]),
        )
        order = {item["code"]: index for index, item in enumerate(facts["items"])}
        suggestions = []
        for row in rows[: self.limit]:
            found = sorted(by_unit[row["slug"]], key=lambda pair: order.get(pair[0], len(order)))
            codes = tuple(code for code, _status in found)
            not_found = sum(1 for _code, status in found if status == "not_found")
            unrecorded = len(found) - not_found
            figures: Figures = {
                "items": len(found),
                "published_not_found": not_found,
                "found_not_recorded": unrecorded,
            }
            text_th = (
                f"{row['name_th']}: ข้อมูลในระบบกับผลการตรวจเว็บไซต์ไม่ตรงกัน {len(found)} รายการ ({', '.join(codes)}) "
                f"— เผยแพร่ในระบบแต่ไม่พบบนเว็บไซต์ {not_found} รายการ พบบนเว็บไซต์แต่ไม่มีในระบบ {unrecorded} รายการ "
                "ควรตรวจสอบว่าหน้าเว็บไซต์แสดงข้อมูลที่อนุมัติแล้ว และบันทึกข้อมูลที่เผยแพร่แล้วเข้าสู่ระบบ"
            )
            text_en = (
                f"{row['name_en'] or row['name_th']}: the register and the website check disagree on {len(found)} "
                f"{'item' if len(found) == 1 else 'items'} ({', '.join(codes)}) — published in the register but not "
                f"found on the website: {not_found}; found on the website but not in the register: {unrecorded}. "
                "Check that the website shows the approved information, and record what is published in the register."
            )
            suggestions.append(Suggestion(self.code, (row["slug"],), codes, figures, text_th, text_en))
        rest = rows[self.limit :]
        if rest:
            count = sum(len(by_unit[row["slug"]]) for row in rest)
            figures = {"units": len(rest), "items": count}
            text_th = (
                f"อีก {units_th(len(rest))} มีข้อมูลในระบบกับผลการตรวจเว็บไซต์ไม่ตรงกันรวม {count} รายการ: "
                f"{names_th(rest)} ควรตรวจสอบในลักษณะเดียวกัน"
            )
            text_en = (
                f"The register and the website check also disagree on {count} {'item' if count == 1 else 'items'} "
                f"at {units_en(len(rest))} more: {names_en(rest)}. Check them the same way."
            )
            suggestions.append(Suggestion(self.code, slugs(rest), (), figures, text_th, text_en))
        return suggestions


class BilingualStatement:
    """The integrity statement (5.1.3) published in Thai only: the measure requires English too."""

    code = "bilingual_statement"

    def __init__(self, item: str = "5.1.3") -> None:
        self.item = item

    def __call__(self, facts: OverallFacts, previous: OverallFacts | None) -> list[Suggestion]:
        """Suggest that units whose statement the monitor found in Thai only publish the English version."""
        item = _item(facts, self.item)
        if item is None:
            return []
        rows = [row for row in facts["units"] if self.item in row.get("english_missing", [])]
        if not rows:
            return []
        share = percent(len(rows), len(facts["units"]))
        figures: Figures = {"units": len(rows), "share": share}
        text_th = (
            f"{units_th(len(rows), share)} เผยแพร่{item['name_th']} (รายการ {item['code']}) เฉพาะภาษาไทย "
            f"ไม่พบฉบับภาษาอังกฤษ: {names_th(rows)} มาตรการกำหนดให้เผยแพร่ทั้งภาษาไทยและภาษาอังกฤษ "
            "ควรจัดทำฉบับภาษาอังกฤษและเผยแพร่คู่กัน"
        )
        text_en = (
            f"{units_en(len(rows), share)} publish the {item['name_en']} (item {item['code']}) in Thai only; "
            f"no English version was found: {names_en(rows)}. The measure requires both Thai and English: "
            "publish the English version alongside the Thai one."
        )
        return [Suggestion(self.code, slugs(rows), (item["code"],), figures, text_th, text_en)]


class ProcurementGaps:
    """Procurement items (5.1.7.*) missing or stale: the step-2 reviewers should go through them."""

    code = "procurement_gap"

    def __init__(self, prefix: str = "5.1.7") -> None:
        self.prefix = prefix

    def _is_procurement(self, code: str) -> bool:
        return code == self.prefix or code.startswith(self.prefix + ".")

    def __call__(self, facts: OverallFacts, previous: OverallFacts | None) -> list[Suggestion]:
        """Suggest that the step-2 reviewers review procurement data at the units with gaps in it."""
        codes = [item["code"] for item in facts["items"] if self._is_procurement(item["code"])]
        per_item = dict.fromkeys(codes, 0)
        rows = []
        for row in facts["units"]:
            missing = [code for code in _gaps(row) if code in per_item]
            for code in missing:
                per_item[code] += 1
            if missing:
                rows.append(row)
        if not rows:
            return []
        share = percent(len(rows), len(facts["units"]))
        concerned = tuple(code for code in codes if per_item[code])
        counts = {code: per_item[code] for code in concerned}
        figures: Figures = {
            "units": len(rows),
            "share": share,
            "per_item": counts,
        }
        listed_th = ", ".join(f"{code}: {units_th(count)}" for code, count in counts.items())
        listed_en = ", ".join(f"{code}: {units_en(count)}" for code, count in counts.items())
        text_th = (
            f"ข้อมูลการจัดซื้อจัดจ้างยังไม่ครบถ้วนหรือไม่เป็นปัจจุบันใน {units_th(len(rows), share)} ({listed_th}) "
            "ควรส่งให้ผู้ตรวจสอบขั้นตอนที่ 2 — สำนักงานบริหารกลางในระดับกรม และฝ่ายบริหารทั่วไปของแต่ละหน่วยงาน — "
            "ทบทวนแผนและผลการจัดซื้อจัดจ้างให้ครบทุกรายการตามแบบ สขร.1"
        )
        text_en = (
            f"Procurement data is missing or out of date at {units_en(len(rows), share)} ({listed_en}). "
            "Send it to the step-2 reviewers — the Central Administration Office at department level and each "
            "unit's general administration section — to complete the plan and every procurement's results "
            "(form สขร.1)."
        )
        return [Suggestion(self.code, slugs(rows), concerned, figures, text_th, text_en)]
