"""Withdrawing a source from its page: the reason, then what it does to the source's claims.

The same write as `manage.py withdraw_source` (claims.lineage_services.source_withdraw): the
source is marked withdrawn, its claims stay, and each one not rejected gets a correction that
travels to the fact sheets citing it.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from claims.lineage_services import source_withdraw
from claims.models import Status

REASON_MAX_LENGTH = 2000


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is it withdrawn?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Readers of every fact sheet citing this source will see it in the correction."
        ),
        error_messages={"required": gettext_lazy("Say why the source is withdrawn.")},
    )


def withdraw_view(model_admin, request, object_id):
    """GET: the form and what withdrawing will do; POST: withdraw, back to the source's page."""
    source = model_admin.get_object(request, unquote(object_id))
    if source is None:
        raise Http404(_("No such source."))
    if not model_admin.has_change_permission(request, source):
        raise PermissionDenied
    page = reverse("admin:sources_source_change", args=[source.pk])
    if source.withdrawn_at:
        messages.warning(request, _("This source was already withdrawn."))
        return HttpResponseRedirect(page)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            corrections = source_withdraw(
                source=source, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Source withdrawn; %(count)d claim has a correction.",
                    "Source withdrawn; %(count)d claims have a correction.",
                    len(corrections),
                )
                % {"count": len(corrections)},
            )
            return HttpResponseRedirect(page)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Withdraw “%(title)s”") % {"title": source.title},
        "source": source,
        "form": form,
        "claims_affected": source.claims.exclude(status=Status.REJECTED).count(),
        "back": page,
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "admin/sources/source/withdraw.html", context, status=status)
