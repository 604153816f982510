"""`manage.py audit verify`: check that no audit event was altered, removed or inserted."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; exit non-zero and name the first broken event."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="recompute every hash and report the first broken link")

    def handle(self, *args: Any, **options: Any) -> None:
        count, broken = audit_chain_verify()
        if broken is not None:
            raise CommandError(
                f"Audit chain broken at event #{broken.event_id}: {broken.reason}. "
                f"ห่วงโซ่บันทึกการตรวจสอบขาดที่เหตุการณ์ลำดับที่ {broken.event_id}"
            )
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {count} events verified."))
