"""Bring back deleted rows from their history: sources, publishers, claimants, notes, fact sheets.

Deleting is for administrators only (editors and journalists have no delete permission on these),
and simple_history keeps a "-" record of every deleted row. The admin lists those records
(`deleted_records`) and restores one (`record_restore`): the row comes back with its id, its
timestamps and its fields as they were when it was deleted, and its history gets a "+" record
naming the person who restored it. Claims are never deleted, so they are not here.

Many-to-many fields kept with the history (a note's evidence sources) come back with the row.
"""

import datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from factdb.history.m2m import m2m_in_last_record

RECOVERABLE = [
    "sources.Source",
    "sources.Publisher",
    "sources.Claimant",
    "claims.VerificationNote",
    "claims.FactSheet",
    "claims.Measure",
    "claims.Tag",
]
# A fact sheet's items are deleted with it, a moment before the sheet's own "-" record.
CASCADE_WINDOW = datetime.timedelta(minutes=1)


def recoverable_models():
    return [apps.get_model(label) for label in RECOVERABLE]


def may_restore(user, model) -> bool:
    """Whoever may delete a row may bring it back."""
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.delete_{opts.model_name}")


def deleted_records(model, limit: int = 200) -> list:
    """The latest "-" record of each deleted row of `model` that has not come back, newest first."""
    records = (
        model.history.filter(history_type="-")
        .exclude(**{f"{model._meta.pk.attname}__in": model._default_manager.values("pk")})
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    latest = {}
    for record in records.iterator():
        latest.setdefault(_object_pk(record), record)
        if len(latest) >= limit:
            break
    return list(latest.values())


def _object_pk(record):
    return getattr(record, record.instance_type._meta.pk.attname)


@transaction.atomic
def record_restore(*, record, user):
    """Put the row of a "-" record back as it was; returns the restored object.

    Raises ValidationError with a readable message when the row exists again, or when it cannot
    come back as it was (a row it points to is gone, or its unique name is taken now).
    """
    model = record.instance_type
    if record.history_type != "-":
        raise ValidationError("Only a deletion record can be restored.")
    if model._default_manager.filter(pk=_object_pk(record)).exists():
        raise ValidationError(f"This {model._meta.verbose_name} exists again; nothing to restore.")
    restored = _put_back(record, user)
    if model._meta.label == "claims.FactSheet":
        for item_record in _items_deleted_with(record):
            _put_back(item_record, user)
    return restored


def _put_back(record, user):
    obj = record.instance
    try:
        obj.full_clean()
        related = {field.name: _kept_m2m(record, field) for field in _m2m_fields(record)}
    except ValidationError as error:
        raise ValidationError(
            f"{obj._meta.verbose_name} “{obj}” cannot come back: {' '.join(error.messages)}"
        ) from None
    try:
        with transaction.atomic():
            # A raw save keeps created_at/updated_at as recorded and skips save() rules meant for
            # new rows (a note's append-only check); the history record is written below instead.
            obj.save_base(raw=True, force_insert=True)
    except IntegrityError as error:
        raise ValidationError(
            f"{obj._meta.verbose_name} “{obj}” cannot come back: {error}"
        ) from None
    # The record names who restored it; the reason points at the deletion it undoes (and must
    # fit history_change_reason's 100 characters).
    reason = f"Restored after its deletion on {record.history_date:%Y-%m-%d %H:%M} UTC"
    type(obj).history.bulk_history_create([obj], default_user=user, default_change_reason=reason)
    for name, targets in related.items():
        with m2m_in_last_record(obj, name):
            getattr(obj, name).set(targets)
    return obj


def _m2m_fields(record) -> list:
    return list(getattr(record, "_history_m2m_fields", ()))


def _kept_m2m(record, field) -> list:
    """The rows `field` pointed to when the row was deleted; all must exist to be linked again.

    Read from the record before the "-" one: Django removes the links before the row, so the
    deletion record itself holds none.
    """
    before = record.prev_record or record
    snapshot = getattr(before, field.name).model
    column = f"{field.m2m_reverse_field_name()}_id"
    wanted = set(snapshot.objects.filter(history=before).values_list(column, flat=True))
    found = list(field.related_model._default_manager.filter(pk__in=wanted))
    missing = wanted - {row.pk for row in found}
    if missing:
        ids = ", ".join(str(pk) for pk in sorted(missing))
        raise ValidationError(
            f"its {field.verbose_name} no longer exist ({field.related_model._meta.verbose_name} "
            f"{ids}); restore those first."
        )
    return found


def _items_deleted_with(sheet_record) -> list:
    FactSheetItem = apps.get_model("claims", "FactSheetItem")
    records = FactSheetItem.history.filter(
        history_type="-",
        sheet_id=_object_pk(sheet_record),
        history_date__gte=sheet_record.history_date - CASCADE_WINDOW,
        history_date__lte=sheet_record.history_date,
    ).exclude(id__in=FactSheetItem.objects.values("pk"))
    latest = {}
    for record in records.order_by("-history_date", "-history_id"):
        latest.setdefault(record.id, record)
    return sorted(latest.values(), key=lambda r: (r.position, r.id))
