"""Migration 0003 re-links a trail written with plain SHA-256 links, and refuses a tampered one."""

import datetime as dt
import hashlib
import hmac
import json
from importlib import import_module
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps.registry import Apps
from django.core.management import CommandError
from django.db import DatabaseError, connection, transaction
from django.db.migrations.loader import MigrationLoader

from prongsai.audit.models import AuditChainHead, AuditEvent
from tests.audit.trail import T0, intact, record, tamper, verify

relinking = import_module("prongsai.audit.migrations.0003_keyed_chain")
# config/settings/test.py's development-only key.
KEY = b"test-only-insecure-audit-key"
GENESIS = "0" * 64

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def state_apps() -> Apps:
    """The models as migration 0003 sees them (after 0002), without the app's own managers."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return loader.project_state(("audit", "0002_append_only_on_postgresql")).apps


def _material(previous: str, payload: dict[str, object]) -> bytes:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f"{previous}\n{canonical}".encode()


def _plain(previous: str, payload: dict[str, object]) -> str:
    return hashlib.sha256(_material(previous, payload)).hexdigest()


def _keyed(previous: str, payload: dict[str, object]) -> str:
    return hmac.new(KEY, _material(previous, payload), hashlib.sha256).hexdigest()


def _unkeyed_trail(n: int) -> None:
    """Store a trail as Prongsai wrote it before the chain was keyed (plain SHA-256 links) and its head."""
    previous = GENESIS
    events = []
    for sequence in range(1, n + 1):
        event = AuditEvent(
            sequence=sequence,
            occurred_at=T0 + dt.timedelta(minutes=sequence),
            recorded_at=T0 + dt.timedelta(minutes=sequence, seconds=1),
            actor_label="system",
            action=f"demo.event{sequence}",
            organization_id=sequence,
            data={"ข้อความ": "ทดสอบ", "n": sequence},
            previous_hash=previous,
        )
        event.hash = previous = _plain(previous, event.chain_payload())
        events.append(event)
    AuditEvent.objects.bulk_create(events)
    AuditChainHead.objects.create(pk=1, last_sequence=n, last_hash=previous)


def _stored() -> list[tuple[Any, ...]]:
    return list(AuditEvent.objects.order_by("sequence").values_list("sequence", "data", "previous_hash", "hash"))


def _head() -> tuple[int, str]:
    head = AuditChainHead.objects.get(pk=1)
    return head.last_sequence, head.last_hash


def _fails() -> str:
    with pytest.raises(CommandError) as error:
        verify()
    return str(error.value)


def _migrate(state_apps: Apps, function: Any = None) -> None:
    with transaction.atomic():
        (function or relinking.relink_with_key)(state_apps, SimpleNamespace(connection=connection))


def test_an_unkeyed_trail_is_verified_then_signed_with_the_key(state_apps: Apps) -> None:
    _unkeyed_trail(4)
    before = _stored()
    # The old trail does not verify any more: its links are not keyed.
    assert "content does not match its hash" in _fails()
    _migrate(state_apps)
    after = _stored()
    previous = GENESIS
    for event, (sequence, data, linked_to, digest) in zip(AuditEvent.objects.order_by("sequence"), after, strict=True):
        assert (linked_to, digest) == (previous, _keyed(previous, event.chain_payload()))
        previous = digest
        assert (sequence, data) == before[sequence - 1][:2]
    assert _head() == (4, previous)
    assert verify() == intact(4)
    # New events chain on as if the trail had always been keyed, and the database still refuses changes.
    record(1)
    assert verify() == intact(5)
    with (
        pytest.raises(DatabaseError, match="audit events are append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence = 1")


def test_going_back_restores_the_plain_links(state_apps: Apps) -> None:
    _unkeyed_trail(3)
    before, head = _stored(), _head()
    _migrate(state_apps)
    assert _stored() != before
    _migrate(state_apps, relinking.relink_without_key)
    assert (_stored(), _head()) == (before, head)


def test_an_empty_trail_needs_no_key_and_gets_no_head(state_apps: Apps, settings: Any) -> None:
    settings.PRONGSAI_AUDIT_KEY = ""
    _migrate(state_apps)
    assert (AuditEvent.objects.count(), AuditChainHead.objects.count()) == (0, 0)


def _refusal(sequence: int, problem: str, problem_th: str) -> str:
    return (
        f"Audit trail not re-linked: event #{sequence} {problem}. Nothing was changed; find out what happened "
        f"to the trail before migrating. / ไม่ได้เชื่อมห่วงโซ่บันทึกการตรวจสอบใหม่: เหตุการณ์ลำดับที่ {sequence} "
        f"{problem_th} ไม่มีการเปลี่ยนแปลงใด ๆ โปรดตรวจสอบสาเหตุก่อนย้ายข้อมูล"
    )


@pytest.mark.parametrize(
    ("tampering", "message"),
    [
        (
            ["UPDATE audit_auditevent SET data = '{\"n\": 99}' WHERE sequence = 2"],
            _refusal(2, "does not match its hash (it was altered)", "ไม่ตรงกับค่าแฮช (ถูกแก้ไข)"),
        ),
        (["DELETE FROM audit_auditevent WHERE sequence = 3"], _refusal(3, "is missing", "หายไป")),
        (["DELETE FROM audit_auditevent WHERE sequence = 1"], _refusal(1, "is missing", "หายไป")),
        (
            ["UPDATE audit_auditevent SET previous_hash = hash WHERE sequence = 1"],
            _refusal(
                1,
                "does not link to the event before it (an event was removed or inserted)",
                "ไม่เชื่อมกับเหตุการณ์ก่อนหน้า (มีการลบหรือแทรกเหตุการณ์)",
            ),
        ),
        (
            ["DELETE FROM audit_auditevent WHERE sequence = 4"],
            _refusal(
                4,
                "is recorded by the chain head but the trail ends at #3 (the newest events were removed)",
                "ถูกบันทึกไว้ที่หัวห่วงโซ่ แต่บันทึกสิ้นสุดที่ลำดับที่ 3 (เหตุการณ์ล่าสุดถูกลบ)",
            ),
        ),
        (
            ["UPDATE audit_auditchainhead SET last_hash = 'ffff'"],
            _refusal(4, "does not have the hash its chain head records", "มีค่าแฮชไม่ตรงกับที่หัวห่วงโซ่บันทึกไว้"),
        ),
        (
            ["DELETE FROM audit_auditchainhead"],
            _refusal(4, "is the last of a trail without a chain head", "เป็นเหตุการณ์สุดท้ายของบันทึกที่ไม่มีหัวห่วงโซ่"),
        ),
    ],
    ids=["altered", "removed-middle", "removed-first", "relinked", "removed-newest", "head-rewritten", "head-removed"],
)
def test_a_tampered_unkeyed_trail_is_refused_and_left_as_it_was(
    state_apps: Apps, tampering: list[str], message: str
) -> None:
    _unkeyed_trail(4)
    for sql in tampering:
        tamper(sql)
    before = (_stored(), list(AuditChainHead.objects.values_list("last_sequence", "last_hash")))
    with pytest.raises(relinking.TamperedTrailError) as error:
        _migrate(state_apps)
    assert str(error.value) == message
    assert (_stored(), list(AuditChainHead.objects.values_list("last_sequence", "last_hash"))) == before


def test_a_long_trail_is_relinked_across_batches(state_apps: Apps, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(relinking, "BATCH", 3)
    _unkeyed_trail(8)
    _migrate(state_apps)
    assert verify() == intact(8)
