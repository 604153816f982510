"""Read the audit trail."""

from collections.abc import Iterator

from .chain import BrokenLink, StoredLink, find_first_broken_link
from .models import AuditEvent


def _stored_links(batch_size: int = 2000) -> Iterator[StoredLink]:
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=batch_size):
        yield StoredLink(event.sequence, event.previous_hash, event.hash, event.chain_payload())


def audit_chain_verify() -> tuple[int, BrokenLink | None]:
    """Recompute the whole chain; return how many events were read and the first broken link, if any."""
    count = 0

    def counted() -> Iterator[StoredLink]:
        nonlocal count
        for link in _stored_links():
            count += 1
            yield link

    broken = find_first_broken_link(counted())
    return count, broken
