"""Writes to people's accounts, audited (passwords are never written to the audit trail)."""

from typing import Any

from django.db import transaction

from prongsai.audit.services import audit_record

from .models import User

_SECRET_FIELDS = {"password", "last_login"}


@transaction.atomic
def person_save(*, actor: Any, person: User, changed_fields: list[str]) -> User:
    """Save a person's account and record which fields changed (never their values for secrets)."""
    created = person.pk is None
    person.save()
    fields = sorted(set(changed_fields) - _SECRET_FIELDS)
    data: dict[str, Any] = {"username": person.username, "fields": fields}
    if "password" in changed_fields:
        data["password_changed"] = True
    for flag in ("is_active", "is_staff", "is_superuser"):
        if flag in changed_fields:
            data[flag] = getattr(person, flag)
    audit_record(actor=actor, action="person.create" if created else "person.update", target=person, data=data)
    return person
