"""Benchmark the overall report's facts and pages at national scale (not a test).

Builds, in the database DATABASE_URL points at, one department with N units (default 8,300) and
the 18 items of each with two fiscal years of versions (a review about every six months, monthly
summaries monthly), a website check per unit per round with findings, and unit reports; then times
`overall_facts` for round 2569-6, compiling the report (facts and recommendations), the report
page's selector and the executive view's selector.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prongsai_bench \\
        .venv/bin/python bench/overall_report.py --units 8300

The database must exist and be migrated; the bench data is replaced on every run.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("PRONGSAI_TASK_BACKEND", "immediate")

BANGKOK = ZoneInfo("Asia/Bangkok")
NOW = dt.datetime(2026, 5, 10, 10, 0, tzinfo=BANGKOK)


def build(units: int, seed: int) -> None:
    """Replace the bench data with a department of `units` units, their history, checks and reports."""
    from django.db import connection, transaction

    from prongsai.accounts.models import User
    from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, load_checklist_file
    from prongsai.checklists.models import ChecklistItem
    from prongsai.checklists.services import checklist_load
    from prongsai.disclosures.models import Entry, EntryVersion
    from prongsai.monitoring.models import ItemFinding, SiteCheck
    from prongsai.organizations.models import Organization
    from prongsai.reports.models import OverallReport, Round, UnitReport

    rng = random.Random(seed)
    with transaction.atomic():
        with connection.cursor() as cursor:
            for table in (
                "reports_recommendation", "reports_overallreport", "reports_unitreportversion", "reports_unitreport",
                "reports_round", "monitoring_findingoverride", "monitoring_itemfinding", "monitoring_sitecheck",
                "disclosures_review", "disclosures_document", "disclosures_entryversion_editors",
            ):  # fmt: skip
                cursor.execute(f"DELETE FROM {table}")  # fixed table names
            cursor.execute("UPDATE disclosures_entry SET published_version_id = NULL, open_version_id = NULL")
            cursor.execute("DELETE FROM disclosures_entryversion")
            cursor.execute("DELETE FROM disclosures_entry")
        Organization.objects.filter(kind="unit").delete()
        checklist, _changed = checklist_load(
            actor=None, definition=load_checklist_file(DEFAULT_CHECKLIST_PATH), activate=True
        )
        items = list(ChecklistItem.objects.filter(checklist=checklist, retired=False))
        author = User.objects.filter(username="bench").first() or User.objects.create_user(
            username="bench", password=None
        )
        department = Organization.objects.filter(kind="department").first() or Organization.objects.create(
            kind="department", slug="bench-dept", name_th="สำนักงานปลัด", name_en="Department"
        )
        Organization.objects.bulk_create(
            Organization(
                kind="unit", parent=department, slug=f"unit-{n:05d}", name_th=f"หน่วยงาน {n}", name_en=f"Unit {n}"
            )
            for n in range(units)
        )
        orgs = list(Organization.objects.filter(kind="unit").values_list("id", flat=True))
        Entry.objects.bulk_create(Entry(organization_id=o, item=item) for o in orgs for item in items)
        versions = []
        start = dt.datetime(2024, 10, 1, 9, tzinfo=BANGKOK)
        for entry_id, currency in Entry.objects.values_list("id", "item__currency"):
            step = 30 if currency == "monthly" else 180
            day, number = rng.randint(0, 60), 0
            while day < 590:
                number += 1
                when = start + dt.timedelta(days=day)
                state = "approved" if rng.random() < 0.9 else "returned"
                versions.append(
                    EntryVersion(
                        entry_id=entry_id, number=number, state=state, body_th="x", created_by=author,
                        created_at=when - dt.timedelta(days=2), updated_at=when,
                        submitted_at=when - dt.timedelta(days=1), decided_at=when,
                        published_at=when if state == "approved" else None,
                    )
                )  # fmt: skip
                day += step + rng.randint(-10, 40)
        EntryVersion.objects.bulk_create(versions, batch_size=5000)
        print(f"{len(versions)} versions")
        checks = []
        for o in orgs:
            for finished in (dt.datetime(2025, 8, 1, tzinfo=BANGKOK), dt.datetime(2026, 2, 1, tzinfo=BANGKOK)):
                checks.append(
                    SiteCheck(
                        organization_id=o, url="https://x.example/", checklist=checklist, state="done",
                        trigger="schedule", queued_at=finished, started_at=finished, finished_at=finished,
                        score=str(rng.randint(20, 100)),
                    )
                )  # fmt: skip
        SiteCheck.objects.bulk_create(checks, batch_size=5000)
        statuses = ["found", "found", "partial", "not_found"]
        ItemFinding.objects.bulk_create(
            (
                ItemFinding(site_check=check, item=item, status=rng.choice(statuses), confidence=0.9, current=True)
                for check in checks
                for item in items
            ),
            batch_size=10000,
        )
        rounds = {
            code: Round.objects.create(fiscal_year=year, kind=kind, deadline=deadline, opened_by=author, opened_at=NOW)
            for code, year, kind, deadline in (
                ("2568-12", 2568, "twelve_month", dt.date(2025, 10, 31)),
                ("2569-6", 2569, "six_month", dt.date(2026, 4, 30)),
            )
        }
        UnitReport.objects.bulk_create(
            UnitReport(round=rounds["2569-6"], organization_id=o, state="draft", created_at=NOW) for o in orgs
        )
        OverallReport.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after a load this size


def timed(label: str, call: Callable[[], object], runs: int = 3) -> None:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        call()
        times.append(time.perf_counter() - began)
    print(f"{label:40s} best {min(times):.3f}s  ({', '.join(f'{t:.3f}' for t in times)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=8300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--reuse", action="store_true", help="time the data already built")
    options = parser.parse_args()
    import django

    django.setup()
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization, Role, RoleAssignment
    from prongsai.reports.models import Round
    from prongsai.reports.overall import overall_facts
    from prongsai.reports.overall_selectors import executive_view, overall_page, overall_report_of
    from prongsai.reports.overall_services import overall_report_compile

    if not options.reuse:
        build(options.units, options.seed)
    round_ = Round.objects.get(fiscal_year=2569, kind="six_month")
    timed("overall_facts (2569-6)", lambda: overall_facts(round=round_, now=NOW))
    ict = User.objects.get(username="bench")
    RoleAssignment.objects.get_or_create(
        role=Role.ICT_MONITOR, organization=Organization.objects.get(kind="department"), user=ict
    )
    timed(
        "overall_report_compile",
        lambda: overall_report_compile(actor=User.objects.get(pk=ict.pk), round=round_, now=NOW),
        1,
    )

    def page() -> object:
        report = overall_report_of(round_)
        assert report is not None
        return overall_page(report=report, language="th", page=3)

    timed("report page selector (load + page 3)", page)
    timed("executive view selector", lambda: executive_view(round_))


if __name__ == "__main__":
    main()
