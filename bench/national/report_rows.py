"""The reporting part of a unit's data: its report of each round (versions in mixed states, facts at the
cut-off), and the approved overall reports of the earlier rounds built from the same figures."""

import datetime as dt
import random
import statistics
from typing import TYPE_CHECKING, Any

from prongsai.disclosures.workflow import EntryStatus
from prongsai.reports.facts import SCHEMA
from prongsai.reports.models import OverallReport, Recommendation, UnitReport, UnitReportVersion
from prongsai.reports.workflow import is_late

from .history import BANGKOK, SimEntry
from .monitor_rows import RoundCheck
from .plan import APPROVED_OVERALL, CLOSED_OUTCOMES, DUE_SOON_DAYS, OPEN_OUTCOMES, ROUNDS, Outcome, RoundPlan

if TYPE_CHECKING:
    from .generate import Context, SimSubmission, UnitInfo

COMPLIANT = (EntryStatus.PUBLISHED.value, EntryStatus.DUE_SOON.value)
REPORT_COLUMNS = (
    "id", "round_id", "organization_id", "state", "current_version_id", "first_submitted_at", "late", "created_at",
)  # fmt: skip
VERSION_COLUMNS = (
    "id", "report_id", "number", "state", "facts", "facts_taken_at", "narrative_th", "narrative_en", "actions_th",
    "actions_en", "created_by_id", "created_at", "updated_at", "sent_by_id", "sent_at", "approved_by_id",
    "submitted_at", "late", "decided_by_id", "decided_at", "decision_comment",
)  # fmt: skip
# The first units of every round show one of each of these, so that even a five-unit database has the whole mix.
SHOWCASE_CLOSED = (Outcome.ACCEPTED, Outcome.ACCEPTED_LATE, Outcome.RESUBMITTED, Outcome.RETURNED_OPEN, Outcome.NONE)
SHOWCASE_OPEN = (Outcome.DRAFT_LEFT, Outcome.AWAITING, Outcome.SUBMITTED, Outcome.ACCEPTED, Outcome.RETURNED_REDRAFT)
RETURN_COMMENT = "โปรดชี้แจงรายการที่ยังไม่เผยแพร่และแผนการแก้ไขให้ครบถ้วน"


def _draw(rng: random.Random, shares: tuple[tuple[Outcome, float], ...]) -> Outcome:
    roll = rng.random()
    for outcome, share in shares:
        if roll < share:
            return outcome
        roll -= share
    return shares[-1][0]


def _later(rng: random.Random, moment: dt.datetime, low: float, high: float) -> dt.datetime:
    return moment + dt.timedelta(days=rng.uniform(low, high))


class _Version(dict[str, Any]):
    """One unit report version's columns while its timeline is drawn."""


def _timeline(rng: random.Random, plan: RoundPlan, outcome: Outcome, now: dt.datetime) -> list[_Version]:
    """Draw the versions of a report with the outcome: creation, sending, submission and decision times."""
    deadline = dt.datetime.combine(plan.deadline, dt.time(16, 0), tzinfo=BANGKOK)
    if plan.closed_on is None:  # the open round: everything happens between its opening and now
        opened = dt.datetime.combine(plan.opened_on, dt.time(9, 0), tzinfo=BANGKOK)
        created = _later(rng, opened, 3, 20)
        submitted = _later(rng, created, 2, 7)
    else:
        late = outcome in (Outcome.SUBMITTED_LATE, Outcome.ACCEPTED_LATE)
        submitted = _later(rng, deadline, 1, 20) if late else _later(rng, deadline, -25, -0.1)
        created = _later(rng, submitted, -20, -4)
    first = _Version(state="draft", created=created, sent=None, submitted=None, decided=None, comment="")
    if outcome is Outcome.DRAFT_LEFT:
        return [first]
    first["sent"] = _later(rng, submitted, -3, -0.2)
    if outcome is Outcome.AWAITING:
        first["state"] = "awaiting_approval"
        return [first]
    first.update(state="submitted", submitted=submitted)
    if outcome in (Outcome.SUBMITTED, Outcome.SUBMITTED_LATE):
        return [first]
    first["decided"] = _later(rng, submitted, 2, 10) if plan.closed_on else _later(rng, submitted, 1, 5)
    if outcome in (Outcome.ACCEPTED, Outcome.ACCEPTED_LATE):
        first["state"] = "accepted"
        return [first]
    first.update(state="returned", comment=RETURN_COMMENT)
    if outcome is Outcome.RETURNED_OPEN:
        return [first]
    second = _Version(
        state="draft", created=_later(rng, first["decided"], 1, 3), sent=None, submitted=None, decided=None, comment=""
    )
    if outcome is Outcome.RETURNED_REDRAFT:
        return [first, second]
    second.update(sent=_later(rng, second["created"], 0.5, 3))
    second.update(state="submitted", submitted=_later(rng, second["sent"], 0.2, 2))
    if outcome is Outcome.RESUBMITTED_ACCEPTED:
        second.update(state="accepted", decided=_later(rng, second["submitted"], 2, 8))
    return [first, second]


def unit_report(
    context: "Context",
    rng: random.Random,
    unit: "UnitInfo",
    plan: RoundPlan,
    entries: dict[str, SimEntry],
    check: RoundCheck,
    submissions: "list[SimSubmission]",
) -> None:
    """Write the unit's report of the round as its outcome has it, and keep its row for the overall report."""
    writer = context.writer
    shares = CLOSED_OUTCOMES[unit.profile] if plan.closed_on else OPEN_OUTCOMES
    outcome = _draw(rng, shares)
    showcase = SHOWCASE_CLOSED if plan.closed_on else SHOWCASE_OPEN
    if unit.index < len(showcase):
        outcome = showcase[(unit.index + ROUNDS.index(plan)) % len(showcase)]
    cut_off = plan.period.end
    cells = {code: entry.status_at(cut_off, due_soon=DUE_SOON_DAYS).value for code, entry in entries.items()}
    versions = [] if outcome is Outcome.NONE else _timeline(rng, plan, outcome, context.now)
    report_pk = writer.next_id(UnitReport) if versions else 0
    first_submitted = next((v["submitted"] for v in versions if v["submitted"]), None)
    report_late = first_submitted is not None and is_late(
        submitted_on=first_submitted.astimezone(BANGKOK).date(), deadline=plan.deadline
    )
    if versions:
        facts = unit_facts(context, unit, plan, entries, cells, check, submissions, taken_at=versions[0]["created"])
        published = sum(1 for status in cells.values() if status in COMPLIANT)
        for number, version in enumerate(versions, start=1):
            version["pk"] = writer.next_id(UnitReportVersion)
            decided, submitted = version["decided"], version["submitted"]
            late = submitted is not None and is_late(
                submitted_on=submitted.astimezone(BANGKOK).date(), deadline=plan.deadline
            )
            writer.add(
                UnitReportVersion,
                VERSION_COLUMNS,
                (version["pk"], report_pk, number, version["state"], facts, version["created"],
                 f"หน่วยงานเผยแพร่ข้อมูลเป็นปัจจุบัน {published} จาก {len(cells)} รายการ",
                 f"The unit publishes {published} of {len(cells)} items up to date",
                 "ทบทวนรายการที่ครบกำหนดและเผยแพร่รายการที่ยังขาด", "Review the items due and publish the missing ones",
                 unit.reporter_pk, version["created"], decided or submitted or version["sent"] or version["created"],
                 unit.reporter_pk if version["sent"] else None, version["sent"],
                 unit.head_pk if submitted else None, submitted, late,
                 context.monitor_pk if decided else None, decided, version["comment"]),
            )  # fmt: skip
        current = versions[-1]
        writer.add(
            UnitReport,
            REPORT_COLUMNS,
            (report_pk, context.round_pks[plan.code], unit.pk, current["state"], current["pk"], first_submitted,
             report_late, versions[0]["created"]),
        )  # fmt: skip
    if plan.code in APPROVED_OVERALL:
        state = versions[-1]["state"] if versions else None
        context.overall_rows.setdefault(plan.code, []).append(
            {
                "slug": unit.slug,
                "name_th": unit.name_th,
                "name_en": unit.name_en,
                "report_state": state,
                "late": report_late,
                "submitted_on": first_submitted.astimezone(BANGKOK).date().isoformat() if first_submitted else None,
                "cells": cells,
                "monitor": {code: finding.status for code, finding in check.findings.items()},
                "compliance": _share(sum(1 for s in cells.values() if s in COMPLIANT), len(cells)),
                "score": check.score,
                "previous_score": None,
                "rank": 0,
            }
        )


def _share(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


PROBLEM_TEXTS = {
    "missing": ("ยังไม่ได้เผยแพร่", "not published"),
    "overdue": ("เกินกำหนดทบทวน", "review overdue"),
    "returned": ("ถูกส่งกลับให้แก้ไข", "returned for correction"),
    "not_found_by_monitor": ("ศูนย์ฯ ตรวจไม่พบบนเว็บไซต์", "not found on the website by the monitor"),
    "disagreement": ("รายงานว่าเผยแพร่แล้วแต่ตรวจไม่พบ", "reported published but not found"),
}


def unit_facts(
    context: "Context",
    unit: "UnitInfo",
    plan: RoundPlan,
    entries: dict[str, SimEntry],
    cells: dict[str, str],
    check: RoundCheck,
    submissions: "list[SimSubmission]",
    *,
    taken_at: dt.datetime,
) -> dict[str, Any]:
    """Return a UnitFacts document for the unit at the round's cut-off (see prongsai/reports/facts.py)."""
    cut_off = plan.period.end
    start = plan.period.start
    items = []
    problems = []
    for item in context.items:
        entry = entries[item.code]
        published, _open_state, due = entry.state_at(cut_off)
        status = cells[item.code]
        finding = check.findings[item.code]
        changes = [
            {
                "version_id": version.pk,
                "number": version.number,
                "state": version.state.value,
                "decided_on": version.decided.astimezone(BANGKOK).date().isoformat(),
                "change_note": f"ปรับปรุงข้อมูลครั้งที่ {version.number}",
            }
            for version in entry.versions
            if version.decided is not None and start <= version.decided.astimezone(BANGKOK).date() <= cut_off
        ]
        items.append(
            {
                "code": item.code,
                "name_th": item.name_th,
                "name_en": item.name_en,
                "status": status,
                "published_version": published.number if published else None,
                "last_review_on": published.decided.astimezone(BANGKOK).date().isoformat()
                if published and published.decided
                else None,
                "reviewers": [unit.head_name] if published else [],
                "next_review_due": due.isoformat() if due else None,
                "changes": changes,
                "monitor": {
                    "status": finding.status,
                    "current": finding.current,
                    "as_of": finding.as_of.isoformat() if finding.as_of else None,
                    "overridden": finding.overridden,
                    "override_reason": finding.override_reason,
                    "evidence_url": finding.evidence_url,
                },
            }
        )
        kinds = []
        if status in ("missing", "overdue", "returned"):
            kinds.append(status)
        if finding.status == "not_found":
            kinds.append("disagreement" if status in COMPLIANT else "not_found_by_monitor")
        for kind in kinds:
            text_th, text_en = PROBLEM_TEXTS[kind]
            problems.append(
                {
                    "kind": kind,
                    "item": item.code,
                    "text_th": f"{item.code} {text_th}",
                    "text_en": f"{item.code} {text_en}",
                }
            )
    return {
        "schema": SCHEMA,
        "round": plan.code,
        "cut_off": cut_off.isoformat(),
        "taken_at": taken_at.isoformat(),
        "unit": {"slug": unit.slug, "name_th": unit.name_th, "name_en": unit.name_en},
        "items": items,
        "monitor": {
            "check_id": check.pk,
            "url": check.url,
            "finished_at": check.finished_at.isoformat(),
            "score": check.score,
        },
        "problems": problems,
        "channels": {kind: _channel_figures(submissions, kind, start, cut_off) for kind in ("opinion", "complaint")},
        "summary": {
            "items": len(items),
            "published": sum(1 for status in cells.values() if status in COMPLIANT),
            "overdue": sum(1 for status in cells.values() if status == "overdue"),
            "missing": sum(1 for status in cells.values() if status == "missing"),
            "monitor_found": sum(1 for finding in check.findings.values() if finding.status == "found"),
            "score": check.score,
        },
    }


def _channel_figures(
    submissions: "list[SimSubmission]", kind: str, start: dt.date, cut_off: dt.date
) -> dict[str, int | float | None]:
    """Count the kind's cases received in the period, closed by the cut-off, open past their due date then."""
    end = dt.datetime.combine(cut_off + dt.timedelta(days=1), dt.time(), tzinfo=BANGKOK)
    received = [s for s in submissions if s.kind == kind and start <= s.received.astimezone(BANGKOK).date() <= cut_off]
    closed = [s for s in received if s.closed is not None and s.closed < end]
    overdue = [s for s in received if (s.closed is None or s.closed >= end) and s.due < cut_off]
    days = [(s.closed - s.received).total_seconds() / 86400 for s in closed if s.closed is not None]
    return {
        "received": len(received),
        "closed": len(closed),
        "overdue": len(overdue),
        "median_days_to_close": round(statistics.median(days), 1) if days else None,
    }


def overall_reports(context: "Context") -> None:
    """Write the approved overall reports of the earlier rounds (OverallFacts from the units' rows), with two
    recommendations each, so that a new report has earlier rounds to compare with."""
    writer = context.writer
    previous: dict[str, float | None] = {}
    trend: list[dict[str, Any]] = []
    for plan in ROUNDS:
        rows = context.overall_rows.get(plan.code)
        if plan.code not in APPROVED_OVERALL or not rows:
            continue
        for row in rows:
            row["previous_score"] = previous.get(row["slug"])
        rows.sort(
            key=lambda row: (-row["compliance"], -(row["score"] if row["score"] is not None else -1), row["slug"])
        )
        for rank, row in enumerate(rows, start=1):
            row["rank"] = rank
        by_item = []
        for item in context.items:
            compliant = sum(1 for row in rows if row["cells"][item.code] in COMPLIANT)
            found = sum(1 for row in rows if row["monitor"].get(item.code) == "found")
            by_item.append(
                {"code": item.code, "name_th": item.name_th, "name_en": item.name_en, "compliant_units": compliant,
                 "share": _share(compliant, len(rows)), "monitor_found_units": found}
            )  # fmt: skip
        gaps = sorted(by_item, key=lambda row: (row["compliant_units"], row["code"]))
        disagreements = [
            {"unit": row["slug"], "item": code, "register_status": status, "monitor_status": row["monitor"][code]}
            for row in rows
            for code, status in row["cells"].items()
            if (status in COMPLIANT and row["monitor"][code] == "not_found")
            or (status == "missing" and row["monitor"][code] == "found")
        ]
        scores = [row["score"] for row in rows if row["score"] is not None]
        compliance = round(statistics.fmean(row["compliance"] for row in rows), 1)
        score = round(statistics.fmean(scores), 1) if scores else None
        trend.append({"round": plan.code, "compliance": compliance, "score": score})
        not_reported = [row["slug"] for row in rows if row["report_state"] in (None, "draft")]
        taken = dt.datetime.combine(plan.closed_on or plan.deadline, dt.time(10, 0), tzinfo=BANGKOK)
        facts = {
            "schema": SCHEMA,
            "round": plan.code,
            "cut_off": plan.period.end.isoformat(),
            "taken_at": taken.isoformat(),
            "items": [{"code": i.code, "name_th": i.name_th, "name_en": i.name_en} for i in context.items],
            "units": rows,
            "by_item": by_item,
            "not_reported": not_reported,
            "disagreements": disagreements,
            "common_gaps": [row["code"] for row in gaps[:5]],
            "trend": list(trend),
            "headline": {
                "units": len(rows),
                "reported": len(rows) - len(not_reported),
                "late": sum(1 for row in rows if row["late"]),
                "not_reported": len(not_reported),
                "compliance": compliance,
                "score": score,
                "disagreements": len(disagreements),
            },
        }
        report_pk = writer.next_id(OverallReport)
        approved = taken + dt.timedelta(days=7)
        writer.add(
            OverallReport,
            ("id", "round_id", "state", "facts", "facts_taken_at", "summary_th", "summary_en", "created_by_id",
             "created_at", "updated_at", "sent_by_id", "sent_at", "approved_by_id", "approved_at"),
            (report_pk, context.round_pks[plan.code], "approved", facts, taken,
             f"หน่วยงานเผยแพร่ข้อมูลเป็นปัจจุบันเฉลี่ยร้อยละ {compliance}", f"Units keep {compliance}% of items current",
             context.monitor_pk, taken, approved, context.monitor_pk, taken + dt.timedelta(days=2),
             context.supervisor_pk, approved),
        )  # fmt: skip
        for position, gap in enumerate(gaps[:2]):
            units = [row["slug"] for row in rows if row["cells"][gap["code"]] not in COMPLIANT][:50]
            text_th = f"เร่งรัดให้หน่วยงานเผยแพร่ {gap['code']} {gap['name_th']} (เผยแพร่แล้วร้อยละ {gap['share']})"
            text_en = f"Have units publish {gap['code']} {gap['name_en']} ({gap['share']}% do)"
            writer.add(
                Recommendation,
                ("id", "report_id", "rule", "position", "units", "items", "figures", "generated_th", "generated_en",
                 "text_th", "text_en", "included"),
                (writer.next_id(Recommendation), report_pk, "common_gap", position, units, [gap["code"]],
                 {"compliant_units": gap["compliant_units"], "share": gap["share"]}, text_th, text_en, text_th,
                 text_en, True),
            )  # fmt: skip
        previous = {row["slug"]: row["score"] for row in rows}
