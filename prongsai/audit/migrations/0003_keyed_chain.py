"""Sign the audit chain with PRONGSAI_AUDIT_KEY: re-link trails written with the plain SHA-256 chain.

The stored trail is first verified as it was written (plain SHA-256 links, ending at its head).
If it is broken the migration refuses, naming the event, and changes nothing: re-signing a
tampered trail would launder the tampering. Only then is every link recomputed with the key and
the head moved to the new last hash. On PostgreSQL the append-only trigger is disabled for the
rewrite and enabled again inside this migration's transaction. Going back re-links with the plain
hash after verifying the keyed chain, under the same refusal.
"""

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from django.db import migrations

from prongsai.audit.appendonly import audit_trail_unlocked
from prongsai.audit.chain import GENESIS_HASH, link_hash, unkeyed_link_hash
from prongsai.audit.key import audit_chain_key

BATCH = 2000
Hasher = Callable[[str, Mapping[str, object]], str]


class TamperedTrailError(Exception):
    """The stored trail does not verify; it is left exactly as it was."""


def event_payload(event: Any) -> dict[str, object]:
    """Return the fields a link covers, as AuditEvent.chain_payload gives them at this migration."""
    return {
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.isoformat(),
        "recorded_at": event.recorded_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "organization_id": event.organization_id,
        "data": event.data,
    }


def _batches(model: Any) -> Iterator[list[Any]]:
    # Keyset pages: bounded memory on a long trail, and no cursor held open across the updates.
    after = 0
    while batch := list(model._base_manager.filter(sequence__gt=after).order_by("sequence")[:BATCH]):
        yield batch
        after = batch[-1].sequence


def _refuse(sequence: int, problem: str, problem_th: str) -> TamperedTrailError:
    return TamperedTrailError(
        f"Audit trail not re-linked: event #{sequence} {problem}. Nothing was changed; find out what happened "
        f"to the trail before migrating. / ไม่ได้เชื่อมห่วงโซ่บันทึกการตรวจสอบใหม่: เหตุการณ์ลำดับที่ {sequence} "
        f"{problem_th} ไม่มีการเปลี่ยนแปลงใด ๆ โปรดตรวจสอบสาเหตุก่อนย้ายข้อมูล"
    )


def _verify(event_model: Any, head: Any, hasher: Hasher) -> None:
    expected_previous, expected_sequence = GENESIS_HASH, 1
    for batch in _batches(event_model):
        for event in batch:
            if event.sequence != expected_sequence:
                raise _refuse(expected_sequence, "is missing", "หายไป")
            if event.previous_hash != expected_previous:
                raise _refuse(
                    event.sequence,
                    "does not link to the event before it (an event was removed or inserted)",
                    "ไม่เชื่อมกับเหตุการณ์ก่อนหน้า (มีการลบหรือแทรกเหตุการณ์)",
                )
            if hasher(event.previous_hash, event_payload(event)) != event.hash:
                raise _refuse(
                    event.sequence, "does not match its hash (it was altered)", "ไม่ตรงกับค่าแฮช (ถูกแก้ไข)"
                )
            expected_previous, expected_sequence = event.hash, expected_sequence + 1
    last = expected_sequence - 1
    if head is None:
        raise _refuse(last, "is the last of a trail without a chain head", "เป็นเหตุการณ์สุดท้ายของบันทึกที่ไม่มีหัวห่วงโซ่")
    if head.last_sequence != last:
        raise _refuse(
            head.last_sequence,
            f"is recorded by the chain head but the trail ends at #{last} (the newest events were removed)",
            f"ถูกบันทึกไว้ที่หัวห่วงโซ่ แต่บันทึกสิ้นสุดที่ลำดับที่ {last} (เหตุการณ์ล่าสุดถูกลบ)",
        )
    if head.last_hash != expected_previous:
        raise _refuse(
            last, "does not have the hash its chain head records", "มีค่าแฮชไม่ตรงกับที่หัวห่วงโซ่บันทึกไว้"
        )


def _relink(apps: Any, schema_editor: Any, *, to_keyed: bool) -> None:
    event_model = apps.get_model("audit", "AuditEvent")
    head_model = apps.get_model("audit", "AuditChainHead")
    if not event_model._base_manager.exists():
        return
    key = audit_chain_key()

    def keyed(previous: str, payload: Mapping[str, object]) -> str:
        return link_hash(previous, payload, key=key)

    verify_with, sign_with = (unkeyed_link_hash, keyed) if to_keyed else (keyed, unkeyed_link_hash)
    head = head_model._base_manager.filter(pk=1).first()
    _verify(event_model, head, verify_with)
    previous = GENESIS_HASH
    with audit_trail_unlocked(schema_editor.connection):
        for batch in _batches(event_model):
            for event in batch:
                event.previous_hash = previous
                event.hash = previous = sign_with(previous, event_payload(event))
            event_model._base_manager.bulk_update(batch, ["previous_hash", "hash"])
    head_model._base_manager.filter(pk=1).update(last_hash=previous)


def relink_with_key(apps: Any, schema_editor: Any) -> None:
    """Verify the plain SHA-256 trail and its head, then sign every link with the audit key."""
    _relink(apps, schema_editor, to_keyed=True)


def relink_without_key(apps: Any, schema_editor: Any) -> None:
    """Verify the keyed trail and its head, then go back to plain SHA-256 links."""
    _relink(apps, schema_editor, to_keyed=False)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_on_postgresql")]
    operations = [migrations.RunPython(relink_with_key, relink_without_key)]
