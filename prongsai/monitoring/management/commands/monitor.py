"""`manage.py monitor run|schedule|status`: check units' websites from the command line, sweep on schedule, report.

    manage.py monitor run [--unit SLUG ...] [--enqueue]   check now, with a progress bar (or hand to the workers)
    manage.py monitor schedule                            queue the sweeps that are due; fail abandoned checks
    manage.py monitor reap                                fail abandoned checks now (their workers died)
    manage.py monitor status                              what is queued, running, and how the last checks went
    manage.py monitor prune [--days N]                    delete evidence archives older than N days
    manage.py monitor work [--sites N] [--drain]          a worker process: many hosts at once (national rounds)

`schedule` is safe to run as often as you like (a daily timer is enough): a sweep is made once.
Abandoned checks are reaped by `schedule`, by `reap`, and by every `monitor work` process when it
starts and once a minute while it runs.
"""

import datetime as dt
import signal
import sys
import time
from pathlib import Path
from typing import IO, Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count
from django.utils import timezone
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from prongsai.organizations.models import Organization, Website

from ...models import SiteCheck
from ...runner import RunResult, check_execute
from ...schedule import sweeps_due
from ...services import check_queue, checks_reap, evidence_prune, sweep_queue
from ...tasks import checks_dispatch
from ...worker import MonitorWorker


def _websites(slugs: list[str]) -> list[Website]:
    """Return the websites of the named units (every unit's when none is named), refusing unknown names."""
    websites = Website.objects.select_related("organization").order_by("organization__slug", "-is_primary", "url")
    if not slugs:
        return list(websites)
    known = set(Organization.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        names = ", ".join(unknown)
        raise CommandError(f"ไม่พบหน่วยงาน {names} / no unit named {names}")
    chosen = list(websites.filter(organization__slug__in=slugs))
    bare = sorted(known - {website.organization.slug for website in chosen})
    if bare:
        names = ", ".join(bare)
        raise CommandError(f"หน่วยงาน {names} ยังไม่ได้ลงทะเบียนเว็บไซต์ / {names} has no registered website")
    return chosen


class Command(BaseCommand):
    help = "Check units' websites against the active checklist (measure 6.3.1)."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        run = commands.add_parser("run", help="check websites now, with a progress bar")
        run.add_argument("--unit", action="append", default=[], metavar="SLUG", help="a unit to check (repeatable)")
        run.add_argument("--enqueue", action="store_true", help="hand the checks to the task workers instead")
        run.add_argument(
            "--wait",
            type=float,
            default=None,
            help="seconds to wait for a host another worker is crawling (default: the lease time)",
        )
        work = commands.add_parser("work", help="take queued checks and crawl many hosts at once, until stopped")
        work.add_argument(
            "--sites",
            type=int,
            default=None,
            help="checks run at once (default PRONGSAI_MONITOR_SITES_PER_WORKER)",
        )
        work.add_argument("--drain", action="store_true", help="stop when the queue is empty")
        commands.add_parser("schedule", help="queue the sweeps that are due and fail abandoned checks")
        commands.add_parser("reap", help="fail the checks whose workers stopped, freeing their hosts")
        commands.add_parser("status", help="show queued and running checks and the latest results")
        prune = commands.add_parser("prune", help="delete old evidence archives (each website's latest is kept)")
        prune.add_argument(
            "--days",
            type=int,
            default=None,
            help="keep the archives of the last DAYS days (default PRONGSAI_MONITOR_EVIDENCE_DAYS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "run":
            self._run(options["unit"], enqueue=options["enqueue"], wait=options["wait"])
        elif action == "schedule":
            self._schedule()
        elif action == "reap":
            self._reap(timezone.now())
        elif action == "prune":
            self._prune(options["days"])
        elif action == "work":
            self._work(options["sites"], drain=options["drain"])
        else:
            self._status()

    def _queue(self, websites: list[Website], *, enqueue: bool) -> list[SiteCheck]:
        checks = []
        for website in websites:
            try:
                checks.append(
                    check_queue(
                        actor=None,
                        organization=website.organization,
                        website=website,
                        trigger=SiteCheck.Trigger.COMMAND,
                    )
                )
            except ValidationError as refusal:
                self.stderr.write(f"{website.organization.slug} {website.url}: {' '.join(refusal.messages)}")
        if enqueue:
            checks_dispatch(site_check.pk for site_check in checks)
        return checks

    def _run(self, slugs: list[str], *, enqueue: bool, wait: float | None) -> None:
        websites = _websites(slugs)
        if not websites:
            raise CommandError("ยังไม่มีเว็บไซต์ที่ลงทะเบียนไว้ / no website is registered yet")
        checks = self._queue(websites, enqueue=enqueue)
        if enqueue:
            self.stdout.write(
                f"ส่งให้ตัวทำงานเบื้องหลังแล้ว {len(checks)} เว็บไซต์ / queued {len(checks)} checks for the workers"
            )
            return
        patience = settings.PRONGSAI_MONITOR_LEASE_SECONDS if wait is None else wait
        failures = 0
        # The bar draws on the command's error stream (the terminal, or what a caller passed as stderr).
        console = Console(file=cast(IO[str], getattr(self.stderr, "_out", sys.stderr)))
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[url]}", style="dim"),
        )
        with Progress(*columns, console=console, transient=False) as bar:
            overall = bar.add_task("เว็บไซต์ / websites", total=len(checks), url="")
            for site_check in checks:
                pages = bar.add_task(
                    f"  {site_check.organization.slug}", total=settings.PRONGSAI_MONITOR_MAX_PAGES, url=site_check.url
                )

                def advance(count: int, url: str, task_id: Any = pages) -> None:
                    bar.update(task_id, completed=count, url=url[-60:])

                result = check_execute(site_check.pk, on_progress=advance)
                deadline = time.monotonic() + patience
                while result is RunResult.BUSY and time.monotonic() < deadline:
                    time.sleep(1.0)
                    result = check_execute(site_check.pk, on_progress=advance)
                site_check.refresh_from_db()
                bar.update(pages, completed=site_check.pages or bar.tasks[pages].completed, total=None)
                bar.advance(overall)
                if result is RunResult.BUSY:
                    failures += 1
                    self.stderr.write(
                        f"{site_check.url}: เว็บไซต์นี้กำลังถูกตรวจโดยตัวทำงานอื่น ยังรออยู่ในคิว / "
                        "another worker is crawling this host; the check stays queued"
                    )
                elif result is RunResult.FAILED:
                    failures += 1
        for site_check in (
            SiteCheck.objects.filter(pk__in=[c.pk for c in checks]).select_related("organization").order_by("pk")
        ):
            self.stdout.write(self._line(site_check))
        if failures:
            raise CommandError(f"ตรวจไม่สำเร็จ {failures} เว็บไซต์ / {failures} checks did not finish")

    def _work(self, sites: int | None, *, drain: bool) -> None:
        if sites is not None and sites < 1:
            raise CommandError("--sites ต้องเป็นจำนวนบวก / --sites must be positive")
        worker = MonitorWorker(
            max_sites=sites,
            drain=drain,
            on_concluded=lambda site_check, result: self.stdout.write(self._line(site_check, refresh=True)),
        )

        def stop(signum: int, frame: Any) -> None:
            # The first signal lets the running checks finish; a second one fails them and leaves at once.
            (worker.abort if worker.stop.is_set() else worker.stop).set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stderr.write(f"ตรวจได้พร้อมกัน {worker.max_sites} เว็บไซต์ / taking up to {worker.max_sites} checks at once")
        figures = worker.run()
        self.stdout.write(
            f"ตรวจเสร็จ {figures.done} ไม่สำเร็จ {figures.failed} / {figures.done} done, {figures.failed} failed"
        )

    def _line(self, site_check: SiteCheck, *, refresh: bool = False) -> str:
        if refresh:
            site_check.refresh_from_db()
        if site_check.state == SiteCheck.State.DONE:
            counts = dict(site_check.findings.values_list("status").annotate(n=Count("id")))
            score = "-" if site_check.score is None else f"{site_check.score}"
            return (
                f"{site_check.organization.slug:<20} {score:>5}  found {counts.get('found', 0):>2}  "
                f"partial {counts.get('partial', 0):>2}  not_found {counts.get('not_found', 0):>2}  "
                f"pages {site_check.pages:>4}  {site_check.seconds:.1f} s  {site_check.url}"
            )
        return f"{site_check.organization.slug:<20} {site_check.state}  {site_check.error[:200]}  {site_check.url}"

    def _reap(self, now: dt.datetime) -> None:
        reaped = checks_reap(now=now)
        for site_check in reaped:
            self.stdout.write(self._line(site_check))
        self.stdout.write(f"ยุติการตรวจที่ค้าง {len(reaped)} รายการ / failed {len(reaped)} abandoned checks")

    def _schedule(self) -> None:
        now = timezone.now()
        reaped = len(checks_reap(now=now))
        if reaped:
            self.stdout.write(f"ยุติการตรวจที่ค้าง {reaped} รายการ / failed {reaped} abandoned checks")
        made = 0
        for due in sweeps_due(timezone.localdate(now), lead_days=settings.PRONGSAI_MONITOR_ROUND_LEAD_DAYS):
            sweep = sweep_queue(kind=due.kind, due_on=due.due_on, now=now)
            if sweep is not None:
                checks_dispatch(sweep.checks.order_by("pk").values_list("pk", flat=True))
                made += 1
                self.stdout.write(f"{sweep.kind} {sweep.due_on.isoformat()}: {sweep.websites} websites queued")
        if not made:
            self.stdout.write("ไม่มีรอบตรวจที่ถึงกำหนด / no sweep is due")

    def _prune(self, days: int | None) -> None:
        days = settings.PRONGSAI_MONITOR_EVIDENCE_DAYS if days is None else days
        if days < 1:
            raise CommandError(f"--days ต้องเป็นจำนวนวันอย่างน้อย 1 / --days must be at least 1: {days}")
        older_than = timezone.now() - dt.timedelta(days=days)
        count = evidence_prune(older_than=older_than, root=Path(settings.PRONGSAI_MONITOR_EVIDENCE_ROOT))
        self.stdout.write(f"ลบหลักฐานเก่า {count} ชุด / deleted {count} evidence archives older than {days} days")

    def _status(self) -> None:
        states = dict(SiteCheck.objects.values_list("state").annotate(n=Count("id")))
        self.stdout.write(
            "  ".join(f"{state}: {states.get(state, 0)}" for state in (choice.value for choice in SiteCheck.State))
        )
        for site_check in SiteCheck.objects.filter(state=SiteCheck.State.RUNNING).select_related("organization"):
            self.stdout.write(
                f"running {site_check.organization.slug} {site_check.progress_pages} pages  {site_check.progress_url}"
            )
