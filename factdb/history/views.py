"""Admin pages for deleted rows: what can be restored, and the button that restores it.

Mounted under /admin/deleted/ by factdb/urls.py; the admin's own changelists never show deleted
rows, so this is where an administrator finds them.
"""

from django.contrib import admin, messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from factdb.history.recovery import deleted_records, may_restore, record_restore, recoverable_models


def deleted_list(request):
    sections = [
        {"opts": model._meta, "records": [_row(record) for record in deleted_records(model)]}
        for model in recoverable_models()
        if may_restore(request.user, model)
    ]
    if not sections:
        raise PermissionDenied
    context = {
        **admin.site.each_context(request),
        "title": _("Deleted records"),
        "sections": sections,
    }
    return TemplateResponse(request, "admin/deleted_records.html", context)


def _row(record) -> dict:
    opts = record.instance_type._meta
    try:
        label = str(record.instance)
    except ObjectDoesNotExist:
        # Its own __str__ reads a related row that is gone as well.
        label = f"{opts.verbose_name} #{getattr(record, opts.pk.attname)}"
    return {"record": record, "label": label}


@require_POST
def restore(request, app_label, model_name, history_id):
    model = next(
        (
            m
            for m in recoverable_models()
            if (m._meta.app_label, m._meta.model_name) == (app_label, model_name)
        ),
        None,
    )
    if model is None:
        raise Http404("Rows of this kind are not restored from here.")
    if not may_restore(request.user, model):
        raise PermissionDenied
    record = get_object_or_404(model.history.model, history_id=history_id)
    try:
        obj = record_restore(record=record, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(reverse("deleted-records"))
    messages.success(request, f"Restored {model._meta.verbose_name} “{obj}”.")
    try:
        return HttpResponseRedirect(
            reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk])
        )
    except NoReverseMatch:
        return HttpResponseRedirect(reverse("deleted-records"))


urlpatterns = [
    path("", admin.site.admin_view(deleted_list), name="deleted-records"),
    path(
        "<str:app_label>/<str:model_name>/<int:history_id>/restore/",
        admin.site.admin_view(restore),
        name="deleted-record-restore",
    ),
]
