"""Measures in the admin: the list, and the measure page with every claim on the measure, its
agreement and conflict marks, the timeline chart, and unattached claims suggested for it, each one
click from being attached.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from claims import services
from claims.agreement.comparison import assess_measure
from claims.agreement.suggestions import suggest_claims
from claims.agreement.timeline import measure_timeline_svg
from claims.lineage_selectors import first_appearances
from claims.models import Claim, ConcurrentEditError, Measure, Status
from factdb.history.admin import HistoryAdmin


def measure_page_context(measure) -> dict:
    assessment = assess_measure(measure)
    figures = {f.claim_id: f for f in assessment.figures}
    claims = Claim.objects.filter(pk__in=figures).select_related("source__publisher")
    claims = {c.pk: c for c in claims}
    firsts = first_appearances(claims.values())
    rows = [
        {
            "claim": claims[claim_id],
            "figure": figure,
            "mark": assessment.marks[claim_id],
            "interval": f"{figure.bounds.describe()} {figure.scale_unit}",
            "first_appearance": claim_id in firsts,
        }
        for claim_id, figure in figures.items()
    ]
    return {
        "agreement_rows": rows,
        "conflict_pairs": [p for p in assessment.pairs if p.verdict == "conflict"],
        "incomparable_pairs": [p for p in assessment.pairs if p.verdict == "incomparable"],
        "agreement_complete": assessment.complete,
        # Safe: claims.agreement.timeline escapes every piece of text it writes into the SVG.
        "timeline_svg": mark_safe(measure_timeline_svg(measure, assessment)),  # noqa: S308
        "suggestions": suggest_claims(measure),
        "retracted_count": measure.claims.filter(status=Status.RETRACTED).count(),
    }


class MeasureAdmin(HistoryAdmin):
    list_display = ["label", "default_unit", "cumulative"]
    search_fields = ["label", "definition"]
    change_form_template = "admin/claims/measure/change_form.html"

    def get_urls(self):
        attach = self.admin_site.admin_view(self.attach_view)
        return [
            path("<path:object_id>/attach/<int:claim_id>/", attach, name="claims_measure_attach"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        measure = self.get_object(request, unquote(object_id))
        if measure is not None:
            extra_context = {**(extra_context or {}), **measure_page_context(measure)}
        return super().change_view(request, object_id, form_url, extra_context)

    def attach_view(self, request, object_id, claim_id):
        """An editor confirms a suggestion: the claim joins this measure."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("claims.change_claim"):
            raise PermissionDenied
        measure = get_object_or_404(Measure, pk=unquote(object_id))
        claim = get_object_or_404(Claim, pk=claim_id)
        page = reverse("admin:claims_measure_change", args=[measure.pk])
        if claim.measure_id is not None:
            self.message_user(
                request,
                _("Claim #%(pk)s is already on “%(measure)s”.")
                % {"pk": claim.pk, "measure": claim.measure},
                messages.WARNING,
            )
            return HttpResponseRedirect(page)
        try:
            services.claim_update(
                claim=claim, author=request.user, expected_version=claim.version, measure=measure
            )
        except ConcurrentEditError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(page)
        self.message_user(
            request,
            _("Claim #%(pk)s (%(figure)s) is now on this measure.")
            % {"pk": claim.pk, "figure": claim.figure},
        )
        return HttpResponseRedirect(page)
