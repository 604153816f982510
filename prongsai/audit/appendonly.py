"""Refuse UPDATE and DELETE of audit events in the database itself, on PostgreSQL and on SQLite.

The model refuses them too; the triggers also stop raw SQL and other clients. On PostgreSQL a
row trigger raises (migration 0002). On SQLite (migration 0004) a trigger aborts unless the SQL
function `prongsai_audit_unlocked()` answers 1: Prongsai registers that function on each of its
own connections, answering 0 unless `audit_trail_unlocked` is active on that connection, and a
client that never registered it (the sqlite3 shell, another program) is refused with "no such
function". The hash chain, not these triggers, is what exposes tampering by someone who can
change the database file or drop a trigger; the triggers stop the mistakes and the casual edits.
"""

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

APPEND_ONLY_MESSAGE = "audit events are append-only"
SQLITE_UNLOCK_FUNCTION = "prongsai_audit_unlocked"
_UNLOCKED = "_prongsai_audit_unlocked"

PG_TRIGGER = "audit_auditevent_append_only"
SQLITE_TRIGGERS = ("audit_auditevent_no_update", "audit_auditevent_no_delete")


def sqlite_function_register(*, connection: BaseDatabaseWrapper) -> None:
    """Register `prongsai_audit_unlocked()` on this SQLite connection (again is harmless)."""
    owner = weakref.ref(connection)

    def unlocked() -> int:
        wrapper = owner()
        return 1 if wrapper is not None and getattr(wrapper, _UNLOCKED, False) else 0

    connection.connection.create_function(SQLITE_UNLOCK_FUNCTION, 0, unlocked)


def register_on_connection_created(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Give every new SQLite connection of this process the function the append-only triggers ask."""
    if connection.vendor == "sqlite":
        sqlite_function_register(connection=connection)


@contextmanager
def audit_trail_unlocked(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Let this connection rewrite audit events for the rest of the block, inside its transaction.

    Only migrations that re-link the trail (and the test suite's flush between tests) use it. On
    PostgreSQL the trigger is disabled and enabled again in the same transaction, so no other
    session ever sees it off; after an error the rollback restores it.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("audit_trail_unlocked must be used inside transaction.atomic()")
    # In a savepoint of its own, so that an error inside the block undoes the block's changes and
    # the unlocking together, even when the caller catches it and commits the outer transaction.
    with transaction.atomic(using=connection.alias):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE audit_auditevent DISABLE TRIGGER {PG_TRIGGER}")
            yield
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE audit_auditevent ENABLE TRIGGER {PG_TRIGGER}")
        elif connection.vendor == "sqlite":
            # A connection opened before the app was ready never got the function from the signal.
            sqlite_function_register(connection=connection)
            setattr(connection, _UNLOCKED, True)
            try:
                yield
            finally:
                setattr(connection, _UNLOCKED, False)
        else:
            yield
