"""Benchmark the open-data catalogue at national scale (not a test).

Builds, in the database DATABASE_URL points at, the register of bench/national_register.py (one
department, N units, 18 entries each, about two thirds published) and gives every unit whose
5.1.7.2 and 5.1.7.1 are published a procurement snapshot (R records over the fiscal year's months,
two bids each) and a procurement plan snapshot, and a third of the units three opinions and
complaints. Then it times:

- the catalogue's full sync (first, then again with nothing changed) and one unit's sync;
- the CKAN Action API through Django's test client: package_search at rows 10, 100 and 1,000 (the
  harvester's call: fq metadata_modified, sort id asc), paging to the end, package_show,
  package_list, organization_list; with the queries each issues;
- the DCAT catalogue's first page, a unit's downloads and OCDS package, and the department-wide
  procurement CSV (every unit's records).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_opendata \\
        .venv/bin/python -m bench.opendata_catalogue --units 8300

The database is created and migrated if needed and the bench data replaced on every run.
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("PRONGSAI_TASK_BACKEND", "immediate")

from bench.national_register import _ensure_database
from bench.national_register import build as build_register

METHODS = ["specific", "selection", "e_bidding", "e_market"]


def _clear() -> None:
    """Remove what refers to the register's organizations and versions, so the register's build can replace them."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in (
            "opendata_dataset",
            "disclosures_versionrecords",
            "channels_submissionevent",
            "channels_submission",
        ):
            cursor.execute(f"DELETE FROM {table}")


def _records_snapshot(slug: str, rng: random.Random, count: int) -> dict[str, Any]:
    records: list[dict[str, Any]] = []
    for sequence in range(1, count + 1):
        month = dt.date(2025, 10, 1) + dt.timedelta(days=31 * ((sequence - 1) % 12))
        budget = rng.randrange(5_000, 2_000_000)
        price = budget - rng.randrange(0, 1_000)
        records.append(
            {
                "id": sequence,
                "month": f"{month:%Y-%m}",
                "fiscal_year": 2569,
                "sequence": sequence,
                "item": f"จัดซื้อวัสดุสำนักงานรายการที่ {sequence}",
                "budget": f"{budget}.00",
                "reference_price": f"{budget}.00",
                "method": rng.choice(METHODS),
                "method_detail": "เฉพาะเจาะจง",
                "bids": [
                    {"bidder": "ร้าน ก", "price": f"{price}.00"},
                    {"bidder": "บริษัท ข จำกัด", "price": f"{price + 500}.00"},
                ],
                "winner": "ร้าน ก",
                "winner_price": f"{price}.00",
                "reason": "ราคาต่ำสุด",
                "contract_kind": "purchase_order",
                "contract_number": f"{sequence}/2569",
                "contract_date": f"{month:%Y-%m}-20",
                "egp_number": f"69{sequence:09d}",
                "budget_source": "งบดำเนินงาน",
                "status": "completed",
                "plan_line": None,
            }
        )
    total = sum(int(r["budget"][:-3]) for r in records)
    agreed = sum(int(r["winner_price"][:-3]) for r in records)
    return {
        "organization": slug,
        "fiscal_year": 2569,
        "as_of": "2026-09-30",
        "records": records,
        "totals": {"count": count, "budget": f"{total}.00", "agreed": f"{agreed}.00"},
    }


def _plan_snapshot(slug: str, count: int) -> dict[str, Any]:
    lines = [
        {
            "id": index,
            "name": f"รายการตามแผนที่ {index}",
            "budget": "100000.00",
            "method": "specific",
            "expected_month": "2026-03",
            "budget_source": "",
            "note": "",
        }
        for index in range(1, count + 1)
    ]
    return {
        "organization": slug,
        "fiscal_year": 2569,
        "announced_on": "2025-10-15",
        "as_of": "2026-09-30",
        "lines": lines,
        "total": f"{100000 * count}.00",
    }


def build(units: int, records: int, seed: int) -> dict[str, int]:
    """Replace the bench data (see the module's docstring); return what was made."""
    from django.db import transaction
    from django.utils import timezone

    from prongsai.channels.models import Submission
    from prongsai.disclosures.models import Entry, VersionRecords

    _clear()
    build_register(units, seed)
    rng = random.Random(seed)
    now = timezone.now()
    made = {"records snapshots": 0, "plan snapshots": 0, "submissions": 0}
    with transaction.atomic():
        rows = []
        for code, version_id, slug in Entry.objects.filter(
            item__code__in=["5.1.7.1", "5.1.7.2"], published_version__isnull=False
        ).values_list("item__code", "published_version_id", "organization__slug"):
            if code == "5.1.7.2":
                data = _records_snapshot(slug, rng, records)
                kind = "procurement_records"
                made["records snapshots"] += 1
            else:
                data = _plan_snapshot(slug, 10)
                kind = "procurement_plan"
                made["plan snapshots"] += 1
            digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
            rows.append(VersionRecords(version_id=version_id, kind=kind, data=data, sha256=digest))
        VersionRecords.objects.bulk_create(rows, batch_size=500)
        submissions = []
        for index, organization_id in enumerate(
            Entry.objects.filter(item__code="5.1.7.2").values_list("organization_id", flat=True)
        ):
            if index % 3:
                continue
            for number in range(3):
                received = now - dt.timedelta(days=rng.randrange(1, 300))
                submissions.append(
                    Submission(
                        kind="complaint",
                        organization_id=organization_id,
                        topic="fraud",
                        subject="เรื่องทดสอบ",
                        message="ข้อความทดสอบ",
                        is_anonymous=True,
                        language="th",
                        tracking_code=f"B{organization_id:06d}{number}",
                        status="received",
                        received_at=received,
                        due_date=received.date() + dt.timedelta(days=15),
                        updated_at=received,
                    )
                )
        Submission.objects.bulk_create(submissions, batch_size=2000)
        made["submissions"] = len(submissions)
    return made


def timed(label: str, runs: int, call: Callable[[], object]) -> object:
    """Run the call `runs` times; print the median and the maximum; return the last result."""
    samples = []
    result: object = None
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        samples.append(time.perf_counter() - started)
    print(f"| {label} | {statistics.median(samples) * 1000:,.1f} ms | {max(samples) * 1000:,.1f} ms |")
    return result


def counted(call: Callable[[], Any]) -> tuple[Any, int]:
    """Run the call once and return its result and the number of queries it issued."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The log keeps the last 9,000 queries only: a full one (after a sync) would count nothing.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        result = call()
    return result, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=8300)
    parser.add_argument("--records", type=int, default=12, help="procurement records per unit")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2569)
    parser.add_argument("--reuse", action="store_true", help="keep the data of a previous run")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        parser.error("set DATABASE_URL (PostgreSQL is the production database this targets)")
    _ensure_database()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from prongsai.disclosures.models import VersionRecords
    from prongsai.opendata.catalogue import catalogue_sync
    from prongsai.opendata.models import Dataset
    from prongsai.organizations.models import Organization

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    print(f"# open data at national scale — {connection.vendor}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    if not (args.reuse and Organization.objects.filter(parent__slug="bench-dept").count() == args.units):
        started = time.perf_counter()
        made = build(args.units, args.records, args.seed)
        print(f"built {args.units} units in {time.perf_counter() - started:.1f} s: {made}")
        Dataset.objects.all().delete()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    print("\n| step | median | max |\n|---|---|---|")
    if not Dataset.objects.exists():
        started = time.perf_counter()
        first = catalogue_sync()
        spent = (time.perf_counter() - started) * 1000
        print(f"| first full sync ({first.created:,} datasets created) | {spent:,.0f} ms | — |")
    later = timezone.now()
    timed("full sync, nothing changed", 1, lambda: catalogue_sync(now=later))
    unit = Organization.objects.get(slug="unit-04150")
    timed("one unit's sync, nothing changed", args.runs, lambda: catalogue_sync(organization_ids=[unit.pk]))
    records = VersionRecords.objects.filter(
        version__entry__organization=unit, version__entry__item__code="5.1.7.2", version__state="approved"
    ).first()

    def republished() -> object:
        # As a newly approved version would: the unit's records and the department-wide ones change.
        assert records is not None
        records.data["records"][0]["winner_price"] = f"{random.randrange(1000, 5000)}.00"
        records.sha256 = hashlib.sha256(json.dumps(records.data, sort_keys=True).encode()).hexdigest()
        records.save()
        return catalogue_sync(organization_ids=[unit.pk])

    if records is not None:
        timed("one unit's sync after its procurement records changed", args.runs, republished)
    total = Dataset.objects.count()
    print(f"\n{total:,} datasets in the catalogue.\n")

    client = Client()
    since = (later - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    print("| call | first | median after | max after | queries (first) | bytes |\n|---|---|---|---|---|---|")

    def api(label: str, path: str, runs: int = args.runs, expect: int = 200) -> dict[str, Any]:
        started = time.perf_counter()
        response, queries = counted(lambda: client.get(path))
        first = time.perf_counter() - started
        assert response.status_code == expect, (path, response.status_code, response.content[:300])
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(path)
            samples.append(time.perf_counter() - started)
        size = len(response.content) if not response.streaming else -1
        print(
            f"| {label} | {first * 1000:,.1f} ms | {statistics.median(samples) * 1000:,.1f} ms "
            f"| {max(samples) * 1000:,.1f} ms | {queries} | {size:,} |"
        )
        return json.loads(response.content) if response["Content-Type"].startswith("application/json") else {}

    for rows in (10, 100, 1000):
        api(
            f"package_search rows={rows}, fq metadata_modified, sort id asc",
            f"/api/3/action/package_search?fq=metadata_modified:[{since}%20TO%20*]&sort=id%20asc&rows={rows}&start=0",
        )
    api(
        "package_search q=จัดซื้อ rows=10",
        "/api/3/action/package_search?" + urlencode({"q": "จัดซื้อ", "rows": 10}),
    )
    api("package_show", "/api/3/action/package_show?id=unit-04150-procurement-records")
    api("package_list", "/api/3/action/package_list", runs=1)
    api("organization_list", "/api/3/action/organization_list", runs=1)
    started = time.perf_counter()
    seen = 0
    start = 0
    while True:
        page = json.loads(client.get(f"/api/3/action/package_search?sort=id%20asc&rows=1000&start={start}").content)[
            "result"
        ]["results"]
        if not page:
            break
        seen += len(page)
        start += 1000
    spent = time.perf_counter() - started
    label = f"harvest: package_search pages of 1,000 until empty ({seen:,} datasets)"
    print(f"| {label} | {spent:,.1f} s | — | — | — | — |")
    api("DCAT catalogue, first page (Turtle)", "/catalog.ttl", runs=3)
    api("unit procurement records CSV", "/opendata/datasets/unit-04150-procurement-records.csv")
    api("unit OCDS release package", "/opendata/ocds/unit-04150.json")
    api("department-wide procurement records CSV", "/opendata/datasets/bench-dept-procurement-records.csv", runs=1)
    api("department OCDS release package, one month", "/opendata/ocds/bench-dept/2026-03.json", runs=1)
    # More releases than one package holds (entities.OCDS_PACKAGE_MAX_RELEASES): refused, pointing to the months.
    api("department OCDS release package, every record (refused)", "/opendata/ocds/bench-dept.json", expect=404)


if __name__ == "__main__":
    main()
