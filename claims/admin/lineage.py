"""The claim page's lineage: its figure's appearances as a small timeline, with the editor's
confirm, split and merge (claims.lineage_services), each a POST back to the claim page."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims import lineage_services
from claims.admin.desk import posted_to_a_claim
from claims.agreement.lineage import PRECEDENCE
from claims.lineage_selectors import claim_lineage, lineage_rows
from claims.models import Claim

RELATION_LABELS = {
    "first": gettext_lazy("first"),
    "same": gettext_lazy("same"),
    "rounded": gettext_lazy("rounded"),
    "hedge_changed": gettext_lazy("hedge changed"),
    "unit_changed": gettext_lazy("unit changed"),
    "translated": gettext_lazy("translated"),
    "rescaled": gettext_lazy("rescaled"),
}
assert set(PRECEDENCE) < set(RELATION_LABELS)


def lineage_context(claim: Claim, *, can_change: bool) -> dict:
    view, lineage = claim_lineage(claim)
    rows = lineage_rows(view) if lineage else []
    return {
        "desk_lineage": rows,
        "desk_lineage_html": timeline_items(rows, claim.pk),
        "desk_lineage_id": lineage.pk if lineage else None,
        "desk_lineage_proposed": any(not row["confirmed"] for row in rows) if lineage else False,
        "desk_lineage_url": reverse("admin:claims_claim_lineage", args=[claim.pk]),
        "desk_lineage_can_change": can_change,
    }


def timeline_items(rows: list[dict], this_claim: int) -> str:
    """The timeline's <li> items, built here rather than in a template loop: a lineage of 1,000
    appearances renders in a tenth of the time (bench/lineage.py)."""
    change_url = reverse("admin:claims_claim_change", args=[0]).replace("/0/", "/{}/")
    this, proposed = _("this claim"), _("proposed")
    changed = _("Meaning changed: %(why)s")
    items = []
    for row in rows:
        is_this = row["claim"] == this_claim
        classes = f"desk-appearance desk-relation-{row['relation']}"
        classes += " desk-this" if is_this else ""
        classes += " desk-drift" if row["drift"] else ""
        figure = (
            format_html("<strong>{}</strong> ({})", row["figure"], this)
            if is_this
            else format_html('<a href="{}">{}</a>', change_url.format(row["claim"]), row["figure"])
        )
        mark = ""
        if not row["confirmed"]:
            mark = format_html(' <span class="desk-proposed">{}</span>', proposed)
        why = changed % {"why": row["drift"]}
        drift = format_html('<span class="desk-drift-why">{}</span>', why) if row["drift"] else ""
        items.append(
            format_html(
                '<li class="{}"><span class="desk-when">{}</span> '
                '<span class="desk-relation">{}</span> <span class="desk-who">{} · {}</span> '
                '{}{} <q lang="{}">{}</q>{}</li>',
                classes,
                row["published_display"],
                RELATION_LABELS[row["relation"]],
                row["publisher"],
                row["language"],
                figure,
                mark,
                row["language"],
                row["quote"],
                drift,
            )
        )
    return mark_safe("\n".join(items))  # noqa: S308  (each item is format_html's, escaped)


class LineageForm(forms.Form):
    action = forms.ChoiceField(choices=[(name, name) for name in ("confirm", "split", "merge")])
    other = forms.IntegerField(required=False, min_value=1)


@posted_to_a_claim
def lineage_view(model_admin, request, claim):
    back = reverse("admin:claims_claim_change", args=[claim.pk]) + "#desk-lineage"
    form = LineageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose confirm, split or merge (with a claim's number)."))
        return HttpResponseRedirect(back)
    action, other_id = form.cleaned_data["action"], form.cleaned_data["other"]
    try:
        if action == "confirm":
            _view, lineage = claim_lineage(claim)
            if lineage is None:
                raise ValidationError(_("This claim is in no lineage: nothing to confirm."))
            count = lineage_services.lineage_confirm(lineage=lineage, user=request.user)
            messages.success(request, _("Confirmed %(n)d appearances.") % {"n": count})
        elif action == "split":
            lineage_services.lineage_split(claims=[claim], user=request.user)
            messages.success(request, _("This claim is now a figure of its own."))
        else:
            other = Claim.objects.filter(pk=other_id).first() if other_id else None
            if other is None or other.pk == claim.pk:
                raise ValidationError(_("Give the number of another claim to merge with."))
            lineage_services.lineage_merge_claims(claim=claim, other=other, user=request.user)
            merged = _("Merged: claim %(id)d is an appearance of this figure.")
            messages.success(request, merged % {"id": other.pk})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return HttpResponseRedirect(back)
