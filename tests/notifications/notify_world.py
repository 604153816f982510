"""Helpers of the reminder tests: published items with a chosen review date, rounds and unit reports, the clock.

The register's world (tests/register/conftest.py) gives unit A (กองเกษตร / Unit A) an editor
(editor_a), a head (supervisor_a) and a reporter (reporter_a); unit B (ศูนย์ขนส่ง / Unit B) only an
editor (editor_b); the department an ICT monitor (ict_monitor). NOW is Monday 16 March 2026,
10:00 in Bangkok — the digest's default weekday.
"""

import datetime as dt
from typing import Any

from django.core import mail

from prongsai.disclosures.models import Entry
from prongsai.disclosures.services import version_approve, version_save_draft, version_submit
from prongsai.notifications.models import Notice
from prongsai.organizations.models import Role
from prongsai.organizations.services import role_assign
from prongsai.reports.models import Round, UnitReport, UnitReportVersion
from tests.register.conftest import ALL_PASS, NOW, STEP_OF, TODAY, World, content_for, make_person

__all__ = ["NOW", "TODAY", "day", "grant", "notices", "outbox", "publish_due", "report", "round_open"]

EDITOR_OF = {"unit_a": "editor_a", "unit_b": "editor_b", "department": "editor_dept"}


def day(offset: int) -> dt.date:
    """Return the day `offset` days after TODAY (16 March 2026)."""
    return TODAY + dt.timedelta(days=offset)


def grant(world: World, role: Role, username: str, org: str, **person: Any) -> Any:
    """Give a new person a role at one of the world's organizations."""
    user = make_person(username, **person)
    role_assign(actor=world.person("root"), role=role, organization=world.org(org), user=user)
    return user


def publish_due(world: World, org: str, code: str, due: dt.date) -> Entry:
    """Publish the item at the organization (without notices) and set its next review date to `due`."""
    entry = world.entry(world.org(org), code)
    editor = world.person(EDITOR_OF[org])
    reviewer_name = f"reviewer{STEP_OF[code]}_a"
    if org != "unit_a":
        # Only unit A has reviewers in the world: lend unit A's reviewer of the step to this organization.
        role_assign(
            actor=world.person("root"),
            role=Role(f"reviewer_{STEP_OF[code]}"),
            organization=world.org(org),
            user=world.person(reviewer_name),
        )
    then = NOW - dt.timedelta(days=150)
    version = version_save_draft(actor=editor, entry=entry, content=content_for(code, as_of=then.date()), now=then)
    version_submit(actor=editor, version=version, now=then, notify=False)
    version_approve(actor=world.person(reviewer_name), version=version, verdicts=ALL_PASS, now=then, notify=False)
    Entry.objects.filter(pk=entry.pk).update(next_review_due=due)
    return world.entry(world.org(org), code)


def round_open(world: World, *, fiscal_year: int = 2569, kind: str = "six_month", deadline: dt.date) -> Round:
    """Open a round with the given deadline (as the ICT Center would)."""
    return Round.objects.create(
        fiscal_year=fiscal_year,
        kind=kind,
        deadline=deadline,
        opened_by=world.person("ict_monitor"),
        opened_at=NOW - dt.timedelta(days=30),
    )


def report(
    world: World,
    reporting_round: Round,
    org: str,
    *,
    state: str = "draft",
    submitted: dt.datetime | None = None,
    late: bool = False,
    comment: str = "",
) -> UnitReportVersion:
    """Create a unit's report of the round with one version in `state` (submitted ones carry their approval)."""
    unit_report = UnitReport.objects.create(
        round=reporting_round,
        organization=world.org(org),
        state=state,
        first_submitted_at=submitted,
        late=late,
        created_at=NOW - dt.timedelta(days=10),
    )
    reporter = world.person("reporter_a")
    version = UnitReportVersion.objects.create(
        report=unit_report,
        number=1,
        state=state,
        facts_taken_at=NOW - dt.timedelta(days=10),
        created_by=reporter,
        created_at=NOW - dt.timedelta(days=10),
        updated_at=NOW - dt.timedelta(days=1),
        sent_by=reporter if state != "draft" else None,
        sent_at=NOW - dt.timedelta(days=1) if state != "draft" else None,
        approved_by=world.person("supervisor_a") if submitted else None,
        submitted_at=submitted,
        late=late,
        decided_by=world.person("ict_monitor") if state in ("accepted", "returned") else None,
        decided_at=NOW if state in ("accepted", "returned") else None,
        decision_comment=comment,
    )
    unit_report.current_version = version
    unit_report.save(update_fields=["current_version"])
    return version


def notices(**filters: Any) -> list[tuple[str, str, str, str, str]]:
    """Return the notices as (recipient, kind, Thai subject, English subject, link), by recipient and subject."""
    return sorted(
        Notice.objects.filter(**filters).values_list("recipient__username", "kind", "subject_th", "subject_en", "link")
    )


def outbox() -> list[tuple[str, str]]:
    """Return the e-mails sent as (address, subject), sorted; every e-mail goes to one person."""
    assert all(len(message.to) == 1 for message in mail.outbox)
    return sorted((message.to[0], str(message.subject)) for message in mail.outbox)
