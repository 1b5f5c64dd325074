"""A measure's page over HTTP: its claims with agreement marks, the timeline chart, suggestions.

Agreement is computed over the claims the reader may see, so an anonymous reader (public read)
learns nothing about unverified claims from a conflict mark; suggestions, drawn from every
unattached claim, are for signed-in readers only.
"""

import json

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers
from rest_framework.renderers import BaseRenderer
from rest_framework.reverse import reverse

from claims.agreement.comparison import Assessment, assess_measure
from claims.agreement.suggestions import suggest_claims
from claims.agreement.timeline import measure_timeline_svg
from claims.api.serializers import MeasureSerializer
from claims.selectors import visible_claims


class SVGRenderer(BaseRenderer):
    media_type = "image/svg+xml"
    format = "svg"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, str):
            return data.encode()
        # An error (404, 403, throttled) is still JSON that names the problem.
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return json.dumps(data).encode()


def measure_assessment(measure, request) -> Assessment:
    return assess_measure(measure, claims=visible_claims(request.user))


def timeline_for(measure, request) -> str:
    return measure_timeline_svg(measure, measure_assessment(measure, request))


_MARKED_CLAIM = inline_serializer(
    "MarkedClaim",
    {
        "id": serializers.IntegerField(),
        "url": serializers.URLField(),
        "figure": serializers.CharField(),
        "interval": serializers.CharField(
            help_text=gettext_lazy("What the hedge allows, on the common scale")
        ),
        "quote": serializers.CharField(),
        "claim_date": serializers.DateField(),
        "status": serializers.CharField(),
        "agreement": serializers.ChoiceField(choices=["agree", "conflict", "alone"]),
        "agrees_with": serializers.ListField(child=serializers.IntegerField()),
        "conflicts_with": serializers.ListField(child=serializers.IntegerField()),
        "incomparable_with": serializers.ListField(child=serializers.IntegerField()),
        "agrees_count": serializers.IntegerField(),
        "conflicts_count": serializers.IntegerField(),
        "incomparable_count": serializers.IntegerField(),
        "flags": serializers.ListField(child=serializers.CharField()),
    },
    many=True,
)
_PAIR = inline_serializer(
    "AgreementPair",
    {
        "a": serializers.IntegerField(),
        "b": serializers.IntegerField(),
        "verdict": serializers.ChoiceField(choices=["agree", "conflict", "incomparable"]),
        "reason": serializers.CharField(),
    },
    many=True,
)
_SUGGESTION = inline_serializer(
    "SuggestedClaim",
    {
        "id": serializers.IntegerField(),
        "url": serializers.URLField(),
        "figure": serializers.CharField(),
        "quote": serializers.CharField(),
        "score": serializers.FloatField(),
        "reasons": serializers.ListField(child=serializers.CharField()),
    },
    many=True,
)


class MeasureDetailSerializer(MeasureSerializer):
    claims = serializers.SerializerMethodField()
    agreement = serializers.SerializerMethodField()
    agreement_complete = serializers.SerializerMethodField()
    suggested_claims = serializers.SerializerMethodField()
    timeline_svg = serializers.SerializerMethodField()

    class Meta(MeasureSerializer.Meta):
        fields = [
            *MeasureSerializer.Meta.fields,
            "claims",
            "agreement",
            "agreement_complete",
            "suggested_claims",
            "timeline_svg",
        ]

    def to_representation(self, instance):
        self._assessment = measure_assessment(instance, self.context["request"])
        data = super().to_representation(instance)
        if not self.context["request"].user.is_authenticated:
            data.pop("suggested_claims", None)
        return data

    @extend_schema_field(_MARKED_CLAIM)
    def get_claims(self, measure):
        request = self.context["request"]
        figures = {f.claim_id: f for f in self._assessment.figures}
        claims = {c.pk: c for c in measure.claims.filter(pk__in=figures)}
        rows = []
        for claim_id, figure in figures.items():
            mark, claim = self._assessment.marks[claim_id], claims[claim_id]
            rows.append(
                {
                    "id": claim_id,
                    "url": reverse("claim-detail", args=[claim_id], request=request),
                    "figure": figure.label,
                    "interval": f"{figure.bounds.describe()} {figure.scale_unit}",
                    "quote": claim.quote,
                    "claim_date": claim.claim_date,
                    "status": claim.status,
                    "agreement": mark.state,
                    "agrees_with": mark.agrees_with,
                    "conflicts_with": mark.conflicts_with,
                    "incomparable_with": mark.incomparable_with,
                    "agrees_count": mark.count("agrees"),
                    "conflicts_count": mark.count("conflicts"),
                    "incomparable_count": mark.count("incomparable"),
                    "flags": mark.flags,
                }
            )
        return rows

    @extend_schema_field(_PAIR)
    def get_agreement(self, measure):
        return [
            {"a": p.a, "b": p.b, "verdict": str(p.verdict), "reason": p.reason}
            for p in self._assessment.pairs
        ]

    @extend_schema_field(
        serializers.BooleanField(
            help_text=gettext_lazy(
                "False on a measure with many claims: `agreement` then lists the first "
                "conflicts only, and each claim's lists the first few ids (its counts are exact)."
            )
        )
    )
    def get_agreement_complete(self, measure) -> bool:
        return self._assessment.complete

    @extend_schema_field(_SUGGESTION)
    def get_suggested_claims(self, measure):
        request = self.context["request"]
        if not request.user.is_authenticated:
            return []
        return [
            {
                "id": s.claim.pk,
                "url": reverse("claim-detail", args=[s.claim.pk], request=request),
                "figure": s.claim.figure,
                "quote": s.claim.quote,
                "score": s.score,
                "reasons": s.reasons,
            }
            for s in suggest_claims(measure)
        ]

    @extend_schema_field(serializers.URLField(help_text=gettext_lazy("The timeline chart (SVG).")))
    def get_timeline_svg(self, measure):
        request = self.context["request"]
        return reverse(
            "measure-timeline", kwargs={"pk": measure.pk, "format": "svg"}, request=request
        )
