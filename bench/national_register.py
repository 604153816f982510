"""Benchmark the register's cross-unit reads at national scale (not a test).

Builds, in the database DATABASE_URL points at, one department with N units (default 8,300,
the number of agencies in the national ITA round) and the 18 entries of each, about two thirds
published (some overdue or due soon), the rest in every other state; then times the selectors
behind the department matrix, the unit page and the ICT monitor's task list.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prongsai_bench \\
        .venv/bin/python bench/national_register.py --units 8300

The database is created and migrated if needed and the bench data replaced on every run.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prongsai.organizations.access import AccessScope

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("PRONGSAI_TASK_BACKEND", "immediate")


def _ensure_database() -> None:
    from urllib.parse import urlparse

    import psycopg

    url = urlparse(os.environ["DATABASE_URL"])
    if url.scheme.startswith("postgres"):
        name = url.path.lstrip("/")
        admin = url._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{name}"')


def build(units: int, seed: int) -> None:
    """Replace the bench data with a department of `units` units in a realistic spread of states."""
    from django.db import connection, transaction
    from django.utils import timezone

    from prongsai.accounts.models import User
    from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, load_checklist_file
    from prongsai.checklists.models import ChecklistItem
    from prongsai.checklists.services import checklist_load
    from prongsai.disclosures.models import Entry, EntryVersion
    from prongsai.organizations.models import Organization

    rng = random.Random(seed)
    with transaction.atomic():
        with connection.cursor() as cursor:
            for table in ("disclosures_review", "disclosures_document"):
                cursor.execute(f"DELETE FROM {table}")
            cursor.execute("UPDATE disclosures_entry SET published_version_id = NULL, open_version_id = NULL")
            for table in (
                "disclosures_entryversion",
                "disclosures_entry",
                "organizations_roleassignment",
                "organizations_website",
            ):
                cursor.execute(f"DELETE FROM {table}")
            cursor.execute("DELETE FROM organizations_organization WHERE parent_id IS NOT NULL")
            cursor.execute("DELETE FROM organizations_organization")
        checklist, _ = checklist_load(actor=None, definition=load_checklist_file(DEFAULT_CHECKLIST_PATH))
        items = list(ChecklistItem.objects.filter(checklist=checklist, retired=False))
        author, _ = User.objects.get_or_create(username="bench-author")
        department = Organization.objects.create(
            kind="department", slug="bench-dept", name_th="กรมทดสอบ", name_en="Bench"
        )
        provinces = ["เชียงใหม่", "ขอนแก่น", "สงขลา", "ชลบุรี", "นครราชสีมา", "ภูเก็ต", "อุดรธานี", "พิษณุโลก"]
        Organization.objects.bulk_create(
            [
                Organization(
                    kind="unit",
                    parent=department,
                    slug=f"unit-{index:05d}",
                    name_th=f"สำนักงานทดสอบ{rng.choice(provinces)} แห่งที่ {index}",
                    name_en=f"Bench office {index}",
                )
                for index in range(units)
            ],
            batch_size=2000,
        )
        organizations = list(Organization.objects.all())
        Entry.objects.bulk_create(
            [Entry(organization=o, item=item) for o in organizations for item in items], batch_size=5000
        )
        now = timezone.now()
        today = timezone.localdate()
        versions = []
        plan = []
        for entry in Entry.objects.only("id").iterator(chunk_size=5000):
            roll = rng.random()
            if roll < 0.08:
                continue  # missing
            state = "approved" if roll < 0.72 else rng.choice(["draft", "submitted", "returned"])
            versions.append(
                EntryVersion(
                    entry_id=entry.pk,
                    number=1,
                    state=state,
                    body_th="<p>ข้อมูลทดสอบ</p>",
                    as_of=today,
                    created_by=author,
                    created_at=now,
                    updated_at=now,
                    decided_at=now if state == "approved" else None,
                    published_at=now if state == "approved" else None,
                )
            )
            due = today + dt.timedelta(days=rng.choice([-20, 10, 90, 150]))
            plan.append((entry.pk, state, due))
        EntryVersion.objects.bulk_create(versions, batch_size=5000)
        version_ids = dict(EntryVersion.objects.values_list("entry_id", "id"))
        updates = []
        for entry_id, state, due in plan:
            entry = Entry(pk=entry_id)
            if state == "approved":
                entry.published_version_id = version_ids[entry_id]
                entry.next_review_due = due
                entry.open_state = ""
            else:
                entry.open_version_id = version_ids[entry_id]
                entry.open_state = state
            updates.append(entry)
        _update_entries(updates)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _update_entries(updates: list[Any]) -> None:
    """Set the denormalised entry columns in large batches (bulk_update's CASE chains are slow here)."""
    from django.db import connection

    with connection.cursor() as cursor:
        for start in range(0, len(updates), 5000):
            batch = updates[start : start + 5000]
            values = ", ".join(["(%s, %s::bigint, %s::bigint, %s, %s::date)"] * len(batch))
            params: list[Any] = []
            for entry in batch:
                params += [
                    entry.pk,
                    entry.published_version_id,
                    entry.open_version_id,
                    entry.open_state,
                    entry.next_review_due,
                ]
            cursor.execute(
                "UPDATE disclosures_entry AS e SET published_version_id = v.p, open_version_id = v.o, "
                f"open_state = v.s, next_review_due = v.d FROM (VALUES {values}) AS v(id, p, o, s, d) "
                "WHERE e.id = v.id",
                params,
            )


def timed(label: str, runs: int, call: Callable[[], object]) -> None:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    print(f"{label:<55} median {statistics.median(samples) * 1000:8.1f} ms   max {max(samples) * 1000:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=8300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2569)
    parser.add_argument("--reuse", action="store_true", help="keep the data of a previous run with the same size")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        parser.error("set DATABASE_URL (PostgreSQL is the production database this targets)")
    _ensure_database()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from prongsai.disclosures.selectors import department_matrix, my_tasks, unit_register
    from prongsai.disclosures.workflow import EntryStatus
    from prongsai.organizations.access import access_scope_for
    from prongsai.organizations.models import Organization

    call_command("migrate", verbosity=0)
    existing = Organization.objects.filter(parent__slug="bench-dept").count()
    if args.reuse and existing == args.units:
        print(f"{connection.vendor}: reusing {existing} units × 18 entries")
    else:
        started = time.perf_counter()
        build(args.units, args.seed)
        print(f"{connection.vendor}: built {args.units} units × 18 entries in {time.perf_counter() - started:.1f} s")

    from prongsai.accounts.models import User
    from prongsai.organizations.models import RoleAssignment

    monitor, _ = User.objects.get_or_create(username="bench-monitor")
    department = Organization.objects.get(slug="bench-dept")
    RoleAssignment.objects.get_or_create(role="ict_monitor", organization=department, user=monitor)
    today = timezone.localdate()

    def scope() -> "AccessScope":
        monitor.__dict__.pop("_prongsai_access_scope", None)
        return access_scope_for(monitor)

    unit = Organization.objects.get(slug="unit-04150")
    timed("access scope of an ICT monitor (8,300 units)", args.runs, scope)
    timed("department matrix, first page + totals", args.runs, lambda: department_matrix(scope=scope(), today=today))
    timed(
        "department matrix, status = overdue",
        args.runs,
        lambda: department_matrix(scope=scope(), today=today, status=EntryStatus.OVERDUE),
    )
    timed(
        "department matrix, Thai name search 'เชียงใหม่'",
        args.runs,
        lambda: department_matrix(scope=scope(), today=today, search="เชียงใหม่"),
    )
    timed("unit page register (18 cards)", args.runs, lambda: unit_register(organization=unit, today=today))
    timed("my tasks of the ICT monitor", args.runs, lambda: my_tasks(user=monitor, scope=scope(), today=today))


if __name__ == "__main__":
    main()
