"""Write generated rows fast: COPY on PostgreSQL, bulk_create elsewhere; ids are given by the generator.

Rows are tuples in the order of the columns named (model attribute names, ``entry_id`` for a
foreign key); every other concrete column gets its model default, computed once per table. On
PostgreSQL the foreign keys of the tables being filled are dropped for the load and added back
at the end, which checks every reference in one pass per constraint instead of one lookup per
row; check and unique constraints stay in force throughout.
"""

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Field, JSONField, Max, Model

Row = Sequence[Any]


class TableWriter:
    """Buffer rows per model and write them in large batches; hand out ids."""

    def __init__(self, batch_rows: int = 200_000) -> None:
        self.copy = connection.vendor == "postgresql"
        self.batch_rows = batch_rows
        self._buffers: dict[type[Model], list[Row]] = defaultdict(list)
        self._columns: dict[type[Model], tuple[str, ...]] = {}
        self._next_id: dict[type[Model], int] = {}
        self.counts: dict[str, int] = defaultdict(int)
        self._dropped: list[tuple[str, str, str]] = []

    def next_id(self, model: type[Model]) -> int:
        """Return a fresh primary key for the model (after the largest already stored)."""
        if model not in self._next_id:
            largest = model._default_manager.aggregate(largest=Max("pk"))["largest"]
            self._next_id[model] = (largest or 0) + 1
        value = self._next_id[model]
        self._next_id[model] = value + 1
        return value

    def add(self, model: type[Model], columns: Sequence[str], row: Row) -> None:
        """Queue one row of the model; the columns must be the same for every row of a model."""
        known = self._columns.setdefault(model, tuple(columns))
        if known != tuple(columns):
            raise ValueError(f"{model.__name__}: columns changed from {known} to {tuple(columns)}")
        buffer = self._buffers[model]
        buffer.append(row)
        if len(buffer) >= self.batch_rows:
            self.flush(model)

    def flush(self, model: type[Model] | None = None) -> None:
        """Write the queued rows of one model, or of every model in the order they were first queued."""
        for each in [model] if model is not None else list(self._buffers):
            rows = self._buffers.pop(each, [])
            if rows:
                self._write(each, self._columns[each], rows)
                self.counts[each._meta.label] += len(rows)

    def _write(self, model: type[Model], columns: tuple[str, ...], rows: list[Row]) -> None:
        fields: list[Field[Any, Any]] = [model._meta.get_field(name) for name in columns]  # type: ignore[misc]
        given = {field.attname for field in fields}
        rest = [field for field in model._meta.concrete_fields if field.attname not in given]
        defaults = tuple(field.get_default() for field in rest)
        if not self.copy:
            names = [field.attname for field in fields] + [field.attname for field in rest]
            model._default_manager.bulk_create(
                [model(**dict(zip(names, (*row, *defaults), strict=True))) for row in rows], batch_size=2000
            )
            return
        all_fields = fields + rest
        json_at = [index for index, field in enumerate(all_fields) if isinstance(field, JSONField)]
        quoted = ", ".join(connection.ops.quote_name(str(field.column)) for field in all_fields)
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                values = [*row, *defaults]
                for index in json_at:
                    values[index] = json.dumps(values[index], ensure_ascii=False)
                copy.write_row(values)

    # --- PostgreSQL: foreign keys off for the load, sequences after it ---------------------------------------------

    def drop_foreign_keys(self, models: Iterable[type[Model]]) -> None:
        """Drop the foreign keys of the models' tables for the load (PostgreSQL; inside the load's transaction)."""
        if not self.copy:
            return
        tables = [model._meta.db_table for model in models]
        with connection.cursor() as cursor:
            # Check what is pending first (a table with queued deferred checks cannot be altered), then defer again.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(
                "SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
                [tables],
            )
            self._dropped = list(cursor.fetchall())
            for table, name, _definition in self._dropped:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")

    def restore_foreign_keys(self) -> None:
        """Add the dropped foreign keys back; PostgreSQL checks every row against each as it does."""
        with connection.cursor() as cursor:
            for table, name, definition in self._dropped:
                cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
        self._dropped = []

    def reset_sequences(self) -> None:
        """Move each filled table's id sequence past the ids given here, so later inserts get fresh ones."""
        models = list(self._next_id)
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
