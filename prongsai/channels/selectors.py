"""Reads of the opinion and complaint channels, each in a fixed number of queries.

The public status page gets a `PublicStatus`, which has no field for personal data, so a
template cannot show what it was never given.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from prongsai.organizations.access import AccessScope, Capability
from prongsai.organizations.models import Organization
from prongsai.thaidate import add_months, fiscal_year_bounds, fiscal_year_of

from .lifecycle import Status, is_overdue
from .models import KIND_TOPICS, Kind, StatusChoices, Submission, SubmissionEvent, Topic


@dataclass(frozen=True)
class PublicReply:
    text: str
    created_at: dt.datetime


@dataclass(frozen=True)
class PublicStatus:
    """What the status page may show: no name, contact, subject, message or attachment."""

    kind: str
    kind_label: str
    organization: Organization
    topic_label: str
    received_at: dt.datetime
    status: str
    status_label: str
    due_date: dt.date
    outcome_label: str
    closed_at: dt.datetime | None
    replies: list[PublicReply]


def submission_public_status(*, code: str) -> PublicStatus | None:
    """Return the public view of the case with this (normalised) tracking code, or None; two queries."""
    submission = (
        Submission.objects.select_related("organization")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=SubmissionEvent.objects.filter(type=SubmissionEvent.Type.REPLY).order_by("created_at", "pk"),
                to_attr="public_replies",
            )
        )
        .filter(tracking_code=code)
        .first()
    )
    if submission is None:
        return None
    return PublicStatus(
        kind=submission.kind,
        kind_label=submission.get_kind_display(),
        organization=submission.organization,
        topic_label=submission.get_topic_display(),
        received_at=submission.received_at,
        status=submission.status,
        status_label=submission.get_status_display(),
        due_date=submission.due_date,
        outcome_label=submission.get_outcome_display() if submission.outcome else "",
        closed_at=submission.closed_at,
        replies=[PublicReply(text=e.text, created_at=e.created_at) for e in submission.public_replies],
    )


@dataclass
class MonthRow:
    month: dt.date
    by_status: dict[str, int] = field(default_factory=dict)
    by_topic: dict[str, int] = field(default_factory=dict)
    total: int = 0


@dataclass
class ChannelStatistics:
    """Counts of a unit's submissions per month of a fiscal year, by current status and by topic."""

    fiscal_year: int
    months: list[MonthRow]
    statuses: list[tuple[str, str]]
    topics: list[tuple[str, str]]
    totals_by_status: dict[str, int]
    totals_by_topic: dict[str, int]
    total: int


def channel_statistics(*, organization: Organization, today: dt.date, kind: str | None = None) -> ChannelStatistics:
    """Count a unit's opinions and complaints for each month of the current fiscal year so far; one query.

    Months run from October to the current month (Thai fiscal year); a month counts what was
    received in it, under the status each case has today.
    """
    fiscal_year = fiscal_year_of(today)
    start, _end = fiscal_year_bounds(fiscal_year)
    zone = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    rows = Submission.objects.filter(organization=organization, received_at__gte=since)
    if kind:
        rows = rows.filter(kind=kind)
    grouped = (
        rows.annotate(month=TruncMonth("received_at", tzinfo=zone))
        .values("month", "status", "topic")
        .annotate(n=Count("id"))
        .order_by()
    )
    months: list[MonthRow] = []
    month = start
    while month <= today:
        months.append(MonthRow(month=month))
        month = add_months(month, 1)
    index = {(row.month.year, row.month.month): row for row in months}
    topics_shown = [t for t in Topic if t in KIND_TOPICS[kind]] if kind else list(Topic)
    for found in grouped:
        stamp = found["month"]
        key = (stamp.year, stamp.month)
        row = index.get(key)
        if row is None:
            continue
        row.by_status[found["status"]] = row.by_status.get(found["status"], 0) + found["n"]
        row.by_topic[found["topic"]] = row.by_topic.get(found["topic"], 0) + found["n"]
        row.total += found["n"]
    totals_by_status = {s: sum(r.by_status.get(s, 0) for r in months) for s in StatusChoices.values}
    totals_by_topic = {t.value: sum(r.by_topic.get(t.value, 0) for r in months) for t in topics_shown}
    return ChannelStatistics(
        fiscal_year=fiscal_year,
        months=months,
        statuses=[(s.value, str(s.label)) for s in StatusChoices],
        topics=[(t.value, str(t.label)) for t in topics_shown],
        totals_by_status=totals_by_status,
        totals_by_topic=totals_by_topic,
        total=sum(r.total for r in months),
    )


@dataclass(frozen=True)
class DeskFilters:
    """What the triage list is narrowed to; empty strings mean no filter."""

    kind: str = ""
    status: str = ""
    unit: str = ""
    overdue: bool = False


def submission_desk_list(*, scope: AccessScope, filters: DeskFilters, today: dt.date) -> QuerySet[Submission]:
    """Return the submissions of the units where the person handles channels, newest first, filtered.

    The query selects the unit and the assignee with each row, so a page costs one query (and
    the paginator's count one more) whatever the data.
    """
    units = scope.organization_ids(Capability.CHANNELS)
    rows = Submission.objects.filter(organization_id__in=units).select_related("organization", "assigned_to")
    if filters.kind in Kind.values:
        rows = rows.filter(kind=filters.kind)
    if filters.status in StatusChoices.values:
        rows = rows.filter(status=filters.status)
    if filters.unit:
        rows = rows.filter(organization__slug=filters.unit)
    if filters.overdue:
        rows = rows.filter(~Q(status=Status.CLOSED), due_date__lt=today)
    return rows.defer("message").order_by("-received_at", "-pk")


def submission_for_desk(*, scope: AccessScope, pk: int) -> Submission | None:
    """Return one submission with its unit, assignee and thread, if the person handles its unit; two queries."""
    units = scope.organization_ids(Capability.CHANNELS)
    return (
        Submission.objects.filter(pk=pk, organization_id__in=units)
        .select_related("organization", "assigned_to")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=SubmissionEvent.objects.select_related("author", "assignee").order_by("created_at", "pk"),
            )
        )
        .first()
    )


def channel_handlers(*, organization: Organization) -> list[object]:
    """Return the people who may be assigned the unit's cases (hold CHANNELS there); two queries."""
    from django.contrib.auth import get_user_model

    from prongsai.organizations.models import Role, RoleAssignment

    ancestors = [organization.pk] + ([organization.parent_id] if organization.parent_id else [])
    assignments = RoleAssignment.objects.filter(
        Q(role=Role.REVIEWER_4, organization=organization) | Q(role=Role.ICT_MONITOR, organization_id__in=ancestors)
    )
    direct = assignments.filter(user__isnull=False).values("user_id")
    grouped = assignments.filter(group__isnull=False).values("group__members")
    return list(get_user_model().objects.filter(Q(pk__in=direct) | Q(pk__in=grouped)).distinct().order_by("username"))


def submission_overdue(submission: Submission, today: dt.date) -> bool:
    """Tell whether the submission is open past its due date."""
    return is_overdue(Status(submission.status), submission.due_date, today)
