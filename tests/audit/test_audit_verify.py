"""`audit verify` holds the trail to its head and to checkpoints; `audit checkpoint` exports the head."""

import hashlib
import itertools
import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from prongsai.audit import selectors
from prongsai.audit.chain import ChainMark, canonical_payload, link_hash
from prongsai.audit.checkpoint import CheckpointError, checkpoint_loads
from prongsai.audit.models import AuditChainHead, AuditEvent
from prongsai.audit.selectors import audit_chain_verify
from tests.audit.trail import broken, intact, record, tamper, verify

# config/settings/test.py's development-only key.
KEY = b"test-only-insecure-audit-key"
ALTERED = (
    "เนื้อหาไม่ตรงกับค่าแฮช (เหตุการณ์ถูกแก้ไข หรือค่าแฮชไม่ได้สร้างด้วยกุญแจของระบบนี้)",
    "content does not match its hash (the event was altered, or its hash was not made with this installation's key)",
)

pytestmark = pytest.mark.django_db


def _fails(*args: str) -> str:
    with pytest.raises(CommandError) as error:
        verify(*args)
    return str(error.value)


def _hash_of(sequence: int) -> str:
    return AuditEvent.objects.get(sequence=sequence).hash


def _rewrite_from(sequence: int, data: dict[str, Any], relink: Callable[[str, dict[str, object]], str]) -> None:
    """Change one event's details and recompute its hash and every later one, and the head, with `relink`."""
    events = list(AuditEvent.objects.filter(sequence__gte=sequence).order_by("sequence"))
    previous = events[0].previous_hash
    for event in events:
        if event.sequence == sequence:
            event.data = data
        current = relink(previous, event.chain_payload())
        tamper(
            "UPDATE audit_auditevent SET data = %s, previous_hash = %s, hash = %s WHERE sequence = %s",
            [json.dumps(event.data), previous, current, event.sequence],
        )
        previous = current
    tamper("UPDATE audit_auditchainhead SET last_hash = %s WHERE id = 1", [previous])


def _plain_sha256(previous: str, payload: dict[str, object]) -> str:
    return hashlib.sha256(f"{previous}\n{canonical_payload(payload)}".encode()).hexdigest()


# --- (a) the newest events removed ----------------------------------------------------------------------


@pytest.mark.parametrize(("removed_from", "ends_at"), [(5, 4), (4, 3), (1, 0)])
def test_removing_the_newest_events_is_caught_by_the_head(removed_from: int, ends_at: int) -> None:
    record(5)
    tamper("DELETE FROM audit_auditevent WHERE sequence >= %s", [removed_from])
    assert _fails() == broken(
        5,
        f"หัวห่วงโซ่บันทึกเหตุการณ์ลำดับที่ 5 แต่บันทึกสิ้นสุดที่ลำดับที่ {ends_at} (เหตุการณ์ล่าสุดถูกลบ)",
        f"the chain head records event #5 but the trail ends at #{ends_at} (the newest events were removed)",
    )


# --- (b) one event rewritten and every later hash recomputed --------------------------------------------


@pytest.mark.parametrize(
    "relink",
    [_plain_sha256, lambda previous, payload: link_hash(previous, payload, key=b"a guessed key")],
    ids=["plain-sha256", "wrong-key"],
)
def test_a_chain_recomputed_without_the_key_is_caught_at_the_rewritten_event(
    relink: Callable[[str, dict[str, object]], str],
) -> None:
    record(5)
    _rewrite_from(2, {"index": 999}, relink)
    # Every stored link points at the one before it and the head at the last: only the key tells.
    stored = list(AuditEvent.objects.order_by("sequence"))
    assert all(after.previous_hash == before.hash for before, after in itertools.pairwise(stored))
    assert AuditChainHead.objects.get(pk=1).last_hash == stored[-1].hash
    assert _fails() == broken(2, *ALTERED)


# --- (c) a head that disagrees with the trail --------------------------------------------------------------


def test_a_head_whose_hash_is_not_the_last_events_is_caught() -> None:
    record(5)
    tamper("UPDATE audit_auditchainhead SET last_hash = %s WHERE id = 1", ["f" * 64])
    assert _fails() == broken(
        5,
        "ค่าแฮชของหัวห่วงโซ่ไม่ตรงกับเหตุการณ์ลำดับที่ 5 (หัวห่วงโซ่หรือเหตุการณ์ถูกเขียนทับ)",
        "the chain head's hash does not match event #5 (the head or the event was rewritten)",
    )


def test_a_head_moved_back_is_caught_at_the_first_event_past_it() -> None:
    record(5)
    tamper("UPDATE audit_auditchainhead SET last_sequence = 3, last_hash = %s WHERE id = 1", [_hash_of(3)])
    assert _fails() == broken(
        4,
        "เหตุการณ์ลำดับที่ 4 อยู่เลยหัวห่วงโซ่ที่ลำดับที่ 3 (หัวห่วงโซ่ถูกย้อนกลับ หรือมีการเพิ่มเหตุการณ์โดยไม่ผ่านระบบ)",
        "event #4 lies beyond the chain head at #3 (the head was moved back or events were added around it)",
    )


def test_a_removed_head_is_caught() -> None:
    record(3)
    tamper("DELETE FROM audit_auditchainhead")
    assert _fails() == broken(
        3,
        "มีเหตุการณ์ถึงลำดับที่ 3 แต่ไม่มีหัวห่วงโซ่ (หัวห่วงโซ่ถูกลบ)",
        "the trail holds events up to #3 but has no chain head (the head was removed)",
    )


def test_the_head_read_while_a_writer_appends_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    record(4)
    # The first read of the head is from before event 4 was appended.
    stale = [ChainMark(3, _hash_of(3))]
    real_head = selectors._head
    monkeypatch.setattr(selectors, "_head", lambda: stale.pop() if stale else real_head())
    assert audit_chain_verify() == selectors.ChainVerification(4, ChainMark(4, _hash_of(4)), None)


def test_verify_reads_the_head_and_the_events_in_two_queries(django_assert_num_queries: Any) -> None:
    record(7)
    with django_assert_num_queries(2):
        result = audit_chain_verify()
    assert result == selectors.ChainVerification(7, ChainMark(7, _hash_of(7)), None)


def test_without_the_key_nothing_is_written_or_verified(settings: Any) -> None:
    record(1)
    settings.PRONGSAI_AUDIT_KEY = ""
    message = r"^PRONGSAI_AUDIT_KEY is not set: the audit trail cannot be written or verified without its key\.$"
    with pytest.raises(ImproperlyConfigured, match=message):
        record(1, start=1)
    with pytest.raises(ImproperlyConfigured, match=message):
        verify()
    assert list(AuditEvent.objects.values_list("sequence", flat=True)) == [1]
    assert AuditChainHead.objects.get(pk=1).last_sequence == 1


# --- checkpoints ---------------------------------------------------------------------------------------------


def _checkpoint(*args: str) -> str:
    out = StringIO()
    call_command("audit", "checkpoint", *args, stdout=out)
    return out.getvalue()


def test_checkpoint_records_itself_and_prints_the_new_head() -> None:
    record(3)
    document = json.loads(_checkpoint())
    event = AuditEvent.objects.get(sequence=4)
    assert (event.action, event.actor_id, event.actor_label, event.data) == (
        "audit.checkpoint",
        None,
        "manage.py audit checkpoint",
        {},
    )
    assert document == {
        "format": "prongsai-audit-checkpoint/1",
        "sequence": 4,
        "hash": event.hash,
        "recorded_at": event.recorded_at.isoformat(),
    }
    assert AuditChainHead.objects.get(pk=1).last_sequence == 4
    assert verify() == intact(4)


def test_checkpoint_of_an_empty_trail_is_its_first_event() -> None:
    document = json.loads(_checkpoint())
    assert (document["sequence"], document["hash"]) == (1, _hash_of(1))


def test_checkpoint_writes_a_new_file_and_never_overwrites_one(tmp_path: Path) -> None:
    record(2)
    path = tmp_path / "checkpoint.json"
    assert _checkpoint("--output", str(path)) == (
        f"บันทึกจุดตรวจลำดับที่ 3 ไว้ที่ '{path}' แล้ว / Checkpoint #3 written to '{path}'.\n"
    )
    written = path.read_text(encoding="utf-8")
    assert json.loads(written)["sequence"] == 3
    with pytest.raises(CommandError) as error:
        _checkpoint("--output", str(path))
    assert str(error.value) == f"มีไฟล์ '{path}' อยู่แล้ว จะไม่เขียนทับ / '{path}' already exists; it is not overwritten"
    missing = tmp_path / "nowhere" / "checkpoint.json"
    with pytest.raises(CommandError) as error:
        _checkpoint("--output", str(missing))
    assert str(error.value) == f"ไม่พบโฟลเดอร์ '{missing.parent}' / folder '{missing.parent}' does not exist"
    # Neither refusal recorded a checkpoint or touched the first file.
    assert AuditEvent.objects.count() == 3
    assert path.read_text(encoding="utf-8") == written


def test_verify_against_a_checkpoint_of_an_intact_trail(tmp_path: Path) -> None:
    record(3)
    path = tmp_path / "checkpoint.json"
    _checkpoint("--output", str(path))
    record(2, start=3)
    assert verify("--checkpoint", str(path)) == intact(6).rstrip("\n") + (
        "\nจุดตรวจลำดับที่ 4 ตรงกับบันทึก / Checkpoint #4 matches the trail.\n"
    )


def test_a_rewrite_with_the_key_passes_verify_but_not_the_checkpoint(tmp_path: Path) -> None:
    # Someone who holds the key rewrites event 2, every later event and the head: the chain holds,
    # and only the checkpoint kept outside the database shows that event 4 is not what it was.
    record(3)
    path = tmp_path / "checkpoint.json"
    _checkpoint("--output", str(path))
    record(2, start=3)
    _rewrite_from(2, {"index": 999}, lambda previous, payload: link_hash(previous, payload, key=KEY))
    assert verify() == intact(6)
    assert _fails("--checkpoint", str(path)) == broken(
        4,
        "เหตุการณ์ลำดับที่ 4 ไม่มีค่าแฮชตามที่จุดตรวจบันทึกไว้ (บันทึกถูกเขียนใหม่ที่ลำดับนี้หรือก่อนหน้า)",
        "event #4 no longer has the hash the checkpoint recorded (the trail was rewritten at or before it)",
    )


def test_a_checkpoint_past_the_trails_end_fails(tmp_path: Path) -> None:
    # The newest events removed and the head moved back to match: only the checkpoint remembers them.
    record(3)
    path = tmp_path / "checkpoint.json"
    _checkpoint("--output", str(path))
    tamper("DELETE FROM audit_auditevent WHERE sequence >= 3")
    tamper("UPDATE audit_auditchainhead SET last_sequence = 2, last_hash = %s WHERE id = 1", [_hash_of(2)])
    assert verify() == intact(2)
    assert _fails("--checkpoint", str(path)) == broken(
        4,
        "จุดตรวจบันทึกเหตุการณ์ลำดับที่ 4 แต่บันทึกสิ้นสุดที่ลำดับที่ 2 (มีการลบเหตุการณ์)",
        "the checkpoint records event #4 but the trail ends at #2 (events were removed)",
    )


GOOD_HASH = "a" * 64
NOT_USABLE = "ไฟล์จุดตรวจใช้ไม่ได้: {} / Not a usable checkpoint file: {}"
FORMAT_PROBLEM = (
    'ต้องมี "format": "prongsai-audit-checkpoint/1"',
    'it must say "format": "prongsai-audit-checkpoint/1"',
)
SEQUENCE_PROBLEM = ('"sequence" ต้องเป็นจำนวนเต็มตั้งแต่ 1', '"sequence" must be a whole number of at least 1')
HASH_PROBLEM = ('"hash" ต้องเป็นเลขฐานสิบหกตัวเล็ก 64 ตัว', '"hash" must be 64 lower-case hexadecimal characters')


def _document(**fields: object) -> str:
    return json.dumps({"format": "prongsai-audit-checkpoint/1", "sequence": 1, "hash": GOOD_HASH, **fields})


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[1, 2]", ("ต้องเป็นออบเจกต์ JSON", "it must be a JSON object")),
        (json.dumps({"sequence": 1, "hash": GOOD_HASH}), FORMAT_PROBLEM),
        (_document(format="prongsai-audit-checkpoint/2"), FORMAT_PROBLEM),
        (_document(sequence="1"), SEQUENCE_PROBLEM),
        (_document(sequence=0), SEQUENCE_PROBLEM),
        (_document(sequence=True), SEQUENCE_PROBLEM),
        (_document(sequence=1.0), SEQUENCE_PROBLEM),
        (_document(hash="A" * 64), HASH_PROBLEM),
        (_document(hash="a" * 63), HASH_PROBLEM),
        (_document(hash=None), HASH_PROBLEM),
    ],
    ids=[
        "list",
        "no-format",
        "other-format",
        "sequence-text",
        "sequence-zero",
        "sequence-bool",
        "sequence-float",
        "hash-upper",
        "hash-short",
        "hash-null",
    ],
)
def test_a_bad_checkpoint_file_is_refused_by_name(tmp_path: Path, content: str, problem: tuple[str, str]) -> None:
    record(1)
    path = tmp_path / "checkpoint.json"
    path.write_text(content, encoding="utf-8")
    assert _fails("--checkpoint", str(path)) == NOT_USABLE.format(*problem) + f" ({path})"


def test_a_checkpoint_file_that_is_not_json_or_not_there_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "checkpoint.json"
    path.write_text("sequence 4", encoding="utf-8")
    assert (
        _fails("--checkpoint", str(path))
        == NOT_USABLE.format("ไม่ใช่ JSON", "it is not JSON (Expecting value: line 1 column 1 (char 0))") + f" ({path})"
    )
    path.write_bytes(b"\xff\xfe{")
    assert _fails("--checkpoint", str(path)).startswith(
        f"อ่านไฟล์จุดตรวจ '{path}' ไม่ได้ / cannot read checkpoint file '{path}': "
    )
    missing = tmp_path / "missing.json"
    assert _fails("--checkpoint", str(missing)) == (
        f"ไม่พบไฟล์จุดตรวจ '{missing}' / checkpoint file '{missing}' does not exist"
    )


_values = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=70))
_near_checkpoints = st.fixed_dictionaries(
    {},
    optional={
        "format": st.one_of(st.just("prongsai-audit-checkpoint/1"), _values),
        "sequence": _values,
        "hash": st.one_of(st.text(alphabet="0123456789abcdefABCDEF", min_size=62, max_size=66), _values),
        "recorded_at": _values,
    },
).map(json.dumps)


@given(st.one_of(st.text(max_size=200), _near_checkpoints))
def test_reading_any_text_gives_a_mark_or_a_clear_refusal(text: str) -> None:
    try:
        mark: ChainMark | str = checkpoint_loads(text)
    except CheckpointError as error:
        mark = str(error)
    if isinstance(mark, str):
        assert mark.startswith("ไฟล์จุดตรวจใช้ไม่ได้: ")
    else:
        document = json.loads(text)
        assert mark == ChainMark(document["sequence"], document["hash"])
        assert mark.sequence >= 1
        assert len(mark.hash) == 64
