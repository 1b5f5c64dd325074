"""The dashboard on the admin index: claims by status, each count a link into the queue."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from claims.lineage_selectors import appearances_to_recheck, lineages_drifted, sheets_to_republish
from claims.models import Claim, Status

register = template.Library()


@register.inclusion_tag("admin/claims/dashboard.html", takes_context=True)
def desk_dashboard(context):
    user = context["request"].user
    if not user.has_perm("claims.view_claim"):
        return {"show": False}
    counts = Claim.objects.counts_by_status(user)
    changelist = reverse("admin:claims_claim_changelist")

    def link(**params):
        return f"{changelist}?{urlencode(params)}"

    open_rows = [counts.get(status, {}) for status in Status.OPEN]
    return {
        "show": True,
        "queue": [
            (_("To review"), sum(row.get("total", 0) for row in open_rows), link(queue="open")),
            (
                _("Assigned to me"),
                sum(row.get("mine", 0) for row in open_rows),
                link(queue="open", assigned="me"),
            ),
            (
                _("Proposals to decide"),
                counts.get(Status.UNVERIFIED, {}).get("proposed", 0),
                link(queue="proposed"),
            ),
        ],
        "by_status": [
            (label, counts.get(status, {}).get("total", 0), link(status__exact=status))
            for status, label in Status.choices
        ],
        # Corrections that travel: sheets to republish, other appearances of a corrected figure,
        # and figures whose meaning changed on the way (claims.lineage_selectors).
        "republish": list(sheets_to_republish()[:50])
        if user.has_perm("claims.view_factsheet")
        else [],
        "recheck": appearances_to_recheck(),
        "drifted": lineages_drifted(),
    }
