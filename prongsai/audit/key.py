"""The key of the audit chain, which lives in the environment and never in the database."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def audit_chain_key() -> bytes:
    """Return the key every link of the audit chain is signed with (PRONGSAI_AUDIT_KEY).

    Whoever can write to the database but does not hold this key cannot recompute a hash that
    verifies, so the key must be kept outside the database and its backups, and never change:
    events signed with another key no longer verify.
    """
    value: str = getattr(settings, "PRONGSAI_AUDIT_KEY", "")
    if not value:
        raise ImproperlyConfigured(
            "PRONGSAI_AUDIT_KEY is not set: the audit trail cannot be written or verified without its key."
        )
    return value.encode()
