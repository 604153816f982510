"""The demo's reporting rounds (measure 6): a completed 6-month round and an open 12-month round.

Played through the reports' services with back-dated `now=`, like the rest of the demo's history,
so every step is audited and every unit report's facts are what the system knew at the round's
cut-off. Nothing is e-mailed or noticed for this history (`notify=False`).

The rounds follow the demo's `now` (it runs on any day). F is the fiscal year of the newest
12-month round whose period ended before today: round F-6 (1 October – 31 March) is completed —
opened ten days before its end, due thirty days after it, closed two weeks after the deadline —
and round F-12 (the whole fiscal year F) is open, due max(end + 60 days, today + 21 days).

In the completed round each unit meets one fate, drawn with a seeded generator: submitted on time
and accepted (two of them sent back once by their head first), submitted late, returned by the ICT
Center and corrected (two versions), returned and not corrected, or missing (never submitted: not
started, a draft left, or left with the head). An ICT monitor compiles the overall report, the other
edits two recommendations, the summary is written and the department's supervisor approves it. In
the open round a few units have drafts or reports awaiting their head, and one has submitted.
"""

import datetime as dt
import heapq
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from prongsai.organizations.models import Organization
from prongsai.reports.models import OverallReport, Round, UnitReportVersion
from prongsai.reports.overall_services import (
    overall_report_approve,
    overall_report_compile,
    overall_report_save_summary,
    overall_report_send_for_approval,
    recommendation_edit,
)
from prongsai.reports.services import (
    round_close,
    round_open,
    unit_report_accept,
    unit_report_approve,
    unit_report_correct,
    unit_report_refresh,
    unit_report_return,
    unit_report_save,
    unit_report_send_back,
    unit_report_send_for_approval,
    unit_report_start,
)
from prongsai.thaidate import ReportingRound, fiscal_year_of, format_english_date, format_thai_date
from prongsai.thaidate.fiscal import RoundKind

# Days from the round's last day to its deadline (the completed round), and from the deadline to its closing.
DEADLINE_AFTER_END = 30
CLOSED_AFTER_DEADLINE = 14
# The open round's deadline: at least this long after its end, and at least this long after today.
OPEN_DEADLINE_AFTER_END = 60
OPEN_DEADLINE_AFTER_TODAY = 21
# The latest deadline the rounds accept, counted from the round's last day (services.DEADLINE_AT_MOST_DAYS_AFTER_ROUND).
LATEST_DEADLINE_AFTER_END = 366


class Fate(StrEnum):
    """What became of a unit's report in the completed round."""

    ACCEPTED = "accepted"  # submitted on time, accepted
    LATE = "late"  # approved by the head after the deadline, accepted
    CORRECTED = "corrected"  # returned by the ICT Center, corrected, resubmitted and accepted
    RETURNED = "returned"  # returned and never corrected
    MISSING = "missing"  # never submitted


# How many of the demo's units meet each fate in the completed round (the rest are accepted on time).
COMPLETED_FATES = {Fate.LATE: 3, Fate.CORRECTED: 2, Fate.RETURNED: 2, Fate.MISSING: 3}
# In the accepted reports, how many heads sent the report back once before approving it.
SENT_BACK_FIRST = 2
# The open round: how many units have a draft, a report awaiting their head, a submitted report.
OPEN_DRAFTS, OPEN_AWAITING, OPEN_SUBMITTED = 3, 2, 1
# How many of the overall report's recommendations the ICT Center rewords.
EDITED_RECOMMENDATIONS = 2


@dataclass
class RoundsOutcome:
    """The two rounds the demo played and what became of each unit in the completed one."""

    completed: Round
    open: Round
    fates: dict[str, Fate] = field(default_factory=dict)
    open_states: dict[str, str] = field(default_factory=dict)
    overall: OverallReport | None = None


def demo_round_periods(today: dt.date) -> tuple[ReportingRound, ReportingRound]:
    """Return the completed 6-month round and the open 12-month round for a demo loaded on `today`.

    Their fiscal year is the newest whose 12-month round ended before today: the year before today's.
    """
    year = fiscal_year_of(today) - 1
    return ReportingRound(year, RoundKind.SIX_MONTH), ReportingRound(year, RoundKind.TWELVE_MONTH)


def completed_deadline(period: ReportingRound) -> dt.date:
    """Return the completed round's deadline: thirty days after its last day."""
    return period.end + dt.timedelta(days=DEADLINE_AFTER_END)


def open_deadline(period: ReportingRound, today: dt.date) -> dt.date:
    """Return the open round's deadline: 60 days after its end or three weeks from today, whichever is later.

    Never later than the rounds accept (a year after the round's end), which matters only in the
    last three weeks of the following fiscal year.
    """
    wanted = max(
        period.end + dt.timedelta(days=OPEN_DEADLINE_AFTER_END), today + dt.timedelta(days=OPEN_DEADLINE_AFTER_TODAY)
    )
    return min(wanted, period.end + dt.timedelta(days=LATEST_DEADLINE_AFTER_END))


def completed_fates(slugs: list[str], seed: int) -> dict[str, Fate]:
    """Deal the completed round's fates to the units, the same for the same seed and units."""
    order = sorted(slugs)
    random.Random(f"{seed}:rounds").shuffle(order)
    fates: dict[str, Fate] = {}
    for fate, count in COMPLETED_FATES.items():
        for _ in range(count):
            fates[order[len(fates)]] = fate
    for slug in order[len(fates) :]:
        fates[slug] = Fate.ACCEPTED
    return fates


# --- what the units and the ICT Center write ------------------------------------------------------------------------

_OPENINGS = (
    ("ในรอบนี้หน่วยงานมอบหมายผู้รับผิดชอบแต่ละรายการตรวจสอบข้อมูลบนเว็บไซต์ทุกต้นเดือน",
     "During the round the person responsible for each item checked the website at the start of every month."),
    ("หน่วยงานปรับปรุงหน้าเว็บไซต์ให้ผู้ใช้ค้นหาข้อมูลตามมาตรการได้จากเมนูเดียว",
     "The unit reorganised its website so that the measure's information is reached from a single menu."),
    ("หน่วยงานจัดประชุมชี้แจงเจ้าหน้าที่ผู้ดูแลเว็บไซต์เรื่องการเผยแพร่ข้อมูลให้ถูกต้อง ครบถ้วน และเป็นปัจจุบัน",
     "The unit briefed its webmasters on publishing information that is correct, complete and current."),
    ("หน่วยงานทบทวนข้อมูลที่ครบกำหนดตามรอบและขออนุมัติผู้บังคับบัญชาก่อนเผยแพร่ทุกครั้ง",
     "The unit reviewed the information that fell due and had each change approved before publishing it."),
    ("หน่วยงานเผยแพร่ข้อมูลจัดซื้อจัดจ้างทุกโครงการพร้อมเหตุผลการคัดเลือกผู้ชนะ",
     "The unit published every procurement with the reasons for choosing the winning bidder."),
)  # fmt: skip
_ACTIONS = (
    ("ทบทวนข้อมูลที่ครบกำหนดให้แล้วเสร็จภายในเดือนถัดไป", "Review the items that fell due within the next month."),
    ("จัดทำข้อมูลภาษาอังกฤษของประกาศเจตจำนงสุจริตให้ตรงกับฉบับภาษาไทย",
     "Bring the English integrity statement in line with the Thai one."),
    ("เพิ่มผู้ช่วยดูแลเว็บไซต์อีกหนึ่งคนเพื่อลดงานค้าง", "Add a second webmaster to clear the backlog."),
    ("รายงานความก้าวหน้าแผนปฏิบัติราชการทุกไตรมาส", "Publish the action plan's progress every quarter."),
    ("ตรวจลิงก์เอกสารบนเว็บไซต์ทุกเดือนและแก้ไขลิงก์ที่เสีย", "Check the website's document links monthly and fix broken ones."),
    ("ตอบเรื่องร้องเรียนที่ค้างเกินกำหนดให้แล้วเสร็จ", "Close the complaints that are past their due date."),
)  # fmt: skip
_HEAD_COMMENTS = (
    "ขอให้ระบุกำหนดเวลาของการดำเนินการแต่ละข้อให้ชัดเจน",
    "ขอให้เพิ่มผลการดำเนินการเรื่องช่องทางรับเรื่องร้องเรียนในรอบนี้",
)
# The ICT Center's comments on a returned report, and the correction the unit then makes (Thai, English).
_RETURNS = (
    ("รายงานยังไม่ได้ชี้แจงรายการที่ค้างทบทวน ขอให้ระบุเหตุผลและกำหนดแล้วเสร็จ",
     "คำชี้แจงเพิ่มเติม: รายการที่ค้างทบทวนเกิดจากการรอข้อมูลจากส่วนงานที่รับผิดชอบ คาดว่าจะแล้วเสร็จภายใน 30 วัน",
     "Further explanation: the overdue items waited for the sections' figures and will be done within 30 days."),
    ("ข้อมูลที่หน่วยงานรายงานไม่ตรงกับผลการตรวจเว็บไซต์ของศูนย์ฯ ขอให้ตรวจสอบและชี้แจง",
     "คำชี้แจงเพิ่มเติม: หน่วยงานตรวจสอบแล้ว ข้อมูลบางรายการอยู่ในหน้าเว็บไซต์ที่ย้ายที่อยู่ ได้แก้ไขลิงก์ในทะเบียนให้ถูกต้องแล้ว",
     "Further explanation: some items had moved to new pages on the website; the register's links now point to them."),
)  # fmt: skip
_CORRECTION_ACTION = (
    "ติดตามรายการที่ค้างและรายงานศูนย์เทคโนโลยีสารสนเทศและการสื่อสารเมื่อแล้วเสร็จ",
    "Follow up the outstanding items and tell the ICT Center when they are done.",
)


def _texts(version: UnitReportVersion, unit: Organization, seed: int) -> dict[str, str]:
    """Write the reporter's narrative and actions from the version's own facts, with a seeded choice of wording."""
    rng = random.Random(f"{seed}:{version.report.round.code}:{unit.slug}:texts")
    summary = version.facts["summary"]
    cut_off = dt.date.fromisoformat(version.facts["cut_off"])
    opening = rng.choice(_OPENINGS)
    actions = rng.sample(_ACTIONS, 2)
    narrative_th = (
        f"ณ วันที่ {format_thai_date(cut_off)} {unit.name_th} เผยแพร่ข้อมูลที่เป็นปัจจุบัน {summary['published']} "
        f"จาก {summary['items']} รายการ ค้างทบทวน {summary['overdue']} รายการ และยังไม่เผยแพร่ {summary['missing']} "
        f"รายการ {opening[0]}"
    )
    narrative_en = (
        f"On {format_english_date(cut_off)} the {unit.name_en} published {summary['published']} of "
        f"{summary['items']} items current; {summary['overdue']} were past their review date and "
        f"{summary['missing']} not yet published. {opening[1]}"
    )
    return {
        "narrative_th": narrative_th,
        "narrative_en": narrative_en,
        "actions_th": "\n".join(f"{n}. {th}" for n, (th, _en) in enumerate(actions, 1)),
        "actions_en": "\n".join(f"{n}. {en}" for n, (_th, en) in enumerate(actions, 1)),
    }


def _summary_texts(report: OverallReport) -> tuple[str, str]:
    """Write the ICT Center's summary from the overall report's own facts."""
    facts = report.facts
    units = len(facts["units"])
    missing = len(facts["not_reported"])
    cut_off = dt.date.fromisoformat(facts["cut_off"])
    mean = facts["headline"].get("mean_compliance")
    shown = f"{mean:.1f}" if isinstance(mean, int | float) else "-"
    summary_th = (
        f"ณ วันที่ {format_thai_date(cut_off)} หน่วยงานในสังกัด {units} หน่วยงาน เผยแพร่ข้อมูลตามมาตรการโดยเฉลี่ย "
        f"ร้อยละ {shown} มีหน่วยงานที่ไม่ส่งรายงานตามกำหนด {missing} หน่วยงาน ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร"
        "เสนอให้ผู้บริหารกำชับหน่วยงานที่มีรายการค้างทบทวนให้ดำเนินการภายในรอบถัดไป"
    )
    summary_en = (
        f"On {format_english_date(cut_off)} the {units} units published on average {shown}% of the measure's "
        f"information; {missing} did not report by the deadline. The ICT Center asks senior executives to have "
        "the units with overdue items bring them up to date within the next round."
    )
    return summary_th, summary_en


# --- playing the rounds -----------------------------------------------------------------------------------------------


class _Player:
    """Plays the rounds' steps as the demo's people, back-dated, telling no one."""

    def __init__(self, now: dt.datetime, seed: int) -> None:
        self.now = now
        self.seed = seed
        self.zone = timezone.get_current_timezone()
        people = (
            get_user_model().objects.filter(username__in=["ict.monitor", "ict.monitor2", "ops.supervisor"])
            | get_user_model().objects.filter(username__endswith=".general")
            | get_user_model().objects.filter(username__endswith=".head")
        )
        self.people: dict[str, Any] = {person.username: person for person in people}
        self.monitor = self.people["ict.monitor"]
        self.monitor2 = self.people["ict.monitor2"]

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        """Return a working-hours moment on `day`, never later than an hour before now."""
        moment = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.zone)
        return min(moment, self.now - dt.timedelta(hours=1))

    def reporter(self, unit: Organization) -> Any:
        return self.people[f"{unit.slug}.general"]

    def head(self, unit: Organization) -> Any:
        return self.people[f"{unit.slug}.head"]

    def write(self, unit: Organization, round: Round, start: dt.datetime) -> UnitReportVersion:
        """Start the unit's report and write its narrative and actions an hour later."""
        version = unit_report_start(actor=self.reporter(unit), round=round, organization=unit, now=start)
        return unit_report_save(
            actor=self.reporter(unit),
            version=version,
            now=start + dt.timedelta(hours=1),
            **_texts(version, unit, self.seed),
        )

    def send(self, unit: Organization, version: UnitReportVersion, moment: dt.datetime) -> UnitReportVersion:
        """Take the facts again, bring the narrative's figures up to date, and send the report to the head."""
        if version.facts_taken_at < moment - dt.timedelta(hours=12):
            version = unit_report_refresh(
                actor=self.reporter(unit), version=version, now=moment - dt.timedelta(hours=1)
            )
            version = unit_report_save(
                actor=self.reporter(unit),
                version=version,
                now=moment - dt.timedelta(minutes=30),
                **(
                    _texts(version, unit, self.seed)
                    | {"actions_th": version.actions_th, "actions_en": version.actions_en}
                ),
            )
        return unit_report_send_for_approval(actor=self.reporter(unit), version=version, now=moment, notify=False)

    def approve(self, unit: Organization, version: UnitReportVersion, moment: dt.datetime) -> UnitReportVersion:
        return unit_report_approve(actor=self.head(unit), version=version, now=moment, notify=False)


def _unit_story(player: _Player, round: Round, unit: Organization, fate: Fate, variant: int) -> Iterator[dt.datetime]:
    """Play one unit's report of the completed round to its fate, yielding the moment of each next step.

    `variant` numbers the units of the same fate (0, 1, …): it picks which missing report is never
    started, left a draft or left with the head, which accepted reports the head sends back first,
    and which of the ICT Center's comments a returned report gets.
    """
    end, deadline = round.period.end, round.deadline
    rng = random.Random(f"{player.seed}:{round.code}:{unit.slug}")
    start = player.at(end - dt.timedelta(days=rng.randint(1, 8)), rng.randint(9, 11), rng.randint(0, 59))
    if fate is Fate.MISSING and variant == 0:
        return  # never started
    yield start
    version = player.write(unit, round, start)
    if fate is Fate.MISSING and variant == 1:
        return  # a draft left unsent
    if fate is Fate.LATE:
        sent = player.at(deadline + dt.timedelta(days=rng.randint(1, 3)), 10, rng.randint(0, 59))
    else:
        sent = player.at(end + dt.timedelta(days=rng.randint(2, 20)), 14, rng.randint(0, 59))
    yield sent
    version = player.send(unit, version, sent)
    if fate is Fate.MISSING:
        return  # left with the head
    approved = sent + dt.timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 3))
    if fate is Fate.ACCEPTED and variant < SENT_BACK_FIRST:
        yield approved
        version = unit_report_send_back(
            actor=player.head(unit), version=version, comment=_HEAD_COMMENTS[variant], now=approved, notify=False
        )
        version = unit_report_save(
            actor=player.reporter(unit),
            version=version,
            narrative_th=version.narrative_th,
            narrative_en=version.narrative_en,
            actions_th=f"{version.actions_th}\n3. {_CORRECTION_ACTION[0]}",
            actions_en=f"{version.actions_en}\n3. {_CORRECTION_ACTION[1]}",
            now=approved + dt.timedelta(hours=2),
        )
        version = player.send(unit, version, approved + dt.timedelta(hours=3))
        approved += dt.timedelta(days=1)
    yield approved
    version = player.approve(unit, version, approved)
    decided = approved + dt.timedelta(days=rng.randint(2, 4), hours=rng.randint(0, 4))
    if fate in (Fate.CORRECTED, Fate.RETURNED):
        comment, add_th, add_en = _RETURNS[variant % len(_RETURNS)]
        if fate is Fate.RETURNED:
            decided = player.at(deadline + dt.timedelta(days=rng.randint(2, 6)), 15, rng.randint(0, 59))
        yield decided
        version = unit_report_return(actor=player.monitor, version=version, comment=comment, now=decided, notify=False)
        if fate is Fate.RETURNED:
            return
        corrected = decided + dt.timedelta(days=1, hours=rng.randint(0, 5))
        yield corrected
        version = unit_report_correct(actor=player.reporter(unit), report=version.report, now=corrected)
        version = unit_report_save(
            actor=player.reporter(unit),
            version=version,
            narrative_th=f"{version.narrative_th}\n{add_th}",
            narrative_en=f"{version.narrative_en}\n{add_en}",
            actions_th=version.actions_th,
            actions_en=version.actions_en,
            now=corrected + dt.timedelta(hours=1),
        )
        version = player.send(unit, version, corrected + dt.timedelta(hours=2))
        approved = corrected + dt.timedelta(days=1)
        yield approved
        version = player.approve(unit, version, approved)
        decided = approved + dt.timedelta(days=2)
    yield decided
    actor = player.monitor if variant % 2 == 0 else player.monitor2
    unit_report_accept(actor=actor, version=version, now=decided, notify=False)


def _closing_story(player: _Player, round: Round) -> Iterator[dt.datetime]:
    closing = player.at(round.deadline + dt.timedelta(days=CLOSED_AFTER_DEADLINE), 16, 30)
    yield closing
    round_close(actor=player.monitor, round=round, now=closing)


def _play_in_time_order(stories: list[Iterator[dt.datetime]]) -> None:
    """Advance the stories step by step, always the one whose next step comes first (ties in story order)."""
    waiting = []
    for order, story in enumerate(stories):
        moment = next(story, None)
        if moment is not None:
            waiting.append((moment, order, story))
    heapq.heapify(waiting)
    while waiting:
        _moment, order, story = heapq.heappop(waiting)
        moment = next(story, None)
        if moment is not None:
            heapq.heappush(waiting, (moment, order, story))


def _play_completed(player: _Player, round: Round, units: list[Organization], fates: dict[str, Fate]) -> None:
    """Play every unit's report of the completed round to its fate, and close the round, in time order."""
    seen: Counter[Fate] = Counter()
    stories = []
    for unit in units:
        fate = fates[unit.slug]
        stories.append(_unit_story(player, round, unit, fate, seen[fate]))
        seen[fate] += 1
    _play_in_time_order([*stories, _closing_story(player, round)])


def _play_overall(player: _Player, round: Round) -> OverallReport:
    """Compile, edit, summarise, send and approve the completed round's overall report."""
    compiled = player.at(round.deadline + dt.timedelta(days=CLOSED_AFTER_DEADLINE + 2), 10)
    report = overall_report_compile(actor=player.monitor, round=round, now=compiled)
    edited = compiled + dt.timedelta(days=1)
    for recommendation in report.recommendations.order_by("position")[:EDITED_RECOMMENDATIONS]:
        recommendation_edit(
            actor=player.monitor2,
            recommendation=recommendation,
            text_th=f"{recommendation.text_th} ให้ศูนย์เทคโนโลยีสารสนเทศและการสื่อสารติดตามผลทุกเดือน",
            text_en=f"{recommendation.text_en} The ICT Center follows this up every month.",
            included=True,
            now=edited,
        )
    summary_th, summary_en = _summary_texts(report)
    report = overall_report_save_summary(
        actor=player.monitor, report=report, summary_th=summary_th, summary_en=summary_en, now=edited
    )
    report = overall_report_send_for_approval(actor=player.monitor, report=report, now=edited + dt.timedelta(hours=3))
    return overall_report_approve(
        actor=player.people["ops.supervisor"], report=report, now=compiled + dt.timedelta(days=4)
    )


def _play_open(player: _Player, round: Round, units: list[Organization]) -> dict[str, str]:
    """Give a few units of the open round a draft, a report awaiting their head, or a submitted report."""
    order = list(units)
    random.Random(f"{player.seed}:{round.code}").shuffle(order)
    plan = ["draft"] * OPEN_DRAFTS + ["awaiting_approval"] * OPEN_AWAITING + ["submitted"] * OPEN_SUBMITTED
    earliest = max(round.opened_at + dt.timedelta(days=1), player.now - dt.timedelta(days=12))
    span = player.now - dt.timedelta(hours=6) - earliest
    states = {}
    for index, (unit, state) in enumerate(zip(order, plan, strict=False)):
        start = earliest + span * (index / len(plan))
        version = player.write(unit, round, start)
        if state != "draft":
            version = player.send(unit, version, start + span / (2 * len(plan)))
        if state == "submitted":
            version = player.approve(unit, version, start + span / len(plan) - dt.timedelta(minutes=30))
        states[unit.slug] = version.state
    return states


def demo_rounds_play(*, now: dt.datetime, seed: int) -> RoundsOutcome:
    """Open, fill, close and report the completed round, and open the running one, as of `now`."""
    player = _Player(now, seed)
    today = timezone.localdate(now)
    six, twelve = demo_round_periods(today)
    units = list(Organization.objects.filter(kind=Organization.Kind.UNIT, is_active=True).order_by("slug"))
    fates = completed_fates([unit.slug for unit in units], seed)
    completed = round_open(
        actor=player.monitor,
        fiscal_year=six.fiscal_year,
        kind=six.kind,
        deadline=completed_deadline(six),
        now=player.at(six.end - dt.timedelta(days=10), 9, 30),
    )
    _play_completed(player, completed, units, fates)
    overall = _play_overall(player, completed)
    running = round_open(
        actor=player.monitor,
        fiscal_year=twelve.fiscal_year,
        kind=twelve.kind,
        deadline=open_deadline(twelve, today),
        now=player.at(twelve.end - dt.timedelta(days=10), 9, 30),
    )
    open_states = _play_open(player, running, units)
    completed.refresh_from_db()
    return RoundsOutcome(completed=completed, open=running, fates=fates, open_states=open_states, overall=overall)


def fate_counts(fates: dict[str, Fate]) -> Counter[Fate]:
    """Return how many units met each fate."""
    return Counter(fates.values())
