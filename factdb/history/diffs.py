"""Readable history: what changed between two historical records, as "field: old → new" lines.

Values are shown the way the admin shows them (choice labels, related objects by name, figures
without trailing zeros); bookkeeping that changes on every save (version, timestamps) is left out.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import ManyToManyField
from django.utils.translation import gettext_lazy
from simple_history.utils import get_m2m_reverse_field_name

BOOKKEEPING = ["version", "updated_at", "created_at"]
EMPTY = gettext_lazy("(empty)")


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


def readable_changes(record, previous) -> list[Change]:
    """The changes from `previous` to `record`, two historical records of the same object."""
    model = record.instance_type
    excluded = [name for name in BOOKKEEPING if _has_field(model, name)]
    delta = record.diff_against(previous, excluded_fields=excluded, foreign_keys_are_objs=True)
    changes = []
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        changes.append(
            Change(str(field.verbose_name), _shown(field, change.old), _shown(field, change.new))
        )
    return changes


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def _shown(field, value) -> str:
    if isinstance(field, ManyToManyField):
        related = get_m2m_reverse_field_name(field)
        names = sorted(str(row[related]) for row in value or [])
        return ", ".join(names) or str(EMPTY)
    if value is None or value == "":
        return str(EMPTY)
    if field.choices:
        # Lower-cased so a line reads as a phrase: "status: unverified → verified".
        return str(dict(field.flatchoices).get(value, value)).lower()
    if isinstance(value, Decimal):
        return f"{value.normalize():,f}"  # every digit stored: a history line shows the change
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
