"""Inserting a batch's rows in one go. On PostgreSQL with COPY: no statement to build, quote and
parse for thousands of values (for a batch's registry look-ups, building and splitting the
multi-row INSERT took a third of the batch's time in the worker); elsewhere `bulk_create`."""

from django.db import connections, router


def insert(objects: list) -> list:
    """Insert unsaved instances of one model, in their order: their primary keys are set, in
    ascending order, as `bulk_create` sets them."""
    if not objects:
        return objects
    model = type(objects[0])
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(objects)
    meta = model._meta
    table = connection.ops.quote_name(meta.db_table)
    with connection.cursor() as cursor:
        # The ids first, from the table's own sequence, so they are known without reading back.
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objects)],
        )
        for instance, (pk,) in zip(objects, sorted(cursor.fetchall()), strict=True):
            instance.pk = pk
        fields = meta.concrete_fields
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for instance in objects:
                copy.write_row(
                    [
                        field.get_db_prep_save(field.pre_save(instance, True), connection)
                        for field in fields
                    ]
                )
    for instance in objects:
        instance._state.adding, instance._state.db = False, connection.alias
    return objects


def update(objects: list, fields: list[str]) -> None:
    """Write these fields of saved instances of one model: a value all of them have in one plain
    UPDATE, and only the values that differ in a bulk update (one CASE a field, which Django
    builds value by value)."""
    if not objects:
        return
    model, first = type(objects[0]), objects[0]
    shared = {
        name: getattr(first, name)
        for name in fields
        if all(getattr(instance, name) == getattr(first, name) for instance in objects)
    }
    if shared:
        model.objects.filter(pk__in=[instance.pk for instance in objects]).update(**shared)
    if differing := [name for name in fields if name not in shared]:
        model.objects.bulk_update(objects, differing)
