"""Load the illustrative demo department through the project's services, so every write is audited.

`demo_load` creates, once, in one transaction: the people (the only rows written directly,
with Django's `create_user`), the measure's checklist (loaded and activated), the department
"ops" with its central divisions and provincial offices, their review groups and role
assignments, and each register entry's history, played in time order through the disclosure
services with back-dated `now=` so the department matrix shows every status; then, for a few
units, a year and more of structured plans, progress and procurement records, published as the
versions of items 5.1.4, 5.1.5 and 5.1.7.1-3 (records.py). If the department already exists
nothing is written. The data is illustrative (see `units.py`).
"""

import datetime as dt
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from prongsai.accounts.secondfactor import totp_code_at, totp_enrolment_begin, totp_enrolment_confirm, totp_secret_text
from prongsai.audit.models import AuditEvent
from prongsai.channels.models import Submission
from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, ChecklistDefinition, load_checklist_file
from prongsai.checklists.services import checklist_load
from prongsai.disclosures.models import Document, Entry, EntryVersion, Review
from prongsai.disclosures.selectors import entry_status_expression
from prongsai.disclosures.services import (
    NewDocument,
    version_approve,
    version_return,
    version_save_draft,
    version_submit,
    version_withdraw,
)
from prongsai.disclosures.workflow import EntryStatus
from prongsai.organizations.access import second_factor_required
from prongsai.organizations.models import Organization, ReviewGroup, RoleAssignment, reviewer_role_for_step
from prongsai.organizations.services import organization_create, review_group_create, role_assign
from prongsai.plans.models import ActionPlan, ProgressReport, Project
from prongsai.procurement.models import ProcurementMonth, ProcurementPlan, ProcurementRecord
from prongsai.reports.models import OverallReport, Round, UnitReport

from . import documents
from .channels import channels_play
from .content import FIXES, ItemContext, approve_verdicts, as_of_for, draft_content, return_verdicts, revision_note
from .credentials import CredentialRow, credentials_document, credentials_write, password_generate, password_hash
from .histories import Action, Clock, EntryPlan, Event, plan_department
from .people import Cast, PersonSpec, build_cast
from .records import STRUCTURED_ENTRIES, RecordsOutcome, demo_records_play
from .rounds import RoundsOutcome, demo_rounds_play
from .units import ALL_ORGANIZATIONS, DEPARTMENT, DEPARTMENT_SLUG, UnitKind, UnitSpec

SEED = 2562
CREDENTIALS_FILE = "demo-credentials.txt"


class DemoConflict(Exception):
    """The database already holds some of the demo's sign-in names but not the demo department."""


@dataclass
class DemoOutcome:
    """What `demo_load` did: whether it loaded, the credentials text and file, counts and statuses."""

    loaded: bool
    credentials: str
    credentials_path: Path
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    off_plan: list[str] = field(default_factory=list)
    records: RecordsOutcome | None = None


def credentials_path() -> Path:
    """Return where the demo's sign-in names and passwords are written."""
    return Path(settings.VAR_DIR) / CREDENTIALS_FILE


def demo_is_loaded() -> bool:
    """Tell whether the demo department already exists."""
    return Organization.objects.filter(slug=DEPARTMENT_SLUG).exists()


def demo_load(*, now: dt.datetime | None = None) -> DemoOutcome:
    """Load the demo once; when the department "ops" exists, write nothing and return the stored credentials."""
    path = credentials_path()
    if demo_is_loaded():
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        return DemoOutcome(loaded=False, credentials=text, credentials_path=path)
    started = time.monotonic()
    now = now or timezone.now()
    cast = build_cast(SEED)
    taken = sorted(get_user_model().objects.filter(username__in=cast.people).values_list("username", flat=True))
    if taken:
        raise DemoConflict("These sign-in names already exist, so the demo cannot be loaded: " + ", ".join(taken))
    passwords = {username: password_generate() for username in cast.people}
    definition = load_checklist_file(DEFAULT_CHECKLIST_PATH)
    with transaction.atomic():
        users = _create_people(cast, passwords)
        admin = users["admin"]
        checklist_load(actor=admin, definition=definition, activate=True)
        organizations = _create_organizations(admin)
        _assign_roles(admin, cast, users, organizations)
        keys = _enrol_second_factors(users, now)
        plans = _play_histories(definition, cast, users, organizations, now)
        records = demo_records_play(cast=cast, users=users, organizations=organizations, now=now, seed=SEED)
        channels_play(organizations=list(organizations.values()), now=now, seed=SEED)
        text = credentials_document(_credential_rows(cast, passwords), generated=_stamp(now), second_factor_keys=keys)
        credentials_write(path, text)
    return DemoOutcome(
        loaded=True,
        credentials=text,
        credentials_path=path,
        seconds=time.monotonic() - started,
        counts=demo_counts(),
        statuses=status_counts(timezone.localdate(now)),
        off_plan=_off_plan(plans, timezone.localdate(now)),
        records=records,
    )


def demo_counts() -> dict[str, int]:
    """Return how many rows of each kind the database holds (what the demo created, on a fresh database)."""
    return {
        "organizations": Organization.objects.count(),
        "people": get_user_model().objects.count(),
        "review groups": ReviewGroup.objects.count(),
        "role assignments": RoleAssignment.objects.count(),
        "register entries": Entry.objects.count(),
        "versions": EntryVersion.objects.count(),
        "documents": Document.objects.count(),
        "reviews": Review.objects.count(),
        "opinions and complaints": Submission.objects.count(),
        "reporting rounds": Round.objects.count(),
        "unit reports": UnitReport.objects.count(),
        "overall reports": OverallReport.objects.count(),
        "action plans": ActionPlan.objects.count(),
        "projects": Project.objects.count(),
        "progress reports": ProgressReport.objects.count(),
        "procurement plans": ProcurementPlan.objects.count(),
        "procurement records": ProcurementRecord.objects.count(),
        "closed procurement months": ProcurementMonth.objects.count(),
        "audit events": AuditEvent.objects.count(),
    }


def demo_rounds_load(*, now: dt.datetime) -> RoundsOutcome:
    """Play the demo's reporting rounds (rounds.py) in one transaction, after the demo and its website checks.

    Run after the checks so that the unit reports' facts include the monitor's findings of the rounds.
    """
    with transaction.atomic():
        return demo_rounds_play(now=now, seed=SEED)


def status_counts(today: dt.date) -> dict[str, int]:
    """Return how many entries are in each status today, in the order of EntryStatus."""
    rows = dict(
        Entry.objects.annotate(status=entry_status_expression(today))
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return {status.value: rows.get(status.value, 0) for status in EntryStatus}


def _stamp(now: dt.datetime) -> str:
    return timezone.localtime(now).strftime("%Y-%m-%d %H:%M %z")


# --- people, organizations, roles ----------------------------------------------------------------


def _create_people(cast: Cast, passwords: dict[str, str]) -> dict[str, Any]:
    """Create each person with `create_user`, then store their password's demo hash (see credentials.py)."""
    model = get_user_model()
    users = {}
    for person in cast.people.values():
        user = model.objects.create_user(
            username=person.username,
            email=person.email,
            password=None,
            first_name=person.name.given_en,
            last_name=person.name.surname_en,
            full_name_th=person.name.full_th,
            full_name_en=person.name.full_en,
            position_th=person.position_th,
            position_en=person.position_en,
            is_staff=person.is_admin,
            is_superuser=person.is_admin,
        )
        user.password = password_hash(passwords[person.username])
        user.save(update_fields=["password"])
        users[person.username] = user
    return users


def _create_organizations(admin: Any) -> dict[str, Organization]:
    department = organization_create(
        actor=admin,
        kind=Organization.Kind.DEPARTMENT,
        slug=DEPARTMENT.slug,
        name_th=DEPARTMENT.name_th,
        name_en=DEPARTMENT.name_en,
        short_name_th=DEPARTMENT.short_name_th,
        websites=[DEPARTMENT.website],
    )
    organizations = {department.slug: department}
    for order, unit in enumerate(ALL_ORGANIZATIONS[1:], start=1):
        organizations[unit.slug] = organization_create(
            actor=admin,
            kind=Organization.Kind.UNIT,
            parent=department,
            slug=unit.slug,
            name_th=unit.name_th,
            name_en=unit.name_en,
            short_name_th=unit.short_name_th,
            is_support_unit=unit.is_support_unit,
            sort_order=order if unit.kind is UnitKind.CENTRAL else 100,
            websites=[unit.website],
        )
    return organizations


def _enrol_second_factors(users: dict[str, Any], now: dt.datetime) -> list[tuple[str, str]]:
    """Set up an authenticator, through the audited services, for everyone whose role requires one.

    Each gets a fresh random key, printed with the passwords: whoever runs the demo adds it to an
    authenticator app or asks `manage.py demo_code USERNAME` for the current code. Their recovery
    codes are not printed (a demo has no phone to lose).
    """
    keys = []
    model = get_user_model()
    for username in sorted(users):
        person = model.objects.get(pk=users[username].pk)  # a fresh access scope, with the roles just assigned
        if not second_factor_required(person):
            continue
        device = totp_enrolment_begin(person=person)
        totp_enrolment_confirm(person=person, code=totp_code_at(device, now), now=now)
        keys.append((username, totp_secret_text(device)))
    return keys


def _assign_roles(admin: Any, cast: Cast, users: dict[str, Any], organizations: dict[str, Organization]) -> None:
    for group in cast.groups:
        organization = organizations[group.organization]
        created = review_group_create(
            actor=admin,
            organization=organization,
            name_th=group.name_th,
            name_en=group.name_en,
            members=[users[username] for username in group.members],
        )
        role_assign(actor=admin, role=group.role, organization=organization, group=created)
    for person in cast.people.values():
        for holding in person.holdings:
            if not holding.through_group:
                role_assign(
                    actor=admin,
                    role=holding.role,
                    organization=organizations[holding.organization],
                    user=users[person.username],
                )


# --- histories -------------------------------------------------------------------------------------


class _Story:
    """One entry's history being played: the version in progress and who works on it."""

    def __init__(
        self, plan: EntryPlan, entry: Entry, unit: UnitSpec, cast: Cast, users: dict[str, Any], clock: Clock
    ) -> None:
        self.plan = plan
        self.entry = entry
        self.unit = unit
        self.staff = cast.staff[unit.slug]
        self.editor = users[self.staff.editor.username]
        role = reviewer_role_for_step(entry.item.review_step)
        self.reviewers = [users[u] for u in cast.reviewers(unit.slug, role) if u != self.staff.editor.username]
        self.clock = clock
        self.rng = random.Random(f"{SEED}:{unit.slug}:{plan.code}")
        self.version: EntryVersion | None = None
        self.drafts = 0

    def play(self, event: Event) -> None:
        """Perform one event through the disclosure services, back-dated to its moment."""
        code = self.plan.code
        if event.action is Action.DRAFT:
            self._draft(event)
            return
        version = self.version
        assert version is not None
        if event.action is Action.SUBMIT:
            self.version = version_submit(actor=self.editor, version=version, now=event.at, notify=False)
        elif event.action is Action.WITHDRAW:
            self.version = version_withdraw(actor=self.editor, version=version, now=event.at)
        elif event.action is Action.APPROVE:
            version_approve(
                actor=self.rng.choice(self.reviewers),
                version=version,
                verdicts=approve_verdicts(self.rng),
                now=event.at,
                notify=False,
            )
        elif event.action is Action.RETURN:
            version_return(
                actor=self.rng.choice(self.reviewers),
                version=version,
                verdicts=return_verdicts(code),
                now=event.at,
                notify=False,
            )

    def _draft(self, event: Event) -> None:
        code = self.plan.code
        written_on = self.clock.local_date(event.at)
        note = FIXES[code] if event.fix else revision_note(code) if event.revision else ""
        context = ItemContext(
            unit=self.unit,
            staff=self.staff,
            as_of=as_of_for(code, written_on, self.rng),
            presentation=self.plan.presentation,
            rng=self.rng,
            change_note=note,
        )
        attachments: list[NewDocument] = []
        if self.plan.with_document and self.drafts == 0:
            attachments = [_attachment(code, self.unit, self.staff, context.as_of)]
        self.drafts += 1
        self.version = version_save_draft(
            actor=self.editor,
            entry=self.entry,
            content=draft_content(code, context),
            add_documents=attachments,
            now=event.at,
        )


def _attachment(code: str, unit: UnitSpec, staff: Any, as_of: dt.date) -> NewDocument:
    if code == "5.1.3":
        return documents.integrity_statement_pdf(unit, staff, as_of)
    if code == "5.1.4":
        return documents.action_plan_xlsx(unit, as_of)
    if code == "5.1.7.1":
        return documents.procurement_plan_xlsx(unit, as_of)
    return documents.operating_manual_pdf(unit, as_of)


def _play_histories(
    definition: ChecklistDefinition,
    cast: Cast,
    users: dict[str, Any],
    organizations: dict[str, Organization],
    now: dt.datetime,
) -> list[EntryPlan]:
    clock = Clock(now=now, zone=timezone.get_current_timezone(), due_soon_days=int(settings.PRONGSAI_DUE_SOON_DAYS))
    specs = {unit.slug: unit for unit in ALL_ORGANIZATIONS}
    rows = Entry.objects.filter(organization__in=organizations.values(), item__checklist__code=definition.code)
    entries = {
        (entry.organization.slug, entry.item.code): entry for entry in rows.select_related("organization", "item")
    }
    plans = plan_department(
        list(specs), definition.items, clock, SEED, department=DEPARTMENT_SLUG, structured=STRUCTURED_ENTRIES
    )
    timeline: list[tuple[dt.datetime, int, _Story, Event]] = []
    for plan in plans:
        story = _Story(plan, entries[(plan.unit, plan.code)], specs[plan.unit], cast, users, clock)
        timeline += [(event.at, len(timeline) + i, story, event) for i, event in enumerate(plan.events)]
    timeline.sort(key=lambda step: (step[0], step[1]))
    for _at, _order, story, event in timeline:
        story.play(event)
    return plans


def _off_plan(plans: list[EntryPlan], today: dt.date) -> list[str]:
    """Return the entries whose status today differs from the one planned (none, unless a rule changed)."""
    actual = {
        (slug, code): status
        for slug, code, status in Entry.objects.annotate(status=entry_status_expression(today)).values_list(
            "organization__slug", "item__code", "status"
        )
    }
    return [
        f"{plan.unit} {plan.code}: planned {plan.target.value}, is {actual.get((plan.unit, plan.code))}"
        for plan in plans
        if actual.get((plan.unit, plan.code)) != plan.target.value
    ]


# --- credentials -----------------------------------------------------------------------------------


def _roles_text(person: PersonSpec) -> str:
    by_organization: dict[str, list[str]] = defaultdict(list)
    for holding in person.holdings:
        by_organization[holding.organization].append(
            f"{holding.role.value} (group)" if holding.through_group else holding.role.value
        )
    parts = []
    for organization in sorted(by_organization, key=lambda slug: (slug != person.home, slug)):
        roles = ", ".join(by_organization[organization])
        parts.append(roles if organization == person.home else f"{organization}: {roles}")
    if person.is_admin:
        parts.append("Django admin (superuser)")
    return "; ".join(parts)


def _credential_rows(cast: Cast, passwords: dict[str, str]) -> list[CredentialRow]:
    order = {unit.slug: index for index, unit in enumerate(ALL_ORGANIZATIONS)}
    people = sorted(cast.people.values(), key=lambda p: (order[p.home], p.username))
    return [
        CredentialRow(
            username=person.username, roles=_roles_text(person), unit=person.home, password=passwords[person.username]
        )
        for person in people
    ]


def status_summary(statuses: dict[str, int]) -> str:
    """Return the status counts as one line, e.g. "published 402 · due_soon 61 · …"."""
    return " · ".join(f"{status} {count}" for status, count in statuses.items())
