"""The base of every admin with a history: simple_history's pages, made safe to expose.

simple_history's history form (`…/history/<record id>/`) checks only view *or* change permission
and then saves whatever is POSTed, so a reader could edit any record through it, and bring back a
deleted one. Here the form is a read-only view of the old record for anyone who may not change
the record today; a POST (a revert) needs change permission on a record that still exists (a
deleted one comes back only through the admin-only "Deleted records") and a model whose admin
allows reverting at all (`revert_disabled`: claims change status only through notes).
"""

import datetime
import re

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from factdb.admin_widgets import MAX_ID, CheckedAutocompleteAdminMixin

READ_ONLY_FLAG = "_factdb_history_form_read_only"


def record_id(text: str) -> int:
    """The history record id in the URL, or a 404 for anything that is not one ("abc", "1e5")."""
    if not text.isascii() or not text.isdigit() or int(text) > MAX_ID:
        raise Http404(_("No such history record."))
    return int(text)


def date_drilldown_error(request, field_name: str) -> str | None:
    """What is wrong with the list's date drill-down parameters, when they name no real period.

    Django's changelist reads `?<date>__year=9999` as up to 10000-01-01, which is no date (a
    500), and sends a month 13 to its "?e=1" error page; both are a 400 naming the parameter.
    """
    names = [f"{field_name}__{part}" for part in ("year", "month", "day")]
    given = {name: request.GET[name] for name in names if name in request.GET}
    if not given:
        return None
    parts = []
    for name in names:
        raw = given.get(name)
        if raw is None:
            break
        if not re.fullmatch(r"[0-9]{1,4}", raw):
            return _("%(name)s must be a number, not %(raw)r.") % {"name": name, "raw": raw[:20]}
        parts.append(int(raw))
    if len(parts) != len(given):
        return _("%(given)s: a month needs its year, a day its month.") % {
            "given": ", ".join(given)
        }
    year, month, day = parts + [1] * (3 - len(parts))
    try:
        datetime.date(year, month, day)
    except ValueError as error:
        return f"{', '.join(given)}: {error}."
    # The period must end inside the calendar too: Django filters up to the next year, month or
    # day, which for any date in 9999 may be 10000-01-01.
    if year == datetime.MAXYEAR:
        return _("%(name)s: years run to %(last)s here.") % {
            "name": names[0],
            "last": datetime.MAXYEAR - 1,
        }
    return None


class HistoryAdmin(CheckedAutocompleteAdminMixin, SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history form writes only for those who may change the record.

    Also, for every admin built on it: autocomplete boxes that survive a value which is not an
    id (factdb/admin_widgets.py), and a date drill-down that answers a bad date with a 400.
    """

    def changelist_view(self, request, extra_context=None):
        if self.date_hierarchy and (error := date_drilldown_error(request, self.date_hierarchy)):
            return HttpResponseBadRequest(error, content_type="text/plain; charset=utf-8")
        return super().changelist_view(request, extra_context)

    def may_revert(self, request, obj) -> bool:
        return (
            obj is not None
            and self.has_change_permission(request, obj)
            and not self.revert_disabled(request, obj)
        )

    def object_pk(self, object_id: str):
        """The primary key in the URL, or a 404 for one no row can have ("abc", "1e5")."""
        try:
            pk = self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404(_("No such record.")) from None
        if isinstance(pk, int) and not 0 < pk <= MAX_ID:
            raise Http404(_("No such record."))
        return pk

    # simple-history's own titles, in our catalogue: the package has no Spanish one.
    def history_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return _("View history: %s") % obj
        return _("Change history: %s") % obj

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return _("View %s") % obj
        return _("Revert %s") % obj

    def history_view(self, request, object_id, extra_context=None):
        pk = self.object_pk(object_id)
        return super().history_view(request, str(pk), extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        version_id = record_id(version_id)
        pk = self.object_pk(object_id)
        # The record as it is today: None once deleted.
        current = self.get_queryset(request).filter(pk=pk).first()
        read_only = not self.may_revert(request, current)
        if read_only and request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        # Read by get_form while this request renders the form.
        setattr(request, READ_ONLY_FLAG, read_only)
        return super().history_form_view(request, str(pk), str(version_id), extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not getattr(request, READ_ONLY_FLAG, False):
            return form

        class ReadOnlyForm(form):
            # Every field shown disabled: the old record is to read, not to post back.
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for field in self.fields.values():
                    field.disabled = True

        return ReadOnlyForm

    def revert_disabled(self, request, obj=None):
        # Hides the "Revert" button wherever history_form_view would refuse the POST.
        return super().revert_disabled(request, obj) or not self.has_change_permission(request, obj)
