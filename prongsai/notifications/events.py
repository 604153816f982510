"""Reads that turn the register and the rounds into notice events: what happened, who hears, what it says.

The scheduled ones (review reminders, overdue items, round deadlines, the weekly digest) are
computed for an injected day; the others for one version a workflow step just moved. Each
selector issues a fixed number of queries whatever the number of units and items.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, partial

from django.contrib.auth import get_user_model
from django.db.models import Q

from prongsai.checklists.models import ChecklistItem
from prongsai.disclosures.models import Entry, EntryVersion, Review
from prongsai.monitoring.models import SiteCheck
from prongsai.organizations.access import Capability, access_scope_for
from prongsai.organizations.models import Organization, Role, RoleAssignment
from prongsai.reports.models import Round, UnitReport, UnitReportVersion
from prongsai.reports.workflow import ReportState, RoundState

from .links import digest_path, entry_path, unit_report_path
from .models import NoticeKind
from .recipients import editors_of, people_by_organization, people_of, reviewers_of
from .schedule import (
    deadline_key,
    digest_due,
    digest_key,
    is_overdue,
    overdue_key,
    reminder_due,
    review_due_key,
    week_of,
)
from .wording import (
    DigestFigures,
    Named,
    NoticeText,
    deadline_text,
    decision_text,
    digest_text,
    overdue_text,
    report_awaiting_text,
    report_returned_text,
    review_due_text,
    review_requested_text,
)

# How far back the digest looks for website checks that failed.
DIGEST_DAYS = 7


@dataclass(frozen=True)
class NoticeEvent:
    """One thing to tell: its kind, its key (with the recipient, the unit of exactly-once), words, link, who hears.

    The words are written only when a notice is made (`text`): most days most due events were
    delivered already, and the schedule skips them without wording them in two languages.
    """

    kind: NoticeKind
    key: str
    wording: Callable[[], NoticeText]
    link: str
    recipients: tuple[int, ...]

    @cached_property
    def text(self) -> NoticeText:
        """Return the notice's subject and message in Thai and English."""
        return self.wording()


def _unit(organization: Organization) -> Named:
    return Named(organization.name_th, organization.name_en)


def _item(item: ChecklistItem) -> Named:
    return Named(item.name_th, item.name_en)


def _tracked_entries() -> Q:
    """Return the entries the reminders watch: published items of the active checklist at active organizations."""
    return Q(
        published_version__isnull=False,
        next_review_due__isnull=False,
        item__checklist__is_active=True,
        item__retired=False,
        organization__is_active=True,
    )


# --- scheduled events ----------------------------------------------------------------------------------------


def review_due_events(*, today: dt.date, days: Iterable[int]) -> list[NoticeEvent]:
    """Return the review reminders due today (see schedule.reminder_due), each to the unit's editors."""
    days = tuple(days)
    if not days:
        return []
    entries = list(
        Entry.objects.filter(
            _tracked_entries(),
            next_review_due__gte=today,
            next_review_due__lte=today + dt.timedelta(days=max(days)),
        )
        .select_related("item", "organization")
        .order_by("organization__slug", "item__position", "pk")
    )
    editors = people_by_organization({entry.organization_id for entry in entries}, [Role.EDITOR])
    events = []
    for entry in entries:
        assert entry.next_review_due is not None  # filtered above
        threshold = reminder_due(due=entry.next_review_due, today=today, days=days)
        recipients = editors.get(entry.organization_id, [])
        if threshold is None or not recipients:
            continue
        events.append(
            NoticeEvent(
                kind=NoticeKind.REVIEW_DUE,
                key=review_due_key(threshold=threshold, entry_id=entry.pk, due=entry.next_review_due),
                wording=partial(
                    review_due_text,
                    unit=_unit(entry.organization),
                    code=entry.item.code,
                    item=_item(entry.item),
                    due=entry.next_review_due,
                    days_left=(entry.next_review_due - today).days,
                ),
                link=entry_path(organization_slug=entry.organization.slug, item_code=entry.item.code),
                recipients=tuple(recipients),
            )
        )
    return events


def overdue_events(*, today: dt.date) -> list[NoticeEvent]:
    """Return the items whose review is overdue, each to the unit's editors and its head (the supervisor there)."""
    entries = list(
        Entry.objects.filter(_tracked_entries(), next_review_due__lt=today)
        .select_related("item", "organization")
        .order_by("organization__slug", "item__position", "pk")
    )
    people = people_by_organization({entry.organization_id for entry in entries}, [Role.EDITOR, Role.SUPERVISOR])
    events = []
    for entry in entries:
        assert entry.next_review_due is not None  # filtered above
        recipients = people.get(entry.organization_id, [])
        if not is_overdue(due=entry.next_review_due, today=today) or not recipients:
            continue
        events.append(
            NoticeEvent(
                kind=NoticeKind.OVERDUE,
                key=overdue_key(entry_id=entry.pk, due=entry.next_review_due),
                wording=partial(
                    overdue_text,
                    unit=_unit(entry.organization),
                    code=entry.item.code,
                    item=_item(entry.item),
                    due=entry.next_review_due,
                ),
                link=entry_path(organization_slug=entry.organization.slug, item_code=entry.item.code),
                recipients=tuple(recipients),
            )
        )
    return events


def _units_required_to_report() -> list[Organization]:
    """Return the units that report in every round (measure 6.3.2): every active unit."""
    return list(Organization.objects.filter(kind=Organization.Kind.UNIT, is_active=True).order_by("slug"))


def _submitted_organization_ids(rounds: list[Round]) -> dict[int, set[int]]:
    """Return, per round, the organizations whose report reached the ICT Center (at least once)."""
    submitted: dict[int, set[int]] = defaultdict(set)
    for round_id, organization_id in UnitReport.objects.filter(
        round__in=rounds, first_submitted_at__isnull=False
    ).values_list("round_id", "organization_id"):
        submitted[round_id].add(organization_id)
    return submitted


def deadline_events(*, today: dt.date, days: Iterable[int]) -> list[NoticeEvent]:
    """Return the deadline reminders due today: to the reporters and head of each unit that has not submitted."""
    days = tuple(days)
    if not days:
        return []
    rounds = list(
        Round.objects.filter(
            state=RoundState.OPEN, deadline__gte=today, deadline__lte=today + dt.timedelta(days=max(days))
        ).order_by("deadline", "pk")
    )
    if not rounds:
        return []
    units = _units_required_to_report()
    submitted = _submitted_organization_ids(rounds)
    people = people_by_organization([unit.pk for unit in units], [Role.REPORTER, Role.SUPERVISOR])
    events = []
    for reporting_round in rounds:
        threshold = reminder_due(due=reporting_round.deadline, today=today, days=days)
        if threshold is None:
            continue
        for unit in units:
            recipients = people.get(unit.pk, [])
            if unit.pk in submitted[reporting_round.pk] or not recipients:
                continue
            events.append(
                NoticeEvent(
                    kind=NoticeKind.ROUND_DEADLINE,
                    key=deadline_key(
                        threshold=threshold,
                        round_code=reporting_round.code,
                        organization_id=unit.pk,
                        deadline=reporting_round.deadline,
                    ),
                    wording=partial(
                        deadline_text,
                        unit=_unit(unit),
                        round_code=reporting_round.code,
                        deadline=reporting_round.deadline,
                        days_left=(reporting_round.deadline - today).days,
                    ),
                    link=unit_report_path(round_code=reporting_round.code, organization_slug=unit.slug),
                    recipients=tuple(recipients),
                )
            )
    return events


@dataclass
class _RawDigest:
    """The digest's lines for every unit, by organization id, to be narrowed to each monitor's units."""

    organizations: dict[int, Organization]
    overdue: dict[int, list[str]]
    missing: list[tuple[str, int]]
    late: list[tuple[str, int]]
    failed: list[tuple[int, str, dt.date]]

    def figures(self, scope: set[int] | None) -> DigestFigures:
        """Return the figures about the organizations in scope (every one when None), ordered by unit slug."""

        def seen(organization_id: int) -> bool:
            return scope is None or organization_id in scope

        def named(organization_id: int) -> Named:
            return _unit(self.organizations[organization_id])

        by_slug = sorted(self.overdue, key=lambda pk: self.organizations[pk].slug)
        return DigestFigures(
            overdue=[(named(pk), self.overdue[pk]) for pk in by_slug if seen(pk)],
            missing=[(code, named(pk)) for code, pk in self.missing if seen(pk)],
            late=[(code, named(pk)) for code, pk in self.late if seen(pk)],
            failed_checks=[(named(pk), url, day) for pk, url, day in self.failed if seen(pk)],
        )


def _raw_digest(today: dt.date) -> _RawDigest:
    """Gather the digest's lines for every unit: overdue items today; the open rounds' reports missing once
    their deadline has passed, and those submitted late; website checks that failed in the last seven days."""
    overdue: dict[int, list[str]] = defaultdict(list)
    organizations: dict[int, Organization] = {}
    for entry in (
        Entry.objects.filter(_tracked_entries(), next_review_due__lt=today)
        .select_related("item", "organization")
        .order_by("item__position", "pk")
    ):
        overdue[entry.organization_id].append(entry.item.code)
        organizations[entry.organization_id] = entry.organization
    rounds = list(Round.objects.filter(state=RoundState.OPEN).order_by("deadline", "pk"))
    units = _units_required_to_report()
    organizations.update({unit.pk: unit for unit in units})
    submitted = _submitted_organization_ids(rounds) if rounds else {}
    missing = [
        (reporting_round.code, unit.pk)
        for reporting_round in rounds
        if reporting_round.deadline < today
        for unit in units
        if unit.pk not in submitted.get(reporting_round.pk, set())
    ]
    late = (
        [
            (report.round.code, report.organization_id)
            for report in UnitReport.objects.filter(round__in=rounds, late=True)
            .select_related("round")
            .order_by("round__deadline", "organization__slug")
        ]
        if rounds
        else []
    )
    since = today - dt.timedelta(days=DIGEST_DAYS)
    failed = []
    for check in (
        SiteCheck.objects.filter(state=SiteCheck.State.FAILED, queued_at__date__gte=since, queued_at__date__lt=today)
        .select_related("organization")
        .order_by("organization__slug", "queued_at", "pk")
    ):
        organizations[check.organization_id] = check.organization
        failed.append((check.organization_id, check.url, check.queued_at.date()))
    return _RawDigest(organizations, dict(overdue), missing, late, failed)


def digest_events(*, today: dt.date, weekday: int) -> list[NoticeEvent]:
    """Return the ICT Center's weekly digest on its weekday: one per ICT monitor, about the units they watch."""
    if not digest_due(today=today, weekday=weekday):
        return []
    monitors = sorted(
        set(
            RoleAssignment.objects.filter(role=Role.ICT_MONITOR, user__isnull=False, user__is_active=True).values_list(
                "user_id", flat=True
            )
        )
    )
    if not monitors:
        return []
    raw = _raw_digest(today)
    events = []
    for person in get_user_model().objects.filter(pk__in=monitors).order_by("pk"):
        scope = access_scope_for(person).organization_ids(Capability.MONITOR)
        figures = raw.figures(set(scope))
        events.append(
            NoticeEvent(
                kind=NoticeKind.DIGEST,
                key=digest_key(today),
                wording=partial(digest_text, week=week_of(today), figures=figures),
                link=digest_path(),
                recipients=(person.pk,),
            )
        )
    return events


# --- events of a workflow step ------------------------------------------------------------------------------


def _version(version_id: int) -> EntryVersion:
    return EntryVersion.objects.select_related("entry__item", "entry__organization").get(pk=version_id)


def review_requested_event(version_id: int) -> NoticeEvent:
    """Return the request to the item's step reviewers (direct or through a group) to review a submitted version."""
    version = _version(version_id)
    entry = version.entry
    step = entry.item.review_step
    return NoticeEvent(
        kind=NoticeKind.REVIEW_REQUESTED,
        key=f"review_requested:{version.pk}:{version.submitted_at.isoformat() if version.submitted_at else ''}",
        wording=partial(
            review_requested_text,
            unit=_unit(entry.organization),
            code=entry.item.code,
            item=_item(entry.item),
            number=version.number,
            step=step,
        ),
        link=entry_path(organization_slug=entry.organization.slug, item_code=entry.item.code),
        recipients=tuple(sorted(reviewers_of(entry.organization_id, step).values_list("pk", flat=True))),
    )


def decision_event(version_id: int) -> NoticeEvent:
    """Return the news of a version's approval or return (with the reviewer's comments) to the unit's editors."""
    version = _version(version_id)
    entry = version.entry
    approved = version.state == "approved"
    review = Review.objects.filter(version=version).order_by("-created_at", "-pk").first()
    comments = (
        [review.correct_comment, review.complete_comment, review.current_comment, review.comment] if review else []
    )
    return NoticeEvent(
        kind=NoticeKind.VERSION_APPROVED if approved else NoticeKind.VERSION_RETURNED,
        key=f"decision:{version.pk}:{version.decided_at.isoformat() if version.decided_at else ''}",
        wording=partial(
            decision_text,
            approved=approved,
            unit=_unit(entry.organization),
            code=entry.item.code,
            item=_item(entry.item),
            number=version.number,
            comment="\n".join(text for text in comments if text),
        ),
        link=entry_path(organization_slug=entry.organization.slug, item_code=entry.item.code),
        recipients=tuple(sorted(editors_of(entry.organization_id).values_list("pk", flat=True))),
    )


def _report_version(version_id: int) -> UnitReportVersion:
    return UnitReportVersion.objects.select_related("report__round", "report__organization").get(pk=version_id)


def report_awaiting_event(version_id: int) -> NoticeEvent:
    """Return the request to the unit head (the supervisor at the unit) to approve the unit's report."""
    version = _report_version(version_id)
    report = version.report
    return NoticeEvent(
        kind=NoticeKind.REPORT_AWAITING_APPROVAL,
        key=f"report_awaiting:{version.pk}:{version.sent_at.isoformat() if version.sent_at else ''}",
        wording=partial(
            report_awaiting_text, unit=_unit(report.organization), round_code=report.round.code, number=version.number
        ),
        link=unit_report_path(round_code=report.round.code, organization_slug=report.organization.slug),
        recipients=tuple(people_of(report.organization_id, [Role.SUPERVISOR])),
    )


def report_returned_event(version_id: int) -> NoticeEvent | None:
    """Return the news of a report the ICT Center returned to the unit's reporters and head; None if not returned."""
    version = _report_version(version_id)
    if version.state != ReportState.RETURNED:
        return None
    report = version.report
    return NoticeEvent(
        kind=NoticeKind.REPORT_RETURNED,
        key=f"report_returned:{version.pk}",
        wording=partial(
            report_returned_text,
            unit=_unit(report.organization),
            round_code=report.round.code,
            number=version.number,
            comment=version.decision_comment,
        ),
        link=unit_report_path(round_code=report.round.code, organization_slug=report.organization.slug),
        recipients=tuple(people_of(report.organization_id, [Role.REPORTER, Role.SUPERVISOR])),
    )
