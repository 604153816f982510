"""The audit trail's hash chain: pure functions, no Django.

Each event's hash covers the previous event's hash and the event's own canonical payload, so
changing, inserting or deleting any stored event breaks every hash after it. Verification walks
the events in order and names the first one whose stored hash no longer matches.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

GENESIS_HASH = "0" * 64


def canonical_payload(payload: Mapping[str, object]) -> str:
    """Serialise a payload deterministically: sorted keys, no whitespace, UTF-8 kept as is."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def link_hash(previous_hash: str, payload: Mapping[str, object]) -> str:
    """Return the hash that chains an event with this payload onto the previous hash."""
    material = f"{previous_hash}\n{canonical_payload(payload)}".encode()
    return hashlib.sha256(material).hexdigest()


@dataclass(frozen=True)
class StoredLink:
    """One stored event as the verifier sees it."""

    event_id: int
    previous_hash: str
    hash: str
    payload: Mapping[str, object]


@dataclass(frozen=True)
class BrokenLink:
    """The first event where the stored chain and the recomputed chain disagree, and why."""

    event_id: int
    reason: str


def find_first_broken_link(links: Iterable[StoredLink]) -> BrokenLink | None:
    """Walk the events in id order and return the first broken link, or None when the chain holds."""
    expected_previous = GENESIS_HASH
    for link in links:
        if link.previous_hash != expected_previous:
            return BrokenLink(
                link.event_id,
                "previous hash does not match the preceding event (an event was removed or inserted)",
            )
        if link_hash(link.previous_hash, link.payload) != link.hash:
            return BrokenLink(link.event_id, "content does not match its hash (the event was altered)")
        expected_previous = link.hash
    return None
