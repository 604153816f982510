"""On SQLite too, refuse UPDATE and DELETE of audit events in the database itself.

Each trigger aborts unless `prongsai_audit_unlocked()` answers 1. Prongsai registers that
function on its own connections (answering 0 except inside `audit_trail_unlocked`, which only
migrations that re-link the trail and the test suite's flush use); any other client lacks it and
is refused. SQLite drops a table's triggers when a migration rebuilds the table, so a later
migration that alters audit_auditevent must create them again (the tests of raw changes catch a
missing trigger).
"""

from typing import Any

from django.db import migrations

from prongsai.audit.appendonly import (
    APPEND_ONLY_MESSAGE,
    SQLITE_TRIGGERS,
    SQLITE_UNLOCK_FUNCTION,
    sqlite_function_register,
)

_NO_UPDATE, _NO_DELETE = SQLITE_TRIGGERS
CREATE = [
    f"""CREATE TRIGGER {name} BEFORE {operation} ON audit_auditevent
    FOR EACH ROW WHEN NOT {SQLITE_UNLOCK_FUNCTION}()
    BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"""
    for name, operation in ((_NO_UPDATE, "UPDATE"), (_NO_DELETE, "DELETE"))
]
DROP = [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS]


def _run(statements: list[str]) -> Any:
    def operation(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "sqlite":
            sqlite_function_register(connection=schema_editor.connection)
            for sql in statements:
                schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_keyed_chain")]
    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
