"""The monitor's part of a unit's data: one finished check per round with 18 findings, a few overridden."""

import datetime as dt
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prongsai.monitoring.models import FindingOverride, ItemFinding, SiteCheck
from prongsai.monitoring.outcome import ItemStatus
from prongsai.monitoring.scoring import ScoreRule, next_round_start

from .history import SimEntry, office_time
from .plan import RoundPlan

if TYPE_CHECKING:
    from .generate import Context, UnitInfo


@dataclass(frozen=True)
class Finding:
    """An item's finding as reports show it: the override, when there is one, applied."""

    status: str
    current: bool | None
    as_of: dt.date | None
    evidence_url: str
    overridden: bool
    override_reason: str


@dataclass(frozen=True)
class RoundCheck:
    pk: int
    url: str
    finished_at: dt.datetime
    score: float | None  # overrides applied
    findings: dict[str, Finding]  # item code -> finding


CHECK_COLUMNS = (
    "id", "organization_id", "website_id", "url", "checklist_id", "state", "trigger", "queued_at", "started_at",
    "finished_at", "pages", "bytes", "seconds", "score", "progress_pages", "heartbeat_at", "sweep_id",
)  # fmt: skip
FINDING_COLUMNS = (
    "id", "site_check_id", "item_id", "status", "evidence", "as_of", "as_of_source", "current", "confidence",
    "reason_th", "reason_en", "fix_th", "fix_en",
)  # fmt: skip
OVERRIDE_COLUMNS = ("id", "finding_id", "status", "current", "reason", "created_by_id", "created_at", "expires_on")

# (found, partial) chances by what the register showed on the day of the check; the rest is not found.
PRESENCE = {"published": (0.86, 0.09), "overdue": (0.72, 0.16), "in_progress": (0.15, 0.2), "missing": (0.05, 0.1)}


def _draw_status(rng: random.Random, situation: str) -> ItemStatus:
    found, partial = PRESENCE[situation]
    roll = rng.random()
    return ItemStatus.FOUND if roll < found else ItemStatus.PARTIAL if roll < found + partial else ItemStatus.NOT_FOUND


def site_check(
    context: "Context", rng: random.Random, unit: "UnitInfo", plan: RoundPlan, entries: dict[str, SimEntry]
) -> RoundCheck:
    """Write the unit's check of the round (done, scored) with a finding per item agreeing mostly with the register."""
    from .generate import score_decimal

    writer = context.writer
    span = (plan.checks_to - plan.checks_from).days
    finished = office_time(rng, plan.checks_from + dt.timedelta(days=rng.randrange(span + 1)))
    seconds = rng.uniform(40, 900)
    started = finished - dt.timedelta(seconds=seconds)
    check_pk = writer.next_id(SiteCheck)
    day = finished.date()
    rule = ScoreRule()
    machine: list[tuple[float, ItemStatus, bool | None]] = []
    effective: list[tuple[float, ItemStatus, bool | None]] = []
    findings: dict[str, Finding] = {}
    # About one unit in ten has a finding or two corrected by the ICT monitor; the first unit always has.
    overrides_left = rng.choice((0,) * 18 + (1, 2)) or (2 if unit.index == 0 else 0)
    for item in context.items:
        published, open_state, due = entries[item.code].state_at(day)
        if published is not None:
            situation = "overdue" if due is not None and day > due else "published"
        else:
            situation = "in_progress" if open_state is not None else "missing"
        status = _draw_status(rng, situation)
        current: bool | None = None
        as_of: dt.date | None = None
        source = ""
        evidence: list[dict[str, object]] = []
        url = ""
        if status is not ItemStatus.NOT_FOUND:
            url = f"{unit.site}/oit/{item.code}"
            evidence = [{"url": url, "http_status": 200, "phrases": [item.keyword], "snippet": item.name_th}]
            if rng.random() < 0.9:
                as_of = (
                    published.created.date() if published is not None else day - dt.timedelta(days=rng.randrange(400))
                )
                current = situation == "published" if rng.random() < 0.9 else situation != "published"
                source = "content" if rng.random() < 0.7 else "document_metadata"
        finding_pk = writer.next_id(ItemFinding)
        confidence = round(rng.uniform(0.55, 0.99) if status is not ItemStatus.PARTIAL else rng.uniform(0.4, 0.8), 2)
        reason_th, reason_en, fix_th, fix_en = _reasons(status, item.name_th, item.name_en)
        writer.add(
            ItemFinding,
            FINDING_COLUMNS,
            (finding_pk, check_pk, item.pk, status.value, evidence, as_of, source, current, confidence,
             reason_th, reason_en, fix_th, fix_en),
        )  # fmt: skip
        machine.append((item.weight, status, current))
        finding = Finding(status.value, current, as_of, url, False, "")
        if overrides_left and status is not ItemStatus.FOUND:
            overrides_left -= 1
            reason = f"ตรวจด้วยตนเองแล้วพบ{item.name_th}บนเว็บไซต์ของหน่วยงาน"
            writer.add(
                FindingOverride,
                OVERRIDE_COLUMNS,
                (writer.next_id(FindingOverride), finding_pk, ItemStatus.FOUND.value, True, reason,
                 context.monitor_pk, finished + dt.timedelta(days=rng.uniform(1, 10)), next_round_start(day)),
            )  # fmt: skip
            finding = Finding(ItemStatus.FOUND.value, True, as_of, url or f"{unit.site}/oit/{item.code}", True, reason)
        effective.append((item.weight, ItemStatus(finding.status), finding.current))
        findings[item.code] = finding
    pages = rng.randrange(20, 500)
    writer.add(
        SiteCheck,
        CHECK_COLUMNS,
        (check_pk, unit.pk, unit.website_pk, unit.site + "/", context.checklist_pk, "done", "schedule",
         started - dt.timedelta(minutes=rng.uniform(1, 600)), started, finished, pages,
         pages * rng.randrange(20_000, 90_000), round(seconds, 1), score_decimal(rule.site(machine)), pages,
         finished, context.sweep_pks[plan.code]),
    )  # fmt: skip
    return RoundCheck(check_pk, unit.site + "/", finished, rule.site(effective), findings)


def _reasons(status: ItemStatus, name_th: str, name_en: str) -> tuple[str, str, str, str]:
    if status is ItemStatus.FOUND:
        return f"พบ{name_th}", f"Found: {name_en}", "", ""
    if status is ItemStatus.PARTIAL:
        return (
            f"พบ{name_th}บางส่วน",
            f"Partly found: {name_en}",
            "เผยแพร่ข้อมูลให้ครบถ้วน",
            "Publish the complete information",
        )
    return f"ไม่พบ{name_th}", f"Not found: {name_en}", f"เผยแพร่{name_th}", f"Publish: {name_en}"
