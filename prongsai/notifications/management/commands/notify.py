"""`manage.py notify [--today YYYY-MM-DD]`: deliver the reminders due today and hand their e-mails to the workers.

Run it daily from cron, as often as you like: each event reaches each person once, so a second
run the same day (or a run racing another) delivers nothing new. `--today` runs the schedule as
of another day (to catch up, or to try it).
"""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ...selectors import deliveries_pending
from ...services import notices_schedule
from ...tasks import deliveries_dispatch


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"วันที่ต้องอยู่ในรูปแบบ YYYY-MM-DD (ค.ศ.) / the date must be YYYY-MM-DD (common era): {text}"
        ) from None


class Command(BaseCommand):
    help = "Deliver the notices due today: review reminders, overdue items, round deadlines, the weekly digest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=str, default=None, help="run as of this day (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        today = _day(options["today"]) if options["today"] else timezone.localdate(now)
        run = notices_schedule(today=today, now=now)
        # Every delivery still waiting for its e-mail: this run's, and any a stopped run left behind.
        deliveries_dispatch(deliveries_pending())
        made = run.made
        self.stdout.write(
            f"{today.isoformat()}: แจ้งเตือนใหม่ {run.total} รายการ "
            f"(ใกล้ครบกำหนดทบทวน {made['review_due']} เลยกำหนดทบทวน {made['overdue']} "
            f"ใกล้ครบกำหนดส่งรายงาน {made['round_deadline']} สรุปประจำสัปดาห์ {made['digest']}) / "
            f"{run.total} new notices ({made['review_due']} review reminders, {made['overdue']} overdue, "
            f"{made['round_deadline']} deadline reminders, {made['digest']} digests)"
        )
