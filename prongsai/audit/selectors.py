"""Read the audit trail."""

from collections.abc import Iterator
from dataclasses import dataclass

from .chain import BrokenLink, ChainMark, StoredLink, find_first_broken_link
from .key import audit_chain_key
from .models import AuditChainHead, AuditEvent

# A writer appending while the trail is read moves the head under the reader; reading again
# settles it. A head that keeps moving this many times is reported as it was last found.
_READS_WHILE_THE_HEAD_MOVES = 3


@dataclass(frozen=True)
class ChainVerification:
    """What `audit_chain_verify` found: events read, the head it held them to, the first break."""

    count: int
    head: ChainMark | None
    broken: BrokenLink | None


def _head() -> ChainMark | None:
    row = AuditChainHead.objects.filter(pk=1).values_list("last_sequence", "last_hash").first()
    return ChainMark(*row) if row is not None else None


def _stored_links(batch_size: int = 2000) -> Iterator[StoredLink]:
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=batch_size):
        yield StoredLink(event.sequence, event.previous_hash, event.hash, event.chain_payload())


def _verify_once(head: ChainMark | None, key: bytes, checkpoint: ChainMark | None) -> ChainVerification:
    count = 0

    def counted() -> Iterator[StoredLink]:
        nonlocal count
        for link in _stored_links():
            count += 1
            yield link

    broken = find_first_broken_link(counted(), key=key, head=head, checkpoint=checkpoint)
    return ChainVerification(count, head, broken)


def audit_chain_verify(*, checkpoint: ChainMark | None = None) -> ChainVerification:
    """Recompute every keyed link and hold the trail to its head (and to a checkpoint, when given).

    The trail must end exactly at the head: the newest events removed, events past the head, or a
    head whose hash is not the last event's are all breaks. Writers keep appending meanwhile and
    wait for nothing; a break found while the head moved is read again rather than reported.
    """
    key = audit_chain_key()
    head = _head()
    result = _verify_once(head, key, checkpoint)
    for _attempt in range(_READS_WHILE_THE_HEAD_MOVES - 1):
        if result.broken is None:
            break
        moved = _head()
        if moved == head:
            break
        head = moved
        result = _verify_once(head, key, checkpoint)
    return result
