"""Helpers of the audit tests: write a small trail, run `audit verify`, tamper with the stored rows."""

import datetime as dt
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db import connection, transaction

from prongsai.audit.appendonly import audit_trail_unlocked
from prongsai.audit.models import AuditEvent
from prongsai.audit.services import audit_record

T0 = dt.datetime(2026, 3, 16, 3, 0, tzinfo=dt.UTC)


def record(n: int, *, start: int = 0) -> list[AuditEvent]:
    """Record n events, each in its own transaction, with distinct payloads."""
    events = []
    for index in range(start, start + n):
        with transaction.atomic():
            events.append(
                audit_record(
                    actor=None,
                    action=f"test.event{index % 3}",
                    organization_id=index,
                    data={"index": index, "ข้อความ": "ทดสอบ"},
                    now=T0 + dt.timedelta(minutes=index),
                )
            )
    return events


def verify(*args: str) -> str:
    """Run `manage.py audit verify` and return what it printed."""
    out = StringIO()
    call_command("audit", "verify", *args, stdout=out)
    return out.getvalue()


def tamper(sql: str, params: list[Any] | None = None) -> None:
    """Run raw SQL against the audit tables as someone who got past the append-only triggers would."""
    with transaction.atomic(), audit_trail_unlocked(connection), connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def intact(count: int, head: int | None = None) -> str:
    """Return what `audit verify` prints for an intact trail of `count` events."""
    last = count if head is None else head
    return (
        f"ห่วงโซ่บันทึกการตรวจสอบครบถ้วน: ตรวจแล้ว {count} เหตุการณ์ ถึงหัวห่วงโซ่ลำดับที่ {last} / "
        f"Audit chain intact: {count} events verified up to the head at #{last}.\n"
    )


def broken(sequence: int, reason_th: str, reason: str) -> str:
    """Return the message `audit verify` fails with at this sequence."""
    return f"ห่วงโซ่บันทึกการตรวจสอบขาดที่ลำดับที่ {sequence}: {reason_th} / Audit chain broken at event #{sequence}: {reason}."
