"""The database itself refuses UPDATE and DELETE of audit events, on SQLite as on PostgreSQL."""

import sqlite3
from importlib import import_module
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from prongsai.audit.appendonly import audit_trail_unlocked
from prongsai.audit.models import AuditChainHead, AuditEvent
from tests.audit.trail import intact, record, tamper, verify

RAW_CHANGES = pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET action = 'test.changed' WHERE sequence = 1",
        "UPDATE audit_auditevent SET hash = previous_hash",
        "DELETE FROM audit_auditevent WHERE sequence = 1",
        "DELETE FROM audit_auditevent",
    ],
    ids=["update-one", "update-all", "delete-one", "delete-all"],
)


def _refused(sql: str) -> None:
    with (
        pytest.raises(DatabaseError, match="audit events are append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)


@pytest.mark.django_db
@RAW_CHANGES
def test_the_database_refuses_raw_changes(sql: str) -> None:
    record(2)
    _refused(sql)
    assert list(AuditEvent.objects.values_list("sequence", "action")) == [(1, "test.event0"), (2, "test.event1")]
    assert verify() == intact(2)


@pytest.mark.django_db
def test_the_lock_is_back_after_an_unlocked_block_even_one_that_failed() -> None:
    record(3)
    tamper("DELETE FROM audit_auditevent WHERE sequence = 3")
    _refused("DELETE FROM audit_auditevent WHERE sequence = 2")
    with transaction.atomic():
        try:
            with audit_trail_unlocked(connection), connection.cursor() as cursor:
                cursor.execute("DELETE FROM audit_auditevent WHERE sequence = 2")
                raise LookupError("the caller gives up and goes on")
        except LookupError:
            pass
    # The failed block's DELETE was undone with it, and so was the unlocking.
    assert list(AuditEvent.objects.values_list("sequence", flat=True)) == [1, 2]
    _refused("UPDATE audit_auditevent SET action = 'test.changed'")


@pytest.mark.django_db(transaction=True)
def test_unlocking_outside_a_transaction_is_refused_and_flush_still_empties_the_trail() -> None:
    with (
        pytest.raises(RuntimeError, match=r"^audit_trail_unlocked must be used inside transaction\.atomic\(\)$"),
        audit_trail_unlocked(connection),
    ):
        pass
    record(2)
    # The test suite's flush (a DELETE on SQLite) goes through; it is what empties the database
    # after this very test as well.
    call_command("flush", interactive=False, verbosity=0)
    assert (AuditEvent.objects.count(), AuditChainHead.objects.count()) == (0, 0)


def test_a_sqlite_client_without_prongsais_function_is_refused(tmp_path: Path) -> None:
    triggers = import_module("prongsai.audit.migrations.0004_append_only_on_sqlite")
    path = tmp_path / "trail.sqlite3"
    ours = sqlite3.connect(path)
    ours.create_function("prongsai_audit_unlocked", 0, lambda: 0)
    ours.execute("CREATE TABLE audit_auditevent (sequence INTEGER, action TEXT)")
    ours.execute("INSERT INTO audit_auditevent VALUES (1, 'test.event0')")
    for sql in triggers.CREATE:
        ours.execute(sql)
    ours.commit()
    with pytest.raises(sqlite3.IntegrityError, match=r"^audit events are append-only$"):
        ours.execute("DELETE FROM audit_auditevent")
    ours.close()
    foreign = sqlite3.connect(path)
    for sql in ("UPDATE audit_auditevent SET action = 'x'", "DELETE FROM audit_auditevent"):
        with pytest.raises(sqlite3.OperationalError, match=r"^no such function: prongsai_audit_unlocked$"):
            foreign.execute(sql)
    assert foreign.execute("SELECT sequence, action FROM audit_auditevent").fetchall() == [(1, "test.event0")]
    foreign.close()
