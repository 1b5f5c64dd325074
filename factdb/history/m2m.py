"""One write, one history record, even when the write also sets a many-to-many field.

Claim.history keeps a claim's tags and VerificationNote.history a note's evidence sources with
each record (`m2m_fields`), and simple_history writes an extra "~" record for every add, remove
or clear on them. A form, an API call or a service that saves a row and then sets its tags or
sources would leave two or three records for what the person did once. Inside
`m2m_in_last_record(obj, field)` changes to the field write no record of their own; afterwards
the field's rows are copied into the record the row's save() wrote.

`bulk_history_with_m2m(model, objs)` writes first records the way simple_history's
`bulk_history_create` does, with each many-to-many field's rows as they are: without them a
seeded claim's first record holds no tags, and its first verdict reads "tags: (empty) → border".
"""

from contextlib import contextmanager


@contextmanager
def m2m_in_last_record(obj, field: str):
    """Set `obj`'s many-to-many `field` in the block; its latest history record then holds it."""
    obj.skip_history_when_saving = True
    try:
        yield
    finally:
        del obj.skip_history_when_saving
    copy_m2m_into_record(obj, field, obj.history.latest())


def tags_in_last_record(claim):
    return m2m_in_last_record(claim, "tags")


def copy_m2m_into_record(obj, field: str, record) -> None:
    """Make `record`'s snapshot of `field` what `obj` holds now."""
    snapshot = getattr(record, field).model
    snapshot.objects.filter(history=record).delete()
    through = getattr(type(obj), field).through
    source_name = getattr(type(obj), field).field.m2m_field_name()
    target_name = getattr(type(obj), field).field.m2m_reverse_field_name()
    rows = through.objects.filter(**{source_name: obj})
    snapshot.objects.bulk_create(
        snapshot(
            history=record,
            id=row.id,
            **{f"{source_name}_id": getattr(row, f"{source_name}_id")},
            **{f"{target_name}_id": getattr(row, f"{target_name}_id")},
        )
        for row in rows
    )


def bulk_history_with_m2m(model, objs, **kwargs) -> None:
    """One history record for each of `objs`, holding its many-to-many rows too."""
    model.history.bulk_history_create(objs, **kwargs)
    fields = [field.name for field in getattr(model.history.model, "_history_m2m_fields", ())]
    if not fields:
        return
    for obj in objs:
        record = obj.history.latest()
        for field in fields:
            copy_m2m_into_record(obj, field, record)
