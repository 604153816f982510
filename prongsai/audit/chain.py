"""The audit trail's hash chain: pure functions, no Django.

Each event's hash is an HMAC-SHA256, under a key kept outside the database, of the previous
event's hash and the event's own canonical payload. Changing, inserting or deleting any stored
event breaks every hash after it, and whoever can write to the database but does not hold the key
cannot compute a hash that verifies. The chain head (the newest sequence and hash, kept in its own
row) catches the newest events being removed; a checkpoint kept outside the database catches even
someone who holds the key rewriting everything up to and after it. Verification walks the events
in order and names the first sequence where the stored trail disagrees with what it should be.
"""

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

GENESIS_HASH = "0" * 64


def canonical_payload(payload: Mapping[str, object]) -> str:
    """Serialise a payload deterministically: sorted keys, no whitespace, UTF-8 kept as is."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _material(previous_hash: str, payload: Mapping[str, object]) -> bytes:
    return f"{previous_hash}\n{canonical_payload(payload)}".encode()


def link_hash(previous_hash: str, payload: Mapping[str, object], *, key: bytes) -> str:
    """Return the keyed hash that chains an event with this payload onto the previous hash."""
    if not key:
        # An empty key would make the chain an unkeyed hash that anyone can recompute.
        raise ValueError("the audit chain key must not be empty")
    return hmac.new(key, _material(previous_hash, payload), hashlib.sha256).hexdigest()


def unkeyed_link_hash(previous_hash: str, payload: Mapping[str, object]) -> str:
    """Return the plain SHA-256 link of trails written before the chain was keyed.

    Only the migration that re-links such trails reads it: a plain hash proves nothing against
    someone who can write to the database, because they can recompute it.
    """
    return hashlib.sha256(_material(previous_hash, payload)).hexdigest()


@dataclass(frozen=True)
class StoredLink:
    """One stored event as the verifier sees it."""

    sequence: int
    previous_hash: str
    hash: str
    payload: Mapping[str, object]


@dataclass(frozen=True)
class ChainMark:
    """A point of the chain: an event's sequence and the hash it must have (the head, or a checkpoint)."""

    sequence: int
    hash: str


@dataclass(frozen=True)
class BrokenLink:
    """The first sequence where the stored trail is not what it should be, and why, in English and Thai."""

    sequence: int
    reason: str
    reason_th: str


REMOVED_OR_INSERTED = (
    "previous hash does not match the preceding event (an event was removed or inserted)",
    "ค่าแฮชก่อนหน้าไม่ตรงกับเหตุการณ์ก่อนหน้า (มีการลบหรือแทรกเหตุการณ์)",
)
ALTERED = (
    "content does not match its hash (the event was altered, or its hash was not made with this installation's key)",
    "เนื้อหาไม่ตรงกับค่าแฮช (เหตุการณ์ถูกแก้ไข หรือค่าแฮชไม่ได้สร้างด้วยกุญแจของระบบนี้)",
)


def _head_missing(last: int) -> BrokenLink:
    return BrokenLink(
        last,
        f"the trail holds events up to #{last} but has no chain head (the head was removed)",
        f"มีเหตุการณ์ถึงลำดับที่ {last} แต่ไม่มีหัวห่วงโซ่ (หัวห่วงโซ่ถูกลบ)",
    )


def _head_beyond_end(head: int, last: int) -> BrokenLink:
    return BrokenLink(
        head,
        f"the chain head records event #{head} but the trail ends at #{last} (the newest events were removed)",
        f"หัวห่วงโซ่บันทึกเหตุการณ์ลำดับที่ {head} แต่บันทึกสิ้นสุดที่ลำดับที่ {last} (เหตุการณ์ล่าสุดถูกลบ)",
    )


def _beyond_head(sequence: int, head: int) -> BrokenLink:
    return BrokenLink(
        sequence,
        f"event #{sequence} lies beyond the chain head at #{head} (the head was moved back or events were added "
        "around it)",
        f"เหตุการณ์ลำดับที่ {sequence} อยู่เลยหัวห่วงโซ่ที่ลำดับที่ {head} (หัวห่วงโซ่ถูกย้อนกลับ หรือมีการเพิ่มเหตุการณ์โดยไม่ผ่านระบบ)",
    )


def _head_disagrees(sequence: int) -> BrokenLink:
    return BrokenLink(
        sequence,
        f"the chain head's hash does not match event #{sequence} (the head or the event was rewritten)",
        f"ค่าแฮชของหัวห่วงโซ่ไม่ตรงกับเหตุการณ์ลำดับที่ {sequence} (หัวห่วงโซ่หรือเหตุการณ์ถูกเขียนทับ)",
    )


def _checkpoint_beyond_end(checkpoint: int, last: int) -> BrokenLink:
    return BrokenLink(
        checkpoint,
        f"the checkpoint records event #{checkpoint} but the trail ends at #{last} (events were removed)",
        f"จุดตรวจบันทึกเหตุการณ์ลำดับที่ {checkpoint} แต่บันทึกสิ้นสุดที่ลำดับที่ {last} (มีการลบเหตุการณ์)",
    )


def _checkpoint_disagrees(sequence: int) -> BrokenLink:
    return BrokenLink(
        sequence,
        f"event #{sequence} no longer has the hash the checkpoint recorded (the trail was rewritten at or before it)",
        f"เหตุการณ์ลำดับที่ {sequence} ไม่มีค่าแฮชตามที่จุดตรวจบันทึกไว้ (บันทึกถูกเขียนใหม่ที่ลำดับนี้หรือก่อนหน้า)",
    )


def find_first_broken_link(
    links: Iterable[StoredLink],
    *,
    key: bytes,
    head: ChainMark | None,
    checkpoint: ChainMark | None = None,
) -> BrokenLink | None:
    """Walk the events in sequence order and return the first break, or None when the trail holds.

    `head` is the stored chain head (None when there is no head row); the trail must end exactly
    at it. `checkpoint`, when given, is a head exported earlier: the event at its sequence must
    still exist and still have its hash.
    """
    expected_previous = GENESIS_HASH
    last = 0
    for link in links:
        if head is not None and link.sequence > head.sequence:
            return _beyond_head(link.sequence, head.sequence)
        if link.previous_hash != expected_previous:
            return BrokenLink(link.sequence, *REMOVED_OR_INSERTED)
        if not hmac.compare_digest(link_hash(link.previous_hash, link.payload, key=key), link.hash):
            return BrokenLink(link.sequence, *ALTERED)
        if checkpoint is not None and link.sequence == checkpoint.sequence and link.hash != checkpoint.hash:
            return _checkpoint_disagrees(link.sequence)
        expected_previous = link.hash
        last = link.sequence
    if checkpoint is not None and checkpoint.sequence > last:
        return _checkpoint_beyond_end(checkpoint.sequence, last)
    if head is None:
        return _head_missing(last) if last else None
    if head.sequence > last:
        return _head_beyond_end(head.sequence, last)
    if head.hash != expected_previous:
        return _head_disagrees(last)
    return None
