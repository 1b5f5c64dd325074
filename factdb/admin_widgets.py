"""Admin autocomplete boxes that survive a value which is not an id.

Django's autocomplete widget looks up the selected value to draw its label, before the form has
said the value is invalid: `?source=abc` on an add form, or `source=abc` posted, was a ValueError
(a 500) instead of the form's "Select a valid choice". These widgets draw only values that can be
ids; the form still names the bad one.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError

# The largest id a BigAutoField holds.
MAX_ID = 2**63 - 1


def can_be_id(field, value) -> bool:
    try:
        parsed = field.to_python(value)
    except (ValidationError, ValueError, TypeError):
        return False
    return not isinstance(parsed, int) or -MAX_ID <= parsed <= MAX_ID


class CheckedIdsMixin:
    def optgroups(self, name, value, attr=None):
        target = self.field.target_field
        return super().optgroups(name, [v for v in value if can_be_id(target, v)], attr)


class CheckedAutocompleteSelect(CheckedIdsMixin, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(CheckedIdsMixin, AutocompleteSelectMultiple):
    pass


class CheckedAutocompleteAdminMixin:
    """For a ModelAdmin or an inline: its autocomplete_fields drawn by the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
