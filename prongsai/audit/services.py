"""Write audit events. Every service that changes data calls audit_record inside its own transaction."""

import datetime as dt
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .chain import GENESIS_HASH, link_hash
from .key import audit_chain_key
from .models import AuditChainHead, AuditEvent


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "system"
    return str(getattr(actor, "username", actor))


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    organization_id: int | None = None,
    data: dict[str, Any] | None = None,
    actor_label: str | None = None,
    now: dt.datetime | None = None,
) -> AuditEvent:
    """Append one event to the chain; must run inside the transaction of the write it records.

    The chain head row is locked for the rest of the transaction, so concurrent writers append
    one after the other and the event rolls back together with the write it describes. `now`
    sets when the action took effect (services accept it for loading history); the time the
    event was written is always the server's own clock.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must be called inside transaction.atomic()")
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        # The first writer on an empty trail creates the head; a concurrent first writer's insert
        # waits for it, fails on the primary key, and then locks the row the winner committed.
        last = AuditEvent.objects.order_by("-sequence").first()
        try:
            with transaction.atomic():
                AuditChainHead.objects.create(
                    pk=1, last_hash=last.hash if last else GENESIS_HASH, last_sequence=last.sequence if last else 0
                )
        except IntegrityError:
            pass
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    user = actor if getattr(actor, "pk", None) is not None else None
    event = AuditEvent(
        sequence=head.last_sequence + 1,
        occurred_at=(now or timezone.now()).astimezone(dt.UTC),
        recorded_at=timezone.now().astimezone(dt.UTC),
        actor=user,
        actor_label=actor_label or _actor_label(actor),
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        organization_id=organization_id,
        data=data or {},
        previous_hash=head.last_hash,
    )
    event.hash = link_hash(head.last_hash, event.chain_payload(), key=audit_chain_key())
    event.save()
    head.last_hash = event.hash
    head.last_sequence = event.sequence
    head.save(update_fields=["last_hash", "last_sequence"])
    return event


def audit_checkpoint_create(*, actor: Any = None, actor_label: str | None = None) -> AuditEvent:
    """Record that a checkpoint of the chain is being taken, and return that event: it is the checkpoint.

    The event becomes the new head, so the exported sequence and hash are the ones of this very
    event, and the trail itself says when each checkpoint was taken and by whom.
    """
    with transaction.atomic():
        return audit_record(actor=actor, actor_label=actor_label, action="audit.checkpoint")
