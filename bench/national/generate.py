"""Fill the database with a national-scale department: units, people, the register's two fiscal years,
opinions and complaints, the monitor's checks per round and the units' reports.

Everything is drawn from one seed (each unit from its own generator, so the data of unit 17 do
not depend on how many units there are). Rows go in through `TableWriter` (COPY on PostgreSQL)
with ids given here, in one transaction: a failure leaves nothing behind. The denormalised
columns (an entry's published and open versions, its review date, a unit report's state) are
set from the same simulated history the versions come from, so they agree.
"""

import datetime as dt
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from prongsai.channels.models import KIND_TOPICS, Kind, Submission
from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, CurrencyRule, load_checklist_file
from prongsai.checklists.models import ChecklistItem
from prongsai.checklists.services import checklist_load
from prongsai.disclosures.models import Entry, EntryVersion, Review
from prongsai.disclosures.workflow import VersionState
from prongsai.monitoring.models import FindingOverride, ItemFinding, MonitorSweep, SiteCheck
from prongsai.organizations.models import Organization, Role, RoleAssignment, Website
from prongsai.reports.models import OverallReport, Recommendation, Round, UnitReport, UnitReportVersion
from prongsai.thaidate import format_thai_date

from . import monitor_rows, report_rows
from .history import BANGKOK, Profile, SimEntry, office_time, profile_for, simulate_entry
from .names import person_names, unit_names
from .plan import DEPARTMENT_SLUG, HISTORY_START, NOW, ROUNDS
from .writer import TableWriter

CHUNK_UNITS = 500  # units simulated between two flushes of the buffers


class AlreadyGenerated(Exception):
    """The database already holds generated data (drop it, or reuse it)."""


@dataclass(frozen=True)
class ItemInfo:
    pk: int
    code: str
    name_th: str
    name_en: str
    rule: CurrencyRule
    step: int
    weight: float
    bilingual: bool
    nothing_allowed: bool
    keyword: str


@dataclass
class UnitInfo:
    index: int
    pk: int
    slug: str
    name_th: str
    name_en: str
    site: str
    website_pk: int
    reporter_pk: int
    head_pk: int
    head_name: str
    profile: Profile


@dataclass
class Context:
    """What every part of the generation shares: the writer, the checklist, the people, the rounds."""

    writer: TableWriter
    seed: int
    now: dt.datetime
    checklist_pk: int
    items: list[ItemInfo]
    monitor_pk: int
    supervisor_pk: int
    round_pks: dict[str, int]
    sweep_pks: dict[str, int]
    tracking_codes: set[str] = field(default_factory=set)
    overall_rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Generated:
    units: int
    seed: int
    seconds: float
    rows: dict[str, int]


def generate(*, units: int, seed: int = 2569, now: dt.datetime = NOW, log: bool = False) -> Generated:
    """Generate a department of `units` units with two fiscal years of data standing at `now`; return the row counts.

    Refuses (AlreadyGenerated) when the department is already there: generation never mixes with
    earlier data.
    """
    started = time.perf_counter()
    if Organization.objects.filter(slug=DEPARTMENT_SLUG).exists():
        raise AlreadyGenerated(f"the department {DEPARTMENT_SLUG!r} already exists")
    checklist, _changed = checklist_load(
        actor=None, definition=load_checklist_file(DEFAULT_CHECKLIST_PATH), activate=True
    )
    writer = TableWriter()
    with transaction.atomic():
        writer.drop_foreign_keys(LOADED_MODELS)
        context, unit_infos = _world(writer, units=units, seed=seed, now=now, checklist_pk=checklist.pk)
        for start in range(0, len(unit_infos), CHUNK_UNITS):
            for unit in unit_infos[start : start + CHUNK_UNITS]:
                _unit(context, unit)
            writer.flush()
            if log:
                print(f"  units {start + 1}–{min(start + CHUNK_UNITS, units)}: {time.perf_counter() - started:.0f} s")
        report_rows.overall_reports(context)
        writer.flush()
        writer.reset_sequences()
        writer.restore_foreign_keys()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return Generated(units, seed, round(time.perf_counter() - started, 1), dict(writer.counts))


LOADED_MODELS: tuple[type[Any], ...] = (
    Organization,
    Website,
    get_user_model(),
    RoleAssignment,
    Entry,
    EntryVersion,
    EntryVersion.editors.through,
    Review,
    Submission,
    Round,
    MonitorSweep,
    SiteCheck,
    ItemFinding,
    FindingOverride,
    UnitReport,
    UnitReportVersion,
    OverallReport,
    Recommendation,
)

USER_COLUMNS = ("id", "password", "username", "email", "is_active", "date_joined", "full_name_th", "full_name_en")


def _user(writer: TableWriter, username: str, names: tuple[str, str], joined: dt.datetime) -> int:
    pk = writer.next_id(get_user_model())
    row = (pk, "!bench-no-password", username, f"{username}@bench.example.go.th", True, joined, *names)
    writer.add(get_user_model(), USER_COLUMNS, row)
    return pk


def _role(writer: TableWriter, role: Role, organization: int, user: int, at: dt.datetime) -> None:
    row = (writer.next_id(RoleAssignment), role.value, organization, user, at)
    writer.add(RoleAssignment, ("id", "role", "organization_id", "user_id", "created_at"), row)


ORGANIZATION_COLUMNS = (
    "id",
    "kind",
    "parent_id",
    "slug",
    "name_th",
    "name_en",
    "sort_order",
    "created_at",
    "updated_at",
)


def _world(
    writer: TableWriter, *, units: int, seed: int, now: dt.datetime, checklist_pk: int
) -> tuple[Context, list[UnitInfo]]:
    """Write the department, its units, websites and people, the rounds and their sweeps."""
    rng = random.Random(seed)
    set_up = dt.datetime(2024, 9, 2, 9, 0, tzinfo=BANGKOK)
    department = writer.next_id(Organization)
    writer.add(
        Organization,
        ORGANIZATION_COLUMNS,
        (department, "department", None, DEPARTMENT_SLUG, "สำนักงานปลัดกระทรวงทดสอบ",
         "Bench Permanent Secretary's Office", 0, set_up, set_up),
    )  # fmt: skip
    staff = {}
    for username, role, position in (
        ("bench-monitor", Role.ICT_MONITOR, "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร"),
        ("bench-director", Role.REPORTER, "ผู้อำนวยการศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร"),
        ("bench-supervisor", Role.SUPERVISOR, "ผู้ตรวจราชการ"),
        ("bench-executive", Role.EXECUTIVE, "ปลัดกระทรวง"),
    ):
        staff[username] = _user(writer, username, person_names(rng), set_up)
        _role(writer, role, department, staff[username], set_up)
        del position
    infos = []
    for index in range(units):
        unit_rng = random.Random(f"{seed}:unit:{index}")
        name_th, name_en = unit_names(index)
        pk = writer.next_id(Organization)
        slug = f"u{index:05d}"
        writer.add(
            Organization,
            ORGANIZATION_COLUMNS,
            (pk, "unit", department, slug, name_th, name_en, index + 1, set_up, set_up),
        )
        site = f"https://{slug}.bench.example.go.th"
        website = writer.next_id(Website)
        writer.add(Website, ("id", "organization_id", "url", "is_primary"), (website, pk, site + "/", True))
        reporter = _user(writer, f"{slug}-reporter", person_names(unit_rng), set_up)
        head_names = person_names(unit_rng)
        head = _user(writer, f"{slug}-head", head_names, set_up)
        for role in (Role.REPORTER, Role.EDITOR):
            _role(writer, role, pk, reporter, set_up)
        for role in (Role.SUPERVISOR, Role.REVIEWER_1, Role.REVIEWER_2, Role.REVIEWER_3, Role.REVIEWER_4):
            _role(writer, role, pk, head, set_up)
        infos.append(
            UnitInfo(
                index, pk, slug, name_th, name_en, site, website, reporter, head, head_names[0], profile_for(unit_rng)
            )
        )
    round_pks, sweep_pks = {}, {}
    monitor = staff["bench-monitor"]
    for plan in ROUNDS:
        pk = writer.next_id(Round)
        round_pks[plan.code] = pk
        opened = office_time(rng, plan.opened_on)
        closed = office_time(rng, plan.closed_on) if plan.closed_on else None
        writer.add(
            Round,
            ("id", "fiscal_year", "kind", "deadline", "state", "opened_by_id", "opened_at", "closed_by_id",
             "closed_at"),
            (pk, plan.period.fiscal_year, plan.period.kind.value, plan.deadline, "closed" if closed else "open",
             monitor, opened, monitor if closed else None, closed),
        )  # fmt: skip
        sweep = writer.next_id(MonitorSweep)
        sweep_pks[plan.code] = sweep
        writer.add(
            MonitorSweep,
            ("id", "kind", "due_on", "created_at", "websites"),
            (sweep, "round", plan.checks_from, office_time(rng, plan.checks_from), units),
        )
    items = [
        ItemInfo(
            item.pk, item.code, item.name_th, item.name_en, CurrencyRule(item.currency), item.review_step,
            item.weight, item.bilingual_required, item.nothing_to_publish_allowed,
            (item.keywords_th or [item.name_th])[0],
        )
        for item in ChecklistItem.objects.filter(checklist_id=checklist_pk, retired=False).order_by("position")
    ]  # fmt: skip
    writer.flush()
    context = Context(writer, seed, now, checklist_pk, items, monitor, staff["bench-supervisor"], round_pks, sweep_pks)
    return context, infos


def _unit(context: Context, unit: UnitInfo) -> None:
    """Write one unit's register, channel cases, website checks and reports."""
    rng = random.Random(f"{context.seed}:data:{unit.index}")
    entries = {item.code: _entry(context, rng, unit, item) for item in context.items}
    submissions = _submissions(context, rng, unit)
    findings = {plan.code: monitor_rows.site_check(context, rng, unit, plan, entries) for plan in ROUNDS}
    for plan in ROUNDS:
        report_rows.unit_report(context, rng, unit, plan, entries, findings[plan.code], submissions)


VERSION_COLUMNS = (
    "id", "entry_id", "number", "state", "based_on_id", "body_th", "body_en", "url_th", "url_en", "as_of",
    "nothing_to_publish", "nothing_note_th", "nothing_note_en", "change_note", "created_by_id", "created_at",
    "updated_at", "submitted_by_id", "submitted_at", "decided_by_id", "decided_at", "published_at", "superseded_at",
)  # fmt: skip
REVIEW_COLUMNS = (
    "id", "version_id", "reviewer_id", "step", "decision", "correct", "complete", "current", "current_comment",
    "comment", "created_at",
)  # fmt: skip
ENTRY_COLUMNS = (
    "id", "organization_id", "item_id", "published_version_id", "open_version_id", "open_state", "next_review_due",
    "last_approved_at", "created_at",
)  # fmt: skip
RETURN_REASONS = (
    ("ข้อมูลยังไม่เป็นปัจจุบัน โปรดปรับปรุงวันที่ของข้อมูล", "current"),
    ("ข้อมูลไม่ครบถ้วนตามที่มาตรการกำหนด", "complete"),
    ("ข้อมูลบางส่วนไม่ถูกต้อง โปรดตรวจสอบอีกครั้ง", "correct"),
)


def _entry(context: Context, rng: random.Random, unit: UnitInfo, item: ItemInfo) -> SimEntry:
    """Simulate and write one register entry with its versions, reviews and editors."""
    writer = context.writer
    sim = simulate_entry(
        rng, rule=item.rule, profile=unit.profile, start=HISTORY_START, now=context.now,
        nothing_allowed=item.nothing_allowed,
    )  # fmt: skip
    entry_pk = writer.next_id(Entry)
    path = f"{unit.site}/oit/{item.code}"
    by_number: dict[int, int] = {}
    for version in sim.versions:
        version.pk = writer.next_id(EntryVersion)
        by_number[version.number] = version.pk
        created_on = version.created.date()
        when = format_thai_date(created_on)
        if version.nothing_to_publish:
            body_th = body_en = url_th = url_en = ""
            note_th, note_en = f"ไม่มีการจัดซื้อจัดจ้าง ณ วันที่ {when}", f"No procurement as of {created_on.isoformat()}"
        else:
            body_th, url_th = f"<p>{item.name_th} ข้อมูล ณ วันที่ {when}</p>", f"{path}/{version.number}"
            body_en, url_en = (
                (f"<p>{item.name_en} as of {created_on.isoformat()}</p>", f"{path}/{version.number}/en")
                if item.bilingual
                else ("", "")
            )
            note_th = note_en = ""
        decided = version.decided
        approved = version.state is VersionState.APPROVED
        based_on = by_number.get(version.number - 1)
        writer.add(
            EntryVersion,
            VERSION_COLUMNS,
            (version.pk, entry_pk, version.number, version.state.value, based_on, body_th, body_en, url_th, url_en,
             created_on, version.nothing_to_publish, note_th, note_en, f"ปรับปรุงข้อมูลครั้งที่ {version.number}",
             unit.reporter_pk, version.created, decided or version.submitted or version.created,
             unit.reporter_pk if version.submitted else None, version.submitted,
             unit.head_pk if decided else None, decided, decided if approved else None, version.superseded),
        )  # fmt: skip
        writer.add(
            EntryVersion.editors.through,
            ("id", "entryversion_id", "user_id"),
            (writer.next_id(EntryVersion.editors.through), version.pk, unit.reporter_pk),
        )
        if decided is not None:
            if approved:
                verdict: tuple[Any, ...] = ("approve", True, True, True, "", "")
            else:
                comment, failed = RETURN_REASONS[rng.randrange(len(RETURN_REASONS))]
                verdict = ("return", failed != "correct", failed != "complete", failed != "current",
                           comment if failed == "current" else "", comment)  # fmt: skip
            writer.add(
                Review,
                REVIEW_COLUMNS,
                (writer.next_id(Review), version.pk, unit.head_pk, item.step, *verdict, decided),
            )
    published, open_version = sim.published, sim.open
    writer.add(
        Entry,
        ENTRY_COLUMNS,
        (entry_pk, unit.pk, item.pk, published.pk if published else None, open_version.pk if open_version else None,
         open_version.state.value if open_version else "", sim.next_review_due,
         published.decided if published else None, dt.datetime(2024, 9, 2, 9, 0, tzinfo=BANGKOK)),
    )  # fmt: skip
    return sim


@dataclass(frozen=True)
class SimSubmission:
    kind: str
    received: dt.datetime
    due: dt.date
    closed: dt.datetime | None


SUBMISSION_COLUMNS = (
    "id", "kind", "organization_id", "topic", "subject", "message", "name", "email", "phone", "is_anonymous",
    "language", "tracking_code", "status", "outcome", "received_at", "due_date", "closed_at", "updated_at",
)  # fmt: skip
OUTCOMES = ("resolved", "resolved", "resolved", "not_upheld", "referred", "withdrawn")


def _submissions(context: Context, rng: random.Random, unit: UnitInfo) -> list[SimSubmission]:
    """Write a modest number of opinions and complaints over the two years, some still open past their due date."""
    writer = context.writer
    count = rng.choice((0, 0, 1, 1, 2, 2, 3, 3, 4, 6, 8))
    span = (context.now - dt.datetime.combine(HISTORY_START, dt.time(), tzinfo=BANGKOK)).days
    made = []
    for _ in range(count):
        kind = Kind.OPINION if rng.random() < 0.6 else Kind.COMPLAINT
        received = dt.datetime.combine(HISTORY_START, dt.time(), tzinfo=BANGKOK) + dt.timedelta(
            days=rng.uniform(14, span), hours=rng.uniform(8, 20)
        )
        due = received.date() + dt.timedelta(days=30 if kind == Kind.OPINION else 15)
        closed: dt.datetime | None = received + dt.timedelta(days=rng.uniform(1, 45))
        if closed is None or closed >= context.now or rng.random() < 0.1:
            closed = None
        status = "closed" if closed else rng.choice(("received", "in_progress", "answered"))
        anonymous = rng.random() < 0.3
        name, email, phone = ("", "", "") if anonymous else ("ผู้ใช้บริการ", "citizen@example.com", "021234567")
        code = _tracking_code(context, rng, kind)
        topics = KIND_TOPICS[kind]
        writer.add(
            Submission,
            SUBMISSION_COLUMNS,
            (writer.next_id(Submission), kind.value, unit.pk, topics[rng.randrange(len(topics))].value,
             "ขอสอบถามข้อมูลการให้บริการ", "ข้อความทดสอบจากผู้ใช้บริการ", name, email, phone, anonymous,
             "th" if rng.random() < 0.9 else "en", code, status, rng.choice(OUTCOMES) if closed else "", received,
             due, closed, closed or received),
        )  # fmt: skip
        made.append(SimSubmission(kind.value, received, due, closed))
    return made


def _tracking_code(context: Context, rng: random.Random, kind: str) -> str:
    from prongsai.channels.lifecycle import tracking_code_from_bits

    while True:
        code = tracking_code_from_bits(kind, rng.getrandbits(60))
        if code not in context.tracking_codes:
            context.tracking_codes.add(code)
            return code


def score_decimal(score: float | None) -> Decimal | None:
    """Return a score as the check's stored decimal (one place after the point)."""
    return Decimal(str(score)) if score is not None else None
