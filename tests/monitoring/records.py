"""Building recorded checks for the monitor's tests: a unit with a website and outcomes that cover the checklist."""

import datetime as dt
from pathlib import Path

from django.conf import settings

from prongsai.checklists.models import ChecklistItem
from prongsai.monitoring.models import SiteCheck
from prongsai.monitoring.outcome import CheckOutcome, DateSource, Evidence, ItemOutcome, ItemStatus
from prongsai.monitoring.services import check_record, check_start
from prongsai.organizations.services import organization_websites_set

from ..workspace.conftest import Department, make_department
from .archives import write_archive

BANGKOK = dt.timezone(dt.timedelta(hours=7))
MAY = dt.datetime(2026, 5, 12, 10, 0, tzinfo=BANGKOK)
NOVEMBER = dt.datetime(2026, 11, 20, 10, 0, tzinfo=BANGKOK)


def department_with_website() -> Department:
    """Two units on the real checklist; the first has a registered website."""
    dept = make_department(2)
    organization_websites_set(actor=None, organization=dept.units[0], urls=["https://unit0.example.go.th/"])
    return dept


def codes() -> list[str]:
    return list(ChecklistItem.objects.filter(retired=False).order_by("position").values_list("code", flat=True))


def outcome(statuses: dict[str, ItemStatus] | None = None, *, current: bool | None = True) -> CheckOutcome:
    """An outcome with every item found and current, except the given statuses."""
    statuses = statuses or {}
    items = []
    for code in codes():
        status = statuses.get(code, ItemStatus.FOUND)
        found = status is not ItemStatus.NOT_FOUND
        items.append(
            ItemOutcome(
                code=code,
                status=status,
                evidence=(Evidence(f"https://unit0.example.go.th/{code}/", 200, ("แผน",), "…แผน…"),) if found else (),
                as_of=dt.date(2026, 4, 1) if found else None,
                as_of_source=DateSource.CONTENT if found else None,
                current=current if found else None,
                confidence=0.9,
                reason_th="พบหน้า",
                reason_en="Page found",
            )
        )
    return CheckOutcome(
        site="https://unit0.example.go.th/",
        checklist="mof-ops-2562",
        checked_at=MAY,
        items=tuple(items),
        site_findings={"https": True},
        pages=40,
        bytes=123456,
        seconds=12.5,
        stopped_by="done",
        errors={"http_404": 2, "timeout": 1},
    )


def recorded(dept: Department, result: CheckOutcome, when: dt.datetime) -> SiteCheck:
    unit = dept.units[0]
    site_check = check_start(
        actor=None, organization=unit, website=unit.websites.get(), trigger=SiteCheck.Trigger.COMMAND, now=when
    )
    return check_record(site_check=site_check, outcome=result, now=when + dt.timedelta(minutes=3))


def recorded_with_archive(dept: Department) -> SiteCheck:
    """A check of unit 0 recorded in May whose evidence archive (the standard fetches) lies under the evidence root,
    named by a relative path as the runner names it."""
    site_check = recorded(dept, outcome(), MAY)
    relative = Path("unit-0") / f"{site_check.pk}.warc.gz"
    write_archive(Path(settings.PRONGSAI_MONITOR_EVIDENCE_ROOT) / relative)
    SiteCheck.objects.filter(pk=site_check.pk).update(evidence_path=str(relative))
    site_check.refresh_from_db()
    return site_check
